// The C ABI as a program in another language meets it: this program links libvanban.so
// (the build tree's) and includes only vanban/vanban.h.
#include <catch2/catch.hpp>

#include <iconv.h>
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"
#include "vanban/vanban.h"

using vanban::testing::read_file;

namespace {

const std::string source_dir = VANBAN_SOURCE_DIR;
const std::string templates = source_dir + "/templates";

struct EngineDeleter {
    void operator()(vanban_engine* e) const { vanban_engine_free(e); }
};
struct ResultDeleter {
    void operator()(vanban_result* r) const { vanban_result_free(r); }
};
using EnginePtr = std::unique_ptr<vanban_engine, EngineDeleter>;
using ResultPtr = std::unique_ptr<vanban_result, ResultDeleter>;

EnginePtr repo_engine() {
    const char* dirs[] = {templates.c_str()};
    return EnginePtr(vanban_engine_new(dirs, 1, nullptr, 0, "2024-01-02T03:04:05Z"));
}

ResultPtr render(const vanban_engine* engine, const std::string& data, const char* format,
                 const char* template_name = "ke-hoach", const char* data_name = nullptr) {
    return ResultPtr(vanban_render(engine, template_name, data.data(), data.size(), format, nullptr, data_name));
}

std::string bytes_of(const vanban_result* result) {
    size_t length = 0;
    const unsigned char* bytes = vanban_result_bytes(result, &length);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes), length) : std::string();
}

const std::string example = read_file(templates + "/ke-hoach/example.json");

struct OptionsDeleter {
    void operator()(vanban_render_options* o) const { vanban_render_options_free(o); }
};
using OptionsPtr = std::unique_ptr<vanban_render_options, OptionsDeleter>;

OptionsPtr options_with(const char* input_encoding, const char* data_name = nullptr, const char* profile = nullptr) {
    OptionsPtr options(vanban_render_options_new());
    REQUIRE(options);
    REQUIRE(vanban_render_options_set_input_encoding(options.get(), input_encoding) == 1);
    REQUIRE(vanban_render_options_set_data_name(options.get(), data_name) == 1);
    REQUIRE(vanban_render_options_set_profile(options.get(), profile) == 1);
    return options;
}

ResultPtr render_with(const vanban_engine* engine, const std::string& data, const char* format,
                      const vanban_render_options* options, const char* template_name = "ke-hoach") {
    return ResultPtr(vanban_render_with(engine, template_name, data.data(), data.size(), format, options));
}

// `text` as TCVN3 (VN3) bytes, by glibc's converter: what a file saved from a .Vn font
// holds. The texts below have no upper-case toned letter, which VN3 lacks (glibc would
// write VN1's control bytes for them).
std::string tcvn3_bytes(const std::string& text) {
    iconv_t converter = iconv_open("TCVN5712-1", "UTF-8");
    REQUIRE(converter != reinterpret_cast<iconv_t>(-1));
    std::string out(text.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    char* at = out.data();
    size_t in_left = text.size(), out_left = out.size();
    const size_t converted = iconv(converter, &in, &in_left, &at, &out_left);
    const size_t flushed = iconv(converter, nullptr, nullptr, &at, &out_left);
    iconv_close(converter);
    REQUIRE(converted != static_cast<size_t>(-1));
    REQUIRE(flushed != static_cast<size_t>(-1));
    out.resize(out.size() - out_left);
    for (unsigned char byte : out) REQUIRE((byte >= 0x20 || byte == '\n')); // no VN1 letter slipped in
    return out;
}

// The same bytes shown as Latin-1 and saved as UTF-8, as copying out of an old .doc gives:
// "ti\xD5p" becomes "tiÕp". (VN3 letters are all at 0xA0 and above, where Latin-1 and
// Windows-1252 agree.)
std::string shown_as_latin1(const std::string& bytes) {
    std::string shown;
    for (unsigned char byte : bytes) {
        if (byte < 0x80) {
            shown += static_cast<char>(byte);
            continue;
        }
        REQUIRE(byte >= 0xA0);
        shown += static_cast<char>(0xC0 | (byte >> 6));
        shown += static_cast<char>(0x80 | (byte & 0x3F));
    }
    return shown;
}

// The example plan whose summary and one section title were pasted from a TCVN3 document:
// valid UTF-8, rendered, but worth a warning on each of the two fields.
std::string example_with_legacy_summary() {
    std::string data = example;
    for (const std::string field : {"\"tiếp tục đổi mới, tăng cường công tác kết nạp đảng viên\"",
                                    "\"Công tác kiểm tra, giám sát\""}) {
        const auto at = data.find(field);
        REQUIRE(at != std::string::npos);
        data.replace(at, field.size(), shown_as_latin1(tcvn3_bytes(field)));
    }
    return data;
}

// A plan for the ke-hoach template written only in letters that TCVN3 has.
const std::string tcvn3_plan = R"({
  "header": {"issuer": ["Chi bộ Trường THPT Trần Phú"], "number": "19-KH/CB", "place": "Đà Nẵng",
             "date": "2019-06-10"},
  "summary": ["tiếp tục đổi mới, tăng cường công tác kết nạp đảng viên"],
  "sections": [{"title": "Mục đích, yêu cầu",
                "children": [{"text": "Công tác kết nạp đảng viên là nhiệm vụ quan trọng, thường xuyên của Đảng."}]}],
  "recipients": ["Đảng ủy phường", "Lưu văn phòng"],
  "signature": {"authority": ["T/M cấp ủy chi bộ"], "position": ["Bí thư"], "name": "Nguyễn Thị Minh Hằng"}
})";

// The warnings of a result as "FILE|JSON_PATH|MESSAGE", in order.
std::vector<std::string> warnings_of(const vanban_result* result) {
    std::vector<std::string> warnings;
    for (size_t i = 0; i < vanban_result_warning_count(result); ++i)
        warnings.push_back(std::string(vanban_result_warning_file(result, i)) + "|" +
                           vanban_result_warning_json_path(result, i) + "|" + vanban_result_warning_message(result, i));
    return warnings;
}

} // namespace

TEST_CASE("C ABI: the example plan as PDF, DOCX and the document model") {
    REQUIRE_FALSE(example.empty());
    EnginePtr engine = repo_engine();
    REQUIRE(engine);

    ResultPtr pdf = render(engine.get(), example, "pdf");
    INFO(vanban_result_message(pdf.get()));
    REQUIRE(vanban_result_ok(pdf.get()) == 1);
    CHECK(vanban_result_exit_code(pdf.get()) == 0);
    CHECK(std::string(vanban_result_message(pdf.get())).empty());
    const std::string pdf_bytes = bytes_of(pdf.get());
    CHECK(pdf_bytes.rfind("%PDF-", 0) == 0);
    CHECK(pdf_bytes.find("%%EOF") != std::string::npos);

    ResultPtr docx = render(engine.get(), example, "docx");
    REQUIRE(vanban_result_ok(docx.get()) == 1);
    CHECK(bytes_of(docx.get()).rfind("PK\x03\x04", 0) == 0);

    ResultPtr model = render(engine.get(), example, "model");
    REQUIRE(vanban_result_ok(model.get()) == 1);
    CHECK_THAT(bytes_of(model.get()), Catch::Contains("\"type_name\": \"KẾ HOẠCH\""));

    // The fixed creation date makes a second render byte-identical.
    CHECK(bytes_of(render(engine.get(), example, "pdf").get()) == pdf_bytes);
}

TEST_CASE("C ABI: the version is the project's") {
    CHECK(std::string(vanban_version()) == VANBAN_EXPECTED_VERSION);
}

TEST_CASE("C ABI: a failure says why and where") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);

    SECTION("malformed JSON: the data file, line and column") {
        ResultPtr r = render(engine.get(), "{\n  \"header\": ,\n}", "pdf", "ke-hoach", "plan.json");
        REQUIRE(vanban_result_ok(r.get()) == 0);
        CHECK(vanban_result_exit_code(r.get()) == 5);
        CHECK(std::string(vanban_result_file(r.get())) == "plan.json");
        CHECK(vanban_result_line(r.get()) == 2);
        CHECK(vanban_result_column(r.get()) == 13);
        CHECK_THAT(vanban_result_reason(r.get()), Catch::StartsWith("malformed JSON"));
        CHECK_THAT(vanban_result_message(r.get()), Catch::StartsWith("plan.json:2:13: error: malformed JSON"));
        size_t length = 99;
        CHECK(vanban_result_bytes(r.get(), &length) == nullptr);
        CHECK(length == 0);
    }
    SECTION("data that does not fit the schema: the JSON path") {
        std::string data = example;
        const std::string date = "\"date\": \"2019-06-10\"";
        REQUIRE(data.find(date) != std::string::npos);
        data.replace(data.find(date), date.size(), "\"date\": \"10/6/2019\"");
        ResultPtr r = render(engine.get(), data, "pdf");
        REQUIRE(vanban_result_ok(r.get()) == 0);
        CHECK(vanban_result_exit_code(r.get()) == 6);
        CHECK(std::string(vanban_result_json_path(r.get())) == "header.date");
        CHECK(std::string(vanban_result_file(r.get())) == "data.json"); // no data_name given
    }
    SECTION("an unknown template: the folders searched") {
        ResultPtr r = render(engine.get(), example, "pdf", "ke-hoach-moi");
        CHECK(vanban_result_exit_code(r.get()) == 7);
        CHECK_THAT(vanban_result_reason(r.get()), Catch::Contains("ke-hoach-moi") && Catch::Contains(templates));
    }
}

TEST_CASE("C ABI: misuse is a usage error, never a crash") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    ResultPtr no_engine(vanban_render(nullptr, "ke-hoach", "{}", 2, "pdf", nullptr, nullptr));
    CHECK(vanban_result_exit_code(no_engine.get()) == 2);
    ResultPtr odt = render(engine.get(), example, "odt");
    CHECK(vanban_result_exit_code(odt.get()) == 2);
    CHECK_THAT(vanban_result_reason(odt.get()), Catch::Contains("unknown format 'odt'"));
    ResultPtr no_data(vanban_render(engine.get(), "ke-hoach", nullptr, 10, "pdf", nullptr, nullptr));
    CHECK(vanban_result_exit_code(no_data.get()) == 2);

    // A NULL result (only when memory ran out) can still be asked and freed.
    CHECK(vanban_result_ok(nullptr) == 0);
    CHECK(vanban_result_exit_code(nullptr) == 70);
    CHECK(std::string(vanban_result_file(nullptr)).empty());
    CHECK(vanban_result_bytes(nullptr, nullptr) == nullptr);
    vanban_result_free(nullptr);
    vanban_engine_free(nullptr);
}

TEST_CASE("C ABI: four threads rendering on one engine get what one thread gets") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    const char* formats[] = {"pdf", "docx"};
    const std::string expected[] = {bytes_of(render(engine.get(), example, "pdf").get()),
                                    bytes_of(render(engine.get(), example, "docx").get())};
    REQUIRE_FALSE(expected[0].empty());
    REQUIRE_FALSE(expected[1].empty());
    std::vector<int> same(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) same[t] += bytes_of(render(engine.get(), example, formats[t % 2]).get()) == expected[t % 2];
        });
    for (auto& thread : threads) thread.join();
    CHECK(same == std::vector<int>(4, 5));
}

TEST_CASE("C ABI: warnings about the data come with a successful render, with their fields") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    const std::string data = example_with_legacy_summary();
    const std::string tcvn3_hint = "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3";
    const std::vector<std::string> expected = {"branch-17.json|sections[1].children[1].title|" + tcvn3_hint,
                                               "branch-17.json|summary[0]|" + tcvn3_hint};

    SECTION("from vanban_render_with") {
        OptionsPtr options = options_with(nullptr, "branch-17.json");
        ResultPtr r = render_with(engine.get(), data, "pdf", options.get());
        INFO(vanban_result_message(r.get()));
        REQUIRE(vanban_result_ok(r.get()) == 1);
        CHECK(vanban_result_exit_code(r.get()) == 0);
        CHECK(warnings_of(r.get()) == expected);
        // Past the last warning: "" for every string.
        CHECK(std::string(vanban_result_warning_message(r.get(), 2)).empty());
        CHECK(std::string(vanban_result_warning_file(r.get(), 2)).empty());
        CHECK(std::string(vanban_result_warning_json_path(r.get(), size_t(-1))).empty());
    }
    SECTION("from the old vanban_render, whose results carry them as well") {
        ResultPtr r = render(engine.get(), data, "model", "ke-hoach", "branch-17.json");
        REQUIRE(vanban_result_ok(r.get()) == 1);
        CHECK(warnings_of(r.get()) == expected);
        // Without a data name the warnings name the data as the errors do.
        ResultPtr unnamed = render(engine.get(), data, "model");
        REQUIRE(vanban_result_warning_count(unnamed.get()) == 2);
        CHECK(std::string(vanban_result_warning_file(unnamed.get(), 0)) == "data.json");
    }
    SECTION("also when the render fails after reading the data") {
        ResultPtr r = render(engine.get(), data, "pdf", "ke-hoach-moi", "branch-17.json");
        REQUIRE(vanban_result_ok(r.get()) == 0);
        CHECK(vanban_result_exit_code(r.get()) == 7);
        CHECK(warnings_of(r.get()) == expected);
    }
    SECTION("none once the encoding is given: the fields are read as TCVN3") {
        OptionsPtr options = options_with("tcvn3");
        ResultPtr r = render_with(engine.get(), data, "model", options.get());
        REQUIRE(vanban_result_ok(r.get()) == 1);
        CHECK(vanban_result_warning_count(r.get()) == 0);
        CHECK(bytes_of(r.get()) == bytes_of(render(engine.get(), example, "model").get()));
    }
    SECTION("none for data in plain UTF-8, and none on a NULL or misuse result") {
        CHECK(vanban_result_warning_count(render(engine.get(), example, "model").get()) == 0);
        CHECK(vanban_result_warning_count(nullptr) == 0);
        CHECK(std::string(vanban_result_warning_message(nullptr, 0)).empty());
        CHECK(std::string(vanban_result_warning_file(nullptr, 0)).empty());
        CHECK(std::string(vanban_result_warning_json_path(nullptr, 0)).empty());
        CHECK(vanban_result_warning_count(render(engine.get(), data, "odt").get()) == 0);
    }
}

TEST_CASE("C ABI: TCVN3 data read with the tcvn3 input encoding gives the UTF-8 text's document") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    const std::string legacy = tcvn3_bytes(tcvn3_plan);
    REQUIRE(legacy != tcvn3_plan); // the letters beyond ASCII did change

    ResultPtr utf8_model = render(engine.get(), tcvn3_plan, "model");
    INFO(vanban_result_message(utf8_model.get()));
    REQUIRE(vanban_result_ok(utf8_model.get()) == 1);
    CHECK_THAT(bytes_of(utf8_model.get()), Catch::Contains("Nguyễn Thị Minh Hằng"));

    for (const char* name : {"tcvn3", "TCVN3", "abc"}) {
        INFO(name);
        OptionsPtr options = options_with(name, "plan-tcvn3.json");
        ResultPtr model = render_with(engine.get(), legacy, "model", options.get());
        INFO(vanban_result_message(model.get()));
        REQUIRE(vanban_result_ok(model.get()) == 1);
        CHECK(bytes_of(model.get()) == bytes_of(utf8_model.get()));
        CHECK(vanban_result_warning_count(model.get()) == 0);
    }
    // The documents too: with the fixed creation date, byte for byte.
    OptionsPtr options = options_with("tcvn3");
    for (const char* format : {"pdf", "docx"}) {
        INFO(format);
        const std::string from_legacy = bytes_of(render_with(engine.get(), legacy, format, options.get()).get());
        CHECK_FALSE(from_legacy.empty());
        CHECK(from_legacy == bytes_of(render(engine.get(), tcvn3_plan, format).get()));
    }
    // Read as UTF-8 (the default, and "utf-8" said outright) the same bytes are a data error
    // that says what to do.
    for (const char* utf8 : {static_cast<const char*>(nullptr), "", "utf-8", "UTF8"}) {
        INFO((utf8 ? utf8 : "NULL"));
        OptionsPtr as_utf8 = options_with(utf8, "plan-tcvn3.json");
        ResultPtr r = render_with(engine.get(), legacy, "model", as_utf8.get());
        REQUIRE(vanban_result_ok(r.get()) == 0);
        CHECK(vanban_result_exit_code(r.get()) == 5);
        CHECK(std::string(vanban_result_file(r.get())) == "plan-tcvn3.json");
        CHECK_THAT(vanban_result_message(r.get()), Catch::Contains("--input-encoding tcvn3, vni or cp1258"));
    }
}

TEST_CASE("C ABI: an unknown input encoding is a usage error, never a crash") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    OptionsPtr options(vanban_render_options_new());
    REQUIRE(options);
    CHECK(vanban_render_options_set_input_encoding(options.get(), "koi8-r") == 0);

    // The setter's 0 may go unread: the render refuses rather than read the data as UTF-8.
    ResultPtr r = render_with(engine.get(), tcvn3_plan, "pdf", options.get());
    CHECK(vanban_result_ok(r.get()) == 0);
    CHECK(vanban_result_exit_code(r.get()) == 2);
    CHECK(std::string(vanban_result_reason(r.get())) == "unknown input encoding 'koi8-r' (use utf-8, tcvn3, vni or cp1258)");
    CHECK_THAT(vanban_result_message(r.get()), Catch::Contains("unknown input encoding 'koi8-r'"));
    CHECK(vanban_result_bytes(r.get(), nullptr) == nullptr);
    CHECK(vanban_result_warning_count(r.get()) == 0);

    // A known name afterwards makes the options good again.
    CHECK(vanban_render_options_set_input_encoding(options.get(), "vni") == 1);
    CHECK(vanban_result_ok(render_with(engine.get(), tcvn3_plan, "model", options.get()).get()) == 1);
    CHECK(vanban_render_options_set_input_encoding(options.get(), "utf-16") == 0);
    CHECK(vanban_result_exit_code(render_with(engine.get(), tcvn3_plan, "model", options.get()).get()) == 2);
    CHECK(vanban_render_options_set_input_encoding(options.get(), nullptr) == 1);
    CHECK(vanban_result_ok(render_with(engine.get(), tcvn3_plan, "model", options.get()).get()) == 1);
}

TEST_CASE("C ABI: vanban_render_with and its options handle NULL as documented") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);

    // Setters on NULL options say so, and change nothing anywhere.
    CHECK(vanban_render_options_set_input_encoding(nullptr, "tcvn3") == 0);
    CHECK(vanban_render_options_set_profile(nullptr, "state") == 0);
    CHECK(vanban_render_options_set_data_name(nullptr, "x.json") == 0);
    vanban_render_options_free(nullptr);

    // NULL options: the defaults, i.e. what vanban_render gives without profile and name.
    const std::string expected = bytes_of(render(engine.get(), example, "model").get());
    REQUIRE_FALSE(expected.empty());
    CHECK(bytes_of(render_with(engine.get(), example, "model", nullptr).get()) == expected);

    // Misuse, as with vanban_render, names the function.
    ResultPtr no_engine(vanban_render_with(nullptr, "ke-hoach", "{}", 2, "pdf", nullptr));
    CHECK(vanban_result_exit_code(no_engine.get()) == 2);
    CHECK(std::string(vanban_result_reason(no_engine.get())) ==
          "vanban_render_with: engine, template name and format are required");
    ResultPtr no_template(vanban_render_with(engine.get(), nullptr, "{}", 2, "pdf", nullptr));
    CHECK(vanban_result_exit_code(no_template.get()) == 2);
    ResultPtr no_format(vanban_render_with(engine.get(), "ke-hoach", "{}", 2, nullptr, nullptr));
    CHECK(vanban_result_exit_code(no_format.get()) == 2);
    ResultPtr no_data(vanban_render_with(engine.get(), "ke-hoach", nullptr, 10, "pdf", nullptr));
    CHECK(vanban_result_exit_code(no_data.get()) == 2);
    ResultPtr odt = render_with(engine.get(), example, "odt", nullptr);
    CHECK_THAT(vanban_result_reason(odt.get()), Catch::Contains("unknown format 'odt'"));
    CHECK(vanban_result_exit_code(odt.get()) == 2);
    // NULL data of length 0 is empty data: a data error, as with vanban_render.
    ResultPtr empty(vanban_render_with(engine.get(), "ke-hoach", nullptr, 0, "pdf", nullptr));
    CHECK(vanban_result_exit_code(empty.get()) == 5);
    ResultPtr empty_old(vanban_render(engine.get(), "ke-hoach", nullptr, 0, "pdf", nullptr, nullptr));
    CHECK(std::string(vanban_result_message(empty.get())) == vanban_result_message(empty_old.get()));
}

TEST_CASE("C ABI: vanban_render still does what it did, and agrees with vanban_render_with") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);

    // Profile and data name through either call give the same document and the same error.
    ResultPtr old_state(vanban_render(engine.get(), "ke-hoach", example.data(), example.size(), "model", "state",
                                      "branch-17.json"));
    REQUIRE(vanban_result_ok(old_state.get()) == 1);
    CHECK_THAT(bytes_of(old_state.get()), Catch::Contains("\"name\": \"state\""));
    OptionsPtr state = options_with(nullptr, "branch-17.json", "state");
    CHECK(bytes_of(render_with(engine.get(), example, "model", state.get()).get()) == bytes_of(old_state.get()));

    const std::string bad = "{\n  \"header\": ,\n}";
    ResultPtr old_bad(vanban_render(engine.get(), "ke-hoach", bad.data(), bad.size(), "pdf", "state", "branch-17.json"));
    ResultPtr new_bad = render_with(engine.get(), bad, "pdf", state.get());
    CHECK(std::string(vanban_result_message(old_bad.get())) == vanban_result_message(new_bad.get()));
    CHECK(std::string(vanban_result_file(old_bad.get())) == "branch-17.json");
    CHECK(vanban_result_exit_code(old_bad.get()) == 5);

    // Setting a profile or a name back to NULL or "" restores the default.
    CHECK(vanban_render_options_set_profile(state.get(), nullptr) == 1);
    CHECK(vanban_render_options_set_data_name(state.get(), "") == 1);
    ResultPtr defaults = render_with(engine.get(), bad, "model", state.get());
    CHECK(std::string(vanban_result_file(defaults.get())) == "data.json");
    CHECK(bytes_of(render_with(engine.get(), example, "model", state.get()).get()) ==
          bytes_of(render(engine.get(), example, "model").get()));
}

TEST_CASE("C ABI: one options object serves four threads") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    const std::string legacy = tcvn3_bytes(tcvn3_plan);
    OptionsPtr options = options_with("tcvn3", "plan-tcvn3.json");
    const std::string expected = bytes_of(render(engine.get(), tcvn3_plan, "model").get());
    REQUIRE_FALSE(expected.empty());
    std::vector<int> same(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i)
                same[t] += bytes_of(render_with(engine.get(), legacy, "model", options.get()).get()) == expected;
        });
    for (auto& thread : threads) thread.join();
    CHECK(same == std::vector<int>(4, 5));
}

TEST_CASE("C ABI: the C example shows warnings and reads TCVN3 data with --input-encoding") {
    vanban::testing::TempDir dir;
    // Runs docs/examples/render_plan.c, built against the library; its exit code and output.
    auto run_example = [&](const std::string& arguments, std::string& output) {
        const std::string command = "'" + std::string(VANBAN_C_EXAMPLE_PATH) + "' " + arguments + " 2>&1";
        FILE* pipe = popen(command.c_str(), "r");
        REQUIRE(pipe);
        output.clear();
        char buffer[4096];
        for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
        const int status = pclose(pipe);
        REQUIRE(WIFEXITED(status));
        return WEXITSTATUS(status);
    };
    const std::string pasted = dir.write("pasted.json", example_with_legacy_summary()).string();
    const std::string legacy = dir.write("plan-tcvn3.json", tcvn3_bytes(tcvn3_plan)).string();
    const std::string pdf = (dir.path() / "plan.pdf").string();
    std::string output;

    SECTION("warnings, before the PDF is written") {
        REQUIRE(run_example("ke-hoach '" + pasted + "' '" + pdf + "' '" + templates + "'", output) == 0);
        CHECK_THAT(output, Catch::Contains("warning: " + pasted + ": summary[0]: looks like TCVN3 text shown as Latin-1; "
                                           "use --input-encoding tcvn3\n"));
        CHECK_THAT(output, Catch::Contains("warning: " + pasted + ": sections[1].children[1].title: looks like TCVN3"));
        CHECK_THAT(output, Catch::Contains("wrote " + pdf));
        CHECK(read_file(pdf).rfind("%PDF-", 0) == 0);
    }
    SECTION("raw TCVN3 bytes with --input-encoding tcvn3, a data error without it") {
        REQUIRE(run_example("--input-encoding tcvn3 ke-hoach '" + legacy + "' '" + pdf + "' '" + templates + "'", output) == 0);
        CHECK_THAT(output, !Catch::Contains("warning"));
        CHECK(read_file(pdf).rfind("%PDF-", 0) == 0);
        CHECK(run_example("ke-hoach '" + legacy + "' '" + pdf + "2' '" + templates + "'", output) == 5);
        CHECK_THAT(output, Catch::Contains("where: " + legacy));
    }
    SECTION("an unknown encoding: exit code 2 and the names there are") {
        CHECK(run_example("--input-encoding koi8-r ke-hoach '" + legacy + "' '" + pdf + "' '" + templates + "'", output) == 2);
        CHECK_THAT(output, Catch::Contains("why: unknown input encoding 'koi8-r' (use utf-8, tcvn3, vni or cp1258)"));
        CHECK_THAT(output, !Catch::Contains("where:"));
        CHECK_FALSE(std::filesystem::exists(pdf));
    }
}

TEST_CASE("C ABI: a DOCX imported back into data, with its words counted", "[import]") {
    EnginePtr engine = repo_engine();
    ResultPtr docx = render(engine.get(), example, "docx");
    REQUIRE(vanban_result_ok(docx.get()));
    size_t length = 0;
    const unsigned char* bytes = vanban_result_bytes(docx.get(), &length);
    ResultPtr imported(vanban_import(engine.get(), bytes, length, nullptr, nullptr, "plan.docx"));
    INFO(vanban_result_message(imported.get()));
    REQUIRE(vanban_result_ok(imported.get()));
    CHECK(vanban_result_exit_code(imported.get()) == 0);
    CHECK(std::string(vanban_result_template(imported.get())) == "ke-hoach");
    const std::string data = bytes_of(imported.get());
    CHECK(data.find("\"number\": \"19-KH/CB\"") != std::string::npos);
    CHECK(vanban_result_words_in(imported.get()) > 100);
    CHECK(vanban_result_words_kept(imported.get()) == vanban_result_words_in(imported.get()));
    CHECK(vanban_result_finding_count(imported.get()) == 0);
    // The data renders as any data does.
    ResultPtr again = render(engine.get(), data, "model");
    CHECK(vanban_result_ok(again.get()));
    // A file that is no DOCX: a data error saying what it is.
    const std::string pdf = "%PDF-1.7";
    ResultPtr refused(vanban_import(engine.get(), reinterpret_cast<const unsigned char*>(pdf.data()), pdf.size(), nullptr,
                                    nullptr, nullptr));
    CHECK_FALSE(vanban_result_ok(refused.get()));
    CHECK(vanban_result_exit_code(refused.get()) == 5);
    CHECK(std::string(vanban_result_message(refused.get())).find("this is a PDF") != std::string::npos);
    const std::string in_vietnamese = vanban_result_message_in(refused.get(), "vi");
    CHECK(in_vietnamese.find("PDF") != std::string::npos);
    CHECK(in_vietnamese.find("this is") == std::string::npos);
    CHECK(std::string(vanban_result_code(refused.get())).rfind("import.", 0) == 0);
}

TEST_CASE("C ABI: check findings with their code, place and language; exit code 11", "[check]") {
    EnginePtr engine = repo_engine();
    std::string data = example;
    const std::string from = "\"number\": \"19-KH/CB\"";
    data.replace(data.find(from), from.size(), "\"number\": \"19/KH-CB\"");
    ResultPtr checked(vanban_check(engine.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr,
                                   nullptr, "plan.json"));
    INFO(vanban_result_message(checked.get()));
    REQUIRE(vanban_result_ok(checked.get()));
    CHECK(vanban_result_exit_code(checked.get()) == 11);
    REQUIRE(vanban_result_finding_count(checked.get()) >= 1);
    CHECK(vanban_result_finding_severity(checked.get(), 0) == 2);
    CHECK(std::string(vanban_result_finding_code(checked.get(), 0)) == "check.number-form-party");
    CHECK(std::string(vanban_result_finding_json_path(checked.get(), 0)) == "header.number");
    CHECK(vanban_result_finding_paragraph(checked.get(), 0) == 0);
    CHECK(std::string(vanban_result_finding_text(checked.get(), 0, "en")).find("plan.json: header.number: error:") == 0);
    CHECK(std::string(vanban_result_finding_text(checked.get(), 0, "vi")).find("plan.json: header.number: lỗi:") == 0);
    // Past the count, and NULL: nothing, never a crash.
    const size_t past = vanban_result_finding_count(checked.get());
    CHECK(vanban_result_finding_severity(checked.get(), past) == 0);
    CHECK(std::string(vanban_result_finding_text(checked.get(), past, "vi")).empty());
    CHECK(vanban_result_finding_count(nullptr) == 0);
    CHECK(std::string(vanban_result_finding_code(nullptr, 0)).empty());
    CHECK(std::string(vanban_result_template(nullptr)).empty());
    ResultPtr clean(vanban_check(engine.get(), reinterpret_cast<const unsigned char*>(example.data()), example.size(), nullptr,
                                 nullptr, nullptr));
    CHECK(vanban_result_exit_code(clean.get()) == 0);
    ResultPtr misuse(vanban_check(nullptr, nullptr, 3, nullptr, nullptr, nullptr));
    CHECK(vanban_result_exit_code(misuse.get()) == 2);
    ResultPtr bad_date(vanban_check(engine.get(), reinterpret_cast<const unsigned char*>(example.data()), example.size(), nullptr,
                                    "2025-13-01", nullptr));
    CHECK(vanban_result_exit_code(bad_date.get()) == 2);
}

TEST_CASE("C ABI: libvanban.so exports the public interface and nothing else") {
    // nm comes with the compiler (binutils); -C demangles, -D reads the dynamic symbols.
    const std::string command = "nm -DC --defined-only '" + std::string(VANBAN_LIBRARY_PATH) + "'";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::set<std::string> names;
    std::vector<std::string> nlohmann_signatures; // none: the API takes JSON as text
    char line[4096];
    while (std::fgets(line, sizeof line, pipe)) {
        std::string text(line);
        // "0000000000012345 T name(args)\n": the name starts after the address and the type.
        const auto space = text.find(' ', text.find(' ') + 1);
        if (space == std::string::npos) continue;
        names.insert(text.substr(space + 1, text.find_first_of("(\n", space + 1) - space - 1));
        if (text.find("nlohmann") != std::string::npos) nlohmann_signatures.push_back(text);
    }
    CHECK(pclose(pipe) == 0);
    REQUIRE_FALSE(names.empty());
    // No exported function takes or gives a nlohmann type: a program built with another
    // nlohmann/json (or JSON_DIAGNOSTICS) would not link to it.
    CHECK(nlohmann_signatures == std::vector<std::string>{});

    // Exactly the functions of vanban.h: those its VANBAN_API lines declare …
    std::set<std::string> c_declared;
    {
        std::istringstream lines(read_file(source_dir + "/generator/include/vanban/vanban.h"));
        const std::regex c_declaration(R"(^VANBAN_API [^(]*\b(vanban_\w+)\()");
        for (std::string line; std::getline(lines, line);) {
            std::smatch match;
            if (std::regex_search(line, match, c_declaration)) c_declared.insert(match[1]);
        }
    }
    std::set<std::string> c_exported;
    for (const std::string& name : names)
        if (name.rfind("vanban_", 0) == 0) c_exported.insert(name);
    CHECK(c_exported == c_declared);
    // … which are these (the header's regex above must not miss one).
    for (const char* c_function : {"vanban_version", "vanban_engine_new", "vanban_engine_free", "vanban_render",
                                   "vanban_result_ok", "vanban_result_bytes", "vanban_result_message",
                                   "vanban_result_reason", "vanban_result_exit_code", "vanban_result_file",
                                   "vanban_result_line", "vanban_result_column", "vanban_result_json_path",
                                   "vanban_result_free", "vanban_render_options_new", "vanban_render_options_free",
                                   "vanban_render_options_set_profile", "vanban_render_options_set_data_name",
                                   "vanban_render_options_set_input_encoding", "vanban_render_with",
                                   "vanban_result_warning_count", "vanban_result_warning_message",
                                   "vanban_result_warning_file", "vanban_result_warning_json_path",
                                   "vanban_render_options_set_language", "vanban_result_hint", "vanban_result_code",
                                   "vanban_result_message_in", "vanban_result_reason_in", "vanban_import",
                                   "vanban_check", "vanban_result_template", "vanban_result_words_in",
                                   "vanban_result_words_kept", "vanban_result_finding_count",
                                   "vanban_result_finding_severity", "vanban_result_finding_code",
                                   "vanban_result_finding_text", "vanban_result_finding_paragraph",
                                   "vanban_result_finding_json_path", "vanban_render_options_set_appendix"})
        CHECK(c_declared.count(c_function) == 1);
    // … and of the C++ API …
    for (const char* cpp_function : {"vanban::Engine::Engine", "vanban::Engine::render",
                                     "vanban::Engine::build_model", "vanban::Engine::write", "vanban::Engine::validate",
                                     "vanban::Error::format[abi:cxx11]", "vanban::exit_code", "vanban::installed_template_dir[abi:cxx11]",
                                     "vanban::json_path_member[abi:cxx11]", "vanban::json_path_item[abi:cxx11]"})
        CHECK(names.count(cpp_function) == 1);
    // … and every function the public headers declare at namespace scope (a declaration at
    // the start of a line: "const char* format_name(Format format);").
    std::set<std::string> exported_functions; // "format_name" for "vanban::format_name[abi:cxx11]"
    for (std::string name : names) {
        if (auto tag = name.find("[abi:"); tag != std::string::npos) name.erase(tag);
        exported_functions.insert(name.substr(name.rfind(':') + 1));
    }
    const std::regex declaration(R"(^[A-Za-z][\w:<>*& ]*[ *&](\w+)\(.*\);)");
    int declared = 0;
    for (const auto& header : std::filesystem::directory_iterator(source_dir + "/generator/include/vanban")) {
        if (header.path().extension() != ".hpp") continue;
        std::istringstream lines(read_file(header.path()));
        for (std::string line; std::getline(lines, line);) {
            std::smatch match;
            if (!std::regex_search(line, match, declaration)) continue;
            ++declared;
            INFO(header.path().filename().string() << " declares " << match[1]);
            CHECK(exported_functions.count(match[1]) == 1);
        }
    }
    CHECK(declared >= 6);
    // … and nothing of the stages inside (vanban::tmpl::, vanban::pdf::, nlohmann::, std::…).
    for (const std::string& name : names) {
        INFO(name);
        const bool c_abi = name.rfind("vanban_", 0) == 0;
        const bool cpp_api = name.rfind("vanban::", 0) == 0 && name.find("::", 8) == std::string::npos;
        const bool cpp_member = name.rfind("vanban::Engine::", 0) == 0 || name.rfind("vanban::Error::", 0) == 0 ||
                                name.rfind("vanban::model::plain_text", 0) == 0 ||
                                name.rfind("vanban::model::column_type_name", 0) == 0 ||
                                name.rfind("vanban::model::chart_kind_name", 0) == 0 ||
                                name.rfind("vanban::model::data_row_count", 0) == 0 || name.rfind("vanban::Batch", 0) == 0 ||
                                name.rfind("vanban::RecordReport::", 0) == 0 || name.rfind("vanban::Message::", 0) == 0 ||
                                name.rfind("vanban::MessageArg::", 0) == 0 || name.rfind("vanban::Finding::", 0) == 0 ||
                                name.rfind("vanban::CheckResult::", 0) == 0;
        CHECK((c_abi || cpp_api || cpp_member));
        CHECK(name.find("Impl") == std::string::npos);
    }
}

TEST_CASE("C ABI: messages in the language of the options, in both on request, with a stable code") {
    EnginePtr engine = repo_engine();
    OptionsPtr options(vanban_render_options_new());
    REQUIRE(vanban_render_options_set_language(options.get(), "vi_VN.UTF-8") == 1);
    CHECK(vanban_render_options_set_language(options.get(), "fr") == 0); // unknown: unchanged

    ResultPtr bad_format(vanban_render_with(engine.get(), "ke-hoach", example.data(), example.size(), "xyz", options.get()));
    CHECK(std::string(vanban_result_code(bad_format.get())) == "capi.unknown-format");
    CHECK(std::string(vanban_result_message(bad_format.get())) == "lỗi: không có định dạng 'xyz' (dùng pdf, docx hoặc model)");
    CHECK(std::string(vanban_result_reason(bad_format.get())) == "không có định dạng 'xyz' (dùng pdf, docx hoặc model)");
    CHECK(std::string(vanban_result_message_in(bad_format.get(), "en")) ==
          "error: unknown format 'xyz' (use pdf, docx or model)");
    CHECK(std::string(vanban_result_reason_in(bad_format.get(), "en")) == "unknown format 'xyz' (use pdf, docx or model)");
    CHECK(std::string(vanban_result_message_in(bad_format.get(), nullptr)) == vanban_result_message(bad_format.get()));

    // Data with several problems: the first is the message, the count is the hint.
    const std::string empty = "{}";
    ResultPtr invalid(vanban_render_with(engine.get(), "ke-hoach", empty.data(), empty.size(), "pdf", options.get()));
    CHECK(vanban_result_exit_code(invalid.get()) == 6);
    CHECK(std::string(vanban_result_code(invalid.get())).rfind("validation.", 0) == 0);
    CHECK_THAT(vanban_result_hint(invalid.get()), Catch::StartsWith("còn "));
    CHECK_THAT(vanban_result_message_in(invalid.get(), "en"), Catch::Contains("\nhint: and "));

    // vanban_render speaks English; success has no code.
    ResultPtr fine = render(engine.get(), example, "model");
    REQUIRE(vanban_result_ok(fine.get()) == 1);
    CHECK(std::string(vanban_result_code(fine.get())).empty());
    CHECK(std::string(vanban_result_hint(fine.get())).empty());
}

TEST_CASE("C ABI: one appendix issued as a file of its own, with the agency's field; a number it lacks refused") {
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    CHECK(vanban_render_options_set_appendix(nullptr, 1) == 0);
    OptionsPtr options(vanban_render_options_new());
    REQUIRE(options);

    // The example plan has one appendix: alone, it is one page with the agency's field.
    REQUIRE(vanban_render_options_set_appendix(options.get(), 1) == 1);
    ResultPtr fields = render_with(engine.get(), example, "fields", options.get());
    REQUIRE(vanban_result_ok(fields.get()));
    const std::string listed = bytes_of(fields.get());
    CHECK(listed.find("\"name\": \"appendix-agency\"") != std::string::npos);
    CHECK(listed.find("\"name\": \"signer\"") == std::string::npos);
    CHECK(listed.find("\"pages\": 1\n") != std::string::npos);
    ResultPtr pdf = render_with(engine.get(), example, "pdf", options.get());
    REQUIRE(vanban_result_ok(pdf.get()));
    CHECK(bytes_of(pdf.get()).find("/T (appendix-agency)") != std::string::npos);

    // It has no second one: a usage error that says how many it has.
    REQUIRE(vanban_render_options_set_appendix(options.get(), 2) == 1);
    ResultPtr missing = render_with(engine.get(), example, "pdf", options.get());
    CHECK_FALSE(vanban_result_ok(missing.get()));
    CHECK(vanban_result_exit_code(missing.get()) == 2);
    CHECK(std::string(vanban_result_code(missing.get())) == "engine.no-such-appendix");
    CHECK_THAT(vanban_result_reason(missing.get()), Catch::Contains("there is no appendix 2: the document has 1 appendix"));

    // 0: the whole document again, as without options.
    REQUIRE(vanban_render_options_set_appendix(options.get(), 0) == 1);
    CHECK(bytes_of(render_with(engine.get(), example, "model", options.get()).get()) ==
          bytes_of(render_with(engine.get(), example, "model", nullptr).get()));
}

TEST_CASE("C ABI: an empty text given to a setter is its default, as NULL is (docs/embedding.md)") {
    // Unlike `vanban render --profile ""` and `?profile=`, which are refused: a program has no
    // other way than NULL or "" to set an option back, and the setters always took both.
    EnginePtr engine = repo_engine();
    REQUIRE(engine);
    const std::string defaults = bytes_of(render_with(engine.get(), example, "model", nullptr).get());
    REQUIRE_FALSE(defaults.empty());

    OptionsPtr options(vanban_render_options_new());
    REQUIRE(options);
    REQUIRE(vanban_render_options_set_profile(options.get(), "state") == 1);
    REQUIRE(vanban_render_options_set_input_encoding(options.get(), "tcvn3") == 1);
    REQUIRE(vanban_render_options_set_language(options.get(), "vi") == 1);
    REQUIRE(vanban_render_options_set_data_name(options.get(), "branch-17.json") == 1);
    CHECK(bytes_of(render_with(engine.get(), example, "model", options.get()).get()) != defaults);

    CHECK(vanban_render_options_set_profile(options.get(), "") == 1);
    CHECK(vanban_render_options_set_input_encoding(options.get(), "") == 1);
    CHECK(vanban_render_options_set_language(options.get(), "") == 1);
    CHECK(vanban_render_options_set_data_name(options.get(), "") == 1);
    CHECK(bytes_of(render_with(engine.get(), example, "model", options.get()).get()) == defaults);
    const std::string bad = "{\n  \"header\": ,\n}";
    ResultPtr refused = render_with(engine.get(), bad, "model", options.get());
    CHECK(std::string(vanban_result_file(refused.get())) == "data.json");
    CHECK_THAT(vanban_result_message(refused.get()), Catch::StartsWith("data.json:2:"));
    CHECK_THAT(vanban_result_message(refused.get()), Catch::Contains("error: ")); // English, not "lỗi: "
}
