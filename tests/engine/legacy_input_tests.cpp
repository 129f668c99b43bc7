// Real-world data through the engine: BOM, CRLF and NFD; legacy encodings (raw, and shown
// as Latin-1 inside UTF-8); warnings about data that looks like legacy text; data limits.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "fixtures/legacy_text.hpp"
#include "text/legacy.hpp"
#include "vanban/engine.hpp"

using namespace vanban;
using vanban::testing::read_file;
using vanban::testing::TempDir;

namespace {

namespace fs = std::filesystem;

const fs::path repo = VANBAN_SOURCE_DIR;

const char* const kNote = "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n";

struct Fixture {
    TempDir dir;
    Engine engine;
    explicit Fixture(const std::string& main = kNote, EngineOptions options = {}) : engine(with_dirs(options)) {
        dir.write("note/main.vbt", main);
    }
    EngineOptions with_dirs(EngineOptions options) {
        options.template_dirs = {dir.path(), repo / "templates"};
        return options;
    }
    // The document model as JSON text, or the error's formatted text.
    std::string model(std::string_view data, InputEncoding encoding = InputEncoding::utf8) {
        RenderOptions options;
        options.input_encoding = encoding;
        options.data_name = "plan.json";
        RenderResult result = engine.render("note", data, Format::model, options);
        return result ? result.bytes : result.error.format();
    }
};

using fixtures::legacy_bytes;
using fixtures::shown_as_latin1;

std::string data_with(const std::string& summary, const std::string& body = "Nội dung.") {
    return "{\"summary\": \"" + summary + "\", \"body\": \"" + body + "\"}";
}

const std::string summary = "về công tác phát triển đảng viên của Đảng bộ tỉnh Quảng Nam";

} // namespace

TEST_CASE("legacy input: a BOM, CRLF line ends and NFD text in data and template are accepted") {
    // NFD: "Việt" as V i e + circumflex + dot below t; "uỷ" with the tone on y, kept there.
    const std::string nfd_viet = "Vie\xCC\x82\xCC\xA3t uy\xCC\x89";
    Fixture f("\xEF\xBB\xBF@type KE\xCC\x82\xCC\x81 HOA\xCC\xA3\x43H\r\n@summary {{ summary }}\r\n{{ body }}\r\n");
    const std::string model = f.model("\xEF\xBB\xBF{\r\n\"summary\": \"" + nfd_viet + "\",\r\n\"body\": \"x\"\r\n}\r\n");
    CHECK_THAT(model, Catch::Contains("\"Việt uỷ\""));
    CHECK_THAT(model, Catch::Contains("KẾ HOẠCH"));
    CHECK_THAT(model, !Catch::Contains("\\r"));
}

TEST_CASE("legacy input: raw TCVN3, VNI and Windows-1258 bytes are decoded before parsing") {
    Fixture f;
    const std::string body = "Uỷ ban nhân dân tỉnh";
    for (auto [encoding, legacy] : {std::pair{InputEncoding::tcvn3, text::LegacyEncoding::tcvn3},
                                    std::pair{InputEncoding::vni, text::LegacyEncoding::vni},
                                    std::pair{InputEncoding::cp1258, text::LegacyEncoding::cp1258}}) {
        INFO(input_encoding_name(encoding));
        const std::string data = legacy_bytes(data_with(summary, body), legacy);
        const std::string model = f.model(data, encoding);
        CHECK_THAT(model, Catch::Contains(summary));
        CHECK_THAT(model, Catch::Contains(body));
        // Without the option the same bytes are not UTF-8, and the message says what to do.
        CHECK_THAT(f.model(data), Catch::Contains("--input-encoding tcvn3, vni or cp1258"));
    }
}

TEST_CASE("legacy input: legacy text shown as Latin-1 in UTF-8 is mapped back and decoded") {
    Fixture f;
    for (auto [encoding, legacy] : {std::pair{InputEncoding::tcvn3, text::LegacyEncoding::tcvn3},
                                    std::pair{InputEncoding::vni, text::LegacyEncoding::vni}}) {
        INFO(input_encoding_name(encoding));
        // The body is real Unicode already (ộ is beyond Windows-1252): it is kept as it is.
        const std::string data = data_with(shown_as_latin1(legacy_bytes(summary, legacy)), "Hà Nội");
        const std::string model = f.model(data, encoding);
        CHECK_THAT(model, Catch::Contains(summary));
        CHECK_THAT(model, Catch::Contains("Hà Nội"));
    }
}

TEST_CASE("legacy input: a byte Windows-1258 does not define is a data error in the file") {
    Fixture f;
    RenderOptions options;
    options.input_encoding = InputEncoding::cp1258;
    options.data_name = "plan.json";
    ModelResult result = f.engine.build_model("note", "{\"summary\": \"a\x81\", \"body\": \"b\"}", options);
    REQUIRE_FALSE(result);
    CHECK(result.error.kind == ErrorKind::data);
    CHECK(result.error.format() == "plan.json: error: CP1258 has no character for the byte 0x81 at byte 14");
}

TEST_CASE("legacy input: data that looks like legacy text gets a warning naming the field") {
    Fixture f;
    const std::string tcvn3 = shown_as_latin1(legacy_bytes(summary, text::LegacyEncoding::tcvn3));
    const std::string vni = shown_as_latin1(legacy_bytes("Đảng", text::LegacyEncoding::vni));
    const std::string data = "{\"summary\": \"" + tcvn3 + "\", \"body\": \"b\", \"header\": {\"issuer\": [\"" + vni +
                             "\"]}}";
    ModelResult model = f.engine.build_model("note", data);
    REQUIRE(model);
    REQUIRE(model.warnings.size() == 2);
    CHECK(model.warnings[0].json_path == "header.issuer[0]");
    CHECK(model.warnings[0].message.text() == "looks like VNI text shown as Latin-1; use --input-encoding vni");
    CHECK(model.warnings[1].json_path == "summary");
    CHECK(model.warnings[1].message.text() == "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3");

    // render and validate carry them too, also when they fail
    CHECK(f.engine.render("note", data, Format::model).warnings.size() == 2);
    CHECK(f.engine.validate("note", data).warnings.size() == 2);
    RenderResult failed = f.engine.render("nowhere", data, Format::model);
    CHECK_FALSE(failed);
    CHECK(failed.warnings.size() == 2);

    // with the encoding given there is nothing to warn about
    RenderOptions options;
    options.input_encoding = InputEncoding::tcvn3;
    CHECK(f.engine.build_model("note", data_with(tcvn3), options).warnings.empty());
}

TEST_CASE("legacy input: a file full of legacy text gets 20 warnings and a count of the rest") {
    Fixture f;
    const std::string tcvn3 = shown_as_latin1(legacy_bytes(summary, text::LegacyEncoding::tcvn3));
    nlohmann::json data = {{"summary", "x"}, {"body", "y"}, {"list", nlohmann::json::array()}};
    for (int i = 0; i < 25; ++i) data["list"].push_back(tcvn3);
    ModelResult model = f.engine.build_model("note", data.dump());
    REQUIRE(model);
    REQUIRE(model.warnings.size() == 21);
    CHECK(model.warnings[19].json_path == "list[19]");
    CHECK(model.warnings[20].json_path.empty());
    CHECK(model.warnings[20].message.text() == "and 5 more fields look like legacy text");
}

TEST_CASE("legacy input: no example or seed data of the repository gets a warning") {
    Engine engine(EngineOptions{.template_dirs = {repo / "templates"}});
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(repo / "data"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    for (const auto& entry : fs::directory_iterator(repo / "templates"))
        if (fs::exists(entry.path() / "example.json")) files.push_back(entry.path() / "example.json");
    REQUIRE(files.size() >= 5);
    for (const fs::path& file : files) {
        INFO(file.string());
        const std::string name = file.string();
        const std::string template_name = name.find("bao-cao") != std::string::npos ? "bao-cao" : "ke-hoach";
        RenderOptions options;
        options.data_dir = file.parent_path(); // a table's CSV file is beside its data
        ValidationResult result = engine.validate(template_name, read_file(file), options);
        CHECK(result);
        CHECK(result.warnings.empty());
    }
}

TEST_CASE("legacy input: data and document limits give limit errors, not memory") {
    EngineOptions small;
    small.max_data_bytes = 100;
    small.max_data_string_bytes = 10;
    small.max_document_bytes = 50;
    Fixture f(kNote, small);

    ModelResult large = f.engine.build_model("note", data_with("x", std::string(200, 'y')));
    REQUIRE_FALSE(large);
    CHECK(large.error.kind == ErrorKind::limit);
    CHECK(large.error.message.text() == "the data is larger than 100 bytes (max_data_bytes); one document's data is far smaller");

    ModelResult long_text = f.engine.build_model("note", data_with("x", std::string(11, 'y')));
    REQUIRE_FALSE(long_text);
    CHECK(long_text.error.kind == ErrorKind::limit);
    CHECK(long_text.error.json_path == "body");
    CHECK(long_text.error.message.text() == "body: a text of 11 bytes is longer than 10 bytes (max_data_string_bytes)");

    RenderResult document = f.engine.render("note", data_with("x", "y"), Format::model);
    REQUIRE_FALSE(document);
    CHECK(document.error.kind == ErrorKind::limit);
    CHECK_THAT(document.error.message.text(), Catch::EndsWith("more than 50 (max_document_bytes)"));

    // the defaults: 32 MiB of data, 1 MiB per string, 256 MiB per document
    const EngineOptions defaults;
    CHECK(defaults.max_data_bytes == 32u << 20);
    CHECK(defaults.max_data_string_bytes == 1u << 20);
    CHECK(defaults.max_document_bytes == 256u << 20);
}

TEST_CASE("legacy input: encoding names") {
    InputEncoding encoding{};
    CHECK(parse_input_encoding("UTF-8", encoding));
    CHECK(encoding == InputEncoding::utf8);
    CHECK(parse_input_encoding("abc", encoding));
    CHECK(encoding == InputEncoding::tcvn3);
    CHECK(parse_input_encoding("Windows-1258", encoding));
    CHECK(encoding == InputEncoding::cp1258);
    CHECK_FALSE(parse_input_encoding("koi8-r", encoding));
    CHECK(std::string(input_encoding_name(InputEncoding::vni)) == "vni");
}
