// One field, one way of writing it: every stage that names a place in JSON (the template,
// the schema, the data's limits and checks, the profile loader) writes the same path.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/parsed_data.hpp"
#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"

using namespace vanban;
using vanban::testing::TempDir;

namespace {

const std::filesystem::path repo_templates = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates";
const std::string kPath = R"(x["a-b"].c)";

struct Fixture {
    TempDir dir;
    Engine engine;
    explicit Fixture(std::size_t max_string = 1u << 20)
        : engine(EngineOptions{.template_dirs = {dir.path(), repo_templates}, .max_data_string_bytes = max_string}) {
        dir.write("t/main.vbt", "@type KẾ HOẠCH\n{{ x[\"a-b\"].c }}\n");
    }
};

} // namespace

TEST_CASE("json paths: a missing field, a schema problem and a long text name one path") {
    Fixture f(4);
    const Error missing = f.engine.build_model("t", R"({"x": {"a-b": {}}})").error;
    CHECK(missing.json_path == kPath);
    CHECK_THAT(missing.message.text(), Catch::Contains("missing field " + kPath));

    const Error too_long = f.engine.build_model("t", R"({"x": {"a-b": {"c": "năm chữ"}}})").error;
    CHECK(too_long.kind == ErrorKind::limit);
    CHECK(too_long.json_path == kPath);
    CHECK_THAT(too_long.message.text(), Catch::StartsWith(kPath + ": a text of"));

    f.dir.write("s/main.vbt", "@type KẾ HOẠCH\n");
    f.dir.write("s/schema.json", R"({"properties": {"x": {"properties": {"a-b": {"properties": {"c": {"type": "string"}}}}}}})");
    const Error schema = f.engine.build_model("s", R"({"x": {"a-b": {"c": 1}}})").error;
    CHECK(schema.kind == ErrorKind::validation);
    CHECK(schema.json_path == kPath);
    CHECK_THAT(schema.message.text(), Catch::StartsWith(kPath + ": expected a string"));
}

TEST_CASE("json paths: invalid UTF-8 in data built by the caller names the same path") {
    Fixture f;
    const nlohmann::json data = {{"x", {{"a-b", {{"c", "\xC3"}}}}}};
    const Error error = engine::build_model_parsed(f.engine, "t", data).error;
    CHECK(error.kind == ErrorKind::data);
    CHECK(error.json_path == kPath);
}

TEST_CASE("json paths: a profile setting that is not a name is written in brackets") {
    Fixture f;
    f.dir.write("_profiles/mine.json", R"({"header": {"a-b": 1}})");
    RenderOptions options;
    options.profile = "mine";
    const Error error = f.engine.build_model("t", R"({"x": {"a-b": {"c": "c"}}})", options).error;
    CHECK(error.kind == ErrorKind::resource);
    CHECK(error.json_path == R"(header["a-b"])");
    CHECK_THAT(error.message.text(), Catch::Contains(R"('header["a-b"]' is not a profile setting)"));
}

TEST_CASE("json paths: json_path_member and json_path_item write them as every message does") {
    CHECK(json_path_member("", "header") == "header");
    CHECK(json_path_member("header", "issuer") == "header.issuer");
    CHECK(json_path_member("x", "a-b") == R"(x["a-b"])");
    CHECK(json_path_member("", "số hiệu") == R"(["số hiệu"])");
    CHECK(json_path_item("tasks", 3) == "tasks[3]");
    CHECK(json_path_member(json_path_item("", 0), "tên_đơn_vị") == "[0].tên_đơn_vị");
}
