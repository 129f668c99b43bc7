// The C++ API beyond render(): data already parsed (the library's own way in, and
// vanban/json.hpp for programs), rendering to a stream, the default
// template folder, and what a missing template or profile says.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/parsed_data.hpp"
#include "model/model_json.hpp"
#include "support/temp_dir.hpp"
#include "text/legacy.hpp"
#include "text/utf8.hpp"
#include "vanban/engine.hpp"
#include "vanban/json.hpp"

using namespace vanban;
using vanban::testing::TempDir;

namespace {

const std::filesystem::path repo_templates = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates";

// A template that shows its one field, so tests can see what the data became.
struct Fixture {
    TempDir dir;
    Engine engine;
    Fixture() : engine(EngineOptions{.template_dirs = {dir.path(), repo_templates}}) {
        dir.write("note/main.vbt", "@type THÔNG BÁO\n{{ text }}\n");
        dir.write("note/schema.json", R"({"type": "object", "required": ["text"],
                                           "properties": {"text": {"type": "string", "maxLength": 40}}})");
    }
};

std::string body_text(const ModelResult& model) {
    return model::plain_text(std::get<model::Paragraph>(model.document.body.at(0)).text);
}

} // namespace

TEST_CASE("engine API: parsed data renders as its text would") {
    Fixture f;
    const nlohmann::json data = {{"text", "Chi bộ họp thường kỳ."}};
    RenderResult from_json = engine::render_parsed(f.engine, "note", data, Format::model);
    RenderResult from_text = f.engine.render("note", data.dump(), Format::model);
    INFO(from_json.error.format());
    REQUIRE(from_json.ok);
    CHECK(from_json.bytes == from_text.bytes);
}

TEST_CASE("engine API: parsed data is brought to NFC, tone placement kept") {
    Fixture f;
    // "Uỷ ban" with the hook above as a combining mark (U+0309) after "y": NFC composes it
    // to U+1EF7 "ỷ" on the y, where the writer put it — never moved to the "u".
    const std::string decomposed = "U\x79\xCC\x89 ban";
    ModelResult model = engine::build_model_parsed(f.engine, "note", {{"text", decomposed}});
    INFO(model.error.format());
    REQUIRE(model.ok);
    CHECK(body_text(model) == "U\xE1\xBB\xB7 ban");
}

TEST_CASE("engine API: parsed data with invalid UTF-8 names the field") {
    Fixture f;
    RenderOptions options;
    options.data_name = "record 7";
    nlohmann::json data = {{"text", "ok"}, {"extra", {{"list", {"fine", std::string("bad \xC3(")}}}}};
    ModelResult model = engine::build_model_parsed(f.engine, "note", data, options);
    REQUIRE_FALSE(model.ok);
    CHECK(model.error.kind == ErrorKind::data);
    CHECK(model.error.json_path == "extra.list[1]");
    CHECK(model.error.where.file == "record 7");
    CHECK_THAT(model.error.message.text(), Catch::Contains("not valid UTF-8"));

    nlohmann::json bad_key = {{"text", "ok"}, {std::string("k\xFF"), 1}};
    CHECK(engine::build_model_parsed(f.engine, "note", bad_key).error.kind == ErrorKind::data);
}

TEST_CASE("engine API: parsed data nested without end is refused, not recursed into") {
    Fixture f;
    nlohmann::json deep = "bottom";
    for (int i = 0; i < 300; ++i) deep = nlohmann::json::array({std::move(deep)});
    ModelResult model = engine::build_model_parsed(f.engine, "note", {{"text", "ok"}, {"deep", deep}});
    REQUIRE_FALSE(model.ok);
    CHECK(model.error.kind == ErrorKind::limit);
    CHECK_THAT(model.error.message.text(), Catch::Contains("nesting deeper than 256"));
}

TEST_CASE("engine API: parsed data is checked against the schema") {
    Fixture f;
    RenderResult r = engine::render_parsed(f.engine, "note", {{"text", std::string(41, 'x')}}, Format::pdf);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.kind == ErrorKind::validation);
    CHECK(r.error.json_path == "text");
}

TEST_CASE("engine API: schema problems in Vietnamese") {
    Fixture f;
    RenderOptions options;
    options.data_name = "ke-hoach.json";
    ValidationResult result = f.engine.validate("note", R"({"text": 5, "extra": 1})", options);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].message.code() == "schema.wrong-type");
    CHECK(result.problems[0].message.text(Language::vi) == "phải là chuỗi ký tự, không phải số");
    CHECK(result.error.format(Language::vi) == "ke-hoach.json: lỗi: text: phải là chuỗi ký tự, không phải số");
    CHECK(result.error.format() == "ke-hoach.json: error: text: expected a string, found a number");

    result = f.engine.validate("note", R"({"text": "x", "n": 1})", options);
    REQUIRE(result.ok); // extra fields are allowed by this schema
    result = f.engine.validate("note", R"({})", options);
    CHECK(result.error.format(Language::vi) == "ke-hoach.json: lỗi: dữ liệu: thiếu trường bắt buộc \"text\"");
}

TEST_CASE("engine API: render to a stream writes the document, or nothing") {
    Fixture f;
    std::ostringstream out;
    Status ok = f.engine.render("note", R"({"text": "Nội dung."})", Format::model, out);
    INFO(ok.error.format());
    REQUIRE(ok);
    CHECK(out.str() == f.engine.render("note", R"({"text": "Nội dung."})", Format::model).bytes);

    std::ostringstream untouched;
    Status failed = f.engine.render("note", R"({"text": 5})", Format::model, untouched);
    CHECK_FALSE(failed);
    CHECK(failed.error.kind == ErrorKind::validation);
    CHECK(untouched.str().empty());

    std::ostringstream refusing;
    refusing.setstate(std::ios::badbit);
    Status refused = f.engine.render("note", R"({"text": "x"})", Format::model, refusing);
    CHECK(refused.error.kind == ErrorKind::output);

    // A full disk, with a stream set to throw: the exception stays inside the API.
    struct FullDisk : std::streambuf {
        int_type overflow(int_type) override { return traits_type::eof(); }
    } full_disk;
    std::ostream throwing(&full_disk);
    throwing.exceptions(std::ios::badbit);
    Status thrown = f.engine.render("note", R"({"text": "x"})", Format::model, throwing);
    CHECK(thrown.error.kind == ErrorKind::output);
}

TEST_CASE("engine API: no template folder means the installed templates") {
    Engine engine(EngineOptions{});
    REQUIRE(engine.options().template_dirs.size() == 1);
    CHECK(engine.options().template_dirs[0] == installed_template_dir());
    CHECK(installed_template_dir().filename() == "templates");
}

TEST_CASE("engine API: a missing template or profile names the folders searched") {
    TempDir empty;
    Engine engine(EngineOptions{.template_dirs = {empty.path(), repo_templates}});
    RenderResult r = engine.render("thong-bao", "{}", Format::model);
    CHECK(r.error.kind == ErrorKind::resource);
    CHECK_THAT(r.error.message.text(), Catch::Contains("no template 'thong-bao'") &&
                                    Catch::Contains(empty.path().string()) &&
                                    Catch::Contains(repo_templates.string()));
    auto missing = engine.check_template("thong-bao");
    REQUIRE(missing);
    CHECK_THAT(missing->message.text(), Catch::Contains(empty.path().string()));

    Engine no_profiles(EngineOptions{.template_dirs = {empty.path()}});
    RenderResult p = no_profiles.render("thong-bao", "{}", Format::model);
    CHECK(p.error.kind == ErrorKind::resource);
    CHECK_THAT(p.error.message.text(), Catch::Contains("no profile 'party'") && Catch::Contains(empty.path().string()));
}

// vanban/json.hpp: nlohmann::json values written out and given to the text API.

TEST_CASE("engine API: render_json gives what the text gives") {
    Fixture f;
    const nlohmann::json data = {{"text", "Chi bộ họp thường kỳ."}};
    RenderResult from_json = render_json(f.engine, "note", data, Format::model);
    INFO(from_json.error.format());
    REQUIRE(from_json.ok);
    CHECK(from_json.bytes == f.engine.render("note", data.dump(), Format::model).bytes);
    ModelResult model = build_model_json(f.engine, "note", {{"text", "U\x79\xCC\x89 ban"}});
    REQUIRE(model.ok);
    CHECK(body_text(model) == "U\xE1\xBB\xB7 ban"); // NFC, the mark kept on the y
    ValidationResult validation = validate_json(f.engine, "note", {{"text", std::string(41, 'x')}});
    REQUIRE(validation.problems.size() == 1);
    CHECK(validation.problems[0].json_path == "text");
}

TEST_CASE("engine API: render_json turns text that is not UTF-8 into an error naming its place") {
    Fixture f;
    RenderOptions options;
    options.data_name = "portal request";
    nlohmann::json data = {{"text", "ok"}, {"extra", {{"list", {"fine", std::string("bad \xC3(")}}}}};
    RenderResult r = render_json(f.engine, "note", data, Format::pdf, options); // no exception
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.kind == ErrorKind::data);
    CHECK(r.error.json_path == "extra.list[1]");
    CHECK(r.error.where.file == "portal request");
    CHECK(r.error.message.code() == "json.text-not-utf8");
    CHECK(r.error.format() == "portal request: error: extra.list[1]: the text is not valid UTF-8\n"
                              "hint: build the data from UTF-8 strings, or give RenderOptions::input_encoding when they "
                              "hold raw legacy bytes (TCVN3, VNI, Windows-1258)");
    CHECK(r.error.format(Language::vi).find("extra.list[1]: ") != std::string::npos);

    nlohmann::json bad_key = {{"text", "ok"}, {"x", {{std::string("k\xFF"), 1}}}};
    const Error key = build_model_json(f.engine, "note", bad_key).error;
    CHECK(key.message.code() == "json.key-not-utf8");
    CHECK(key.json_path == "x"); // a key is told at its object
    const Error whole = validate_json(f.engine, "note", std::string("\xFF")).error;
    CHECK(whole.message.text() == "the data: the text is not valid UTF-8");
}

TEST_CASE("engine API: render_json passes raw legacy bytes on when the options name the encoding") {
    Fixture f;
    RenderOptions options;
    options.input_encoding = InputEncoding::tcvn3;
    // "Chi bộ họp" in TCVN3's bytes: not UTF-8, so dump() refuses it.
    const std::string raw = *text::encode_legacy("Chi bộ họp", text::LegacyEncoding::tcvn3);
    ModelResult model = build_model_json(f.engine, "note", {{"text", raw}}, options);
    INFO(model.error.format());
    REQUIRE(model.ok);
    CHECK(body_text(model) == "Chi bộ họp");
    CHECK(build_model_json(f.engine, "note", {{"text", raw}}).error.message.code() == "json.text-not-utf8");
}

TEST_CASE("engine API: render_json refuses data nested too deep before writing it out") {
    Fixture f;
    nlohmann::json deep = "bottom";
    for (int i = 0; i < 300; ++i) deep = nlohmann::json::array({std::move(deep)});
    ModelResult model = build_model_json(f.engine, "note", {{"text", "ok"}, {"deep", deep}});
    REQUIRE_FALSE(model.ok);
    CHECK(model.error.kind == ErrorKind::limit);
    CHECK(model.error.message.code() == "json.too-deep");
    std::string path = "deep"; // the object is the 1st level, "deep" the 2nd: the 257th is 255 items in
    for (int i = 0; i < 255; ++i) path += "[0]";
    CHECK(model.error.json_path == path);
    // Far deeper than dump() could recurse: refused all the same, without recursion.
    nlohmann::json abyss = nlohmann::json::array();
    for (int i = 0; i < 200'000; ++i) abyss = nlohmann::json::array({std::move(abyss)});
    CHECK(render_json(f.engine, "note", abyss, Format::pdf).error.kind == ErrorKind::limit);
}

TEST_CASE("engine API: render_json's data errors name the path, not a place in a text the program never saw") {
    Fixture f;
    EngineOptions options = f.engine.options();
    options.max_data_values = 5;
    const Engine small(options);
    const Error error = render_json(small, "note", {{"text", "ok"}, {"list", {1, 2, 3, 4, 5}}}, Format::pdf).error;
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.where.file == "data.json");
    CHECK_FALSE(error.where.known());
    CHECK(error.source_line.empty());
    // A template's error keeps its place.
    f.dir.write("broken/main.vbt", "@type THÔNG BÁO\n{{ text | no_such_filter }}\n");
    const Error in_template = render_json(f.engine, "broken", {{"text", "ok"}}, Format::pdf).error;
    CHECK(in_template.where.line == 2);
}

TEST_CASE("engine API: the model format is the model's JSON tree and the signature fields, written a block at a time") {
    Fixture f;
    const std::filesystem::path example = repo_templates / "ke-hoach/example.json";
    std::ifstream in(example, std::ios::binary);
    const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const ModelResult model = f.engine.build_model("ke-hoach", data);
    REQUIRE(model.ok);
    REQUIRE_FALSE(model.document.appendices.empty()); // blocks spliced in two places
    nlohmann::json tree = model::to_json(model.document);
    tree["signature_fields"] = nlohmann::json::parse(f.engine.render("ke-hoach", data, Format::fields).bytes);
    CHECK(f.engine.render("ke-hoach", data, Format::model).bytes == tree.dump(2) + "\n");
}

TEST_CASE("engine API: characters the PDF's fonts lack are told as a warning, once, in both languages") {
    Fixture f;
    // CJK and an emoji (beyond the BMP, drawn as U+FFFD) have no glyph in the Times New
    // Roman family (Tinos); Vietnamese has every glyph.
    const std::string data = nlohmann::json{{"text", "Hội nghị 中文 😀 中"}}.dump();
    const RenderResult pdf = f.engine.render("note", data, Format::pdf);
    INFO(pdf.error.format());
    REQUIRE(pdf.ok);
    REQUIRE(pdf.warnings.size() == 1);
    const Message& warning = pdf.warnings.front().message;
    CHECK(warning.code() == "pdf.missing-glyphs");
    CHECK_THAT(warning.text(), Catch::Contains("no glyph for 中 (U+4E2D), 文 (U+6587), 😀 (U+1F600):"));
    CHECK_THAT(warning.text(Language::vi), Catch::StartsWith("phông chữ Times New Roman của tệp PDF không có hình chữ"));
    // The same document as DOCX: Word shows them with another font, nothing to tell.
    CHECK(f.engine.render("note", data, Format::docx).warnings.empty());
    CHECK(f.engine.render("note", nlohmann::json{{"text", "Hội nghị Ban Chấp hành Đảng bộ"}}.dump(), Format::pdf).warnings.empty());
    // Past eight characters, the rest are counted.
    std::string many = "Ký hiệu";
    for (char32_t cp = 0x2460; cp < 0x2460 + 11; ++cp) text::append_utf8(many, cp);
    const RenderResult counted = f.engine.render("note", nlohmann::json{{"text", many}}.dump(), Format::pdf);
    REQUIRE(counted.warnings.size() == 1);
    CHECK_THAT(counted.warnings.front().message.text(), Catch::Contains("⑧ (U+2467) and 3 more characters: they print blank"));
}
