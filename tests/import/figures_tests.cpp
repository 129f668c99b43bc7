// Tables of figures read back from drawn tables (src/import/figures.cpp): what is computed is
// read as computed, what is the person's own stays data, and a table vanban would not draw
// the same says where it parts from vanban's drawing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "import/figures.hpp"

using namespace vanban;
using namespace vanban::import;
using nlohmann::json;

namespace {

// A table of one header row; a row whose first cell is "*I" is a group row, bold.
Table table_of(const std::vector<std::vector<std::string>>& rows) {
    Table table;
    for (const auto& texts : rows) {
        Row& row = table.rows.emplace_back();
        const bool group = !texts.empty() && texts[0].rfind('*', 0) == 0;
        for (std::size_t c = 0; c < texts.size(); ++c) {
            Cell& cell = row.cells.emplace_back();
            cell.column = static_cast<int>(c);
            Paragraph p;
            Span span = plain_span(group && c == 0 ? texts[c].substr(1) : texts[c]);
            span.bold = group;
            p.spans.push_back(span);
            cell.paragraphs.push_back(p);
        }
    }
    return table;
}

std::string why_code(const Table& table) {
    std::optional<Message> why;
    CHECK_FALSE(table_to_figures(table, &why));
    return why ? why->code() : "";
}

} // namespace

TEST_CASE("figures: a percentage of the person's own is data; a share and a difference are computed", "[import][figures]") {
    const auto figures = table_to_figures(table_of({{"TT", "Đơn vị", "Đầu năm", "Cuối năm", "Tăng", "Cơ cấu", "Đánh giá"},
                                                    {"1", "Xã A", "10", "12", "2", "40,0%", "35%"},
                                                    {"2", "Xã B", "20", "18", "-2", "60,0%", "80%"},
                                                    {"Tổng cộng", "", "30", "30", "0", "100,0%", ""}}));
    REQUIRE(figures);
    const json data = json::parse(figures->dump());
    CHECK(data["columns"] == json::parse(R"J([
        {"key": "dau_nam", "label": "Đầu năm"}, {"key": "cuoi_nam", "label": "Cuối năm"},
        {"label": "Tăng", "difference": ["cuoi_nam", "dau_nam"]}, {"label": "Cơ cấu", "share": "cuoi_nam"},
        {"key": "danh_gia", "label": "Đánh giá", "type": "percent"}])J"));
    CHECK(data["rows"][1] == json::parse(R"J({"name": "Xã B", "dau_nam": 20, "cuoi_nam": 18, "danh_gia": 80})J"));
}

TEST_CASE("figures: a table that parts from vanban's drawing says where", "[import][figures]") {
    // Rows of data before the first group: groups hold every row in vanban's tables.
    CHECK(why_code(table_of({{"TT", "Đơn vị", "Số"}, {"1", "Xã A", "3"}, {"*I", "Khối B", ""}, {"1", "Xã C", "4"}})) ==
          "import.figures-rows-before-group");
    // A running number skipped, not a group's.
    CHECK(why_code(table_of({{"TT", "Đơn vị", "Số"}, {"1", "Xã A", "3"}, {"3", "Xã C", "4"}})) == "import.figures-row-number");
    // Percentages and plain figures in one column.
    CHECK(why_code(table_of({{"TT", "Đơn vị", "Số"}, {"1", "Xã A", "3"}, {"2", "Xã C", "4%"}})) == "import.figures-mixed-percent");
    // A total that does not add up is not silently recomputed.
    std::optional<Message> why;
    CHECK_FALSE(table_to_figures(table_of({{"TT", "Đơn vị", "Số"}, {"1", "Xã A", "3"}, {"2", "Xã C", "4"}, {"Tổng cộng", "", "8"}}), &why));
    REQUIRE(why);
    CHECK(why->code() == "import.figures-cell-differs");
    CHECK(why->text() == "row 4, column 3: vanban would print \"7\" where the table has \"8\"");
    // A table with no TT column is no table of figures at all: nothing to explain.
    CHECK(why_code(table_of({{"Ngày", "Nội dung", "Địa điểm"}, {"03/02", "Mít tinh", "Hội trường"}})).empty());
}

// vanban draws a table without TT when the data says "number_label": "" (a group's number
// then goes before its label: "I. Kinh tế"); a person draws one too. A table without TT and
// without borders is a layout, never figures.
TEST_CASE("figures: a table without a TT column, its groups numbered in their labels", "[import][figures]") {
    Table table = table_of({{"Chỉ tiêu", "Kế hoạch", "Thực hiện"},
                            {"*I. Kinh tế", "", ""},
                            {"Lúa (tấn)", "100", "90"},
                            {"*II. Xã hội", "", ""},
                            {"Lao động", "20", "25"},
                            {"Tổng cộng", "120", "115"}});
    // table_of marks the first cell of a group row bold: here it is the name.
    CHECK_FALSE(table_to_figures(table)); // no borders: a layout table
    table.borders = true;
    const auto figures = table_to_figures(table);
    REQUIRE(figures);
    const json data = json::parse(figures->dump());
    CHECK(data["number_label"] == "");
    CHECK(data["name_label"] == "Chỉ tiêu");
    CHECK(data["groups"][1] == json::parse(R"J({"label": "Xã hội", "rows": [{"name": "Lao động", "ke_hoach": 20, "thuc_hien": 25}]})J"));
    // Text alone is no table of figures, and says nothing.
    std::optional<Message> why;
    Table words = table_of({{"Ngày", "Nội dung"}, {"03/02", "Mít tinh"}});
    words.borders = true;
    CHECK_FALSE(table_to_figures(words, &why));
    CHECK_FALSE(why);
}

// Where nothing adds up (a unit column, no total row), a group's subtotal row shows no figure:
// only its name, not spanning the row, says the group has one.
TEST_CASE("figures: a group's subtotal where nothing adds up is told by its row's cells", "[import][figures]") {
    Table table = table_of({{"TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"}, {"*I", "Kinh tế", "", ""}, {"1", "Lúa", "tấn", "100"}});
    for (Row& row : table.rows)
        for (Paragraph& p : row.cells[2].paragraphs) p.align = Align::center; // a unit column
    auto figures = table_to_figures(table);
    REQUIRE(figures);
    CHECK((*figures)["subtotals"] == true);
    CHECK((*figures)["columns"][0] == json::parse(R"J({"key": "don_vi_tinh", "label": "Đơn vị tính", "type": "unit"})J"));
    // The same group's name spanning the row: a group without a subtotal.
    Row& group = table.rows[1];
    group.cells[1].span = 3;
    group.cells.resize(2);
    figures = table_to_figures(table);
    REQUIRE(figures);
    CHECK_FALSE(figures->contains("subtotals"));
}
