// Values, literals, operators and precedence (docs/template-language.md, section 1).
#include "render.hpp"

using namespace vanban::tmpl::testing;

namespace {
const json plan_data = json::parse(R"({
    "doc": {"number": "19-KH/CB", "title": "Kế hoạch"},
    "org": {"issuer": "CHI BỘ TRƯỜNG THPT TRẦN PHÚ"},
    "plan": {"tasks": [{"deadline": "tháng 4/2019", "text": "Quán triệt"},
                       {"deadline": "tháng 5/2019", "text": "Sơ kết"}]},
    "count": 3, "ratio": 2.5, "flag": true, "nothing": null, "list": [1, 2, 3]
})");
}

TEST_CASE("values print as the spec says", "[template][values]") {
    CHECK(render("Số {{ doc.number }}", plan_data) == "Số 19-KH/CB");
    CHECK(render("{{ plan.tasks[0].deadline }}", plan_data) == "tháng 4/2019");
    CHECK(render("{{ org[\"issuer\"] }}", plan_data) == "CHI BỘ TRƯỜNG THPT TRẦN PHÚ");
    CHECK(render("{{ count }} {{ ratio }} {{ flag }} {{ false }}", plan_data) == "3 2.5 true false");
    CHECK(render("{{ plan.tasks[-1].text }}", plan_data) == "Sơ kết");
}

TEST_CASE("numbers: integers stay integers, division is exact", "[template][values]") {
    CHECK(render("{{ 1 + 2 }}") == "3");
    CHECK(render("{{ 7 / 2 }}") == "3.5");
    CHECK(render("{{ 6 / 2 }}") == "3");
    CHECK(render("{{ 12.5 }}") == "12.5");
    CHECK(render("{{ -2 }}") == "-2");
    CHECK(render("{{ 2 * 3 - 1 }}") == "5");
    CHECK(render("{{ 7 % 3 }} {{ -7 % 3 }}") == "1 2");
    CHECK(render("{{ 0.1 + 0.2 }}") == "0.30000000000000004");
    CHECK(render("{{ 9223372036854775807 + 1 }}") == "9223372036854775808");
    CHECK(render("{{ count * ratio }}", plan_data) == "7.5");
}

TEST_CASE("strings: both quotes and the escapes", "[template][values]") {
    CHECK(render(R"({{ "Nơi nhận:" }} {{ 'b/c' }})") == "Nơi nhận: b/c");
    CHECK(render(R"({{ "a\"b" ~ 'c\'d' ~ "e\\f" }})") == "a\"bc'de\\f");
    CHECK(render(R"({{ "x\ny" }})") == "x\ny");
}

TEST_CASE("~ joins anything printable as text", "[template][operators]") {
    CHECK(render(R"({{ "Số " ~ doc.number }})", plan_data) == "Số 19-KH/CB");
    CHECK(render(R"({{ "n=" ~ 3 ~ "/" ~ 2.5 ~ true }})") == "n=3/2.5true");
}

TEST_CASE("comparisons", "[template][operators]") {
    CHECK(render("{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 3 >= 4 }}") == "true true false false");
    CHECK(render("{{ 1 == 1.0 }} {{ 1 != 2 }} {{ 'a' == 'a' }} {{ 'a' < 'b' }}") == "true true true true");
    CHECK(render("{{ 1 == '1' }} {{ none == none }} {{ nothing == none }}", plan_data) == "false true true");
    CHECK(render("{{ [1, 2] == [1, 2] }} {{ list == [1, 2, 3] }}", plan_data) == "true true");
    CHECK(render("{{ 'Đ' > 'Z' }}") == "true"); // code point order
}

TEST_CASE("logic and truth", "[template][operators]") {
    CHECK(render("{{ true and false }} {{ true or false }} {{ not true }}") == "false true false");
    CHECK(render("{{ not 0 }} {{ not '' }} {{ not [] }} {{ not nothing }} {{ not doc.missing }}", plan_data) ==
          "true true true true true");
    CHECK(render("{{ not 'x' }} {{ not [0] }} {{ not doc }}", plan_data) == "false false false");
    // a missing field is false where truth is asked, and "and" does not look further
    CHECK(render("{{ doc.missing and doc.missing.deeper }}", plan_data) == "false");
}

TEST_CASE("membership and tests", "[template][operators]") {
    CHECK(render(R"({{ "CB" in doc.number }} {{ 2 in [1, 2] }} {{ 5 not in list }})", plan_data) ==
          "true true true");
    CHECK(render(R"({{ "title" in doc }} {{ "x" in doc }})", plan_data) == "true false");
    CHECK(render("{{ doc.urgency is defined }} {{ doc.number is defined }}", plan_data) == "false true");
    CHECK(render("{{ doc.urgency is not defined }} {{ nothing is none }} {{ count is not none }}", plan_data) ==
          "true true true");
}

TEST_CASE("precedence, loosest first", "[template][operators]") {
    CHECK(render("{{ 1 + 2 * 3 }}") == "7");
    CHECK(render("{{ (1 + 2) * 3 }}") == "9");
    CHECK(render("{{ 1 + 2 ~ 3 }}") == "33");           // + binds tighter than ~
    CHECK(render("{{ 'a' ~ 1 == 'a1' }}") == "true");   // ~ tighter than ==
    CHECK(render("{{ not 1 == 2 }}") == "true");        // not looser than ==
    CHECK(render("{{ true or false and false }}") == "true");
    CHECK(render("{{ -list | length }}", plan_data) == "-3"); // unary minus looser than filters
    CHECK(render("{{ 2 * -3 }}") == "-6");
    CHECK(render("{{ [1, 2, 3] | length * 2 }}") == "6"); // filters tighter than *
}

TEST_CASE("lists", "[template][values]") {
    CHECK(render(R"({{ ["a", "b"] | join(", ") }})") == "a, b");
    CHECK(render("{{ [] | length }} {{ [1, [2, 3]][1][0] }}") == "0 2");
}

TEST_CASE("names may be Vietnamese words", "[template][values]") {
    CHECK(render("{{ đơn_vị.tên }}", json::parse(R"({"đơn_vị": {"tên": "Chi bộ"}})")) == "Chi bộ");
}
