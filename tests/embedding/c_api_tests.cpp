// The C ABI as a program in another language meets it: this program links libvanban.so
// (the build tree's) and includes only vanban/vanban.h.
#include <catch2/catch.hpp>

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

TEST_CASE("C ABI: libvanban.so exports the public interface and nothing else") {
    // nm comes with the compiler (binutils); -C demangles, -D reads the dynamic symbols.
    const std::string command = "nm -DC --defined-only '" + std::string(VANBAN_LIBRARY_PATH) + "'";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::set<std::string> names;
    char line[4096];
    while (std::fgets(line, sizeof line, pipe)) {
        std::string text(line);
        // "0000000000012345 T name(args)\n": the name starts after the address and the type.
        const auto space = text.find(' ', text.find(' ') + 1);
        if (space == std::string::npos) continue;
        names.insert(text.substr(space + 1, text.find_first_of("(\n", space + 1) - space - 1));
    }
    CHECK(pclose(pipe) == 0);
    REQUIRE_FALSE(names.empty());

    // Every function of vanban.h …
    for (const char* c_function : {"vanban_version", "vanban_engine_new", "vanban_engine_free", "vanban_render",
                                   "vanban_result_ok", "vanban_result_bytes", "vanban_result_message",
                                   "vanban_result_reason", "vanban_result_exit_code", "vanban_result_file",
                                   "vanban_result_line", "vanban_result_column", "vanban_result_json_path",
                                   "vanban_result_free"})
        CHECK(names.count(c_function) == 1);
    // … and of the C++ API …
    for (const char* cpp_function : {"vanban::Engine::Engine", "vanban::Engine::render", "vanban::Engine::render_parsed",
                                     "vanban::Engine::build_model", "vanban::Engine::write", "vanban::Engine::validate",
                                     "vanban::Error::format[abi:cxx11]", "vanban::exit_code", "vanban::installed_template_dir[abi:cxx11]"})
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
                                name.rfind("vanban::model::plain_text", 0) == 0 || name.rfind("vanban::Batch", 0) == 0 ||
                                name.rfind("vanban::RecordReport::", 0) == 0;
        CHECK((c_abi || cpp_api || cpp_member));
        CHECK(name.find("Impl") == std::string::npos);
    }
}
