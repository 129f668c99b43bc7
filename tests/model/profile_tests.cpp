// The profiles are configuration: the shipped ones must load, and mistakes in a profile
// must be reported by key, never ignored.
#include <catch2/catch.hpp>

#include "model/profile.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using nlohmann::json;

namespace {
const std::filesystem::path profiles = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates" / "_profiles";

Error error_of(const json& j) {
    try {
        model::profile_from_json(j, "test.json");
    } catch (const Failure& f) {
        return f.error();
    }
    FAIL("profile was accepted");
    return {};
}
} // namespace

TEST_CASE("the Party profile carries the HD36 values") {
    model::Profile p = model::load_profile_file(profiles / "party.json");
    CHECK(p.name == "party");
    CHECK(p.number_prefix == "Số ");
    CHECK(p.page.margin_top_mm == 20);
    CHECK(p.page.margin_bottom_mm == 20);
    CHECK(p.page.margin_left_mm == 30);
    CHECK(p.page.margin_right_mm == 15);
    REQUIRE(p.header.national_title.size() == 1);
    CHECK(p.header.national_title[0] == "ĐẢNG CỘNG SẢN VIỆT NAM");
    CHECK(p.header.national_title_style.size_pt == 15);
    CHECK(p.header.national_title_style.bold);
    CHECK(p.header.issuer_mark == "*");
    CHECK(p.header.place_date_style.italic);
    CHECK(p.summary_separator == "-----");
    CHECK(p.body.first_line_indent_mm == 10);
    CHECK(p.body.space_after_pt >= 6);
    CHECK(p.body.align == model::Align::justify);
    CHECK(p.recipients_label_style.underline);
    CHECK(p.recipients.size_pt == 12);
    CHECK(p.headings.size() >= 3);
}

TEST_CASE("the State profile carries the NĐ30 values") {
    model::Profile p = model::load_profile_file(profiles / "state.json");
    CHECK(p.name == "state");
    CHECK(p.number_prefix == "Số: ");
    REQUIRE(p.header.motto.size() == 1);
    CHECK(p.header.motto[0] == "Độc lập - Tự do - Hạnh phúc");
    CHECK(p.header.issuer_mark.empty());
    CHECK(p.header.rule_under_issuer);
    CHECK(p.recipients_label_style.bold);
    CHECK(p.recipients_label_style.italic);
    CHECK(p.recipients.size_pt == 11);
}

TEST_CASE("unknown profile keys are reported with their path") {
    Error e = error_of(json{{"headings", json::array({json::object()})}, {"body", {{"sise_pt", 14}}}});
    CHECK(e.kind == ErrorKind::resource);
    CHECK(e.json_path == "body.sise_pt");
    CHECK(e.message.text() == "profile setting 'body.sise_pt' is not a profile setting");
    CHECK(e.where.file == "test.json");
}

TEST_CASE("wrongly typed profile values are reported with their path") {
    Error e = error_of(json{{"headings", json::array({{{"bold", "yes"}}})}});
    CHECK(e.json_path == "headings[0].bold");
    CHECK(e.message.text() == "profile setting 'headings[0].bold' must be true or false");

    e = error_of(json{{"headings", json::array({json::object()})}, {"body", {{"align", "middle"}}}});
    CHECK(e.json_path == "body.align");
}

TEST_CASE("a profile without headings or with impossible margins is refused") {
    CHECK(error_of(json::object()).message.text() == "profile must define at least one heading style");
    Error e = error_of(json{{"headings", json::array({json::object()})},
                            {"page", {{"margin_left_mm", 150}, {"margin_right_mm", 100}}}});
    CHECK(e.message.text() == "profile margins leave no room for text");
}

TEST_CASE("line breaking and the rules' band are settings, checked when read") {
    const json minimal = {{"headings", json::array({json::object()})}};
    const model::Profile defaults = model::profile_from_json(minimal, "test.json");
    CHECK(defaults.line_breaking == model::LineBreaking::first_fit);
    CHECK(defaults.rule_width_pt == 0.5);
    CHECK(defaults.rule_gap_pt == 1.5);
    json optimal = minimal;
    optimal["line_breaking"] = "optimal-fit";
    CHECK(model::profile_from_json(optimal, "test.json").line_breaking == model::LineBreaking::optimal_fit);

    json wrong = minimal;
    wrong["line_breaking"] = "greedy";
    CHECK(error_of(wrong).json_path == "line_breaking");
    json thin_gap = minimal;
    thin_gap["rule_gap_pt"] = 1.1; // less than 1 pt + half of 0.5 pt: the band cannot hold it
    CHECK_THAT(error_of(thin_gap).message.text(), Catch::Contains("rule_gap_pt"));
    json no_rule = minimal;
    no_rule["rule_width_pt"] = 0;
    CHECK_THAT(error_of(no_rule).message.text(), Catch::Contains("rule_width_pt"));
}

TEST_CASE("a missing profile file is a resource error") {
    try {
        model::load_profile_file(profiles / "no-such-profile.json");
        FAIL("no error");
    } catch (const Failure& f) {
        CHECK(f.error().kind == ErrorKind::resource);
        CHECK_THAT(f.error().message.text(), Catch::Contains("no-such-profile.json"));
    }
}
