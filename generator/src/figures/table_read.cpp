// Reading a table of figures from the data: its settings, its columns, and its rows from
// JSON (objects or lists of cells, with or without groups); CSV rows are read in csv_rows.cpp.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "figures/table_data.hpp"
#include "text/vietnamese.hpp"

namespace vanban::figures {

namespace {

using nlohmann::json;
using model::ColumnType;

constexpr int max_decimals = 6;

std::optional<ColumnType> column_type_named(const std::string& name) {
    for (ColumnType type : {ColumnType::text, ColumnType::unit, ColumnType::integer, ColumnType::decimal,
                            ColumnType::percent})
        if (name == model::column_type_name(type)) return type;
    return std::nullopt;
}

std::optional<model::Align> align_named(const std::string& name) {
    if (name == "left") return model::Align::left;
    if (name == "center") return model::Align::center;
    if (name == "right") return model::Align::right;
    return std::nullopt;
}

// The decimals a JSON number is written with, as its shortest form shows them: 1250.5 -> 1.
std::uint8_t decimals_of(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t point = text.find('.');
    if (point == std::string_view::npos) return 0;
    return static_cast<std::uint8_t>(std::min<std::size_t>(text.size() - point - 1, max_decimals));
}

class TableReader {
public:
    TableReader(const json& spec, text::JsonPath path, const Settings& settings)
        : fields_(spec, path, msg("figures.a-table", "a table")), settings_(settings) {
        table_.path = std::move(path);
        table_.fields.push_back("name");
    }

    TableData read() {
        read_settings();
        read_columns();
        read_rows();
        fields_.finish();
        settle_types();
        return std::move(table_);
    }

private:
    void read_settings() {
        table_.caption = fields_.lines("caption");
        if (table_.caption.empty()) table_.caption = fields_.lines("title"); // its name in older data
        table_.notes = fields_.lines("note");
        if (auto label = fields_.text("number_label")) table_.number_label = *label;
        if (auto label = fields_.text("name_label")) table_.name_label = *label;
        else if (auto old = fields_.text("unit_label")) table_.name_label = *old;
        if (auto label = fields_.text("total_label")) table_.total_label = *label;
        if (const json* total = fields_.find("total")) read_total(*total);
        table_.subtotals = fields_.flag("subtotals").value_or(false);
        table_.landscape = fields_.flag("landscape").value_or(false);
        table_.chart = fields_.find("chart");
    }

    // "total": true, false, or the label of the total row.
    void read_total(const json& total) {
        if (total.is_boolean()) {
            table_.total = total.get<bool>();
        } else if (total.is_string()) {
            table_.total = true;
            table_.total_label = total.get<std::string>();
        } else {
            fail(fields_.path("total"), msg("figures.total-value",
                                            "{path} must be true, false, or the label of the total row",
                                            {{"path", fields_.path("total").text()}}));
        }
    }

    // ------------------------------------------------------------ columns

    void read_columns() {
        const json* list = fields_.find("columns");
        const text::JsonPath path = fields_.path("columns");
        if (!list || !list->is_array() || list->empty())
            fail(path, msg("figures.no-columns", "{path} must list the table's columns, at least one",
                           {{"path", path.text()}}),
                 msg("figures.no-columns-hint", "e.g. \"columns\": [{\"key\": \"done\", \"label\": \"Thực hiện\"}]"));
        const std::size_t shown = (table_.number_label.empty() ? 1 : 2) + list->size();
        if (shown > settings_.max_columns)
            fail(Where{path.text()},
                 msg("figures.too-many-columns", "the table has {count} columns; at most {max} fit a page (max_table_columns)",
                     {{"count", shown}, {"max", settings_.max_columns}}),
                 {}, ErrorKind::limit);
        for (std::size_t i = 0; i < list->size(); ++i) table_.columns.push_back(read_column((*list)[i], path.index(i)));
    }

    Column read_column(const json& object, text::JsonPath path) {
        Fields f(object, path, msg("figures.a-column", "a column"));
        Column column;
        column.path = path;
        column.label = f.text("label").value_or("");
        column.heading = f.text("heading").value_or("");
        read_source(f, column);
        if (auto type = f.text("type")) {
            const std::optional<ColumnType> named = column_type_named(*type);
            if (!named)
                fail(f.path("type"), msg("figures.unknown-column-type",
                                         "{path}: unknown column type \"{type}\"; the types are text, unit, integer, "
                                         "decimal and percent",
                                         {{"path", f.path("type").text()}, {"type", *type}}));
            column.type = *named;
            column.type_given = true;
        }
        check_type_fits_source(column, f);
        if (auto decimals = f.whole("decimals", 0, max_decimals)) column.decimals = *decimals;
        column.sum = f.flag("sum");
        if (column.sum.value_or(false) && !(column.type_given ? column.type == ColumnType::integer ||
                                                                     column.type == ColumnType::decimal
                                                               : column.source == Source::key ||
                                                                     column.source == Source::difference))
            fail(f.path("sum"), msg("figures.sum-not-number",
                                    "{path}: only integer and decimal columns add up, not percentages, units or text",
                                    {{"path", f.path("sum").text()}}));
        column.sign = f.flag("sign").value_or(true);
        if (auto width = f.number("width")) {
            if (!(*width > 0))
                fail(f.path("width"), msg("figures.width-positive", "{path} must be a positive number",
                                          {{"path", f.path("width").text()}}));
            column.width = *width;
        }
        if (auto align = f.text("align")) {
            column.align = align_named(*align);
            if (!column.align)
                fail(f.path("align"), msg("figures.unknown-align", "{path} must be \"left\", \"center\" or \"right\"",
                                          {{"path", f.path("align").text()}}));
        }
        f.finish();
        return column;
    }

    // Exactly one of "key", "ratio", "difference", "share".
    void read_source(Fields& f, Column& column) {
        int given = 0;
        if (auto key = f.text("key")) {
            column.source = Source::key;
            column.field = field(*key);
            ++given;
        }
        for (auto [name, source] : {std::pair{"ratio", Source::ratio}, std::pair{"difference", Source::difference}})
            if (const json* pair = f.find(name)) {
                if (!pair->is_array() || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
                    fail(f.path(name), msg("figures.operand-pair",
                                           "{path} must name two fields of the rows, e.g. [\"done\", \"plan\"]",
                                           {{"path", f.path(name).text()}}));
                column.source = source;
                column.field = field((*pair)[0].get<std::string>());
                column.second = field((*pair)[1].get<std::string>());
                ++given;
            }
        if (auto key = f.text("share")) {
            column.source = Source::share;
            column.field = field(*key);
            ++given;
        }
        if (given != 1)
            fail(f.path(), msg("figures.column-source",
                               "{path}: a column takes its figures from exactly one of \"key\", \"ratio\", "
                               "\"difference\" and \"share\"",
                               {{"path", f.path().text()}}));
        if (column.source == Source::ratio || column.source == Source::share) column.type = ColumnType::percent;
    }

    void check_type_fits_source(const Column& column, Fields& f) const {
        if (!column.type_given || column.source == Source::key) return;
        const bool fits = column.source == Source::difference
                              ? column.type == ColumnType::integer || column.type == ColumnType::decimal
                              : column.type == ColumnType::percent;
        if (!fits)
            fail(f.path("type"), msg("figures.type-for-source",
                                     "{path}: a ratio or share column is a percent column, a difference column an "
                                     "integer or decimal one",
                                     {{"path", f.path("type").text()}}));
    }

    // The field of the rows called `key`, added the first time it is named; "name" is the
    // row's name, field 0.
    std::size_t field(const std::string& key) {
        const std::size_t found = table_.field_index(key);
        if (found < table_.fields.size()) return found;
        table_.fields.push_back(key);
        return table_.fields.size() - 1;
    }

    // ------------------------------------------------------------ rows

    void read_rows() {
        const json* rows = fields_.find("rows");
        const json* groups = fields_.find("groups");
        const std::optional<std::string> csv = fields_.text("csv");
        if ((rows != nullptr) + (groups != nullptr) + csv.has_value() != 1)
            fail(fields_.path(), msg("figures.rows-source",
                                     "{path}: a table takes its rows from exactly one of \"rows\", \"groups\" and \"csv\"",
                                     {{"path", fields_.path().describe()}}));
        if (rows) {
            table_.rows_path = fields_.path("rows");
            read_row_list(*rows, table_.rows_path, 0);
        } else if (groups) {
            read_groups(*groups, fields_.path("groups"));
        } else {
            table_.csv_file = *csv;
            table_.csv_path = fields_.path("csv");
            if (!settings_.files)
                fail(table_.csv_path, msg("figures.no-data-folder",
                                          "{path}: the data was not read from a file, so the CSV file \"{file}\" "
                                          "cannot be found beside it",
                                          {{"path", table_.csv_path.text()}, {"file", *csv}}),
                     msg("figures.no-data-folder-hint", "give the rows in the data (\"rows\"), or render a data file"));
            read_csv_rows(table_, settings_.files->read(*csv), settings_);
        }
        if (table_.rows.empty())
            fail(table_.csv_file.empty() ? fields_.path() : table_.csv_path,
                 msg("figures.no-rows", "{path}: the table has no rows", {{"path", fields_.path().describe()}}));
    }

    void read_groups(const json& groups, const text::JsonPath& path) {
        if (!groups.is_array())
            fail(path, msg("figures.groups-not-list", "{path} must be a list of groups, each with its rows",
                           {{"path", path.text()}}));
        check_row_count(groups.size(), path);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            Fields f(groups[g], path.index(g), msg("figures.a-group", "a group of rows"));
            Group group;
            group.path = f.path();
            group.label = f.text("label").value_or("");
            group.number = f.text("number").value_or(text::to_roman(static_cast<long>(g + 1)).value_or(""));
            group.subtotal = f.flag("subtotal");
            const json* rows = f.find("rows");
            if (!rows) fail(f.path(), msg("figures.group-no-rows", "{path}: a group needs its \"rows\"",
                                          {{"path", f.path().text()}}));
            f.finish();
            table_.groups.push_back(std::move(group));
            read_row_list(*rows, f.path("rows"), g);
        }
    }

    void read_row_list(const json& rows, const text::JsonPath& path, std::size_t group) {
        if (!rows.is_array())
            fail(path, msg("figures.rows-not-list", "{path} must be a list of rows", {{"path", path.text()}}));
        check_row_count(table_.rows.size() + rows.size(), path);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            Row& row = table_.rows.emplace_back();
            row.group = group;
            row.index = static_cast<std::uint32_t>(i);
            row.cells.resize(table_.fields.size());
            if (rows[i].is_object()) read_object_row(rows[i], row);
            else if (rows[i].is_array()) read_listed_row(rows[i], row, path.index(i));
            else fail(path.index(i), msg("figures.row-shape", "{path}: a row is an object {\"name\": …} or a list of "
                                                              "cells [name, …]",
                                         {{"path", path.index(i).text()}}));
        }
    }

    // Refused before any row is read: a table past the limit costs nothing.
    void check_row_count(std::size_t count, const text::JsonPath& path) const {
        if (count > settings_.max_rows)
            fail(Where{path.text()},
                 msg("figures.too-many-rows",
                     "the table has more than {max} rows (max_table_rows); split it, or put the list in an attachment",
                     {{"max", settings_.max_rows}}),
                 {}, ErrorKind::limit);
    }

    void read_object_row(const json& object, Row& row) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const std::size_t f = table_.field_of_key(it.key(), object.contains("name"));
            if (f >= table_.fields.size()) continue; // a figure no column uses
            row.cells[f] = cell_of(it.value(), table_.where(row, f));
        }
    }

    // [name, then one cell per column with a key, in the columns' order].
    void read_listed_row(const json& list, Row& row, const text::JsonPath& path) {
        row.listed = true;
        std::vector<std::size_t> slots{0};
        for (const Column& column : table_.columns)
            if (column.source == Source::key && column.field != 0) slots.push_back(column.field);
        if (list.size() != slots.size())
            fail(path, msg_n("figures.row-cell-count", "{path}: the row has {count} cell; the table has {columns} (the "
                                                       "name, then one for each column with a \"key\")",
                             "{path}: the row has {count} cells; the table has {columns} (the name, then one for each "
                             "column with a \"key\")",
                             list.size(), {{"path", path.text()}, {"columns", slots.size()}}));
        for (std::size_t i = 0; i < slots.size(); ++i) row.cells[slots[i]] = cell_of(list[i], table_.where(row, slots[i]));
    }

    // A value, or {"value": …, "rowspan": n, "colspan": m} for a merged cell.
    static Cell cell_of(const json& value, const Where& where) {
        if (value.is_object()) {
            Fields f(value, text::JsonPath::written(where.json_path), msg("figures.a-merged-cell", "a merged cell"));
            const json* inner = f.find("value");
            Cell cell = inner ? cell_of(*inner, where) : Cell{};
            cell.rowspan = static_cast<std::uint16_t>(f.whole("rowspan", 1, 10'000).value_or(1));
            cell.colspan = static_cast<std::uint16_t>(f.whole("colspan", 1, 100).value_or(1));
            f.finish();
            return cell;
        }
        Cell cell;
        if (value.is_number()) {
            cell.kind = Cell::Kind::number;
            cell.number = value.get<double>();
            cell.decimals = value.is_number_float() ? decimals_of(cell.number) : 0;
        } else if (value.is_string()) {
            cell.kind = Cell::Kind::text;
            cell.text = value.get<std::string>();
        } else if (!value.is_null()) {
            fail(where, msg("figures.cell-value", "{path} must be a number or text", {{"path", where.json_path}}));
        }
        return cell;
    }

    // ------------------------------------------------------------ types

    // Every field a figure is computed from holds numbers; a key column without a type takes
    // one from its values (text as soon as one is text; whole numbers; else decimals).
    void settle_types() {
        std::vector<bool> numeric(table_.fields.size(), false);
        for (const Column& column : table_.columns) {
            if (column.source != Source::key) {
                numeric[column.field] = true;
                if (column.source != Source::share) numeric[column.second] = true;
            } else if (column.type_given && model::holds_numbers(column.type)) {
                numeric[column.field] = true;
            } else if (!column.type_given && column.field != 0 && !table_.csv_file.empty() &&
                       reads_as_numbers(column.field)) {
                numeric[column.field] = true; // a CSV file's cells are all text: "1.250,5" is a figure
            }
        }
        for (std::size_t f = 1; f < table_.fields.size(); ++f)
            if (numeric[f]) require_numbers(f);
        for (Column& column : table_.columns) settle(column);
    }

    // A field whose every value must be a number: CSV text is read as one; JSON text is refused.
    void require_numbers(std::size_t field) {
        const bool comma = csv_decimal_comma();
        for (Row& row : table_.rows) {
            Cell& cell = row.cells[field];
            if (cell.kind != Cell::Kind::text) continue;
            const Where where = table_.where(row, field);
            if (!table_.csv_file.empty()) {
                int decimals = 0;
                if (std::optional<double> number = read_cell_number(cell.text, comma, decimals)) {
                    cell = Cell{Cell::Kind::number, *number, static_cast<std::uint8_t>(std::min(decimals, max_decimals)),
                                cell.rowspan, cell.colspan, {}};
                    continue;
                }
                if (blank(cell.text)) {
                    cell.kind = Cell::Kind::none;
                    continue;
                }
                fail(where, msg("figures.csv-not-number", "column \"{column}\": \"{text}\" is not a number",
                                {{"column", table_.fields[field]}, {"text", cell.text}}),
                     comma ? msg("figures.csv-decimal-comma", "this file is separated by ';': write decimals with a "
                                                              "comma and thousands with a dot, e.g. 1.250,5")
                           : msg("figures.csv-decimal-point", "this file is separated by ',': write decimals with a "
                                                              "dot, e.g. 1250.5"));
            }
            fail(where, msg("figures.not-a-number", "{path} must be a number, not the text \"{text}\"",
                            {{"path", where.json_path}, {"text", cell.text}}),
                 msg("figures.not-a-number-hint", "write the figure without quotes and with a dot for decimals: 1250.5"));
        }
    }

    bool csv_decimal_comma() const { return table_.csv_decimal_comma; }

    // Whether a CSV field is a column of figures: more of its cells read as numbers than not
    // (blank cells aside). Then a cell that is not a number is a mistake, reported at its line,
    // rather than a reason to print the whole column as text; "type": "text" says otherwise.
    bool reads_as_numbers(std::size_t field) const {
        std::size_t numbers = 0, texts = 0;
        for (const Row& row : table_.rows) {
            const Cell& cell = row.cells[field];
            if (cell.kind != Cell::Kind::text || blank(cell.text)) continue;
            int decimals = 0;
            ++(read_cell_number(cell.text, csv_decimal_comma(), decimals) ? numbers : texts);
        }
        return numbers > texts;
    }

    static bool blank(const std::string& text) {
        return text.find_first_not_of(" \t") == std::string::npos || text == "-";
    }

    void settle(Column& column) {
        if (column.source == Source::ratio || column.source == Source::share) {
            if (column.decimals < 0) column.decimals = 1;
            column.written_decimals = column.decimals;
            return;
        }
        const std::size_t a = column.field;
        if (column.source == Source::key && !column.type_given) {
            column.type = a == 0 || any_text(a) ? ColumnType::text : ColumnType::integer;
        } else if (column.source == Source::difference && !column.type_given) {
            column.type = ColumnType::integer;
        }
        column.written_decimals = decimals_written(a);
        if (column.source == Source::difference)
            column.written_decimals = std::max(column.written_decimals, decimals_written(column.second));
        if (column.type == ColumnType::integer || column.type == ColumnType::decimal) {
            if (!column.type_given && column.written_decimals > 0) column.type = ColumnType::decimal;
            if (column.type == ColumnType::integer && column.written_decimals > 0) refuse_fraction(column, a);
            if (column.type == ColumnType::integer) column.decimals = 0;
        }
    }

    bool any_text(std::size_t field) const {
        return std::any_of(table_.rows.begin(), table_.rows.end(),
                           [&](const Row& row) { return row.cells[field].kind == Cell::Kind::text; });
    }

    int decimals_written(std::size_t field) const {
        int most = 0;
        for (const Row& row : table_.rows)
            if (row.cells[field].kind == Cell::Kind::number) most = std::max<int>(most, row.cells[field].decimals);
        return most;
    }

    void refuse_fraction(const Column& column, std::size_t field) const {
        for (const Row& row : table_.rows) {
            const Cell& cell = row.cells[field];
            if (cell.kind == Cell::Kind::number && cell.decimals > 0) {
                const Where where = table_.where(row, field);
                fail(where, msg("figures.not-whole", "{path}: the column \"{column}\" holds whole numbers, not {value}",
                                {{"path", where.json_path}, {"column", column.label},
                                 {"value", text::format_number(cell.number)}}),
                     msg("figures.not-whole-hint", "give the column \"type\": \"decimal\" and its \"decimals\""));
            }
        }
    }

    Fields fields_;
    const Settings& settings_;
    TableData table_;
};

} // namespace

// ---------------------------------------------------------------- TableData

Where TableData::where(const Row& row) const {
    if (!csv_file.empty()) return Where{csv_path.text(), csv_file, row.index};
    const text::JsonPath list = groups.empty() ? rows_path : groups[row.group].path.key("rows");
    return Where{list.index(row.index).text()};
}

Where TableData::where(const Row& row, std::size_t field) const {
    Where where = this->where(row);
    if (!csv_file.empty()) return where;
    text::JsonPath path = text::JsonPath::written(where.json_path);
    if (row.listed) {
        std::size_t slot = 0;
        if (field != 0)
            for (const Column& column : columns)
                if (column.source == Source::key && column.field != 0) {
                    ++slot;
                    if (column.field == field) break;
                }
        path.add_index(slot);
    } else {
        path.add_key(fields[field]);
    }
    return Where{path.text()};
}

bool TableData::has_unit_column() const {
    return std::any_of(columns.begin(), columns.end(), [](const Column& c) { return c.type == model::ColumnType::unit; });
}

// Figures in different units never add up: in a table with a unit column, only the columns
// that say "sum": true do.
bool TableData::adds_up(const Column& column) const {
    const bool number = column.type == model::ColumnType::integer || column.type == model::ColumnType::decimal;
    if (!number) return false;
    return column.sum.value_or(!has_unit_column());
}

bool TableData::has_total() const {
    return total.value_or(std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return adds_up(c); }));
}

bool TableData::has_subtotal(const Group& group) const { return group.subtotal.value_or(subtotals); }

std::size_t TableData::field_of_key(const std::string& key, bool row_has_name) const {
    const std::size_t found = field_index(key);
    if (found == fields.size() && key == "unit" && !row_has_name) return 0;
    return found;
}

std::size_t TableData::field_index(const std::string& key) const {
    if (key == "name") return 0;
    for (std::size_t f = 1; f < fields.size(); ++f)
        if (fields[f] == key) return f;
    return fields.size();
}

TableData read_table(const nlohmann::json& spec, text::JsonPath path, const Settings& settings) {
    return TableReader(spec, std::move(path), settings).read();
}

} // namespace vanban::figures
