#include "import/figures.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>
#include <tuple>

#include <utf8proc.h>

#include "figures/figures.hpp"
#include "import/text_tools.hpp"
#include "text/vietnamese.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

using ojson = nlohmann::ordered_json;

// One slot of the drawn grid: the text of the cell that starts there ("" where a merged cell
// covers it), and how it looks.
struct Slot {
    std::string text;
    bool covered_above = false; // under a vertically merged cell
    std::size_t span = 1;       // grid columns the cell covers
    bool centred = false;
    bool bold = false;          // every span of its text
};

struct Grid {
    std::vector<std::vector<Slot>> rows;
    std::size_t width = 0;
    const Slot& at(std::size_t r, std::size_t c) const { return rows[r][c]; }
    const std::string& text(std::size_t r, std::size_t c) const { return rows[r][c].text; }
};

Grid grid_of(const Table& table) {
    Grid grid;
    for (const Row& row : table.rows)
        for (const Cell& cell : row.cells) grid.width = std::max(grid.width, static_cast<std::size_t>(cell.column + cell.span));
    grid.rows.assign(table.rows.size(), std::vector<Slot>(grid.width));
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        for (const Cell& cell : table.rows[r].cells) {
            Slot& slot = grid.rows[r][static_cast<std::size_t>(cell.column)];
            slot.covered_above = cell.continues_above;
            slot.span = static_cast<std::size_t>(cell.span);
            if (cell.continues_above) continue;
            bool any_text = false, bold = true, centred = !cell.paragraphs.empty();
            for (const Paragraph& p : cell.paragraphs) {
                slot.text += (slot.text.empty() ? "" : " ") + squeeze(p.text());
                centred = centred && p.align == Align::center;
                for (const Span& span : p.spans)
                    if (!trim(span.text).empty()) {
                        any_text = true;
                        bold = bold && (span.bold || p.style_bold);
                    }
            }
            slot.text = squeeze(slot.text);
            slot.centred = centred;
            slot.bold = any_text && bold;
        }
    return grid;
}

// "Quần chúng ưu tú" -> "quan_chung_uu_tu": a key a clerk can read in the data.
std::string key_of(const std::string& label, std::set<std::string>& used) {
    utf8proc_uint8_t* stripped = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(label.c_str()),
                                     static_cast<utf8proc_ssize_t>(label.size()), &stripped,
                                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                    UTF8PROC_CASEFOLD));
    std::string key;
    if (length >= 0) {
        const std::string plain(reinterpret_cast<char*>(stripped), static_cast<std::size_t>(length));
        for (std::size_t i = 0; i < plain.size() && key.size() < 24; ++i) {
            char c = plain[i];
            if (plain.compare(i, 2, "\xC4\x91") == 0) { // đ
                c = 'd';
                ++i;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
            else if (!key.empty() && key.back() != '_') key += '_';
        }
    }
    std::free(stripped);
    while (!key.empty() && key.back() == '_') key.pop_back();
    // "name" is the row's name; "unit" its older spelling.
    if (key.empty() || (key[0] >= '0' && key[0] <= '9') || key == "unit" || key == "name") key = "c" + key;
    std::string unique = key;
    for (int n = 2; used.count(unique); ++n) unique = key + "_" + std::to_string(n);
    used.insert(unique);
    return unique;
}

bool is_total_label(const std::string& text) {
    const std::string f = folded(text);
    return f.rfind("tổng", 0) == 0 || f.rfind("cộng", 0) == 0;
}

bool is_whole_number(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The decimals JSON gives a number (its shortest form): 1250.5 -> 1, 650.0 -> 0.
int json_decimals(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    if (text.find_first_of("eE") != std::string_view::npos) return -1;
    const std::size_t point = text.find('.');
    return point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

ojson json_number(double value) {
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return value;
}

// A figure printed the way the table prints its computed columns: "-" for a ratio of zero.
std::string printed_percent(std::optional<double> a, std::optional<double> b, int decimals, bool sign) {
    if (!a || !b) return "";
    if (*b == 0) return "-";
    return text::format_number(100 * *a / *b, decimals) + (sign ? "%" : "");
}

enum class Kind { text, unit, figures, percent };

struct Column {
    std::size_t slot = 0;
    std::string label, heading;
    Kind kind = Kind::figures;
    bool sign = true;                      // percentages printed with "%"
    std::vector<std::optional<double>> values; // per data row (figures), as read; nullopt: empty or "-"
    std::vector<int> decimals;             // per data row, as printed
    bool dashes = false;
    std::string key;                       // a column whose figures are data
    ojson source;                          // a computed one: {"ratio": […]}, {"share": …}, {"difference": […]}
    int fixed_decimals = -1;               // the "decimals" the data must give, -1 none
};

struct BodyRow {
    enum class Kind { data, group, total } kind = Kind::data;
    std::size_t r = 0;
};

class FiguresReader {
public:
    explicit FiguresReader(const Table& table) : table_(table), grid_(grid_of(table)) {}

    std::optional<ojson> read() {
        if (grid_.rows.empty()) return std::nullopt;
        const std::string nf = folded(grid_.text(0, 0));
        numbered_ = nf == "tt" || nf == "stt" || nf == "số tt";
        // Without a TT column, only a table with borders (no layout table) and with figures.
        if (!numbered_ && !table_.borders) return std::nullopt;
        name_ = numbered_ ? 1 : 0;
        if (grid_.rows.size() < 2 || grid_.width < name_ + 2) return std::nullopt;
        std::optional<ojson> spec;
        if (read_header() && read_body() && read_columns() && has_figures()) {
            spec = build();
            if (!draws_the_same(*spec)) spec.reset();
        }
        if (!numbered_) why_.reset(); // a table without TT may be any table: nothing to explain
        return spec;
    }

    // Why a table with a TT column was not read, when it was not.
    const std::optional<Message>& why() const { return why_; }

private:
    bool refuse(Message why) {
        why_ = std::move(why);
        return false;
    }

    bool has_figures() const {
        return std::any_of(columns_.begin(), columns_.end(),
                           [](const Column& c) { return c.kind == Kind::figures || c.kind == Kind::percent; });
    }

    // "I. Kinh tế" -> "I", "Kinh tế": a group's number before its label, as an unnumbered
    // table prints it; nullopt when the label has none.
    static std::optional<std::pair<std::string, std::string>> numbered_label(const std::string& text) {
        const std::size_t dot = text.find(". ");
        if (dot == std::string::npos || dot == 0 || dot > 6) return std::nullopt;
        const std::string number = text.substr(0, dot);
        const bool roman = number.find_first_not_of("IVXLC") == std::string::npos;
        const bool letter = number.size() == 1 && number[0] >= 'A' && number[0] <= 'Z';
        if (!roman && !letter) return std::nullopt;
        return std::pair{number, text.substr(dot + 2)};
    }

    // A row as the person counts it in the table, header rows included (1 …).
    static std::string row_number(std::size_t r) { return std::to_string(r + 1); }

    // One header row, or two when the first column is merged over both ("TT" above nothing):
    // then a cell of the first row over several columns is their heading ("So sánh (%)").
    bool read_header() {
        header_rows_ = grid_.rows.size() > 2 && grid_.at(1, 0).covered_above ? 2 : 1;
        for (std::size_t c = name_ + 1; c < grid_.width; ++c) {
            Column column;
            column.slot = c;
            if (header_rows_ == 1 || grid_.at(1, c).covered_above) {
                column.label = grid_.text(0, c);
            } else {
                column.label = grid_.text(1, c);
                std::size_t origin = c;
                while (origin > 0 && grid_.text(0, origin).empty() && !grid_.at(0, origin).covered_above) --origin;
                column.heading = grid_.text(0, origin);
                if (origin <= name_ || column.heading.empty()) return false;
            }
            columns_.push_back(std::move(column));
        }
        return true;
    }

    // Rows of data numbered 1, 2, 3 … (again from 1 in each group); a group's row before its
    // rows (a number that is no running number: I, II, A …, its label bold); a total row last.
    bool read_body() {
        std::size_t end = grid_.rows.size();
        if (end > header_rows_ && is_total_label(grid_.text(end - 1, 0))) {
            total_row_ = end - 1;
            --end;
        }
        std::size_t expected = 1;
        for (std::size_t r = header_rows_; r < end; ++r) {
            const std::string& number = grid_.text(r, 0);
            const Slot& name = grid_.at(r, name_);
            const bool data = numbered_ ? number == std::to_string(expected)
                                        : !name.bold || (!numbered_label(name.text) && has_figures_in(r));
            if (data) {
                rows_.push_back({BodyRow::Kind::data, r});
                ++expected;
                continue;
            }
            const bool group = (!numbered_ || !is_whole_number(number)) && !name.text.empty() && name.bold;
            if (!group)
                return refuse(msg("import.figures-row-number",
                                  "row {row}: \"{found}\" is neither the running number {expected} nor a group's number "
                                  "(I, II … with its label in bold)",
                                  {{"row", row_number(r)}, {"found", number}, {"expected", expected}}));
            if (!rows_.empty() && groups_ == 0)
                return refuse(msg("import.figures-rows-before-group",
                                  "row {row}: a group starts after rows that belong to no group", {{"row", row_number(r)}}));
            rows_.push_back({BodyRow::Kind::group, r});
            ++groups_;
            expected = 1;
        }
        for (const BodyRow& row : rows_)
            if (row.kind == BodyRow::Kind::data) data_rows_.push_back(row.r);
        return !data_rows_.empty();
    }

    // Every column gets a key; a computed one does not write it, and names its operands by
    // theirs.
    bool read_columns() {
        std::set<std::string> used;
        for (Column& column : columns_) {
            if (!read_cells(column)) return false;
            column.key = key_of(column.label, used);
        }
        for (Column& column : columns_) {
            if (column.kind == Kind::text || column.kind == Kind::unit || explain(column)) continue;
            if (!settle_decimals(column)) return false;
        }
        return true;
    }

    static bool is_data(const Column& column) { return column.source.empty(); }

    // The column's cells in the rows of data: all figures (or "-"), all percentages, or text.
    bool read_cells(Column& column) {
        bool any_text = false, any_number = false, any_percent = false, centred = true;
        for (const BodyRow& row : rows_) {
            if (row.kind != BodyRow::Kind::data) continue;
            const Slot& slot = grid_.at(row.r, column.slot);
            int decimals = 0;
            bool percent = false;
            std::optional<double> value;
            if (slot.text == "-") {
                column.dashes = true;
            } else if (!slot.text.empty()) {
                value = read_vietnamese_number(slot.text, percent, decimals);
                if (!value) any_text = true;
                else if (percent) any_percent = true;
                else any_number = true;
                if (value && percent) value = read_vietnamese_number(slot.text.substr(0, slot.text.size() - 1), percent, decimals);
                centred = centred && slot.centred;
            }
            column.values.push_back(value);
            column.decimals.push_back(decimals);
        }
        if (any_text) {
            column.kind = centred ? Kind::unit : Kind::text;
            return true;
        }
        if (any_number && any_percent)
            return refuse(msg("import.figures-mixed-percent", "the column \"{column}\" mixes percentages and other figures",
                              {{"column", column.label}}));
        column.kind = any_percent ? Kind::percent : Kind::figures;
        column.sign = any_percent;
        return true;
    }

    // The columns a computed one may be computed from: figures of data, other than itself.
    static double sum(const Column& column) {
        double total = 0;
        for (const auto& v : column.values) total += v.value_or(0);
        return total;
    }

    std::vector<const Column*> operands(const Column& column) const {
        std::vector<const Column*> out;
        for (const Column& c : columns_)
            if (&c != &column && c.kind == Kind::figures && c.source.empty() && !c.dashes) out.push_back(&c);
        return out;
    }

    // Whether every figure of the column is printed with the same decimals; they go to `d`.
    static bool same_decimals(const Column& column, int& d) {
        d = -1;
        for (std::size_t i = 0; i < column.values.size(); ++i) {
            if (!column.values[i]) continue;
            if (d >= 0 && column.decimals[i] != d) return false;
            d = column.decimals[i];
        }
        if (d < 0) d = 1;
        return true;
    }

    // A column vanban computes from the columns of data: a ratio or a share, a difference.
    // Figures without "%" (a ratio under "So sánh (%)", a difference) are computed only from
    // columns before them: whole numbers fit too many ratios by chance.
    bool explain(Column& column) {
        int decimals = 1;
        if (same_decimals(column, decimals)) {
            // Every row of data, and the total row when it shows the column (the ratio of the sums).
            const auto fits = [&](auto&& expected, const std::string& total) {
                for (std::size_t i = 0; i < column.values.size(); ++i)
                    if (grid_.text(data_row(i), column.slot) != expected(i)) return false;
                return !total_row_ || grid_.text(*total_row_, column.slot).empty() ||
                       grid_.text(*total_row_, column.slot) == total;
            };
            for (const Column* a : operands(column)) {
                if (!column.sign && a->slot > column.slot) continue;
                for (const Column* b : operands(column)) {
                    if (a == b || (!column.sign && b->slot > column.slot)) continue;
                    if (fits([&](std::size_t i) { return printed_percent(a->values[i], b->values[i], decimals, column.sign); },
                             printed_percent(sum(*a), sum(*b), decimals, column.sign)))
                        return computed(column, {{"ratio", {a->key, b->key}}}, decimals);
                }
                if (fits([&](std::size_t i) { return printed_percent(a->values[i], sum(*a), decimals, column.sign); },
                         printed_percent(sum(*a), sum(*a), decimals, column.sign)))
                    return computed(column, {{"share", a->key}}, decimals);
            }
        }
        if (column.kind != Kind::figures || column.dashes) return false;
        for (const Column* a : operands(column))
            for (const Column* b : operands(column)) {
                if (a == b || a->slot > column.slot || b->slot > column.slot) continue;
                bool fits = true;
                for (std::size_t i = 0; i < column.values.size() && fits; ++i) {
                    const auto& x = column.values[i];
                    if (!a->values[i] || !b->values[i]) fits = !x;
                    else fits = x && std::abs(*x - (*a->values[i] - *b->values[i])) < 1e-9 * std::max(1.0, std::abs(*x));
                }
                if (fits) {
                    column.source = {{"difference", {a->key, b->key}}};
                    return true;
                }
            }
        return false;
    }

    bool computed(Column& column, ojson source, int decimals) {
        column.source = std::move(source);
        column.kind = Kind::percent;
        if (decimals != 1) column.fixed_decimals = decimals;
        return true;
    }

    // A column of data writes each figure as JSON does (1250.5, 6850), so that the table
    // prints it as written; when JSON cannot ("650,0"), the column gives its "decimals".
    bool settle_decimals(Column& column) {
        bool as_written = true;
        for (std::size_t i = 0; i < column.values.size(); ++i)
            if (column.values[i] && json_decimals(*column.values[i]) != column.decimals[i]) as_written = false;
        if (as_written) return true;
        int d = 0;
        if (!same_decimals(column, d))
            return refuse(msg("import.figures-decimals",
                              "the column \"{column}\" prints figures with a final zero (\"650,0\") beside figures "
                              "with other decimals: the data cannot say how to print each",
                              {{"column", column.label}}));
        column.fixed_decimals = d;
        return true;
    }

    std::size_t data_row(std::size_t i) const { return data_rows_[i]; }

    bool has_unit_column() const {
        return std::any_of(columns_.begin(), columns_.end(), [](const Column& c) { return c.kind == Kind::unit; });
    }

    // Whether the column's figures are added up in the total and subtotal rows.
    std::optional<bool> sums(const Column& column) const {
        std::optional<std::size_t> row = total_row_;
        for (const BodyRow& body : rows_)
            if (!row && body.kind == BodyRow::Kind::group && has_subtotal(body.r)) row = body.r;
        if (!row) return std::nullopt;
        return !grid_.text(*row, column.slot).empty();
    }

    bool has_figures_in(std::size_t r) const {
        for (std::size_t c = name_ + 1; c < grid_.width; ++c)
            if (!grid_.text(r, c).empty()) return true;
        return false;
    }
    // A group's row with its subtotal shows its sums; where nothing adds up (units in the
    // table, no total row) it shows none, and only its name not spanning the row tells.
    bool has_subtotal(std::size_t r) const {
        const bool nothing_adds_up = has_unit_column() && !total_row_;
        return has_figures_in(r) || (nothing_adds_up && grid_.at(r, name_).span < grid_.width - name_);
    }

    ojson column_json(const Column& column) const {
        ojson c;
        if (is_data(column)) c["key"] = column.key;
        c["label"] = column.label;
        if (!column.heading.empty()) c["heading"] = column.heading;
        for (const auto& [name, value] : column.source.items()) c[name] = value;
        if (column.kind == Kind::unit) c["type"] = "unit";
        if (column.kind == Kind::percent && is_data(column)) c["type"] = "percent";
        if (column.kind == Kind::figures && column.fixed_decimals > 0) c["type"] = "decimal";
        if (column.fixed_decimals >= 0) c["decimals"] = column.fixed_decimals;
        const bool adds = column.kind == Kind::figures; // data or a difference
        if (adds) {
            const std::optional<bool> sum = sums(column);
            if (sum && *sum != !has_unit_column()) c["sum"] = *sum;
        }
        if (column.kind == Kind::percent && !column.sign) c["sign"] = false;
        return c;
    }

    ojson row_json(std::size_t i, std::size_t r) const {
        ojson row = {{"name", grid_.text(r, name_)}};
        for (const Column& column : columns_) {
            if (!is_data(column)) continue;
            if (column.kind == Kind::text || column.kind == Kind::unit) {
                if (!grid_.text(r, column.slot).empty()) row[column.key] = grid_.text(r, column.slot);
            } else if (column.values[i]) {
                row[column.key] = json_number(*column.values[i]);
            }
        }
        return row;
    }

    ojson build() const {
        ojson figures = ojson::object();
        if (!numbered_) figures["number_label"] = "";
        else if (grid_.text(0, 0) != "TT") figures["number_label"] = grid_.text(0, 0);
        if (grid_.text(0, name_) != "Đơn vị") figures["name_label"] = grid_.text(0, name_);
        bool adds = false;
        for (const Column& column : columns_)
            if (column.kind == Kind::figures) adds = adds || sums(column).value_or(!has_unit_column());
        if (total_row_) {
            const std::string& label = grid_.text(*total_row_, 0);
            if (!adds) figures["total"] = label == "Tổng cộng" ? ojson(true) : ojson(label);
            else if (label != "Tổng cộng") figures["total_label"] = label;
        } else if (adds) {
            figures["total"] = false;
        }
        if (table_.landscape) figures["landscape"] = true;
        std::size_t subtotals = 0;
        for (const BodyRow& row : rows_)
            if (row.kind == BodyRow::Kind::group && has_subtotal(row.r)) ++subtotals;
        if (groups_ > 0 && subtotals == groups_) figures["subtotals"] = true;
        ojson columns = ojson::array();
        for (const Column& column : columns_) columns.push_back(column_json(column));
        figures["columns"] = std::move(columns);

        ojson rows = ojson::array(), groups = ojson::array();
        std::size_t i = 0, group_index = 0;
        for (const BodyRow& row : rows_) {
            if (row.kind == BodyRow::Kind::data) {
                (groups_ > 0 ? groups.back()["rows"] : rows).push_back(row_json(i++, row.r));
                continue;
            }
            std::string label = grid_.text(row.r, name_), number = numbered_ ? grid_.text(row.r, 0) : "";
            if (!numbered_)
                if (const auto split = numbered_label(label)) std::tie(number, label) = *split;
            ojson group = {{"label", label}};
            if (number != text::to_roman(static_cast<long>(++group_index)).value_or("")) group["number"] = number;
            if (has_subtotal(row.r) && subtotals != groups_) group["subtotal"] = true;
            group["rows"] = ojson::array();
            groups.push_back(std::move(group));
        }
        if (groups_ > 0) figures["groups"] = std::move(groups);
        else figures["rows"] = std::move(rows);
        return figures;
    }

    // Whether vanban draws the same cells from the data read: every text in its place.
    bool draws_the_same(const ojson& spec) {
        model::Table drawn;
        try {
            std::vector<model::Block> blocks = figures::table_blocks(nlohmann::json::parse(spec.dump()), "table", {});
            drawn = std::get<model::Table>(blocks.front());
        } catch (const Failure&) {
            return false;
        }
        if (drawn.rows.size() != grid_.rows.size())
            return refuse(msg("import.figures-row-count", "vanban would draw {drawn} rows from its figures, not {found}",
                              {{"drawn", drawn.rows.size()}, {"found", grid_.rows.size()}}));
        for (std::size_t r = 0; r < drawn.rows.size(); ++r) {
            if (drawn.rows[r].cells.size() != grid_.width) return false;
            for (std::size_t c = 0; c < grid_.width; ++c) {
                const model::TableCell& cell = drawn.rows[r].cells[c];
                std::string text;
                if (!cell.covered)
                    for (const model::Inline& paragraph : cell.paragraphs) {
                        std::string line;
                        for (const model::Run& run : paragraph) line += run.text;
                        text += (text.empty() ? "" : " ") + squeeze(line);
                    }
                if (squeeze(text) != grid_.text(r, c))
                    return refuse(msg("import.figures-cell-differs",
                                      "row {row}, column {column}: vanban would print \"{computed}\" where the table has \"{found}\"",
                                      {{"row", row_number(r)}, {"column", c + 1}, {"computed", squeeze(text)},
                                       {"found", grid_.text(r, c)}}));
            }
        }
        return true;
    }

    const Table& table_;
    Grid grid_;
    bool numbered_ = true;      // a running-number column first (TT)
    std::size_t name_ = 1;      // the names' column
    std::size_t header_rows_ = 1;
    std::vector<Column> columns_;
    std::vector<BodyRow> rows_;
    std::size_t groups_ = 0;
    std::vector<std::size_t> data_rows_; // the grid rows of the rows of data
    std::optional<std::size_t> total_row_;
    std::optional<Message> why_;
};

// ---------------------------------------------------------------- charts

const double default_chart_height_mm = model::ChartStyle{}.height_mm;

bool same_number(std::optional<double> a, std::optional<double> b) {
    if (!a || !b) return !a && !b;
    return std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
}

// Whether the chart vanban draws from `spec` is the one drawn: same kind, words and figures.
bool same_chart(const model::Chart& made, const DrawnChart& drawn) {
    // A pie has no value axis: its unit is not drawn, and not compared.
    const bool pie = made.kind == model::ChartKind::pie;
    if (model::chart_kind_name(made.kind) != drawn.kind || made.title != drawn.title || (!pie && made.unit != drawn.unit) ||
        made.value_labels != drawn.value_labels || made.categories != drawn.categories ||
        made.series.size() != drawn.series.size())
        return false;
    if (drawn.decimals && made.value_labels && made.decimals != *drawn.decimals) return false;
    for (std::size_t s = 0; s < made.series.size(); ++s) {
        if (made.series[s].name != drawn.series[s].name) return false;
        std::vector<std::optional<double>> values = drawn.series[s].values;
        values.resize(made.categories.size());
        if (made.series[s].values.size() != values.size()) return false;
        for (std::size_t i = 0; i < values.size(); ++i)
            if (!same_number(made.series[s].values[i], values[i])) return false;
    }
    return true;
}

// The settings of a chart that differ from the defaults, in the data's order.
void chart_settings(ojson& chart, const DrawnChart& drawn) {
    if (drawn.kind != "bar") chart["type"] = drawn.kind;
    if (!drawn.title.empty()) chart["title"] = drawn.title;
    if (!drawn.value_labels) chart["value_labels"] = false;
    // Within what the data allows (20 to 250 mm): a chart drawn smaller or larger is drawn at the nearest.
    if (drawn.height_mm > 0 && std::abs(drawn.height_mm - default_chart_height_mm) > 0.05)
        chart["height_mm"] = std::clamp(std::round(drawn.height_mm * 10) / 10, 20.0, 250.0);
}

// Renders the chart of `make` and compares it with the drawn one; a decimals or unit the
// defaults do not give is added once.
template <typename Make>
std::optional<ojson> settle_chart(ojson chart, const DrawnChart& drawn, Make&& make) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        std::optional<model::Chart> made;
        try {
            made = make(chart);
        } catch (const Failure&) {
            return std::nullopt;
        }
        if (!made) return std::nullopt;
        if (same_chart(*made, drawn)) return chart;
        bool changed = false;
        if (made->kind != model::ChartKind::pie && made->unit != drawn.unit && !chart.contains("unit")) {
            chart["unit"] = drawn.unit;
            changed = true;
        }
        if (drawn.decimals && made->decimals != *drawn.decimals && !chart.contains("decimals")) {
            chart["decimals"] = *drawn.decimals;
            changed = true;
        }
        if (!changed) return std::nullopt;
    }
    return std::nullopt;
}

// The rows of a table's data in order, across its groups.
std::vector<std::string> row_names(const ojson& figures) {
    std::vector<std::string> names;
    auto add = [&](const ojson& rows) {
        for (const ojson& row : rows) names.push_back(row.value("name", ""));
    };
    if (figures.contains("groups"))
        for (const ojson& group : figures["groups"]) add(group["rows"]);
    else
        add(figures["rows"]);
    return names;
}

} // namespace

std::optional<double> read_vietnamese_number(const std::string& text, bool& percent, int& decimals) {
    std::string t = trim(text);
    percent = !t.empty() && t.back() == '%';
    if (percent) t.pop_back();
    decimals = 0;
    if (t.empty()) return std::nullopt;
    std::string plain;
    bool seen_comma = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            plain += c;
            if (seen_comma) ++decimals;
        } else if (c == '.' && !seen_comma) {
            continue; // thousands
        } else if (c == ',' && !seen_comma) {
            plain += '.';
            seen_comma = true;
        } else if (c == '-' && i == 0) {
            plain += c;
        } else {
            return std::nullopt;
        }
    }
    char* end = nullptr;
    const double value = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size()) return std::nullopt;
    // Only the template's own spelling counts ("1.234,5", not "1234,5" or "1.23").
    const std::string printed =
        percent ? text::format_percent(value / 100, decimals) : text::format_number(value, decimals);
    if (printed != text) return std::nullopt;
    return percent ? value / 100 : value;
}

std::optional<nlohmann::ordered_json> table_to_figures(const Table& table, std::optional<Message>* why) {
    FiguresReader reader(table);
    std::optional<nlohmann::ordered_json> figures = reader.read();
    if (why) *why = reader.why();
    return figures;
}

std::optional<nlohmann::ordered_json> table_chart(const nlohmann::ordered_json& figures, const DrawnChart& drawn) {
    if (drawn.kind.empty() || drawn.series.empty()) return std::nullopt;
    ojson chart = ojson::object();
    chart_settings(chart, drawn);
    ojson series = ojson::array();
    for (const DrawnChart::Series& s : drawn.series) {
        const ojson* found = nullptr;
        for (const ojson& column : figures["columns"])
            if (column.value("label", "") == s.name && column.value("type", "") != "unit" && column.value("type", "") != "text") {
                if (found) return std::nullopt; // two columns of that label
                found = &column;
            }
        if (!found) return std::nullopt;
        series.push_back(found->contains("key") ? (*found)["key"] : (*found)["label"]);
    }
    chart["series"] = std::move(series);
    if (drawn.categories != row_names(figures)) chart["rows"] = drawn.categories;
    return settle_chart(std::move(chart), drawn, [&](const ojson& candidate) -> std::optional<model::Chart> {
        ojson spec = figures;
        spec["chart"] = candidate;
        const std::vector<model::Block> blocks = figures::table_blocks(nlohmann::json::parse(spec.dump()), "table", {});
        if (blocks.size() < 2) return std::nullopt;
        return std::get<model::Chart>(blocks[1]);
    });
}

std::optional<nlohmann::ordered_json> chart_of_its_own(const DrawnChart& drawn) {
    if (drawn.kind.empty() || drawn.series.empty() || drawn.categories.empty()) return std::nullopt;
    ojson chart = ojson::object();
    chart_settings(chart, drawn);
    chart["categories"] = drawn.categories;
    ojson series = ojson::array();
    for (const DrawnChart::Series& s : drawn.series) {
        ojson values = ojson::array();
        for (std::size_t i = 0; i < drawn.categories.size(); ++i)
            values.push_back(i < s.values.size() && s.values[i] ? json_number(*s.values[i]) : ojson());
        series.push_back({{"name", s.name}, {"values", std::move(values)}});
    }
    chart["series"] = std::move(series);
    return settle_chart(std::move(chart), drawn, [](const ojson& candidate) -> std::optional<model::Chart> {
        return figures::chart_block(nlohmann::json::parse(candidate.dump()), "chart", {});
    });
}

} // namespace vanban::import
