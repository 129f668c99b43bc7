// Each class of error: its kind, exact message, line and column (columns in code points),
// the source line, the JSON path; and Error::format.
#include "render.hpp"

using namespace vanban;
using namespace vanban::tmpl::testing;

namespace {
const json plan_data = json::parse(R"({
    "plan": {"title": "Kế hoạch", "tasks": [{"text": "a", "deadline": "tháng 4"}, {"text": "b"}],
             "when": "25/3/2019", "ratio": null},
    "units": [{"members": 3}, {"name": "x"}]
})");

void check_error(const Error& error, ErrorKind kind, const std::string& message, std::uint32_t line,
                 std::uint32_t column, const std::string& hint = "") {
    CHECK(kind_name(error.kind) == std::string(kind_name(kind)));
    CHECK(error.message.text() == message);
    CHECK(error.hint.text() == hint);
    CHECK(error.where.file == "main.vbt");
    CHECK(error.where.line == line);
    CHECK(error.where.column == column);
}
} // namespace

TEST_CASE("missing field: the path goes through loop variables to the data root", "[template][errors]") {
    Error error = render_error("{% for t in plan.tasks %}\nThời hạn: {{ t.deadline }}\n{% endfor %}", plan_data);
    check_error(error, ErrorKind::data, "missing field plan.tasks[1].deadline", 2, 14);
    CHECK(error.json_path == "plan.tasks[1].deadline");
    CHECK(error.source_line == "Thời hạn: {{ t.deadline }}");
}

TEST_CASE("missing field: through set names, indexes and deeper paths", "[template][errors]") {
    Error error = render_error("{% set t = plan.tasks[1] %}{{ t.deadline | upper }}", plan_data);
    check_error(error, ErrorKind::data, "missing field plan.tasks[1].deadline", 1, 31);
    CHECK(error.json_path == "plan.tasks[1].deadline");

    // the first missing field is the one named
    error = render_error("{{ plan.owner.name.first }}", plan_data);
    check_error(error, ErrorKind::data, "missing field plan.owner", 1, 4);
    error = render_error("{{ plan.tasks[5].text }}", plan_data);
    check_error(error, ErrorKind::data, "missing field plan.tasks[5]", 1, 4);
    error = render_error("{{ nothere }}", plan_data);
    check_error(error, ErrorKind::data, "missing field nothere", 1, 4);
    error = render_error(R"({{ plan["tên đơn vị"] }})", plan_data);
    CHECK(error.message.text() == "missing field plan[\"tên đơn vị\"]");
    // sum(attr) names the item that lacks the field
    error = render_error(R"({{ units | sum("members") }})", plan_data);
    check_error(error, ErrorKind::data, "missing field units[1].members", 1, 12);
}

TEST_CASE("a missing field is allowed only where truth is asked", "[template][errors]") {
    CHECK(render_error("{{ plan.owner == 'x' }}", plan_data).message.text() == "missing field plan.owner");
    CHECK(render_error("{% set x = plan.owner %}", plan_data).message.text() == "missing field plan.owner");
    CHECK(render_error("{% for x in plan.owner %}{% endfor %}", plan_data).message.text() == "missing field plan.owner");
    CHECK(render_error("{{ plan.owner is none }}", plan_data).message.text() == "missing field plan.owner");
    CHECK(render("{% if plan.owner %}x{% endif %}{{ plan.owner is defined }}", plan_data) == "false");
}

TEST_CASE("printing what cannot be printed", "[template][errors]") {
    Error error = render_error("A {{ plan.tasks }}", plan_data);
    check_error(error, ErrorKind::template_eval, "cannot print a list", 1, 6, "use | join(\", \")");
    CHECK(error.json_path == "plan.tasks");
    error = render_error("{{ plan.ratio }}", plan_data);
    check_error(error, ErrorKind::template_eval, "cannot print none", 1, 4, "use | default(\"…\")");
    CHECK(error.json_path == "plan.ratio");
    check_error(render_error("{% macro m() %}{% endmacro %}{{ m }}"), ErrorKind::template_eval,
                "cannot print a macro", 1, 33, "call it: name(…)");
    check_error(render_error("{{ 'Số ' ~ plan.tasks }}", plan_data), ErrorKind::template_eval,
                "cannot join a list with '~'", 1, 12, "use | join(\", \")");
}

TEST_CASE("wrong types", "[template][errors]") {
    Error error = render_error("{{ plan.title + 1 }}", plan_data);
    check_error(error, ErrorKind::template_eval, "'+' needs numbers, not text", 1, 15);
    CHECK(error.json_path == "plan.title");
    check_error(render_error("{{ 'a' + 'b' }}"), ErrorKind::template_eval, "'+' adds numbers, not text", 1, 8,
                "join text with '~'");
    check_error(render_error("{{ 1 < 'a' }}"), ErrorKind::template_eval,
                "'<' compares numbers with numbers and text with text, not a number with text", 1, 6);
    check_error(render_error("{{ 1 / 0 }}"), ErrorKind::template_eval, "division by zero", 1, 6);
    error = render_error("{{ plan.when | date }}", plan_data);
    check_error(error, ErrorKind::template_eval,
                "the filter 'date' needs a date written YYYY-MM-DD, not text \"25/3/2019\"", 1, 16);
    CHECK(error.json_path == "plan.when");
    check_error(render_error("{{ 0 | roman }}"), ErrorKind::template_eval,
                "the filter 'roman' needs a whole number from 1 to 3999, not the number 0", 1, 8);
    check_error(render_error("{{ 'abc' | int }}"), ErrorKind::template_eval,
                "the filter 'int' needs a number written like 12 or -3.5, not text \"abc\"", 1, 12);
    check_error(render_error("{{ '12' | number }}"), ErrorKind::template_eval,
                "the filter 'number' needs a number, not text \"12\"", 1, 11, "convert text with | float");
    check_error(render_error("{% for x in 'abc' %}{% endfor %}"), ErrorKind::template_eval,
                "cannot loop over text", 1, 13);
    check_error(render_error("{% for x in plan %}{% endfor %}", plan_data), ErrorKind::template_eval,
                "a loop over an object needs two names: {% for key, value in … %}", 1, 13);
    check_error(render_error("{{ loop.index }}", json{{"loop", 1}}), ErrorKind::template_eval,
                "cannot read the field 'index' of a number", 1, 4);
}

TEST_CASE("unknown filter: at the filter's position, when the template is loaded", "[template][errors]") {
    Error error = render_error("@h1[{{ s.number }}] {{ s.title | uper }}");
    check_error(error, ErrorKind::template_eval, "unknown filter 'uper'", 1, 34);
    CHECK(error.source_line == "@h1[{{ s.number }}] {{ s.title | uper }}");
    check_error(render_error("{{ 1 | round(1, 2) }}"), ErrorKind::template_eval,
                "the filter 'round' takes 0 to 1 arguments, not 2", 1, 8);
    check_error(render_error("{{ 1 | upper(1) }}"), ErrorKind::template_eval,
                "the filter 'upper' takes no arguments, not 1", 1, 8);
}

TEST_CASE("syntax errors", "[template][errors]") {
    check_error(render_error("a\n{% if x %}\nb"), ErrorKind::template_syntax,
                "{% if %} is never closed: expected {% endif %}", 2, 1);
    check_error(render_error("Đảng {{ x"), ErrorKind::template_syntax, "'{{' is never closed: expected '}}'", 1, 6);
    check_error(render_error("{{ x %}"), ErrorKind::template_syntax, "'{{' must be closed by '}}', not '%}'", 1, 6);
    check_error(render_error("{% fro x in y %}"), ErrorKind::template_syntax,
                "unknown tag 'fro'", 1, 4, "the tags are if, for, set, include and macro");
    check_error(render_error("x\n  {% endfor %}"), ErrorKind::template_syntax,
                "{% endfor %} without a matching opening tag", 2, 6);
    check_error(render_error("{% if a %}{% endfor %}"), ErrorKind::template_syntax,
                "{% endfor %} is not expected here: the {% if %} at line 1 needs {% endif %} first", 1, 14);
    check_error(render_error("{{ 1 < 2 < 3 }}"), ErrorKind::template_syntax,
                "comparisons cannot be chained", 1, 10, "join them with 'and'");
    check_error(render_error("{{ 'abc }}"), ErrorKind::template_syntax,
                "this string is never closed: expected ' before the end of the line", 1, 4);
    check_error(render_error("{{ a b }}"), ErrorKind::template_syntax, "expected '}}', found 'b'", 1, 6);
    check_error(render_error("{{ }}"), ErrorKind::template_syntax, "expected a value, found the end of the tag", 1,
                4);
    check_error(render_error("{{ a ! b }}"), ErrorKind::template_syntax, "unexpected character '!'", 1, 6);
    check_error(render_error("{{ x is odd }}"), ErrorKind::template_syntax,
                "unknown test 'odd'", 1, 9, "the tests are 'defined' and 'none'");
    check_error(render_error("{# never closed"), ErrorKind::template_syntax,
                "this comment is never closed: expected '#}'", 1, 1);
    check_error(render_error("{% set and = 1 %}"), ErrorKind::template_syntax, "'and' cannot be used as a name here",
                1, 8);
    check_error(render_error("{{ 99999999999999999999 }}"), ErrorKind::template_syntax,
                "the number 99999999999999999999 is too large", 1, 4);
}

TEST_CASE("invalid UTF-8 in a template: its byte offset", "[template][errors]") {
    Error error = render_error("ab\ncd\xC3(");
    CHECK(error.kind == ErrorKind::template_syntax);
    CHECK(error.message.text() == "the template is not valid UTF-8");
    CHECK(error.byte_offset == 5);
    CHECK(error.where.file == "main.vbt");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 3);
}

TEST_CASE("Error::format: location, message, source line and caret", "[template][errors]") {
    Error error = render_error("Dòng 1\nThời hạn: {{ t.deadline }}", json{{"t", json::object()}});
    CHECK(error.format() ==
          "main.vbt:2:14: error: missing field t.deadline\n"
          "    2 | Thời hạn: {{ t.deadline }}\n"
          "      |              ^");

    Error plain;
    plain.kind = ErrorKind::data;
    plain.message = Message::verbatim("invalid UTF-8");
    plain.where.file = "plan.json";
    plain.byte_offset = 1284;
    plain.record = 3;
    CHECK(plain.format() == "record 3: plan.json: error: invalid UTF-8 at byte 1284");
    // a message that already names the byte does not name it twice
    plain.message = Message::verbatim("invalid UTF-8 at byte 1284 (save the file as UTF-8)");
    CHECK(plain.format() == "record 3: plan.json: error: invalid UTF-8 at byte 1284 (save the file as UTF-8)");

    Error typed;
    typed.message = Message::verbatim("cannot print a list");
    typed.json_path = "plan.tasks";
    CHECK(typed.format() == "error: cannot print a list (data: plan.tasks)");

    Error tabbed;
    tabbed.message = Message::verbatim("x");
    tabbed.where = {"t.vbt", 1, 3};
    tabbed.source_line = "\tab";
    CHECK(tabbed.format() == "t.vbt:1:3: error: x\n    1 | \tab\n      | \t ^");
}

TEST_CASE("Error::format in Vietnamese: message, caret and hint", "[template][errors][vi]") {
    CHECK(render_error("Kính gửi\n{% fro x in y %}").format(Language::vi) ==
          "main.vbt:2:4: lỗi: không có thẻ 'fro'\n"
          "    2 | {% fro x in y %}\n"
          "      |    ^\n"
          "gợi ý: các thẻ là if, for, set, include và macro");
    CHECK(render_error("{{ 'Số ' ~ x").format(Language::vi) ==
          "main.vbt:1:1: lỗi: '{{' không được đóng: thiếu '}}'\n"
          "    1 | {{ 'Số ' ~ x\n"
          "      | ^");
    CHECK(render_error("@h1[{{ s.number }}] {{ s.title | uper }}").format(Language::vi) ==
          "main.vbt:1:34: lỗi: không có bộ lọc 'uper'\n"
          "    1 | @h1[{{ s.number }}] {{ s.title | uper }}\n"
          "      |                                  ^");
    // a message made of parts: each part is translated with it
    CHECK(render_error("{% set x = %}").message.text(Language::vi) == "cần một giá trị, nhưng gặp cuối thẻ");
    CHECK(render_error("{% macro m(a b) %}{% endmacro %}").message.text(Language::vi) ==
          "cần ',' giữa các tham số, nhưng gặp 'b'");
    // a value from the data: its type in Vietnamese, its path as it is
    Error typed = render_error("{{ plan.title + 1 }}", plan_data);
    CHECK(typed.format(Language::vi) ==
          "main.vbt:1:15: lỗi: '+' cần số, không phải chuỗi ký tự (dữ liệu: plan.title)\n"
          "    1 | {{ plan.title + 1 }}\n"
          "      |               ^");
    CHECK(render_error("{{ plan.when | date }}", plan_data).message.text(Language::vi) ==
          "bộ lọc 'date' cần ngày tháng viết dạng YYYY-MM-DD, không phải chuỗi ký tự \"25/3/2019\"");
    CHECK(render_error("{{ plan.tasks[0].deadline }} {{ plan.tasks[1].deadline }}", plan_data)
              .message.text(Language::vi) == "thiếu trường plan.tasks[1].deadline");
}

TEST_CASE("exit codes are the kinds' numbers", "[template][errors]") {
    CHECK(exit_code(ErrorKind::template_syntax) == 3);
    CHECK(exit_code(ErrorKind::template_eval) == 4);
    CHECK(exit_code(ErrorKind::data) == 5);
    CHECK(exit_code(ErrorKind::limit) == 9);
    CHECK(exit_code(ErrorKind::internal) == 70);
    CHECK(std::string(kind_name(ErrorKind::resource)) == "resource");
}
