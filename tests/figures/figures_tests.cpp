// Tables and charts of figures read from data (generator/src/figures): what they compute and
// print, and how bad input is reported, at its JSON path or CSV line (docs/schema.md,
// "Tables of figures").
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "figures/figures.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using nlohmann::json;

namespace {

// CSV files by name, as if they lay beside the data.
class Files : public figures::DataFiles {
public:
    std::map<std::string, std::string> bytes;
    std::string read(const std::string& name) const override { return bytes.at(name); }
};

const model::Table& table_of(const std::vector<model::Block>& blocks) {
    REQUIRE(!blocks.empty());
    const auto* table = std::get_if<model::Table>(&blocks.front());
    REQUIRE(table);
    return *table;
}

std::vector<model::Block> blocks_of(const std::string& spec, const Files* files = nullptr) {
    figures::Settings settings;
    settings.files = files;
    return figures::table_blocks(json::parse(spec), "t", settings);
}

// Each row's cells as printed, covered slots left out.
std::vector<std::vector<std::string>> texts(const model::Table& table) {
    std::vector<std::vector<std::string>> rows;
    for (const model::TableRow& row : table.rows) {
        std::vector<std::string> cells;
        for (const model::TableCell& cell : row.cells) {
            if (cell.covered) continue;
            std::string text;
            for (const model::Inline& paragraph : cell.paragraphs) text += model::plain_text(paragraph);
            cells.push_back(text);
        }
        rows.push_back(cells);
    }
    return rows;
}

Error table_error(const std::string& spec, const Files* files = nullptr) {
    try {
        blocks_of(spec, files);
    } catch (const Failure& failure) {
        return failure.error();
    }
    FAIL("no error for " << spec);
    return {};
}

Error chart_error(const std::string& spec) {
    try {
        figures::chart_block(json::parse(spec), "c", figures::Settings{});
    } catch (const Failure& failure) {
        return failure.error();
    }
    FAIL("no error for " << spec);
    return {};
}

} // namespace

TEST_CASE("the total row adds the columns that add up; its ratio is the ratio of the totals", "[figures]") {
    const model::Table table = table_of(blocks_of(R"({
        "columns": [{"key": "plan", "label": "Kế hoạch"}, {"key": "done", "label": "Thực hiện"},
                    {"label": "Tỷ lệ", "ratio": ["done", "plan"]}],
        "rows": [{"name": "A", "plan": 1200, "done": 1250.5}, {"name": "B", "plan": 400, "done": 100}]})"));
    const auto rows = texts(table);
    REQUIRE(rows.size() == 4); // header, A, B, total
    CHECK(rows[0] == std::vector<std::string>{"TT", "Đơn vị", "Kế hoạch", "Thực hiện", "Tỷ lệ"});
    CHECK(rows[1] == std::vector<std::string>{"1", "A", "1.200", "1.250,5", "104,2%"});
    CHECK(rows[2] == std::vector<std::string>{"2", "B", "400", "100", "25,0%"});
    // 1350.5 / 1600 = 84.4%, not the mean of 104.2% and 25.0%.
    CHECK(rows[3] == std::vector<std::string>{"Tổng cộng", "1.600", "1.350,5", "84,4%"});
    CHECK(table.rows.front().header);
    CHECK(table.column_types[3] == model::ColumnType::decimal);
    CHECK(table.column_types[4] == model::ColumnType::percent);
}

TEST_CASE("a unit column is never added up, and the total row is optional", "[figures]") {
    // Hectares and tonnes are not added: with a unit column nothing adds up unless the
    // template marks the column, so there is no total row.
    const model::Table units = table_of(blocks_of(R"({
        "columns": [{"key": "unit", "label": "Đơn vị tính", "type": "unit"}, {"key": "done", "label": "Thực hiện"}],
        "rows": [{"name": "Lúa", "unit": "ha", "done": 615.3}, {"name": "Ngô", "unit": "tấn", "done": 20}]})"));
    CHECK(texts(units).size() == 3);
    const model::Table no_total = table_of(blocks_of(R"({"total": false,
        "columns": [{"key": "done", "label": "Thực hiện"}], "rows": [{"name": "A", "done": 1}]})"));
    CHECK(texts(no_total).size() == 2);
    const Error percent_sum = table_error(R"({"columns": [{"label": "Tỷ lệ", "share": "done", "sum": true}],
        "rows": [{"name": "A", "done": 1}]})");
    CHECK(percent_sum.message.code() == "figures.sum-not-number");
    CHECK(percent_sum.json_path == "t.columns[0].sum");
}

TEST_CASE("groups: a row spanning the table before each group's rows, numbered I, II", "[figures]") {
    const model::Table table = table_of(blocks_of(R"({
        "columns": [{"key": "done", "label": "Thực hiện"}],
        "groups": [{"label": "Kinh tế", "rows": [{"name": "A", "done": 2}]},
                   {"label": "Xã hội", "rows": [{"name": "B", "done": 3}, {"name": "C", "done": 4}]}]})"));
    const auto rows = texts(table);
    REQUIRE(rows.size() == 7);
    CHECK(rows[1] == std::vector<std::string>{"I", "Kinh tế"});
    CHECK(table.rows[1].group);
    CHECK(table.rows[1].cells[1].colspan == 2);
    CHECK(rows[3] == std::vector<std::string>{"II", "Xã hội"});
    CHECK(rows[4] == std::vector<std::string>{"1", "B", "3"});
    CHECK(rows[6] == std::vector<std::string>{"Tổng cộng", "9"});
}

TEST_CASE("max_table_rows counts the rows of data: header, group, subtotal and total rows come on top", "[figures]") {
    figures::Settings settings;
    settings.max_rows = 3;
    const std::string three_rows = R"({"subtotals": true,
        "columns": [{"key": "done", "label": "Thực hiện"}],
        "groups": [{"label": "Kinh tế", "rows": [{"name": "A", "done": 2}]},
                   {"label": "Xã hội", "rows": [{"name": "B", "done": 3}, {"name": "C", "done": 4}]}]})";
    const auto blocks = figures::table_blocks(json::parse(three_rows), "t", settings);
    const model::Table& table = table_of(blocks);
    CHECK(table.rows.size() == 7); // header, 2 group rows with their subtotals, 3 rows, total
    CHECK(table.rows.back().total);
    CHECK(model::data_row_count(table) == 3);

    json four_rows = json::parse(three_rows);
    four_rows["groups"][1]["rows"].push_back({{"name", "D"}, {"done", 5}});
    try {
        figures::table_blocks(four_rows, "t", settings);
        FAIL("a fourth row of data passed max_rows = 3");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::limit);
        CHECK(failure.error().message.code() == "figures.too-many-rows");
    }
}

TEST_CASE("bad rows are reported at their JSON path", "[figures][errors]") {
    const Error count = table_error(R"({"columns": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
        "rows": [["x", 1, 2], ["y", 1]]})");
    CHECK(count.kind == ErrorKind::data);
    CHECK(count.message.code() == "figures.row-cell-count");
    CHECK(count.json_path == "t.rows[1]");

    const Error text = table_error(R"({"columns": [{"key": "done", "label": "Thực hiện", "type": "decimal"}],
        "rows": [{"name": "x", "done": 2}, {"name": "y", "done": "12,5"}]})");
    CHECK(text.message.code() == "figures.not-a-number");
    CHECK(text.json_path == "t.rows[1].done");

    const Error empty = table_error(R"({"columns": [{"key": "done", "label": "Thực hiện"}], "rows": []})");
    CHECK(empty.message.code() == "figures.no-rows");

    const Error misspelt = table_error(R"({"colums": []})");
    CHECK(misspelt.kind == ErrorKind::data);
}

TEST_CASE("merged cells that overlap or leave the table", "[figures][errors]") {
    const std::string columns = R"("columns": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}])";
    const Error past = table_error("{" + columns + R"(, "rows": [{"name": "x", "a": 1, "b": {"value": 2, "colspan": 2}}]})");
    CHECK(past.message.code() == "figures.span-past-last-column");
    CHECK(past.json_path == "t.rows[0].b");

    const Error below = table_error("{" + columns + R"(, "rows": [{"name": "x", "a": {"value": 1, "rowspan": 3}, "b": 2}]})");
    CHECK(below.message.code() == "figures.span-past-last-row");

    const Error under = table_error("{" + columns + R"(, "rows": [{"name": "x", "a": {"value": 1, "rowspan": 2}, "b": 2},
                                                                  {"name": "y", "a": 5, "b": 3}]})");
    CHECK(under.message.code() == "figures.span-overlap");
    CHECK(under.json_path == "t.rows[1].a");
}

TEST_CASE("rows from a CSV file: ';' with decimal commas, errors at the file's line", "[figures][csv]") {
    Files files;
    files.bytes["thu.csv"] = "\xEF\xBB\xBFname;plan;done\nThuế;1.250,5;700\n\"Phí; lệ phí\";300;120,25\n";
    const model::Table table = table_of(blocks_of(R"({"csv": "thu.csv",
        "columns": [{"key": "plan", "label": "KH"}, {"key": "done", "label": "TH"}]})", &files));
    const auto rows = texts(table);
    REQUIRE(rows.size() == 4);
    CHECK(rows[1] == std::vector<std::string>{"1", "Thuế", "1.250,5", "700"});
    CHECK(rows[2] == std::vector<std::string>{"2", "Phí; lệ phí", "300", "120,25"});
    CHECK(rows[3] == std::vector<std::string>{"Tổng cộng", "1.550,5", "820,25"});

    // A column of figures with a mistake in it: the mistake is reported, the column stays figures.
    files.bytes["bad.csv"] = "name,plan,done\nA,1,2\nB,3,4.5\nC,5,7.5x\n";
    const Error number = table_error(R"({"csv": "bad.csv", "columns": [{"key": "plan", "label": "KH"}, {"key": "done", "label": "TH"}]})",
                                     &files);
    CHECK(number.message.code() == "figures.csv-not-number");
    CHECK(number.where.file == "bad.csv");
    CHECK(number.where.line == 4);

    files.bytes["short.csv"] = "name,plan,done\nA,1,2\nB,3\n";
    const Error cells = table_error(R"({"csv": "short.csv", "columns": [{"key": "plan", "label": "KH"}, {"key": "done", "label": "TH"}]})",
                                    &files);
    CHECK(cells.message.code() == "figures.csv-cell-count");
    CHECK(cells.where.line == 3);

    const Error nowhere = table_error(R"({"csv": "thu.csv", "columns": [{"key": "plan", "label": "KH"}]})");
    CHECK(nowhere.message.code() == "figures.no-data-folder");
}

TEST_CASE("a chart with no series, or a pie with a negative figure, is refused", "[figures][charts][errors]") {
    const Error none = chart_error(R"({"categories": ["A", "B"], "series": []})");
    CHECK(none.message.code() == "figures.chart-no-series");
    const Error negative = chart_error(R"({"type": "pie", "categories": ["A", "B"], "series": [{"values": [3, -1]}]})");
    CHECK(negative.message.code() == "figures.pie-negative");
    CHECK(negative.json_path.rfind("c.series[0]", 0) == 0);
    const Error count = chart_error(R"({"categories": ["A", "B"], "series": [{"values": [3]}]})");
    CHECK(count.message.code() == "figures.series-value-count");

    const model::Chart chart = figures::chart_block(
        json::parse(R"({"type": "stacked-bar", "title": "T", "categories": ["A", "B"], "series": [{"name": "S", "values": [1, null]}]})"),
        "c", figures::Settings{});
    CHECK(chart.kind == model::ChartKind::stacked_bar);
    REQUIRE(chart.series.size() == 1);
    CHECK(chart.series[0].values[0] == 1.0);
    CHECK_FALSE(chart.series[0].values[1].has_value());
}
