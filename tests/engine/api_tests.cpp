// The C++ API beyond render(): data already parsed, rendering to a stream, the default
// template folder, and what a missing template or profile says.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"

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
    RenderResult from_json = f.engine.render_parsed("note", data, Format::model);
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
    ModelResult model = f.engine.build_model_parsed("note", {{"text", decomposed}});
    INFO(model.error.format());
    REQUIRE(model.ok);
    CHECK(body_text(model) == "U\xE1\xBB\xB7 ban");
}

TEST_CASE("engine API: parsed data with invalid UTF-8 names the field") {
    Fixture f;
    RenderOptions options;
    options.data_name = "record 7";
    nlohmann::json data = {{"text", "ok"}, {"extra", {{"list", {"fine", std::string("bad \xC3(")}}}}};
    ModelResult model = f.engine.build_model_parsed("note", data, options);
    REQUIRE_FALSE(model.ok);
    CHECK(model.error.kind == ErrorKind::data);
    CHECK(model.error.json_path == "extra.list[1]");
    CHECK(model.error.where.file == "record 7");
    CHECK_THAT(model.error.message.text(), Catch::Contains("not valid UTF-8"));

    nlohmann::json bad_key = {{"text", "ok"}, {std::string("k\xFF"), 1}};
    CHECK(f.engine.build_model_parsed("note", bad_key).error.kind == ErrorKind::data);
}

TEST_CASE("engine API: parsed data nested without end is refused, not recursed into") {
    Fixture f;
    nlohmann::json deep = "bottom";
    for (int i = 0; i < 300; ++i) deep = nlohmann::json::array({std::move(deep)});
    ModelResult model = f.engine.build_model_parsed("note", {{"text", "ok"}, {"deep", deep}});
    REQUIRE_FALSE(model.ok);
    CHECK(model.error.kind == ErrorKind::limit);
    CHECK_THAT(model.error.message.text(), Catch::Contains("nesting deeper than 256"));
}

TEST_CASE("engine API: parsed data is checked against the schema") {
    Fixture f;
    RenderResult r = f.engine.render_parsed("note", {{"text", std::string(41, 'x')}}, Format::pdf);
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
