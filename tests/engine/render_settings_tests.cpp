// A render's settings by name (engine/render_settings.hpp), as `vanban render` and `vanban
// serve` read them, and the creation date a render may carry (RenderOptions).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "engine/render_settings.hpp"

using namespace vanban;
using engine::RenderRequest;
using engine::set_render_setting;

namespace {

const std::string kTemplates = std::string(VANBAN_SOURCE_DIR) + "/templates";

std::string example_plan() {
    std::ifstream in(kTemplates + "/ke-hoach/example.json");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("render settings: each name sets its option, values as the command line takes them", "[engine]") {
    RenderRequest request;
    CHECK_FALSE(set_render_setting("format", "metadata-xml", request));
    CHECK(request.format == Format::metadata_xml);
    CHECK_FALSE(set_render_setting("profile", "state", request));
    CHECK(request.options.profile == "state");
    CHECK_FALSE(set_render_setting("input_encoding", "TCVN3", request));
    CHECK(request.options.input_encoding == InputEncoding::tcvn3);
    CHECK_FALSE(set_render_setting("draft", "", request)); // a bare ?draft
    CHECK(request.options.draft);
    CHECK_FALSE(set_render_setting("draft", "0", request));
    CHECK_FALSE(request.options.draft);
    CHECK_FALSE(set_render_setting("fixed_date", "2019-03-25", request));
    CHECK(request.options.fixed_creation_date == "2019-03-25");
    CHECK_FALSE(set_render_setting("appendix", "2", request));
    CHECK(request.options.appendix == 2);
    CHECK(engine::render_setting_names() == "format, profile, input_encoding, draft, fixed_date, appendix");
    CHECK(engine::render_setting_names(false) == "profile, input_encoding, draft, fixed_date, appendix");
}

TEST_CASE("render settings: a bad value is refused with what the setting takes, and changes nothing", "[engine]") {
    RenderRequest request;
    request.options.profile = "party";
    const auto refused = [&](const char* name, const char* value, const char* code) {
        const RenderRequest before = request;
        std::optional<engine::SettingProblem> problem = set_render_setting(name, value, request);
        REQUIRE(problem);
        CHECK_FALSE(problem->unknown);
        CHECK(problem->message.code() == code);
        CHECK(request.options.profile == before.options.profile);
        CHECK(request.options.draft == before.options.draft);
        CHECK(request.options.fixed_creation_date == before.options.fixed_creation_date);
        CHECK(request.options.appendix == before.options.appendix);
    };
    refused("format", "odt", "render.bad-format");
    refused("profile", "../party", "render.bad-profile-name");
    refused("input_encoding", "koi8-r", "render.unknown-encoding");
    refused("draft", "maybe", "render.bad-draft");
    refused("fixed_date", "2019-13-45", "engine.bad-fixed-date");
    for (const char* number : {"0", "-1", "+1", "1.5", "II", " 1", "99999999999999999999999"})
        refused("appendix", number, "render.bad-appendix");
    // A value gone missing (?appendix=) is a mistake, never the default; only draft is a switch.
    for (const char* name : {"format", "profile", "input_encoding", "fixed_date", "appendix"}) {
        INFO(name);
        refused(name, "", "render.empty-value");
        CHECK(set_render_setting(name, "", request)->hint.code() == "render.empty-value.hint");
    }
    std::optional<engine::SettingProblem> unknown = set_render_setting("darft", "true", request);
    REQUIRE(unknown);
    CHECK(unknown->unknown);
}

TEST_CASE("RenderOptions::fixed_creation_date overrides the engine's, in every writer", "[engine]") {
    Engine engine({.template_dirs = {kTemplates}, .fixed_creation_date = "2026-01-01T00:00:00Z"});
    RenderOptions options;
    options.fixed_creation_date = "2019-03-25T08:00:00+07:00";
    const ModelResult model = engine.build_model("ke-hoach", example_plan(), options);
    REQUIRE(model);
    CHECK(model.document.metadata.created == "2019-03-25T01:00:00Z");
    const RenderResult pdf = engine.render("ke-hoach", example_plan(), Format::pdf, options);
    const RenderResult same = engine.render("ke-hoach", example_plan(), Format::pdf, {.fixed_creation_date = "2019-03-25T01:00:00Z"});
    const RenderResult engines = engine.render("ke-hoach", example_plan(), Format::pdf);
    REQUIRE(pdf);
    CHECK(pdf.bytes == same.bytes);
    CHECK(pdf.bytes != engines.bytes);
    CHECK(engine.build_model("ke-hoach", example_plan()).document.metadata.created == "2026-01-01T00:00:00Z");

    options.fixed_creation_date = "tomorrow";
    const RenderResult bad = engine.render("ke-hoach", example_plan(), Format::docx, options);
    REQUIRE_FALSE(bad);
    CHECK(bad.error.kind == ErrorKind::usage);
    CHECK(bad.error.message.code() == "engine.bad-fixed-date");
}
