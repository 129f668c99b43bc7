// Golden test of the report example (data/bao-cao-so-ket-example.json): every figure, total
// and percentage of its tables is computed here, independently of the template (integer
// arithmetic, rounding half away from zero), and must be what the PDF and the DOCX print.
#include <catch2/catch.hpp>

#include <cstdint>

#include "golden/compare.hpp"
#include "golden/extract.hpp"
#include "golden/golden_support.hpp"

using namespace vanban::golden;
using nlohmann::json;

namespace {

const char* const kReport = "data/bao-cao-so-ket-example.json";
const std::vector<std::string> kSpaces = {" ", "\t", "\n", "\r", "\f"};

// 2043 -> "2.043", -1 -> "-1": Vietnamese thousands separators.
std::string vietnamese_integer(std::int64_t value) {
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

// numerator / denominator as a percentage with `decimals` decimals, rounded half away from
// zero, exactly: 14/12 -> "116,7%", 2/412 with 2 decimals -> "0,49%"; "-" for a zero
// denominator.
std::string percentage(std::int64_t numerator, std::int64_t denominator, int decimals) {
    if (denominator == 0) return "-";
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const std::int64_t scaled = numerator * 100 * scale;
    std::int64_t quotient = scaled / denominator;
    const std::int64_t remainder = scaled % denominator;
    const bool negative = (scaled < 0) != (denominator < 0);
    if (2 * (remainder < 0 ? -remainder : remainder) >= (denominator < 0 ? -denominator : denominator))
        quotient += negative ? -1 : 1;
    const std::int64_t magnitude = quotient < 0 ? -quotient : quotient;
    std::string out = (quotient < 0 ? "-" : "") + vietnamese_integer(magnitude / scale);
    if (decimals > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        out += "," + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    }
    return out + "%";
}

std::int64_t figure(const json& row, const std::string& key) {
    INFO("row " << row.dump() << ", key " << key);
    REQUIRE(row.contains(key));
    REQUIRE(row[key].is_number_integer()); // the example's figures are counts
    return row[key].get<std::int64_t>();
}

std::int64_t column_sum(const json& rows, const std::string& key) {
    std::int64_t sum = 0;
    for (const json& row : rows) sum += figure(row, key);
    return sum;
}

// What one table of the data must print: its header row, a row per unit, the total row.
struct ExpectedTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows; // TT, unit, cells
    std::vector<std::string> total;             // total label, cells
};

std::string unit_cell(const json& column, const json& row, const json& rows) {
    const int decimals = column.value("decimals", 1);
    if (column.contains("key")) return vietnamese_integer(figure(row, column["key"]));
    if (column.contains("ratio"))
        return percentage(figure(row, column["ratio"][0]), figure(row, column["ratio"][1]), decimals);
    if (column.contains("difference"))
        return vietnamese_integer(figure(row, column["difference"][0]) - figure(row, column["difference"][1]));
    REQUIRE(column.contains("share"));
    return percentage(figure(row, column["share"]), column_sum(rows, column["share"]), decimals);
}

std::string total_cell(const json& column, const json& rows) {
    const int decimals = column.value("decimals", 1);
    if (column.contains("key")) return vietnamese_integer(column_sum(rows, column["key"]));
    // The ratio of the sums, not the mean of the units' ratios.
    if (column.contains("ratio"))
        return percentage(column_sum(rows, column["ratio"][0]), column_sum(rows, column["ratio"][1]), decimals);
    if (column.contains("difference"))
        return vietnamese_integer(column_sum(rows, column["difference"][0]) - column_sum(rows, column["difference"][1]));
    REQUIRE(column.contains("share"));
    return percentage(column_sum(rows, column["share"]), column_sum(rows, column["share"]), decimals);
}

ExpectedTable expected_table(const json& table) {
    ExpectedTable expected;
    expected.header = {table.value("number_label", "TT"), table.value("unit_label", "Đơn vị")};
    for (const json& column : table["columns"]) expected.header.push_back(column["label"]);
    const json& rows = table["rows"];
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<std::string> cells = {std::to_string(i + 1), rows[i]["unit"]};
        for (const json& column : table["columns"]) cells.push_back(unit_cell(column, rows[i], rows));
        expected.rows.push_back(std::move(cells));
    }
    expected.total = {table.value("total_label", "Tổng cộng")};
    for (const json& column : table["columns"]) expected.total.push_back(total_cell(column, rows));
    return expected;
}

// Every "table" of the report's nodes, wherever it stands.
void collect_tables(const json& node, std::vector<ExpectedTable>& out) {
    if (node.is_object()) {
        if (node.contains("table") && node["table"].contains("columns")) out.push_back(expected_table(node["table"]));
        for (const auto& [key, value] : node.items())
            if (key != "table") collect_tables(value, out);
    } else if (node.is_array()) {
        for (const json& item : node) collect_tables(item, out);
    }
}


// pdftotext -layout prints a table row on one line, but wraps a long unit name onto the next
// line: the row's line starts with TT and the first words of the unit and ends with the cells.
bool layout_has_row(const std::vector<Words>& lines, const Words& lead, const Words& unit, const Words& cells) {
    for (const Words& line : lines) {
        if (line.size() < lead.size() + cells.size() + 1) continue;
        if (!std::equal(lead.begin(), lead.end(), line.begin())) continue;
        if (!std::equal(cells.rbegin(), cells.rend(), line.rbegin())) continue;
        const Words middle(line.begin() + static_cast<std::ptrdiff_t>(lead.size()),
                           line.end() - static_cast<std::ptrdiff_t>(cells.size()));
        if (middle.size() <= unit.size() && std::equal(middle.begin(), middle.end(), unit.begin())) return true;
    }
    return false;
}

} // namespace

TEST_CASE("golden: the independent arithmetic of this test") {
    CHECK(vietnamese_integer(2043) == "2.043");
    CHECK(vietnamese_integer(-1) == "-1");
    CHECK(vietnamese_integer(1234567) == "1.234.567");
    CHECK(percentage(14, 12, 1) == "116,7%");
    CHECK(percentage(2, 412, 2) == "0,49%");
    CHECK(percentage(0, 295, 2) == "0,00%");
    CHECK(percentage(1, 8, 0) == "13%"); // 12.5 rounds away from zero
    CHECK(percentage(1, 0, 1) == "-");
    CHECK(percentage(63, 63, 1) == "100,0%");
}

TEST_CASE("golden: the report's totals and percentages are printed as computed from its data") {
    const json data = read_source_json(kReport);
    std::vector<ExpectedTable> tables;
    collect_tables(data, tables);
    REQUIRE(tables.size() == 2);

    const Rendered rendered = render_both("bao-cao", kReport);

    SECTION("DOCX: each table, cell by cell") {
        const std::vector<TextTable> docx = docx_tables(rendered.docx);
        for (const ExpectedTable& table : tables) {
            INFO("the table whose first figure column is " << table.header.at(2));
            const auto found = std::find_if(docx.begin(), docx.end(),
                                            [&](const TextTable& t) { return !t.empty() && t.front() == table.header; });
            REQUIRE(found != docx.end());
            REQUIRE(found->size() == table.rows.size() + 2);
            for (std::size_t i = 0; i < table.rows.size(); ++i) CHECK((*found)[i + 1] == table.rows[i]);
            CHECK(found->back() == table.total);
        }
    }

    SECTION("PDF read by mutool: each row's cells in order") {
        const Words text = split_words(mutool_text(rendered.pdf), kSpaces);
        for (const ExpectedTable& table : tables) {
            for (const auto& row : table.rows) {
                INFO("row " << row.at(0) << " " << row.at(1));
                CHECK(contains_sequence(text, words_of_cells(row)));
            }
            INFO("total row of " << table.header.at(2));
            CHECK(contains_sequence(text, words_of_cells(table.total)));
        }
    }

    SECTION("PDF read by pdftotext -layout: each row on its line") {
        std::vector<Words> lines;
        const std::string text = pdftotext_layout(rendered.pdf);
        for (std::size_t start = 0; start < text.size();) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            lines.push_back(split_words(std::string_view(text).substr(start, end - start), kSpaces));
            start = end + 1;
        }
        for (const ExpectedTable& table : tables) {
            for (const auto& row : table.rows) {
                const Words cells = words_of_cells(std::vector<std::string>(row.begin() + 2, row.end()));
                INFO("row " << row.at(0) << " " << row.at(1));
                CHECK(layout_has_row(lines, {row.at(0)}, split_words(row.at(1), kSpaces), cells));
            }
            const Words total = words_of_cells(table.total);
            CHECK(std::find(lines.begin(), lines.end(), total) != lines.end());
        }
    }
}
