#include <catch2/catch.hpp>

#include "fragments.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using namespace vanban::markup::test;

namespace {

// Builds and returns the error; fails the test when building succeeds.
Error error_of(const std::vector<Piece>& pieces, const model::Profile& profile = party_profile()) {
    try {
        build(pieces, profile);
    } catch (const Failure& failure) {
        return failure.error();
    }
    FAIL("no error was reported");
    return {};
}

Error error_of(const std::string& text, const model::Profile& profile = party_profile()) {
    return error_of(std::vector<Piece>{Piece{text}}, profile);
}

// "line:column message"
std::string where(const Error& e) {
    return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " + e.message.text();
}

} // namespace

TEST_CASE("errors are template syntax errors with the template file and no source line", "[errors]") {
    const Error e = error_of("Đầu\n@hedaer\n");
    CHECK(e.kind == ErrorKind::template_syntax);
    CHECK(e.where.file == template_file);
    CHECK(e.source_line.empty());
    CHECK(where(e) == "2:1 unknown directive '@hedaer'");
}

TEST_CASE("unknown directives", "[errors]") {
    CHECK(where(error_of("x\n\n   @H1 Tiêu đề\n")) == "3:4 unknown directive '@H1'");
    CHECK(where(error_of("@h5[a] x\n")) == "1:1 unknown directive '@h5'");
    CHECK(where(error_of("@end.\n")) == "1:1 unknown directive '@end.'");
    // A directive name cannot come from data: "@hx" is what the template wrote, whatever follows.
    CHECK(where(error_of({Piece{"@hx"}, data("1"), Piece{" x\n"}})) == "1:1 unknown directive '@hx'");
}

TEST_CASE("a computed heading or item level is a whole value from 1 to 4", "[errors]") {
    const auto doc = build({Piece{"@h"}, data("2"), Piece{"[1.] Tiêu đề\n@item"}, data("3"), Piece{"[+] mục\n@item"},
                            data("1"), Piece{"[-] một\n"}});
    REQUIRE(doc.body.size() == 3);
    const auto& heading = std::get<model::Heading>(doc.body[0]);
    CHECK(heading.level == 2);
    CHECK(heading.number == "1.");
    CHECK(std::get<model::ListItem>(doc.body[1]).level == 3);
    CHECK(std::get<model::ListItem>(doc.body[2]).level == 1);
    CHECK(where(error_of({Piece{"@h"}, data("5"), Piece{" x\n"}})) ==
          "1:3 the level after '@h' must be a whole number from 1 to 4, not '5'");
    CHECK(where(error_of({Piece{"@h"}, data("1x"), Piece{" x\n"}})) ==
          "1:3 the level after '@h' must be a whole number from 1 to 4, not '1x'");
    CHECK(where(error_of({Piece{"@item"}, data("0"), Piece{"[a)] x\n"}})) ==
          "1:6 the level after '@item' must be a whole number from 1 to 4, not '0'");
}

TEST_CASE("an '@' that starts no directive is text", "[errors]") {
    const auto doc = build("@ 2019\n");
    REQUIRE(doc.body.size() == 1);
    CHECK(model::plain_text(std::get<model::Paragraph>(doc.body[0]).text) == "@ 2019");
}

TEST_CASE("directives outside their block", "[errors]") {
    CHECK(where(error_of("@issuer TỈNH UỶ\n")) == "1:1 '@issuer' outside '@header'");
    CHECK(where(error_of("@signature\n@issuer X\n@end\n")) == "2:1 '@issuer' outside '@header'");
    CHECK(where(error_of("@label Nơi nhận:\n")) == "1:1 '@label' outside '@recipients'");
    CHECK(where(error_of("@name A\n")) == "1:1 '@name' outside '@signature'");
    CHECK(where(error_of("@title PHỤ LỤC\n")) == "1:1 '@title' outside '@appendix'");
    CHECK(where(error_of("@header\n  @h1[I-] x\n@end\n")) == "2:3 '@h1' is not allowed inside '@header'");
    CHECK(where(error_of("@appendix\n@type KẾ HOẠCH\n@end\n")) == "2:1 '@type' is not allowed inside '@appendix'");
    CHECK(where(error_of("@appendix\n@appendix\n@end\n@end\n")) == "2:1 '@appendix' is not allowed inside '@appendix'");
    CHECK(where(error_of("@table\n@table\n")) == "2:1 '@table' is not allowed inside '@table'");
    CHECK(where(error_of("@recipients\n@pagebreak\n@end\n")) == "2:1 '@pagebreak' is not allowed inside '@recipients'");
}

TEST_CASE("blocks that are not closed, and '@end' with nothing open", "[errors]") {
    CHECK(where(error_of("@header\n@issuer X\n")) == "1:1 '@header' is not closed by '@end'");
    CHECK(where(error_of("@appendix\n  @table\n| a |\n")) == "2:3 '@table' is not closed by '@end'");
    CHECK(where(error_of("@signature\n@name A\n@end\n@end\n")) == "4:1 '@end' without an open block");
}

TEST_CASE("text where only directives may stand", "[errors]") {
    const Error header = error_of("@header\nTỈNH UỶ\n@end\n");
    CHECK(where(header) == "2:1 text is not allowed inside '@header'");
    CHECK(header.hint.text() == "use @superior, @issuer, @number, @place, @date or @mark");
    const Error signature = error_of("@signature\n  Đỗ Xuân Tuyên\n@end\n");
    CHECK(where(signature) == "2:3 text is not allowed inside '@signature'");
    CHECK(signature.hint.text() == "use @authority, @position, @name or @note");
    CHECK(where(error_of("@table\n| a |\n b |\n@end\n")) ==
          "3:2 a line inside '@table' must be a row starting with '|'");
    CHECK(where(error_of("x\n| a | b |\n")) == "2:1 table row outside '@table'");
}

TEST_CASE("markup errors in Vietnamese", "[errors][vi]") {
    const Error header = error_of("@header\nTỈNH UỶ\n@end\n");
    CHECK(header.format(Language::vi) ==
          std::string(template_file) + ":2:1: lỗi: không được viết nội dung trực tiếp trong '@header'\n"
                                       "gợi ý: hãy dùng @superior, @issuer, @number, @place, @date hoặc @mark");
    CHECK(error_of("@table 40 20 25 15\n| a | b | c |\n@end\n").message.text(Language::vi) ==
          "hàng của bảng có 3 ô, nhưng bảng có 4 cột");
    CHECK(error_of("@issuer TỈNH UỶ\n").message.text(Language::vi) == "'@issuer' phải nằm trong khối '@header'");
}

TEST_CASE("directives written twice", "[errors]") {
    CHECK(where(error_of("@header\n@end\n@header\n@end\n")) == "3:1 a second '@header'");
    CHECK(where(error_of("@header\n@number 1\n@number 2\n@end\n")) == "3:1 a second '@number' in '@header'");
    CHECK(where(error_of("@type A\n@type B\n")) == "2:1 a second '@type'");
    CHECK(where(error_of("@signature\n@name A\n@name B\n@end\n")) == "3:1 a second '@name' in '@signature'");
    CHECK(where(error_of("@recipients\n@end\n@recipients\n@end\n")) == "3:1 a second '@recipients'");
}

TEST_CASE("brackets and text after directives", "[errors]") {
    const Error marker = error_of("@item Ban Thường vụ\n");
    CHECK(where(marker) == "1:1 '@item' needs its marker in brackets");
    CHECK(marker.hint.text() == "write it like '@item[a)] …'");
    CHECK(where(error_of("@item2[a) điểm a\n")) == "1:7 '[' after '@item2' is not closed by ']'");
    CHECK(where(error_of("@center[x] y\n")) == "1:8 '@center' takes no '[…]'");
    CHECK(where(error_of("@header\n@end  thừa\n")) == "2:7 '@end' takes no text after it");
    // A ']' from data does not close the bracket.
    CHECK(where(error_of({Piece{"@item["}, data("a]"), Piece{" b\n"}})) == "1:6 '[' after '@item' is not closed by ']'");
}

TEST_CASE("heading levels the profile does not define", "[errors]") {
    model::Profile profile = party_profile();
    profile.headings.resize(3);
    CHECK(where(error_of("@h4[a)] x\n", profile)) ==
          "1:1 '@h4' has no heading style: the profile 'party' defines 3 heading levels");
    CHECK_NOTHROW(build("@h3[a)] x\n", profile));
    profile.headings.resize(1);
    CHECK(where(error_of("@h2[a)] x\n", profile)) ==
          "1:1 '@h2' has no heading style: the profile 'party' defines 1 heading level");
}

TEST_CASE("table errors", "[errors]") {
    CHECK(where(error_of("@table 40 20 25 15\n| a | b | c |\n@end\n")) ==
          "2:1 table row has 3 cells, the table has 4 columns");
    CHECK(where(error_of("@table\n| a | b |\n  | c |\n@end\n")) ==
          "3:3 table row has 1 cell, the table has 2 columns");
    CHECK(where(error_of("@table\n|\n@end\n")) == "2:1 table row has no cells");
    CHECK(where(error_of("@table 40 abc 20\n")) == "1:11 column width 'abc' is not a positive number");
    CHECK(where(error_of("@table 40 0\n")) == "1:11 column width '0' is not a positive number");
    CHECK(where(error_of("@table 40 -3\n")) == "1:11 column width '-3' is not a positive number");
    CHECK(where(error_of("@table\n| < | b |\n@end\n")) == "2:3 '<' in the first column has no cell to its left");
    // Columns count code points: "| Nhiệm vụ | " is 13 of them.
    CHECK(where(error_of("@table\n| Nhiệm vụ | ^ |\n@end\n")) == "2:14 '^' in the first row has no cell above it");
    CHECK(where(error_of("@table\n|= a |= b |\n| ^ | c |\n@end\n")) ==
          "3:3 '^' cannot join a header row and a body row");
    CHECK(where(error_of("@table\n| a | b |\n| ^ | < |\n@end\n")) ==
          "3:7 '<' cannot join a cell that is itself joined to the row above");
    CHECK(where(error_of("@table\n| a | < | c |\n| d | ^ | e |\n@end\n")) ==
          "3:7 '^' must join the whole width of the cell above");
    CHECK(where(error_of("@table\n| a | < | c |\n| ^ | d | e |\n@end\n")) ==
          "3:1 '^' must join the whole width of the cell above");
    CHECK(where(error_of("@table\n|= a | b |\n@end\n")) ==
          "2:6 the cells of a row must all start with '|=' (header row) or all with '|'");
}

TEST_CASE("positions inside lines that mix template text and data", "[errors]") {
    // Template text after a value: the value's tag is 7 columns wide in the source.
    CHECK(where(error_of({Piece{"@table\n| "}, data("Ban Tổ chức"), Piece{" | < | ^ |\n@end\n"}})) ==
          "2:17 '^' in the first row has no cell above it");
    // A width from data is reported at its tag.
    CHECK(where(error_of({Piece{"Đầu\n@table "}, data("40 x")})) == "2:8 column width 'x' is not a positive number");
    // A fragment that starts in the middle of a source line and spans several lines.
    std::vector<tmpl::Fragment> input = fragments({Piece{"x"}});
    input[0] = tmpl::Fragment{"a\n\n  @signature\n", true, tmpl::Origin{&template_file, 7, 12}};
    try {
        markup::build_document(input, party_profile());
        FAIL("no error");
    } catch (const Failure& f) {
        CHECK(where(f.error()) == "9:3 '@signature' is not closed by '@end'");
    }
}

TEST_CASE("positions after a continued line", "[errors]") {
    CHECK(where(error_of("@table\n| a \\\n  | < | ^ |\n@end\n")) == "3:9 '^' in the first row has no cell above it");
}
