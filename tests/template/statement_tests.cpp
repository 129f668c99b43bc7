// if / for / set, and the white space rules (docs/template-language.md, section 1).
#include "render.hpp"

using namespace vanban::tmpl::testing;

namespace {
const json tasks_data = json::parse(R"({
    "doc": {"secret": false},
    "plan": {"tasks": [{"text": "Quán triệt"}, {"text": "Tuyên truyền"}, {"text": "Sơ kết"}]},
    "empty": [],
    "units": [{"name": "Chi bộ 1", "members": 12}, {"name": "Chi bộ 2", "members": 30}],
    "org": {"b": 2, "a": 1}
})");
}

TEST_CASE("if / elif / else, as in the spec", "[template][if]") {
    const std::string source =
        "{% if doc.urgency is defined %}\n"
        "@mark {{ doc.urgency | upper }}\n"
        "{% elif doc.secret %}\n"
        "@mark MẬT\n"
        "{% else %}\n"
        "{# nothing #}\n"
        "{% endif %}\n";
    CHECK(render(source, json::parse(R"({"doc": {"urgency": "khẩn"}})")) == "@mark KHẨN\n");
    CHECK(render(source, json::parse(R"({"doc": {"secret": true}})")) == "@mark MẬT\n");
    CHECK(render(source, json::parse(R"({"doc": {}})")) == "");
}

TEST_CASE("a false condition leaves no empty line", "[template][if][whitespace]") {
    const std::string source = "Trước\n{% if false %}\nẩn\n{% endif %}\nSau\n";
    CHECK(render(source) == "Trước\nSau\n");
    CHECK(render("A\n  {% if true %}  \nB\n\t{% endif %}\nC") == "A\nB\nC");
}

TEST_CASE("for loops with loop variables and else", "[template][for]") {
    const std::string source =
        "{% for task in plan.tasks %}\n"
        "@item[{{ loop.index }}.] {{ task.text }}\n"
        "{% else %}\n"
        "Không có nhiệm vụ.\n"
        "{% endfor %}\n";
    CHECK(render(source, tasks_data) == "@item[1.] Quán triệt\n@item[2.] Tuyên truyền\n@item[3.] Sơ kết\n");
    CHECK(render(source, json::parse(R"({"plan": {"tasks": []}})")) == "Không có nhiệm vụ.\n");

    CHECK(render("{% for t in plan.tasks %}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};"
                 "{% endfor %}",
                 tasks_data) == "0truefalse3;1falsefalse3;2falsetrue3;");
}

TEST_CASE("nested loops: loop is the innermost one", "[template][for]") {
    CHECK(render("{% for a in [1, 2] %}{% for b in ['x', 'y'] %}{{ a }}{{ b }}{{ loop.index }} {% endfor %}"
                 "{{ loop.index }}|{% endfor %}") == "1x1 1y2 1|2x1 2y2 2|");
}

TEST_CASE("for key, value over an object", "[template][for]") {
    // nlohmann::json keeps an object's fields in key order
    CHECK(render("{% for key, value in org %}{{ key }}={{ value }};{% endfor %}", tasks_data) == "a=1;b=2;");
}

TEST_CASE("set, and set local to a loop", "[template][set]") {
    const std::string source =
        "{% set total = units | sum(\"members\") %}\n"
        "Tổng số: {{ total | number }} đảng viên.\n";
    CHECK(render(source, tasks_data) == "Tổng số: 42 đảng viên.\n");
    CHECK(render("{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}") == "23|1");
    CHECK(render("{% set x = 1 %}{% if true %}{% set x = 5 %}{% endif %}{{ x }}") == "5");
    CHECK(render("{% set doc = 'shadow' %}{{ doc }}", tasks_data) == "shadow");
}

TEST_CASE("white space: lines of tags vanish with their line end", "[template][whitespace]") {
    CHECK(render("{% set a = 1 %}\n{# note #}\n  {% set b = 2 %} {# x #}\nA{{ a }}{{ b }}\n") == "A12\n");
    // a comment over several lines is one tag
    CHECK(render("X\n{# one\n   two #}\nY") == "X\nY");
    // a line with text, or a {{ }}, keeps its line end
    CHECK(render("A {% if true %}\nB{% endif %}") == "A \nB");
    CHECK(render("{{ 1 }}{% if true %}\nB{% endif %}") == "1\nB");
    // the last line needs no line end
    CHECK(render("A\n{% set a = 1 %}") == "A\n");
    // empty lines of text stay
    CHECK(render("A\n\nB\n") == "A\n\nB\n");
}

TEST_CASE("white space: the '-' markers", "[template][whitespace]") {
    CHECK(render("A  \n {{- 1 -}} \n\n B") == "A1B");
    CHECK(render("A \n{%- if true -%}\n B {%- endif %}") == "AB");
    CHECK(render("A \n {#- x -#} \n B") == "AB");
    CHECK(render("{{ 1 - 1 }}|{{ 3 -1 }}") == "0|2"); // "-" before a space is subtraction
}

TEST_CASE("comments are dropped", "[template][comments]") {
    CHECK(render("a{# {{ not evaluated }} {% if %} #}b") == "ab");
}

TEST_CASE("literal braces stay text", "[template][text]") {
    CHECK(render("{ a } }} %} #} {{ '{{' }}") == "{ a } }} %} #} {{");
}
