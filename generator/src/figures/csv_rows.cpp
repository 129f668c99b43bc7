// A table's rows from a CSV file beside the data, as a spreadsheet saves it: UTF-8 with or
// without a byte-order mark, fields separated by ',' or ';' (told from the header line), a
// header line naming the columns, one row per line. A column named "group" puts the rows
// into groups: a row whose group cell is empty stays in the group of the row above.
#include <charconv>
#include <streambuf>

#include "figures/table_data.hpp"
#include "text/csv.hpp"
#include "text/utf8.hpp"
#include "text/vietnamese.hpp"

namespace vanban::figures {

namespace {

// The file's bytes as a stream, without a copy.
class BytesBuffer : public std::streambuf {
public:
    explicit BytesBuffer(const std::string& bytes) {
        char* begin = const_cast<char*>(bytes.data()); // only read
        setg(begin, begin, begin + bytes.size());
    }
};

std::string trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

constexpr std::size_t no_field = static_cast<std::size_t>(-1);
constexpr std::size_t group_field = static_cast<std::size_t>(-2);

class CsvRows {
public:
    CsvRows(TableData& table, const Settings& settings) : table_(table), settings_(settings) {}

    void read(const std::string& bytes) {
        BytesBuffer buffer(bytes);
        std::istream in(&buffer);
        text::ByteSource source(in);
        source.skip_utf8_bom();
        const std::string first = source.look_ahead(64 * 1024);
        const char delimiter = text::detect_csv_delimiter(std::string_view(first).substr(0, first.find('\n')));
        table_.csv_decimal_comma = delimiter == ';';
        text::CsvParser parser(source, delimiter);

        text::CsvParser::Row row;
        if (!parser.next(row)) return; // no rows: the table says so
        check(row);
        map_header(row);
        while (parser.next(row)) {
            check(row);
            add_row(row);
        }
    }

private:
    Where at(std::uint32_t line) const { return Where{table_.csv_path.text(), table_.csv_file, line}; }

    void check(const text::CsvParser::Row& row) const {
        if (!row.problem.empty()) fail(at(row.line), row.problem);
        for (const std::string& cell : row.cells)
            if (const std::optional<std::size_t> bad = text::find_invalid_utf8(cell))
                fail(at(row.line), msg("figures.csv-invalid-utf8",
                                       "invalid UTF-8 at byte {byte} of a cell (save the file as UTF-8)",
                                       {{"byte", *bad}}));
    }

    // Each header cell names a field: "name" or the name column's label, "group", a column's
    // key or label, or a field a ratio or difference reads.
    void map_header(const text::CsvParser::Row& header) {
        bool has_name = false;
        for (const std::string& cell : header.cells) has_name = has_name || field_named(trimmed(cell)) == 0;
        for (const std::string& raw : header.cells) {
            const std::string name = text::to_nfc(trimmed(raw));
            std::size_t field = field_named(name);
            if (field == no_field && name == "unit" && !has_name) field = 0; // older data named the rows "unit"
            if (field == no_field)
                fail(at(header.line),
                     msg("figures.csv-unknown-column", "the CSV column \"{name}\" is not a column of the table",
                         {{"name", name}}),
                     msg("figures.csv-unknown-column-hint",
                         "name the columns of the first line by the keys of the table's columns, \"name\" and "
                         "\"group\": {keys}",
                         {{"keys", known_names()}}));
            header_.push_back(field);
        }
    }

    std::size_t field_named(const std::string& name) const {
        if (name == "group") return group_field;
        if (name == table_.name_label) return 0;
        const std::size_t field = table_.field_index(name);
        if (field < table_.fields.size()) return field;
        for (const Column& column : table_.columns)
            if (column.source == Source::key && column.label == name) return column.field;
        return no_field;
    }

    std::string known_names() const {
        std::string names;
        for (const std::string& field : table_.fields) names += (names.empty() ? "" : ", ") + field;
        return names + ", group";
    }

    void add_row(const text::CsvParser::Row& line) {
        if (line.cells.size() != header_.size())
            fail(at(line.line), msg_n("figures.csv-cell-count", "the row has {count} cell; the header has {header}",
                                      "the row has {count} cells; the header has {header}", line.cells.size(),
                                      {{"header", header_.size()}}));
        if (table_.rows.size() == settings_.max_rows)
            fail(at(line.line),
                 msg("figures.too-many-rows",
                     "the table has more than {max} rows (max_table_rows); split it, or put the list in an attachment",
                     {{"max", settings_.max_rows}}),
                 {}, ErrorKind::limit);
        Row& row = table_.rows.emplace_back();
        row.index = line.line;
        row.cells.resize(table_.fields.size());
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const std::string text = text::to_nfc(trimmed(line.cells[i]));
            if (header_[i] == group_field) {
                start_group(text);
            } else if (!text.empty()) {
                Cell& cell = row.cells[header_[i]];
                cell.kind = Cell::Kind::text; // numbers are read once the column's type is known
                cell.text = text;
            }
        }
        if (has_group_column() && table_.groups.empty())
            fail(at(line.line), msg("figures.csv-no-group", "the first row names no group, in its \"group\" column"));
        row.group = table_.groups.empty() ? 0 : table_.groups.size() - 1;
    }

    bool has_group_column() const {
        for (std::size_t field : header_)
            if (field == group_field) return true;
        return false;
    }

    void start_group(const std::string& label) {
        if (label.empty() || (!table_.groups.empty() && table_.groups.back().label == label)) return;
        Group group;
        group.label = label;
        group.number = text::to_roman(static_cast<long>(table_.groups.size() + 1)).value_or("");
        group.path = table_.csv_path;
        table_.groups.push_back(std::move(group));
    }

    TableData& table_;
    const Settings& settings_;
    std::vector<std::size_t> header_; // the field of each CSV column
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

void read_csv_rows(TableData& table, const std::string& bytes, const Settings& settings) {
    CsvRows(table, settings).read(bytes);
}

std::optional<double> read_cell_number(std::string_view text, bool decimal_comma, int& decimals) {
    const char decimal_mark = decimal_comma ? ',' : '.';
    const char group_mark = decimal_comma ? '.' : ',';
    std::string plain;
    std::size_t i = 0;
    auto skip_spaces = [&] {
        for (;;) {
            if (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
            else if (text.substr(i).starts_with("\xC2\xA0")) i += 2;      // no-break space
            else if (text.substr(i).starts_with("\xE2\x80\xAF")) i += 3;  // narrow no-break space
            else return;
        }
    };
    skip_spaces();
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        if (text[i] == '-') plain += '-';
        ++i;
    }
    // The whole part: digits, grouped by threes with the group mark or spaces, or not at all.
    std::size_t digits = 0, group = 0;
    char separator = 0;
    bool grouped = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            plain += c;
            ++digits;
            ++group;
            continue;
        }
        // A group mark, a space or a no-break space between digits.
        const std::string_view rest = text.substr(i);
        const std::size_t length = rest.starts_with("\xC2\xA0")       ? 2
                                   : rest.starts_with("\xE2\x80\xAF") ? 3
                                   : (c == group_mark || c == ' ')    ? 1
                                                                      : 0;
        if (length == 0 || digits == 0 || i + length >= text.size() || !is_digit(text[i + length])) break;
        const char mark = c == group_mark ? c : ' ';
        if ((separator && separator != mark) || (grouped ? group != 3 : group > 3)) return std::nullopt;
        separator = mark;
        grouped = true;
        group = 0;
        i += length - 1;
    }
    if (digits == 0 || (grouped && group != 3)) return std::nullopt;
    decimals = 0;
    if (i < text.size() && text[i] == decimal_mark) {
        plain += '.';
        for (++i; i < text.size() && is_digit(text[i]); ++i, ++decimals) plain += text[i];
        if (decimals == 0) return std::nullopt;
    }
    skip_spaces();
    if (i < text.size() && text[i] == '%') ++i;
    skip_spaces();
    if (i != text.size()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
    return value;
}

} // namespace vanban::figures
