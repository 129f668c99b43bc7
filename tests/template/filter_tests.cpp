// Each filter of the spec's table, Vietnamese cases included.
#include "render.hpp"

using namespace vanban::tmpl::testing;

TEST_CASE("case filters are Unicode-aware and keep tone marks where they are", "[template][filters]") {
    CHECK(render(R"({{ "Đảng uỷ" | upper }})") == "ĐẢNG UỶ");
    CHECK(render(R"({{ "ĐẢNG ỦY" | lower }})") == "đảng ủy");
    CHECK(render(R"({{ "về việc" | capitalize }})") == "Về việc");
    CHECK(render(R"({{ "tỉnh uỷ quảng nam" | upper }})") == "TỈNH UỶ QUẢNG NAM");
}

TEST_CASE("trim", "[template][filters]") {
    CHECK(render("[{{ '  a b \\n' | trim }}]") == "[a b]");
    CHECK(render("[{{ s | trim }}]", json{{"s", "\xC2\xA0 Hà Nội\xC2\xA0"}}) == "[Hà Nội]");
}

TEST_CASE("date", "[template][filters]") {
    CHECK(render(R"({{ "2026-02-05" | date }})") == "ngày 05 tháng 02 năm 2026");
    CHECK(render(R"({{ "2019-05-19" | date("DD/MM/YYYY") }})") == "19/5/2019");
    CHECK(render(R"({{ "2019-03-25" | date }})") == "ngày 25 tháng 3 năm 2019");
}

TEST_CASE("roman, letter", "[template][filters]") {
    CHECK(render("{{ 4 | roman }} {{ 1999 | roman }} {{ 2.0 | roman }}") == "IV MCMXCIX II");
    CHECK(render("{{ 5 | letter }} {{ 1 | letter }} {{ 6 | letter }}") == "đ a e");
}

TEST_CASE("number and percent use Vietnamese separators", "[template][filters]") {
    CHECK(render("{{ 1234567.5 | number }}") == "1.234.567,5");
    CHECK(render("{{ 2.5 | number(2) }}") == "2,50");
    CHECK(render("{{ 1234567 | number }}") == "1.234.567");
    CHECK(render("{{ 0.256 | percent }}") == "25,6%");
    CHECK(render("{{ 0.5 | percent(0) }}") == "50%");
}

TEST_CASE("join, default, length", "[template][filters]") {
    const json data = json::parse(R"({"doc": {"tags": ["a", "b"], "none": null}, "n": [1, 2.5]})");
    CHECK(render(R"({{ ["a","b"] | join(", ") }})") == "a, b");
    CHECK(render("{{ n | join('; ') }} {{ doc.tags | join }}", data) == "1; 2.5 ab");
    CHECK(render(R"([{{ doc.urgency | default("") }}])", data) == "[]");
    CHECK(render(R"({{ doc.none | default("x") }} {{ doc.tags | default("x") | length }})", data) == "x 2");
    CHECK(render(R"({{ false | default("x") }} {{ 0 | default("x") }})") == "false 0");
    CHECK(render(R"({{ "Đảng uỷ" | length }} {{ doc | length }} {{ [1, 2, 3] | length }})", data) == "7 2 3");
}

TEST_CASE("sum, first, last", "[template][filters]") {
    const json data = json::parse(R"({"units": [{"members": 12}, {"members": 30}], "xs": [1, 2.5]})");
    CHECK(render(R"({{ units | sum("members") }})", data) == "42");
    CHECK(render("{{ [1, 2, 3] | sum }} {{ xs | sum }} {{ [] | sum }}", data) == "6 3.5 0");
    CHECK(render("{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }}") == "1 3");
    CHECK(render("{{ units | first | length }}", data) == "1");
    CHECK(render("{{ [] | first | default('trống') }}") == "trống");
}

TEST_CASE("round, int, float, string", "[template][filters]") {
    CHECK(render("{{ 2.345 | round(2) }}") == "2.35");
    CHECK(render("{{ 2.5 | round }} {{ -2.5 | round }} {{ 2.4 | round }} {{ 7 | round }}") == "3 -3 2 7");
    CHECK(render("{{ 9.995 | round(2) }} {{ 0.125 | round(2) }}") == "10 0.13");
    CHECK(render(R"({{ "12" | int + 1 }} {{ 3.9 | int }} {{ " -7 " | int }} {{ "2.7" | int }})") == "13 3 -7 2");
    CHECK(render(R"({{ "2.5" | float * 2 }} {{ 3 | float }})") == "5 3");
    CHECK(render(R"({{ 12 | string ~ "a" }} {{ (12 | string) | length }})") == "12a 2");
}

TEST_CASE("filters chain left to right", "[template][filters]") {
    CHECK(render(R"({{ "  về việc  " | trim | capitalize | length }})") == "7");
    CHECK(render(R"({{ missing | default("ab") | upper }})") == "AB");
}
