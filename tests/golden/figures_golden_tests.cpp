// Golden tests of the reports built from tables of figures (data/bao-cao-kt-xh-6-thang-xa.json,
// a commune's six-month report in the State format, one of its tables read from a CSV file;
// data/bao-cao-so-ket-dang-bo-xa.json, a Party report with groups and subtotals). Every cell
// is computed here from the data by the rules docs/schema.md states ("Tables of figures"),
// in exact decimal arithmetic written for this test, and must be what the DOCX holds, row by
// row, and what both PDF readers read.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "golden/compare.hpp"
#include "golden/extract.hpp"
#include "golden/golden_support.hpp"

using namespace vanban::golden;
using nlohmann::json;

namespace {

const std::vector<std::string> kSpaces = {" ", "\t", "\n", "\r", "\f"};
using Row = std::vector<std::string>;

// ---------------------------------------------------------------- exact decimals

// units / 10^decimals, exactly as the data writes it: "1.250,5" is {12505, 1}.
struct Decimal {
    __int128 units = 0;
    int decimals = 0;
};

__int128 power_of_ten(int n) {
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

// "1250.5" (decimal mark '.', no thousands) or "1.250,5" (mark ',', thousands '.').
Decimal parse_decimal(const std::string& text, char mark) {
    Decimal d;
    bool negative = false, after_mark = false;
    for (char c : text) {
        if (c == '-') negative = true;
        else if (c == mark) after_mark = true;
        else if (c >= '0' && c <= '9') {
            d.units = d.units * 10 + (c - '0');
            if (after_mark) ++d.decimals;
        }
    }
    if (negative) d.units = -d.units;
    return d;
}

Decimal decimal_of(const json& value) {
    REQUIRE(value.is_number());
    return parse_decimal(value.dump(), '.');
}

Decimal rescaled(const Decimal& d, int decimals) {
    return {d.units * power_of_ten(decimals - d.decimals), decimals};
}

Decimal operator+(const Decimal& a, const Decimal& b) {
    const int decimals = std::max(a.decimals, b.decimals);
    return {rescaled(a, decimals).units + rescaled(b, decimals).units, decimals};
}

Decimal operator-(const Decimal& a, const Decimal& b) {
    return a + Decimal{-b.units, b.decimals};
}

// "1.250,5", "-1", "6.850": Vietnamese separators, the decimals as given.
std::string vietnamese(const Decimal& d) {
    const bool negative = d.units < 0;
    __int128 magnitude = negative ? -d.units : d.units;
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude > 0);
    if (digits.size() <= static_cast<std::size_t>(d.decimals))
        digits.insert(0, static_cast<std::size_t>(d.decimals) + 1 - digits.size(), '0');
    const std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(d.decimals));
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += '.';
        out += whole[i];
    }
    if (d.decimals > 0) out += "," + digits.substr(whole.size());
    return (negative ? "-" : "") + out;
}

// a / b as a percentage with `decimals` decimals, rounded half away from zero; "-" when b is 0.
std::string percentage(const Decimal& a, const Decimal& b, int decimals, bool sign) {
    const int scale = std::max(a.decimals, b.decimals);
    const __int128 numerator = rescaled(a, scale).units * 100 * power_of_ten(decimals);
    const __int128 denominator = rescaled(b, scale).units;
    if (denominator == 0) return "-";
    __int128 quotient = numerator / denominator;
    const __int128 remainder = numerator % denominator;
    const auto magnitude = [](__int128 v) { return v < 0 ? -v : v; };
    if (2 * magnitude(remainder) >= magnitude(denominator)) quotient += ((numerator < 0) != (denominator < 0)) ? -1 : 1;
    return vietnamese(Decimal{quotient, decimals}) + (sign ? "%" : "");
}

std::string roman(std::size_t n) {
    static const char* const numerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
    REQUIRE(n >= 1);
    REQUIRE(n <= 10);
    return numerals[n - 1];
}

// ---------------------------------------------------------------- the data's rows

// One row of data: its name and its values by key, as decimals or text.
struct DataRow {
    std::string name;
    std::map<std::string, Decimal> figures;
    std::map<std::string, std::string> texts;
};

struct DataGroup {
    std::string label;
    std::vector<DataRow> rows;
};

DataRow row_of(const json& object) {
    DataRow row;
    row.name = object.at("name").get<std::string>();
    for (const auto& [key, value] : object.items()) {
        if (value.is_number()) row.figures[key] = decimal_of(value);
        else if (value.is_string()) row.texts[key] = value.get<std::string>();
    }
    return row;
}

// RFC 4180 fields separated by ';', the figures written 1.250,5 (the example's CSV file).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ';' && !quoted) fields.emplace_back();
        else fields.back() += c;
    }
    return fields;
}

std::vector<DataRow> csv_rows(const std::string& file) {
    std::string text = read_source(file);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<DataRow> rows;
    std::vector<std::string> header;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::vector<std::string> fields = csv_fields(line);
        if (header.empty()) {
            header = fields;
            continue;
        }
        REQUIRE(fields.size() == header.size());
        DataRow row;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (header[i] == "name") row.name = fields[i];
            else row.figures[header[i]] = parse_decimal(fields[i], ',');
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<DataGroup> groups_of(const json& table, const std::string& data_file) {
    std::vector<DataGroup> groups;
    const auto rows_of = [](const json& list) {
        std::vector<DataRow> rows;
        for (const json& object : list) rows.push_back(row_of(object));
        return rows;
    };
    if (table.contains("groups")) {
        for (const json& group : table["groups"]) groups.push_back({group.at("label"), rows_of(group.at("rows"))});
    } else if (table.contains("csv")) {
        const std::string folder = data_file.substr(0, data_file.rfind('/') + 1);
        groups.push_back({"", csv_rows(folder + table["csv"].get<std::string>())});
    } else {
        groups.push_back({"", rows_of(table.at("rows"))});
    }
    return groups;
}

// ---------------------------------------------------------------- what the table must print

struct Column {
    json spec;
    std::string kind() const {
        for (const char* source : {"key", "ratio", "difference", "share"})
            if (spec.contains(source)) return source;
        FAIL("a column without a source: " << spec.dump());
        return "";
    }
    bool text() const { return spec.value("type", "") == "unit" || spec.value("type", "") == "text"; }
};

class ExpectedTable {
public:
    ExpectedTable(const json& table, const std::string& data_file)
        : groups_(groups_of(table, data_file)), subtotals_(table.value("subtotals", false)) {
        for (const json& column : table.at("columns")) columns_.push_back({column});
        bool unit_column = false;
        for (const Column& column : columns_) unit_column = unit_column || column.spec.value("type", "") == "unit";
        // docs/schema.md, "Totals": with a unit column only the columns marked "sum" add up.
        for (const Column& column : columns_)
            if (column.kind() == "key" && !column.text() && column.spec.value("sum", !unit_column))
                summable_.push_back(column.spec["key"]);
        for (const DataGroup& group : groups_)
            for (const DataRow& row : group.rows) everything_.push_back(row);
    }

    // The rows after the header rows: group rows, rows of data, the total row.
    std::vector<Row> body() const {
        std::vector<Row> rows;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const DataGroup& group = groups_[g];
            if (!group.label.empty()) {
                Row label = {roman(g + 1), group.label};
                if (subtotals_) append(label, totals_cells(group.rows));
                rows.push_back(label);
            }
            for (std::size_t i = 0; i < group.rows.size(); ++i) {
                Row cells = {std::to_string(i + 1), group.rows[i].name};
                for (const Column& column : columns_) cells.push_back(cell(column, group.rows[i]));
                rows.push_back(cells);
            }
        }
        if (!summable_.empty()) {
            Row total = {"Tổng cộng"};
            append(total, totals_cells(everything_));
            rows.push_back(total);
        }
        return rows;
    }

    // How many columns at the right of a row hold figures (not units or text).
    std::size_t figure_columns() const {
        return static_cast<std::size_t>(
            std::count_if(columns_.begin(), columns_.end(), [](const Column& column) { return !column.text(); }));
    }

private:
    static void append(Row& row, const Row& more) { row.insert(row.end(), more.begin(), more.end()); }

    bool summable(const std::string& key) const {
        return std::find(summable_.begin(), summable_.end(), key) != summable_.end();
    }

    static const Decimal& figure(const DataRow& row, const std::string& key) {
        INFO("row " << row.name << ", key " << key);
        REQUIRE(row.figures.count(key) == 1);
        return row.figures.at(key);
    }

    static Decimal sum(const std::vector<DataRow>& rows, const std::string& key) {
        Decimal total;
        for (const DataRow& row : rows) total = total + figure(row, key);
        // A sum is printed with the most decimals any figure of the column is written with.
        int decimals = 0;
        for (const DataRow& row : rows) decimals = std::max(decimals, figure(row, key).decimals);
        return rescaled(total, decimals);
    }

    int percent_decimals(const Column& column) const { return column.spec.value("decimals", 1); }
    bool percent_sign(const Column& column) const { return column.spec.value("sign", true); }

    std::string cell(const Column& column, const DataRow& row) const {
        const json& spec = column.spec;
        const std::string kind = column.kind();
        if (kind == "key" && column.text()) return row.texts.at(spec["key"].get<std::string>());
        if (kind == "key") return vietnamese(figure(row, spec["key"]));
        if (kind == "difference") return vietnamese(figure(row, spec["difference"][0]) - figure(row, spec["difference"][1]));
        if (kind == "ratio")
            return percentage(figure(row, spec["ratio"][0]), figure(row, spec["ratio"][1]), percent_decimals(column),
                              percent_sign(column));
        return percentage(figure(row, spec["share"]), sum(everything_, spec["share"]), percent_decimals(column),
                          percent_sign(column));
    }

    // A total or subtotal row's cells: sums of the columns that add up, ratios and differences
    // of the sums, a share of the whole table's total; nothing under text and units.
    Row totals_cells(const std::vector<DataRow>& rows) const {
        Row cells;
        for (const Column& column : columns_) {
            const json& spec = column.spec;
            const std::string kind = column.kind();
            if (kind == "key") cells.push_back(summable(spec["key"]) ? vietnamese(sum(rows, spec["key"])) : "");
            else if (kind == "difference")
                cells.push_back(vietnamese(sum(rows, spec["difference"][0]) - sum(rows, spec["difference"][1])));
            else if (kind == "ratio")
                cells.push_back(percentage(sum(rows, spec["ratio"][0]), sum(rows, spec["ratio"][1]),
                                           percent_decimals(column), percent_sign(column)));
            else
                cells.push_back(percentage(sum(rows, spec["share"]), sum(everything_, spec["share"]),
                                           percent_decimals(column), percent_sign(column)));
        }
        return cells;
    }

    std::vector<DataGroup> groups_;
    bool subtotals_;
    std::vector<Column> columns_;
    std::vector<std::string> summable_;
    std::vector<DataRow> everything_;
};

// Every table of figures of the data, wherever it stands in the outline.
void collect_tables(const json& node, std::vector<json>& out) {
    if (node.is_object()) {
        if (node.contains("table") && node["table"].contains("columns")) out.push_back(node["table"]);
        for (const auto& [key, value] : node.items())
            if (key != "table") collect_tables(value, out);
    } else if (node.is_array()) {
        for (const json& item : node) collect_tables(item, out);
    }
}


// pdftotext -layout keeps a row on one line, but wraps a long name onto the next: the row's
// figures end a line.
bool some_line_ends_with(const std::string& layout_text, const Words& figures) {
    for (std::size_t start = 0; start < layout_text.size();) {
        std::size_t end = layout_text.find_first_of("\n\f", start);
        if (end == std::string::npos) end = layout_text.size();
        const Words line = split_words(std::string_view(layout_text).substr(start, end - start), kSpaces);
        if (line.size() >= figures.size() && std::equal(figures.rbegin(), figures.rend(), line.rbegin())) return true;
        start = end + 1;
    }
    return false;
}

void check_report(const std::string& data_file, std::size_t table_count) {
    std::vector<json> tables;
    collect_tables(read_source_json(data_file), tables);
    REQUIRE(tables.size() == table_count);
    const Rendered rendered = render_both("bao-cao", data_file);
    const std::vector<TextTable> docx = docx_tables(rendered.docx);
    const Words mutool = split_words(mutool_text(rendered.pdf), kSpaces);
    const std::string layout = pdftotext_layout(rendered.pdf);

    for (const json& table : tables) {
        const ExpectedTable expected(table, data_file);
        const std::vector<Row> body = expected.body();
        INFO(data_file << ", the table '" << table.value("caption", "") << "'");
        REQUIRE(!body.empty());
        // The DOCX: the table whose last rows are these, cell by cell.
        const auto found = std::find_if(docx.begin(), docx.end(), [&](const TextTable& t) {
            return t.size() > body.size() && t[t.size() - body.size()] == body.front();
        });
        REQUIRE(found != docx.end());
        for (std::size_t i = 0; i < body.size(); ++i) CHECK((*found)[found->size() - body.size() + i] == body[i]);
        // The PDF, read by mutool and by pdftotext -layout.
        for (const Row& row : body) {
            INFO("row " << row.at(0) << " " << (row.size() > 1 ? row[1] : ""));
            CHECK(contains_sequence(mutool, words_of_cells(row)));
            // A unit ("triệu đồng") may wrap in its cell as a name does: the figures are the line's end.
            const std::size_t first_cell = row.front() == "Tổng cộng" ? 1 : 2;
            if (row.size() > first_cell) {
                const std::size_t count = std::min(expected.figure_columns(), row.size() - first_cell);
                CHECK(some_line_ends_with(layout, words_of_cells(Row(row.end() - static_cast<std::ptrdiff_t>(count), row.end()))));
            }
        }
    }
}

} // namespace

TEST_CASE("golden: this test's exact decimals") {
    CHECK(vietnamese(parse_decimal("1.250,5", ',')) == "1.250,5");
    CHECK(vietnamese(decimal_of(json::parse("14652.6"))) == "14.652,6");
    CHECK(vietnamese(decimal_of(json(85000))) == "85.000");
    CHECK(vietnamese(parse_decimal("0,05", ',')) == "0,05");
    CHECK(vietnamese(Decimal{-1, 0}) == "-1");
    CHECK(vietnamese(parse_decimal("650,0", ',') + parse_decimal("1.250,0", ',')) == "1.900,0");
    CHECK(percentage(parse_decimal("648.2", '.'), parse_decimal("1250.5", '.'), 1, false) == "51,8");
    CHECK(percentage(Decimal{1, 0}, Decimal{8, 0}, 0, true) == "13%"); // 12.5 rounds away from zero
    CHECK(percentage(Decimal{7, 0}, Decimal{11, 0}, 1, true) == "63,6%");
    CHECK(percentage(Decimal{1, 0}, Decimal{0, 0}, 1, true) == "-");
}

TEST_CASE("golden: the commune's six-month report prints every figure of its two tables as computed from its data and its CSV file") {
    check_report("data/bao-cao-kt-xh-6-thang-xa.json", 2);
}

TEST_CASE("golden: the Party report prints its groups, subtotals, differences and shares as computed from its data") {
    check_report("data/bao-cao-so-ket-dang-bo-xa.json", 1);
}
