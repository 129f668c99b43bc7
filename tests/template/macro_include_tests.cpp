// Macros (defaults, keyword arguments, recursion, output kinds) and include.
#include "render.hpp"

using namespace vanban;
using namespace vanban::tmpl;
using namespace vanban::tmpl::testing;

namespace {
const json section_data = json::parse(R"({
    "section": {"tasks": [{"text": "Quán triệt", "deadline": "tháng 4/2019"},
                          {"text": "Sơ kết", "deadline": "tháng 12/2019"}]}
})");

const std::string task_line_macro =
    "{% macro task_line(task, marker=\"-\") %}\n"
    "@item[{{ marker }}] {{ task.text }} (*{{ task.deadline }}*)\n"
    "{% endmacro %}\n";
} // namespace

TEST_CASE("the spec's macro example", "[template][macros]") {
    const std::string source = task_line_macro +
                               "{% for t in section.tasks %}\n"
                               "{{ task_line(t) }}\n"
                               "{% endfor %}\n";
    CHECK(render(source, section_data) ==
          "@item[-] Quán triệt (*tháng 4/2019*)\n\n@item[-] Sơ kết (*tháng 12/2019*)\n\n");
}

TEST_CASE("macro arguments by position and by name, defaults", "[template][macros]") {
    const std::string source = task_line_macro + "{{ task_line(section.tasks[0], marker=\"+\") }}"
                                                 "{{ task_line(task=section.tasks[1]) }}"
                                                 "{{ task_line(section.tasks[1], \"*\") }}";
    CHECK(render(source, section_data) == "@item[+] Quán triệt (*tháng 4/2019*)\n"
                                          "@item[-] Sơ kết (*tháng 12/2019*)\n"
                                          "@item[*] Sơ kết (*tháng 12/2019*)\n");
    // a default may use the parameters before it
    CHECK(render("{% macro m(a, b=a ~ '!') %}{{ a }}{{ b }}{% endmacro %}{{ m('x') }}") == "xx!");
}

TEST_CASE("macros see the names where they are defined, not the caller's", "[template][macros]") {
    CHECK(render("{% set who = 'A' %}{% macro m() %}{{ who }}{% endmacro %}{{ m() }}") == "A");
    CHECK(render("{% macro m() %}{{ x is defined }}{% endmacro %}{% for x in [1] %}{{ m() }}{% endfor %}") ==
          "false");
    // set inside a macro is local to it
    CHECK(render("{% set v = 1 %}{% macro m() %}{% set v = 2 %}{{ v }}{% endmacro %}{{ m() }}{{ v }}") == "21");
}

TEST_CASE("recursive macros, within the call depth limit", "[template][macros][limits]") {
    const std::string source =
        "{% macro down(n) %}{{ n }}{% if n > 0 %} {{ down(n - 1) }}{% endif %}{% endmacro %}{{ down(start) }}";
    CHECK(render(source, json{{"start", 4}}) == "4 3 2 1 0");
    Limits limits;
    limits.max_call_depth = 10;
    Error error = render_error(source, json{{"start", 50}}, {}, limits);
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.message.text() == "macro calls nest more than 10 deep (max_call_depth; endless recursion?)");
    CHECK(error.where.line == 1);
    CHECK(error.where.column == 45);
    // the default limit stops endless recursion too
    Error endless = render_error("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}");
    CHECK(endless.kind == ErrorKind::limit);
}

TEST_CASE("macro output keeps template text and values apart", "[template][macros]") {
    Rendering rendering("{% macro m(x) %}\n@item[-] {{ x }}\n{% endmacro %}Văn bản {{ m('@h1 dữ liệu') }}");
    Output out = rendering.run();
    const auto& pieces = out.fragments();
    REQUIRE(pieces.size() == 4);
    CHECK(pieces[0].text == "Văn bản ");
    CHECK(pieces[0].from_template);
    CHECK(pieces[1].text == "@item[-] ");
    CHECK(pieces[1].from_template);
    CHECK(pieces[1].origin.line == 2);
    CHECK(pieces[1].origin.column == 1);
    CHECK(*pieces[1].origin.file == "main.vbt");
    CHECK(pieces[2].text == "@h1 dữ liệu");
    CHECK_FALSE(pieces[2].from_template);
    CHECK(pieces[2].origin.line == 2);
    CHECK(pieces[2].origin.column == 10);
    CHECK(pieces[3].text == "\n");
    CHECK(pieces[3].from_template);

    // the same when the macro's result is set first, then printed
    Rendering captured("{% macro m(x) %}@h1 {{ x }}{% endmacro %}{% set s = m('v') %}{{ s }}");
    Output second = captured.run();
    REQUIRE(second.fragments().size() == 2);
    CHECK(second.fragments()[0].from_template);
    CHECK_FALSE(second.fragments()[1].from_template);
    // joined with ~ or filtered, it is data text
    CHECK(render("{% macro m() %}ab{% endmacro %}{{ m() ~ 'c' }} {{ m() | upper }} {{ m() | length }}") ==
          "abc AB 2");
}

TEST_CASE("macro call errors", "[template][macros][errors]") {
    const std::string macro = "{% macro m(a, b=1) %}{% endmacro %}";
    Error error = render_error(macro + "{{ m() }}");
    CHECK(error.kind == ErrorKind::template_eval);
    CHECK(error.message.text() == "the macro 'm' needs the argument 'a'");
    CHECK(error.where.column == 39);
    CHECK(render_error(macro + "{{ m(1, 2, 3) }}").message.text() == "the macro 'm' takes 2 arguments, not 3");
    CHECK(render_error("{% macro one(a) %}{% endmacro %}{{ one(1, 2) }}").message.text() ==
          "the macro 'one' takes 1 argument, not 2");
    CHECK(render_error(macro + "{{ m(1, c=2) }}").message.text() == "the macro 'm' has no parameter 'c'");
    CHECK(render_error(macro + "{{ m(1, a=2) }}").message.text() == "the argument 'a' is already given by position");
    CHECK(render_error("{{ tsk_line(1) }}").message.text() == "unknown macro 'tsk_line'");
    CHECK(render_error("{{ x() }}", json{{"x", "text"}}).message.text() == "only macros can be called, not text");
    CHECK(render_error("{% macro m(a=1, b) %}{% endmacro %}").message.text() ==
          "the parameter 'b' needs a default value, like the ones before it");
    CHECK(render_error("{{ m(a=1, 2) }}").message.text() == "arguments by position must come before arguments by name");
    // a missing field inside a macro is reported in the macro, with the data path
    Error missing = render_error("{% macro show(t) %}\n{{ t.deadline }}{% endmacro %}{{ show(section.tasks[0]) }}",
                                 json::parse(R"({"section": {"tasks": [{}]}})"));
    CHECK(missing.message.text() == "missing field section.tasks[0].deadline");
    CHECK(missing.where.line == 2);
    CHECK(missing.where.column == 4);
}

TEST_CASE("include sees the includer's names, and its macros stay", "[template][include]") {
    const std::map<std::string, std::string> shared = {
        {"_shared/header.vbt", "@header\n@issuer {{ org.issuer }}\n@end\n"},
        {"_shared/macros.vbt", "{% macro sign(name) %}@name {{ name }}\n{% endmacro %}\n"},
    };
    const json data = json::parse(R"({"org": {"issuer": "TỈNH UỶ QUẢNG NAM"}, "names": ["Đỗ Xuân Tuyên"]})");
    CHECK(render("{% include \"_shared/header.vbt\" %}\nThân\n", data, shared) ==
          "@header\n@issuer TỈNH UỶ QUẢNG NAM\n@end\nThân\n");
    CHECK(render("{% include '_shared/macros.vbt' %}\n{{ sign(names[0]) }}", data, shared) == "@name Đỗ Xuân Tuyên\n");
    // loop variables are seen too
    CHECK(render("{% for issuer in ['A', 'B'] %}{% include 'x.vbt' %}{% endfor %}", {},
                 {{"x.vbt", "{{ issuer }}{{ loop.index }}"}}) == "A1B2");
    // the included text keeps its own file name and lines
    Rendering rendering("Đầu\n{% include 'part.vbt' %}", {{"part.vbt", "một\nhai"}});
    Output out = rendering.run();
    REQUIRE(out.fragments().size() == 2);
    CHECK(*out.fragments()[1].origin.file == "part.vbt");
    CHECK(out.fragments()[1].origin.line == 1);
}

TEST_CASE("include errors", "[template][include][errors]") {
    Error missing = render_error("a\n  {% include \"_shared/nothere.vbt\" %}");
    CHECK(missing.kind == ErrorKind::resource);
    CHECK(missing.message.text() == "no template '_shared/nothere.vbt'");
    CHECK(missing.where.file == "main.vbt");
    CHECK(missing.where.line == 2);
    CHECK(missing.where.column == 3);

    Error up = render_error("{% include \"../secret.vbt\" %}");
    CHECK(up.kind == ErrorKind::template_syntax);
    CHECK(up.message.text() == "the template name '../secret.vbt' is refused: '..' may not leave the template folders");
    CHECK(up.where.column == 12);
    Error absolute = render_error("{% include '/etc/passwd' %}");
    CHECK(absolute.message.text() == "the template name '/etc/passwd' is absolute");
    CHECK(absolute.hint.text() == "write it relative to the template folders");
    // a computed name is checked when it runs
    Error computed = render_error("{% include 'a/' ~ '../../x' %}");
    CHECK(computed.kind == ErrorKind::template_syntax);
    CHECK(computed.where.column == 12);

    // a syntax error in the included file is reported there
    Error inner = render_error("{% include 'bad.vbt' %}", {}, {{"bad.vbt", "ok\n{{ x | uper }}"}});
    CHECK(inner.where.file == "bad.vbt");
    CHECK(inner.where.line == 2);
    CHECK(inner.message.text() == "unknown filter 'uper'");

    // self-inclusion stops at the include depth limit
    Limits limits;
    limits.max_include_depth = 5;
    Error loop = render_error("x{% include 'main.vbt' %}", {}, {}, limits);
    CHECK(loop.kind == ErrorKind::limit);
    CHECK(loop.message.text() == "includes nest more than 5 deep (does a template include itself?)");
}
