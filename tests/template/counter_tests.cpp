// namespace() counters, the numbering filter, min and max, and objects printed whole (for
// "@table {{ t }}"): what outline.vbt is written with (docs/template-language.md).
#include "template/render.hpp"

#include "template/filters.hpp"

using namespace vanban;
using namespace vanban::tmpl;
using namespace vanban::tmpl::testing;

TEST_CASE("a namespace's fields outlive loop iterations and macro calls", "[template][namespace]") {
    // A plain set lasts one iteration; a namespace's field keeps counting.
    CHECK(render("{% set n = 0 %}{% for x in [1, 2, 3] %}{% set n = n + 1 %}{% endfor %}{{ n }}") == "0");
    CHECK(render("{% set c = namespace(n=0) %}{% for x in [1, 2, 3] %}{% set c.n = c.n + x %}{% endfor %}{{ c.n }}") ==
          "6");
    // A macro sees the namespace where it is defined, and changes it for everyone, also in recursion.
    const std::string source = R"T({% set tally = namespace(task=0) %}
{%- macro walk(nodes) %}{% for n in nodes %}{% set tally.task = tally.task + 1 %}[{{ tally.task }}:{{ n.name }}]
{%- if n.children is defined %}{{ walk(n.children) }}{% endif %}{% endfor %}{% endmacro -%}
{{ walk(tree) }} total {{ tally.task }})T";
    const json tree = json::parse(R"T({"tree": [{"name": "a", "children": [{"name": "b"}, {"name": "c"}]}, {"name": "d"}]})T");
    CHECK(render(source, tree) == "[1:a][2:b][3:c][4:d] total 4");
    // Several fields, and text.
    CHECK(render(R"T({% set s = namespace(count=2, label="x") %}{% set s.label = s.label ~ "y" %}{{ s.label }}{{ s.count }})T") ==
          "xy2");
    // Each evaluation starts again: the namespace is made when its set runs.
    Rendering twice("{% set c = namespace(n=0) %}{% set c.n = c.n + 1 %}{{ c.n }}");
    CHECK(plain(twice.run()) == "1");
    CHECK(plain(twice.run()) == "1");
}

TEST_CASE("namespace mistakes", "[template][namespace]") {
    CHECK(render_error("{% set x = 1 %}{% set x.n = 2 %}").message.text() ==
          "only a namespace's fields can be set: x is a number; make it with x = namespace(…)");
    CHECK(render_error("{% set c = namespace(n=0) %}{{ c.m }}").message.text() ==
          "the namespace has no field 'm'; it has n");
    const Error printed = render_error("{% set c = namespace(n=0) %}{{ c }}");
    CHECK(printed.message.text() == "cannot print a namespace");
    CHECK(printed.hint.text() == "use one of its fields");
    CHECK(render_error("{% set c = namespace(n=0) %}{% set c.n = c %}").message.text() ==
          "a namespace's field cannot hold a namespace");
    CHECK(render_error("{{ namespace(1) }}").message.text() == "namespace() takes its fields by name: namespace(count=0)");
    CHECK(render_error("{% set namespace = 1 %}").message.text() == "'namespace' cannot be used as a name here");
}

TEST_CASE("numbering: a label from an index and a style", "[template][filters]") {
    CHECK(render(R"T({{ 3 | numbering("I-") }} {{ 4 | numbering("I.") }} {{ 2 | numbering("I)") }})T") == "III- IV. II)");
    CHECK(render(R"T({{ 5 | numbering("a)") }} {{ 5 | numbering("A.") }} {{ 12 | numbering("1-") }})T") == "đ) Đ. 12-");
    // "1.1": the parent's label without its punctuation, a dot, then this one.
    CHECK(render(R"T({{ 3 | numbering("1.1-", "2-") }} {{ 1 | numbering("1.1.", "2.3.") }} {{ 2 | numbering("1.1)", "") }})T") ==
          "2.3- 2.3.1. 2)");
    CHECK(render(R"T({{ 9 | numbering("1.1-", "2.9 -") }})T") == "2.9.9-");
    // Marks are printed as they are, whatever the index.
    CHECK(render(R"T([{{ 7 | numbering("-") }}][{{ 7 | numbering("•") }}][{{ 7 | numbering("") }}])T") == "[-][•][]");
    CHECK(render(R"T({{ 2 | numbering("I") }}{{ 2 | numbering("1") }})T") == "II2");
    CHECK(render_error(R"T({{ 0 | numbering("I-") }})T").message.text().find("a whole number from 1") != std::string::npos);
    CHECK(render_error(R"T({{ 1 | numbering }})T").kind == ErrorKind::template_eval); // the style is required
}

TEST_CASE("min and max of a list of numbers", "[template][filters]") {
    CHECK(render("{{ [3, 7, 4] | min }} {{ [3, 7, 4] | max }} {{ [2.5, 1] | min }}") == "3 7 1");
    CHECK(render_error("{{ [] | min }}").message.text().find("a list with at least one number") != std::string::npos);
    CHECK(render_error("{{ [1, 'a'] | max }}").kind == ErrorKind::template_eval);
}

TEST_CASE("an object printed whole travels to the markup stage with its path", "[template][objects]") {
    const json data = json::parse(R"T({"report": {"tables": [{"columns": []}]}})T");
    Rendering rendering("@table {{ report.tables[0] }}");
    const Output out = rendering.run(data);
    REQUIRE(out.fragments().size() == 2);
    const Fragment& object = out.fragments()[1];
    CHECK(object.object == &data["report"]["tables"][0]);
    CHECK(object.object_path == "report.tables[0]");
    CHECK(object.text == object_placeholder);
    CHECK(object.origin.column == 8);
    // Joining or filtering an object is still an error: only a whole object is handed over.
    const Error joined = render_error("{{ report ~ 'x' }}", data);
    CHECK(joined.message.text() == "cannot join an object with '~'");
    CHECK(joined.hint.text() == "use one of its fields");
}
