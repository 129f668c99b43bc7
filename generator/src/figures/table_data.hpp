// A table of figures as read from the data, before it becomes model blocks: its columns, the
// fields its rows hold, its rows and groups (docs/schema.md, "Tables of figures").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "figures/fields.hpp"
#include "figures/figures.hpp"
#include "vanban/model.hpp"

namespace vanban::figures {

// How a column gets its figure: the row's own value, or computed from two of the row's values.
enum class Source { key, ratio, difference, share };

struct Column {
    std::string label;
    std::string heading;           // a heading over this column and its neighbours with the same heading
    Source source = Source::key;
    std::size_t field = 0;         // key and share: its field; ratio and difference: the first operand
    std::size_t second = 0;        // ratio and difference: the second operand
    model::ColumnType type = model::ColumnType::text;
    bool type_given = false;
    int decimals = -1;             // -1: each figure with the decimals the data writes; ratios: 1
    int written_decimals = 0;      // the most decimals a figure of the column has
    std::optional<bool> sum;       // as the data says; see TableData::adds_up
    bool sign = true;              // percent: "%" after the number
    std::optional<double> width;   // relative width
    std::optional<model::Align> align;
    text::JsonPath path;
};

// One value of a row.
struct Cell {
    enum class Kind : std::uint8_t { none, number, text };
    Kind kind = Kind::none;
    double number = 0;
    std::uint8_t decimals = 0;     // decimals the data wrote (numbers)
    std::uint16_t rowspan = 1, colspan = 1;
    std::string text;              // text; a CSV cell's text until its column's type is known
};

struct Row {
    std::vector<Cell> cells;       // one per field; field 0 is the row's name
    std::size_t group = 0;
    std::uint32_t index = 0;       // its place in its JSON list (for its path), or its CSV line
    bool listed = false;           // given as a list of cells [name, …] rather than an object
};

struct Group {
    std::string label;
    std::string number;            // printed in the number column ("I"), or before the label
    std::optional<bool> subtotal;
    text::JsonPath path;           // its object; its rows are path.rows[i]
};

struct TableData {
    text::JsonPath path;
    std::vector<std::string> caption, notes;
    std::string number_label = "TT";   // "" : no running-number column
    std::string name_label = "Đơn vị";
    std::string total_label = "Tổng cộng";
    std::optional<bool> total;         // as the data says; default: when a column adds up
    bool subtotals = false;
    bool landscape = false;
    std::vector<Column> columns;
    std::vector<std::string> fields;   // field 0 is the name ("name"; "unit" in older data, see field_of_key)
    std::vector<Row> rows;             // in order; a group's rows are together
    std::vector<Group> groups;         // empty: no group rows
    // Where the rows came from: the JSON list (rows_path[i], or groups[g].path.rows[i]) or a CSV file.
    text::JsonPath rows_path;
    std::string csv_file;              // the file's name as the data gives it; empty for JSON rows
    bool csv_decimal_comma = false;    // the file is separated by ';', so its decimal mark is ','
    text::JsonPath csv_path;           // the "csv" field
    const nlohmann::json* chart = nullptr; // the "chart" object, read after the rows

    // Where a row, or one of its fields, came from (for messages).
    Where where(const Row& row) const;
    Where where(const Row& row, std::size_t field) const;
    bool has_unit_column() const;
    bool adds_up(const Column& column) const;  // summed in total and subtotal rows
    bool has_total() const;
    bool has_subtotal(const Group& group) const;
    std::size_t field_index(const std::string& key) const; // fields.size() when absent
    // The field a row's key fills: its own, or the name for "unit" in a table with no "unit"
    // field (older data named the rows so) when the row has no "name". fields.size(): none.
    std::size_t field_of_key(const std::string& key, bool row_has_name) const;
};

// Reads the spec and its rows (JSON or CSV) and settles every column's type. Throws Failure.
TableData read_table(const nlohmann::json& spec, text::JsonPath path, const Settings& settings);

// Reads a CSV file's rows into `table` (its columns are read; the types are not settled yet).
void read_csv_rows(TableData& table, const std::string& bytes, const Settings& settings);

// A number in a CSV cell, written as a spreadsheet saves it: with ',' as the decimal mark and
// '.' or spaces grouping thousands ("1.250,5", "-3,25", "94,4%") when `decimal_comma`, or
// the other way round ("1,250.5"). nullopt when it is not a number. `decimals` receives the
// number of decimals written.
std::optional<double> read_cell_number(std::string_view text, bool decimal_comma, int& decimals);

} // namespace vanban::figures
