// Output names from the -o pattern: the template language over each record, and names from
// data that cannot leave the output folder or break on Windows.
#include <catch2/catch.hpp>

#include "batch/claimed_names.hpp"
#include "batch/output_name.hpp"
#include "vanban/error.hpp"

using nlohmann::json;
using vanban::ErrorKind;
using vanban::Failure;
using vanban::Format;
using vanban::batch::OutputPattern;

namespace {

// The error a pattern gives for `data` (kind and message), or kind internal when none.
vanban::Error name_error(const std::string& pattern, const json& data) {
    try {
        OutputPattern(pattern).evaluate(data, 1);
    } catch (const Failure& failure) {
        return failure.error();
    }
    return vanban::Error{};
}

} // namespace

TEST_CASE("output name: the pattern is the template language over the record") {
    OutputPattern pattern("out/{{ branch.code }}-ke-hoach.pdf");
    CHECK(pattern.evaluate(json{{"branch", {{"code", "HC05"}}}}, 1) == "out/HC05-ke-hoach.pdf");
    CHECK(pattern.evaluate(json{{"branch", {{"code", "HC06"}}}}, 2) == "out/HC06-ke-hoach.pdf");
    OutputPattern filters("{{ unit | lower }}/{{ vanban.record }}-{{ header.date | date(\"DD-MM-YYYY\") }}.docx");
    // The date filter keeps the official zero rule: 0 before days 1-9 and months 1-2 only.
    CHECK(filters.evaluate(json{{"unit", "HUYỆN ỦY"}, {"header", {{"date", "2019-03-05"}}}}, 17) ==
          "huyện ủy/17-05-3-2019.docx");
}

TEST_CASE("output name: separators and characters Windows or Linux refuse become '_' in data") {
    OutputPattern pattern("out/{{ number }}.pdf");
    CHECK(pattern.evaluate(json{{"number", "146-KH/TU"}}, 1) == "out/146-KH_TU.pdf");
    CHECK(pattern.evaluate(json{{"number", "a\\b:c*d?e\"f<g>h|i"}}, 1) == "out/a_b_c_d_e_f_g_h_i.pdf");
    CHECK(pattern.evaluate(json{{"number", "line\nbreak\ttab\x7F"}}, 1) == "out/line_break_tab_.pdf");
    CHECK(pattern.evaluate(json{{"number", "/etc/passwd"}}, 1) == "out/_etc_passwd.pdf");
    CHECK(pattern.evaluate(json{{"number", "../../x"}}, 1) == "out/.._.._x.pdf");
    CHECK(vanban::batch::sanitise_name_piece("Chi bộ số 5") == "Chi bộ số 5"); // Vietnamese stays as it is
}

TEST_CASE("output name: data cannot make a name '..', '.', or empty, nor a Windows device name") {
    const std::string folder_pattern = "out/{{ folder }}/plan.pdf";
    auto dotdot = name_error(folder_pattern, json{{"folder", ".."}});
    CHECK(dotdot.kind == ErrorKind::data);
    CHECK_THAT(dotdot.message.text(), Catch::Contains("leave the output folder"));
    CHECK(name_error(folder_pattern, json{{"folder", "."}}).kind == ErrorKind::data);
    CHECK_THAT(name_error(folder_pattern, json{{"folder", ""}}).message.text(), Catch::Contains("empty"));
    CHECK_THAT(name_error("out/{{ folder }}/", json{{"folder", "x"}}).message.text(), Catch::Contains("empty"));
    CHECK(OutputPattern("/tmp/{{ folder }}.pdf").evaluate(json{{"folder", "x"}}, 1) == "/tmp/x.pdf");

    OutputPattern pattern("out/{{ name }}");
    CHECK(pattern.evaluate(json{{"name", "NUL.pdf"}}, 1) == "out/_NUL.pdf");
    CHECK(pattern.evaluate(json{{"name", "com1"}}, 1) == "out/_com1");
    CHECK(pattern.evaluate(json{{"name", "console.pdf"}}, 1) == "out/console.pdf");
    CHECK(pattern.evaluate(json{{"name", "plan."}}, 1) == "out/plan_"); // Windows would drop the dot
    // The pattern's own text is the user's choice: "../" written there is kept.
    CHECK(OutputPattern("../shared/{{ name }}.pdf").evaluate(json{{"name", "x"}}, 1) == "../shared/x.pdf");
}

TEST_CASE("output name: a missing field fails the record, naming the field") {
    auto error = name_error("out/{{ branch.code }}.pdf", json{{"branch", json::object()}});
    CHECK(error.kind != ErrorKind::internal);
    CHECK_THAT(error.message.text(), Catch::Contains("branch.code"));
    CHECK(error.where.file == "output pattern");
    CHECK(error.where.column == 8);
}

TEST_CASE("output name: a pattern that does not parse is refused at once, with its column") {
    try {
        OutputPattern pattern("out/{{ branch.code | nosuchfilter }}.pdf");
        FAIL("the pattern parsed");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::template_eval);
        CHECK(failure.error().where.column > 1);
    }
    CHECK_THROWS_AS(OutputPattern("out/{{ x .pdf"), Failure);
    CHECK_THROWS_AS(OutputPattern(""), Failure);
    CHECK_THROWS_AS(OutputPattern("a\nb"), Failure);
}

TEST_CASE("output name: the fields the pattern reads name the records") {
    CHECK(OutputPattern("out/{{ branch.code }}-{{ header.number | lower }}.pdf").fields() ==
          std::vector<std::string>{"branch.code", "header.number"});
    CHECK(OutputPattern("{{ vanban.record }}-{{ items[0].name }}-{{ o[\"k\"] }}.pdf").fields() ==
          std::vector<std::string>{"items[0].name", "o.k"});
    // A condition reads the data too; keys that are not names are written in brackets.
    CHECK(OutputPattern("{% if a %}{{ b }}{% else %}{{ c ~ d }}{% endif %}.pdf").fields() ==
          std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(OutputPattern("{{ x[\"a-b\"].c }}.pdf").fields() == std::vector<std::string>{"x[\"a-b\"].c"});
}

TEST_CASE("output name: the base folder and the format come from the pattern's text") {
    CHECK(OutputPattern("out/{{ x }}.pdf").base_folder() == "out");
    CHECK(OutputPattern("out/pdf/{{ x }}/{{ y }}.pdf").base_folder() == "out/pdf");
    CHECK(OutputPattern("{{ x }}.pdf").base_folder() == ".");
    CHECK(OutputPattern("out/{{ x }}.pdf").format_from_extension() == Format::pdf);
    CHECK(OutputPattern("out/{{ x }}.DOCX").format_from_extension() == Format::docx);
    CHECK(OutputPattern("out/{{ x }}.json").format_from_extension() == Format::model);
    CHECK_FALSE(OutputPattern("out/{{ x }}").format_from_extension());
    CHECK_FALSE(OutputPattern("out.pdf/{{ x }}").format_from_extension());
}

TEST_CASE("output name: with several formats the extension is replaced by each format's") {
    using vanban::batch::path_for_format;
    CHECK(path_for_format("out/HC05.pdf", Format::docx, true) == "out/HC05.docx");
    CHECK(path_for_format("out/HC05.pdf", Format::pdf, true) == "out/HC05.pdf");
    CHECK(path_for_format("out/HC05", Format::pdf, true) == "out/HC05.pdf");
    CHECK(path_for_format("out.v2/146-KH.TU", Format::docx, true) == "out.v2/146-KH.TU.docx");
    CHECK(path_for_format("out/HC05.pdf", Format::docx, false) == "out/HC05.pdf");
    CHECK(path_for_format("out/HC05.PDF", Format::docx, true) == "out/HC05.docx"); // one map, any case
}

TEST_CASE("output name: claimed names remember their first record, through the table's growth") {
    vanban::batch::ClaimedNames claimed;
    std::size_t refused = 0;
    for (std::size_t record = 1; record <= 5000; ++record)
        refused += claimed.claim("out/CB" + std::to_string(record) + "-ke-hoach", record) != 0;
    CHECK(refused == 0);
    CHECK(claimed.size() == 5000);
    CHECK(claimed.claim("out/CB1-ke-hoach", 5001) == 1);
    CHECK(claimed.claim("out/CB4321-ke-hoach", 5002) == 4321);
    CHECK(claimed.claim("out/CB4321-ke-hoach.pdf", 5003) == 0); // another name
    CHECK(claimed.claim("", 5004) == 0);
    CHECK(claimed.claim("", 5005) == 5004);
}
