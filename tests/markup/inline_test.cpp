#include <catch2/catch.hpp>

#include "markup/inline.hpp"
#include "show.hpp"

using vanban::markup::parse_inline;
using vanban::markup::Piece;
using vanban::markup::test::show;

namespace {
std::string emphasis(const char* text) { return show(parse_inline(text)); }
Piece tmpl(const char* text) { return Piece{text, true}; }
Piece value(const char* text) { return Piece{text, false}; }
} // namespace

TEST_CASE("plain text is one unstyled run", "[inline]") {
    const auto runs = parse_inline("Thực hiện Chỉ thị số 28-CT/TW");
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].text == "Thực hiện Chỉ thị số 28-CT/TW");
    CHECK_FALSE(runs[0].bold);
    CHECK(parse_inline("").empty());
}

TEST_CASE("bold, italic and underline", "[inline]") {
    CHECK(emphasis("Thời gian: **tháng 4/2019**") == "Thời gian: |<b>tháng 4/2019</b>");
    CHECK(emphasis("(*hoàn thành trong tháng 4/2019*)") == "(|<i>hoàn thành trong tháng 4/2019</i>|)");
    CHECK(emphasis("__Nơi nhận:__") == "<u>Nơi nhận:</u>");
    CHECK(emphasis("a*b*c") == "a|<i>b</i>|c");
}

TEST_CASE("emphasis nests", "[inline]") {
    CHECK(emphasis("**(*thực hiện thường xuyên*)**") ==
          "<b>(</b>|<b><i>thực hiện thường xuyên</i></b>|<b>)</b>");
    CHECK(emphasis("***cả hai***") == "<b><i>cả hai</i></b>");
    CHECK(emphasis("__**gạch và đậm**__ thường") == "<b><u>gạch và đậm</u></b>| thường");
    CHECK(emphasis("*nghiêng **và đậm** nữa*") == "<i>nghiêng </i>|<b><i>và đậm</i></b>|<i> nữa</i>");
}

TEST_CASE("adjacent runs of the same style are merged", "[inline]") {
    const auto runs = parse_inline("**một** **hai**");
    // " " between the two bold parts is not bold, so three runs; "**a****b**" is one.
    CHECK(runs.size() == 3);
    CHECK(emphasis("*a*\\_*b*") == "<i>a</i>|_|<i>b</i>");
    CHECK(parse_inline("x \\* y").size() == 1);
}

TEST_CASE("markers that are not closed stay as they are", "[inline]") {
    CHECK(emphasis("5 * 3 = 15") == "5 * 3 = 15");
    CHECK(emphasis("**chưa đóng") == "**chưa đóng");
    CHECK(emphasis("một *sao") == "một *sao");
    CHECK(emphasis("snake_case") == "snake_case");
    CHECK(emphasis("__ a __") == "__ a __");
    CHECK(emphasis("**a *b**") == "<b>a *b</b>");
    CHECK(emphasis("*a **b*") == "<i>a **b</i>");
    CHECK(emphasis("**") == "**");
}

TEST_CASE("a run closes what it can and prints the rest", "[inline]") {
    CHECK(emphasis("*a**") == "<i>a</i>|*");
    CHECK(emphasis("***a*") == "**|<i>a</i>");
    CHECK(emphasis("___a__") == "_|<u>a</u>");
}

TEST_CASE("backslash escapes a star, an underscore and itself", "[inline]") {
    CHECK(emphasis("\\*không nghiêng\\*") == "*không nghiêng*");
    CHECK(emphasis("\\_\\_x\\_\\_") == "__x__");
    CHECK(emphasis("C:\\\\*a*") == "C:\\|<i>a</i>");
    CHECK(emphasis("a\\b") == "a\\b");       // any other backslash is a character
    CHECK(emphasis("kết thúc\\") == "kết thúc\\");
}

TEST_CASE("template emphasis spans data values", "[inline]") {
    const auto runs = parse_inline({tmpl("Thời gian: (*"), value("thực hiện thường xuyên"), tmpl("*)")});
    CHECK(show(runs) == "Thời gian: (|<i>thực hiện thường xuyên</i>|)");
    CHECK(show(parse_inline({tmpl("**"), value("a"), tmpl(" và "), value("b"), tmpl("**")})) ==
          "<b>a và b</b>");
}

TEST_CASE("data styles itself but cannot pair with template markers", "[inline]") {
    CHECK(show(parse_inline({tmpl("Ghi chú: "), value("**quan trọng**")})) == "Ghi chú: |<b>quan trọng</b>");
    // The value's star would close the template's star if they could pair.
    CHECK(show(parse_inline({tmpl("*"), value("x*y"), tmpl("*")})) == "<i>x*y</i>");
    CHECK(show(parse_inline({value("*a"), tmpl("b*")})) == "*ab*");
    // Two different values do not pair with each other either.
    CHECK(show(parse_inline({value("*a"), tmpl(" "), value("b*")})) == "*a b*");
}

TEST_CASE("an escape never reaches across a template/data boundary", "[inline]") {
    CHECK(show(parse_inline({tmpl("\\"), value("*a*")})) == "\\|<i>a</i>");
    CHECK(show(parse_inline({value("a\\"), tmpl("*b*")})) == "a\\|<i>b</i>");
    CHECK(show(parse_inline({value("\\*a\\*")})) == "*a*");
}

TEST_CASE("line breaks in data become forced breaks", "[inline]") {
    CHECK(show(parse_inline({value("dòng 1\r\ndòng 2\rdòng 3\ndòng 4")})) ==
          "dòng 1\ndòng 2\ndòng 3\ndòng 4");
    // A marker next to a line break cannot open or close there.
    CHECK(show(parse_inline({value("a *\nb*")})) == "a *\nb*");
}

TEST_CASE("a marker between punctuation and a letter only opens or only closes", "[inline]") {
    CHECK(emphasis("**(*a*)**") == "<b>(</b>|<b><i>a</i></b>|<b>)</b>");
    CHECK(emphasis("(**a**)") == "(|<b>a</b>|)");
    CHECK(emphasis("“*trích dẫn*”") == "“|<i>trích dẫn</i>|”");
    CHECK(emphasis("x**y**z") == "x|<b>y</b>|z");
    // "a*(" cannot open: the star follows a letter and precedes punctuation.
    CHECK(emphasis("a*(b)*") == "a*(b)*");
}

namespace {

// The open runs the parser looks at for a line of `pattern` repeated `times`, in a value.
std::size_t openers_examined(std::string_view pattern, std::size_t times) {
    std::string text;
    for (std::size_t i = 0; i < times; ++i) text += pattern;
    vanban::markup::Line line;
    line.append(text, false, 0, {});
    vanban::markup::InlineParser parser;
    parser.parse(line, vanban::markup::Range{0, text.size()});
    return parser.openers_examined();
}

} // namespace

// Each "__" below closes nothing, and used to look at every open star before it: 1 MiB of
// this in a data value took 202 s. Pairing is now linear in the line's length.
TEST_CASE("pairing looks at a bounded number of open runs per run, however long the line", "[inline]") {
    for (std::string_view pattern : {"*a_**b__ ", "**a *b ", "*a **b __c ", "__a **b *c* "}) {
        INFO(pattern);
        const std::size_t runs_per_pattern = 3;
        const std::size_t small = openers_examined(pattern, 1'000), large = openers_examined(pattern, 100'000);
        CHECK(large <= 4 * runs_per_pattern * 100'000);
        CHECK(large <= 101 * small + 100); // linear: 100 times the text, about 100 times the work
    }
    // The same rules on long lines: what does not pair stays literal, what pairs is styled.
    std::string text;
    for (int i = 0; i < 10'000; ++i) text += "*a_**b__ ";
    CHECK(show(parse_inline({value(text.c_str())})) == text);
    CHECK(show(parse_inline({value((text + "*x*").c_str())})) == text + "|<i>x</i>");
}
