// Safety limits and adversarial input: an error with a location, never a crash.
#include "render.hpp"

using namespace vanban;
using namespace vanban::tmpl;
using namespace vanban::tmpl::testing;

TEST_CASE("loop iterations are limited per document", "[template][limits]") {
    Limits limits;
    limits.max_loop_iterations = 5;
    CHECK(render("{% for x in [1, 2, 3, 4, 5] %}{{ x }}{% endfor %}", {}, {}, limits) == "12345");
    Error error = render_error("{% for a in [1, 2] %}\n{% for b in [1, 2, 3] %}{% endfor %}{% endfor %}", {}, {},
                               limits);
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.message.text() == "more than 5 loop iterations in one document (max_loop_iterations)");
    CHECK(error.where.line == 2);
}

TEST_CASE("output size limit", "[template][limits]") {
    Limits limits;
    limits.max_output_bytes = 100;
    json data = {{"xs", json::array()}};
    for (int i = 0; i < 20; ++i) data["xs"].push_back(i);
    Error error = render_error("{% for x in xs %}0123456789{% endfor %}", data, {}, limits);
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.message.text() == "the output grows beyond 100 bytes (max_output_bytes)");

    // text that doubles at each level of nesting is stopped before it is built
    std::string doubling = "{% set s = 'xxxxxxxxxx' %}";
    for (int i = 0; i < 12; ++i) doubling += "{% for i in [1] %}{% set s = s ~ s %}";
    for (int i = 0; i < 12; ++i) doubling += "{% endfor %}";
    Error grown = render_error(doubling, {}, {}, limits);
    CHECK(grown.kind == ErrorKind::limit);
    CHECK(grown.message.text() == "a text grows beyond 100 bytes (max_output_bytes)");
}

TEST_CASE("deep nesting in the source is refused, not a stack overflow", "[template][limits]") {
    Error brackets = render_error("{{ " + std::string(100000, '(') + "1" + std::string(100000, ')') + " }}");
    CHECK(brackets.kind == ErrorKind::limit);
    CHECK(brackets.message.text() == "expressions are nested too deeply (more than 100 levels)");

    Error lists = render_error("{{ " + std::string(5000, '[') + " }}");
    CHECK(lists.kind == ErrorKind::limit);

    std::string chain = "{{ 1";
    for (int i = 0; i < 100000; ++i) chain += " ~ 1";
    Error long_chain = render_error(chain + " }}");
    CHECK(long_chain.kind == ErrorKind::limit);
    CHECK(long_chain.message.text() == "this expression is nested too deeply (more than 100 levels)");

    std::string filters = "{{ 'a'";
    for (int i = 0; i < 100000; ++i) filters += " | upper";
    CHECK(render_error(filters + " }}").kind == ErrorKind::limit);

    std::string nots = "{{ ";
    for (int i = 0; i < 100000; ++i) nots += "not ";
    CHECK(render_error(nots + "1 }}").kind == ErrorKind::limit);

    std::string ifs;
    for (int i = 0; i < 100000; ++i) ifs += "{% if true %}";
    Error blocks = render_error(ifs);
    CHECK(blocks.kind == ErrorKind::limit);
    CHECK(blocks.message.text() == "blocks are nested too deeply (more than 100 levels)");
    CHECK(blocks.where.column == 1 + 13 * 100);
}

TEST_CASE("deep nesting at run time is bounded even with generous limits", "[template][limits]") {
    // 90 nested ifs in a macro that recurses: each template is within the parser's bound,
    // their combination is bounded by the evaluator's.
    std::string body;
    for (int i = 0; i < 90; ++i) body += "{% if true %}";
    body += "{{ f() }}";
    for (int i = 0; i < 90; ++i) body += "{% endif %}";
    Limits limits;
    limits.max_call_depth = 1'000'000;
    Error error = render_error("{% macro f() %}" + body + "{% endmacro %}{{ f() }}", {}, {}, limits);
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.message.text() == "the template nests too deeply while it runs (more than 2000 levels)");
}

TEST_CASE("junk input never crashes the parser", "[template][limits]") {
    // Every prefix of a template full of syntax, and some byte soup: each either renders
    // or fails with a located error.
    const std::string source =
        "{% macro m(a, b=[1, 'x\\n']) %}{{ a ~ b | join(',') }}{% endmacro %}{# c #}\n"
        "{% for k, v in o %}{{- k -}}{% else %}{{ m(1, b=[2]) }}{% endfor %}{% if x is not defined and 1 < 2 %}"
        "{{ -x.y[0] | default(3) | round(1) }}{% elif not (y in [1]) %}{% set z = 7 % 3 %}{% endif %}";
    for (std::size_t n = 0; n <= source.size(); ++n) {
        try {
            render(source.substr(0, n), json{{"o", json::object()}});
        } catch (const Failure& failure) {
            CHECK(failure.error().where.line >= 1);
            CHECK(failure.error().where.column >= 1);
        }
    }
    const std::string soup = "{{%}#{-}}}{{{{%%-#-}}'\"\\[](|.~";
    for (std::size_t a = 0; a < soup.size(); ++a) {
        for (std::size_t b = 0; b < soup.size(); ++b) {
            std::string text = soup.substr(a) + soup.substr(0, b);
            try {
                render(text);
            } catch (const Failure& failure) {
                CHECK(failure.error().where.known());
            }
        }
    }
}

TEST_CASE("evaluation steps are limited per document, also when nothing is printed", "[template][limits]") {
    // A macro that calls itself twice per level: 2^40 calls within the call depth limit.
    // Before the step limit it ran until the output limit stopped it (3.7 GB, 88 s), or for
    // ever when it printed nothing.
    const std::string twice = "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n"
                              "{{ f(40) }}";
    Limits limits;
    limits.max_evaluation_steps = 10'000;
    Error error = render_error(twice, {}, {}, limits);
    CHECK(error.kind == ErrorKind::limit);
    CHECK(error.message.text() == "more than 10000 evaluation steps in one document (max_evaluation_steps)");
    CHECK(error.hint.text() == "a macro that calls itself more than once does twice the work at every level");
    CHECK(error.where.line == 1);
    // The default stops it too.
    CHECK(render_error(twice).kind == ErrorKind::limit);

    // What a document does within the limit is untouched. Each statement and expression is
    // one step: the loop and its list (2), then the print and its name in each iteration.
    const json data = {{"xs", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}};
    limits.max_evaluation_steps = 2 + 2 * 10;
    CHECK(render("{% for x in xs %}{{ x }}{% endfor %}", data, {}, limits) == "0123456789");
    limits.max_evaluation_steps = 2 + 2 * 10 - 1;
    CHECK(render_error("{% for x in xs %}{{ x }}{% endfor %}", data, {}, limits).kind == ErrorKind::limit);

    // A list of constants is made once, by the parser, and is one step however long it is.
    limits.max_evaluation_steps = 2 + 2 * 3;
    CHECK(render("{% for x in [[1, none], [\"a\"]] %}{{ x | length }}{% endfor %}") == "21");
    CHECK(render("{% for x in [\"I-\", \"I.\", \"I)\"] %}{{ x }}{% endfor %}", {}, {}, limits) == "I-I.I)");
    limits.max_evaluation_steps = 2 + 2 * 3 - 1;
    CHECK(render_error("{% for x in [\"I-\", \"I.\", \"I)\"] %}{{ x }}{% endfor %}", {}, {}, limits).kind ==
          ErrorKind::limit);
}
