#include <catch2/catch.hpp>

#include "fragments.hpp"
#include "show.hpp"

using namespace vanban;
using namespace vanban::markup::test;

namespace {

model::Table table_of(const model::Document& doc) {
    REQUIRE(doc.body.size() == 1);
    REQUIRE(std::holds_alternative<model::Table>(doc.body[0]));
    return std::get<model::Table>(doc.body[0]);
}

model::Table table_of(const std::string& text, const model::Profile& profile = party_profile()) {
    return table_of(build(text, profile));
}

std::string cell_text(const model::TableCell& cell) {
    std::string out;
    for (const auto& paragraph : cell.paragraphs) out += show(paragraph);
    return out;
}

} // namespace

TEST_CASE("a table with widths, a header row and body rows", "[table]") {
    const auto table = table_of("@table 40 20 25 15\n"
                                "|= Nhiệm vụ |= Chủ trì |= Phối hợp |= Thời gian |\n"
                                "| Quán triệt **Chỉ thị** | Ban Tổ chức | Ban Tuyên giáo | tháng 4/2019 |\n"
                                "@end\n");
    CHECK(table.column_weights == std::vector<double>{40, 20, 25, 15});
    REQUIRE(table.rows.size() == 2);
    CHECK(table.rows[0].header);
    CHECK_FALSE(table.rows[1].header);
    REQUIRE(table.rows[1].cells.size() == 4);
    CHECK(cell_text(table.rows[0].cells[3]) == "Thời gian");
    CHECK(cell_text(table.rows[1].cells[0]) == "Quán triệt |<b>Chỉ thị</b>");
    for (const auto& row : table.rows)
        for (const auto& cell : row.cells) {
            CHECK(cell.colspan == 1);
            CHECK(cell.rowspan == 1);
            CHECK_FALSE(cell.covered);
        }
}

TEST_CASE("without widths the first row decides the columns, all equal", "[table]") {
    const auto table = table_of("@table\n| a | b | c |\n| d | e | f\n@end\n");
    CHECK(table.column_weights == std::vector<double>{1, 1, 1});
    REQUIRE(table.rows.size() == 2);
    CHECK(cell_text(table.rows[1].cells[2]) == "f"); // the closing bar may be left out
}

TEST_CASE("decimal widths", "[table]") {
    CHECK(table_of("@table 2.5 7.5\n| a | b |\n@end\n").column_weights == std::vector<double>{2.5, 7.5});
}

TEST_CASE("'<' joins the cell to the left", "[table]") {
    const auto table = table_of("@table 40 20 25 15\n| Tổng cộng | < | < | 12 |\n| a | b | < | c |\n@end\n");
    const auto& total = table.rows[0].cells;
    CHECK(total[0].colspan == 3);
    CHECK(cell_text(total[0]) == "Tổng cộng");
    CHECK(total[1].covered);
    CHECK(total[2].covered);
    CHECK(total[1].paragraphs.empty());
    CHECK_FALSE(total[3].covered);
    CHECK(table.rows[1].cells[1].colspan == 2);
    CHECK(table.rows[1].cells[0].colspan == 1);
}

TEST_CASE("'^' joins the cell above, also over several columns", "[table]") {
    const auto table = table_of("@table\n| 1 | Ban Tổ chức | x | y |\n| ^ | b | z | < |\n| ^ | c | ^ | ^ |\n@end\n");
    const auto& first = table.rows[0].cells[0];
    CHECK(first.rowspan == 3);
    CHECK(table.rows[1].cells[0].covered);
    CHECK(table.rows[2].cells[0].covered);
    const auto& wide = table.rows[1].cells[2];
    CHECK(wide.colspan == 2);
    CHECK(wide.rowspan == 2);
    CHECK(table.rows[2].cells[2].covered);
    CHECK(table.rows[2].cells[3].covered);
    CHECK_FALSE(table.rows[2].cells[1].covered);
}

TEST_CASE("alignment marks", "[table]") {
    const auto table = table_of("@table\n|: giữa | phải :| trái |: cả hai :|\n@end\n");
    const auto& cells = table.rows[0].cells;
    CHECK(cells[0].align == model::Align::center);
    CHECK(cell_text(cells[0]) == "giữa");
    CHECK(cells[1].align == model::Align::right);
    CHECK(cell_text(cells[1]) == "phải");
    CHECK(cells[3].align == model::Align::center);
    CHECK(cell_text(cells[3]) == "cả hai");
}

TEST_CASE("cells take the alignment of the profile's table styles", "[table]") {
    model::Profile profile = party_profile();
    profile.table_text.align = model::Align::left;
    profile.table_header.align = model::Align::center;
    const auto table = table_of("@table\n|= TT |=: Nội dung :|\n| 1 | x :|\n@end\n", profile);
    CHECK(table.rows[0].cells[0].align == model::Align::center);
    CHECK(table.rows[0].cells[1].align == model::Align::center);
    CHECK(table.rows[1].cells[0].align == model::Align::left);
    CHECK(table.rows[1].cells[1].align == model::Align::right);
}

TEST_CASE("a colon that is not next to a bar, or comes from data, is text", "[table]") {
    const auto doc = build({Piece{"@table\n| Thời gian: | "}, data(":10:30:"), Piece{"|\n@end\n"}});
    const auto table = table_of(doc);
    CHECK(cell_text(table.rows[0].cells[0]) == "Thời gian:");
    CHECK(table.rows[0].cells[0].align == model::Align::justify); // the default TextStyle's
    CHECK(cell_text(table.rows[0].cells[1]) == ":10:30:");
}

TEST_CASE("'<', '^' and '|' from data are content", "[table]") {
    const auto doc = build({Piece{"@table\n| a | b |\n| "}, data("<"), Piece{" | "}, data("^"), Piece{" |\n@end\n"}});
    const auto table = table_of(doc);
    CHECK(cell_text(table.rows[1].cells[0]) == "<");
    CHECK(cell_text(table.rows[1].cells[1]) == "^");
    CHECK(table.rows[0].cells[0].colspan == 1);
    CHECK(table.rows[0].cells[1].rowspan == 1);
}

TEST_CASE("rows from a loop, and a table whose loop was empty", "[table]") {
    std::vector<Piece> pieces{Piece{"@table 1 3\n|= TT |= Đơn vị |\n"}};
    for (const char* unit : {"Chi bộ 1", "Chi bộ 2"}) {
        pieces.push_back(Piece{"| "});
        pieces.push_back(data("1"));
        pieces.push_back(Piece{" | "});
        pieces.push_back(data(unit));
        pieces.push_back(Piece{" |\n"});
    }
    pieces.push_back(Piece{"@end\n@table 1 1\n@end\n"});
    const auto doc = build(pieces);
    REQUIRE(doc.body.size() == 1); // the empty table prints nothing
    const auto table = std::get<model::Table>(doc.body[0]);
    REQUIRE(table.rows.size() == 3);
    CHECK(cell_text(table.rows[2].cells[1]) == "Chi bộ 2");
}

TEST_CASE("an empty cell has no paragraphs", "[table]") {
    const auto table = table_of("@table\n| a |  | c |\n@end\n");
    CHECK(table.rows[0].cells[1].paragraphs.empty());
    CHECK_FALSE(table.rows[0].cells[1].covered);
}
