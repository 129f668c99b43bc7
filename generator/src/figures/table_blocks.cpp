// A table of figures read from the data -> the model's table (and its chart): every figure
// computed (ratios, differences, shares, subtotals, totals), formatted the Vietnamese way, and
// placed in a grid with header rows, group rows, merged cells and a total row.
#include <algorithm>
#include <charconv>

#include "figures/chart_data.hpp"
#include "figures/table_data.hpp"
#include "text/vietnamese.hpp"

namespace vanban::figures {

namespace {

using model::Align;
using model::ColumnType;
using model::Inline;

// A computed figure: nothing to print, a value, or "-" (a ratio or share of zero).
struct Figure {
    enum class Kind : std::uint8_t { none, value, undefined };
    Kind kind = Kind::none;
    double value = 0;
    int decimals = 0; // as written: a column with no fixed decimals prints each figure so
    static Figure of(double v, int decimals = 0) { return Figure{Kind::value, v, decimals}; }
    static Figure ratio(double a, double b) { return b == 0 ? Figure{Kind::undefined, 0, 0} : of(100 * a / b); }
};

// Sums of the numeric fields over some rows.
struct Totals {
    std::vector<double> sum;
    std::vector<bool> any;
    explicit Totals(std::size_t fields) : sum(fields, 0), any(fields, false) {}
    void add(const Row& row) {
        for (std::size_t f = 1; f < row.cells.size(); ++f)
            if (row.cells[f].kind == Cell::Kind::number) {
                sum[f] += row.cells[f].number;
                any[f] = true;
            }
    }
    std::optional<double> of(std::size_t field) const {
        return any[field] ? std::optional<double>(sum[field]) : std::nullopt;
    }
};

std::string shortest(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}

Inline plain(std::string text) { return text.empty() ? Inline{} : Inline{model::Run{std::move(text)}}; }

Inline bolded(Inline runs) {
    for (model::Run& run : runs) run.bold = true;
    return runs;
}

class TableBuilder {
public:
    TableBuilder(const TableData& data, const Settings& settings)
        : data_(data), settings_(settings), totals_(data.fields.size()), numbered_(!data.number_label.empty()),
          first_figure_(numbered_ ? 2 : 1), width_(first_figure_ + data.columns.size()) {
        for (const Row& row : data.rows) totals_.add(row);
        summable_.assign(data.fields.size(), false);
        std::vector<bool> shown(data.fields.size(), false);
        for (const Column& column : data.columns)
            if (column.source == Source::key) {
                shown[column.field] = true;
                if (data.adds_up(column)) summable_[column.field] = true;
            }
        for (std::size_t f = 1; f < data.fields.size(); ++f)
            if (!shown[f] && !data.has_unit_column()) summable_[f] = true; // a figure only ratios read
    }

    model::Table build() {
        model::Table table;
        set_columns(table);
        add_header(table);
        add_body(table);
        if (data_.has_total()) table.rows.push_back(total_row(totals_, data_.total_label, false));
        for (const std::string& line : data_.caption) table.caption.push_back(text(line));
        for (const std::string& line : data_.notes) table.notes.push_back(text(line));
        table.landscape = data_.landscape;
        return table;
    }

    // The figure of a column in a row (for charts too).
    Figure figure(const Column& column, const Row& row) const {
        const Cell& a = row.cells[column.field];
        const bool has_a = a.kind == Cell::Kind::number;
        switch (column.source) {
        case Source::key: return has_a ? Figure::of(a.number, a.decimals) : Figure{};
        case Source::share: {
            if (!has_a) return {};
            return Figure::ratio(a.number, totals_.sum[column.field]);
        }
        case Source::ratio:
        case Source::difference: {
            const Cell& b = row.cells[column.second];
            if (!has_a || b.kind != Cell::Kind::number) return {};
            if (column.source == Source::ratio) return Figure::ratio(a.number, b.number);
            return Figure::of(a.number - b.number, std::max(a.decimals, b.decimals));
        }
        }
        return {};
    }

private:
    Inline text(const std::string& value) const {
        if (settings_.parse_inline) return settings_.parse_inline(value);
        return plain(value);
    }

    std::string format(const Column& column, Figure figure) const {
        switch (figure.kind) {
        case Figure::Kind::none: return {};
        case Figure::Kind::undefined: return "-";
        case Figure::Kind::value: break;
        }
        const int decimals = column.type == ColumnType::integer ? 0
                             : column.decimals >= 0             ? column.decimals
                                                                : figure.decimals;
        std::string out = text::format_number(figure.value, decimals);
        if (column.type == ColumnType::percent && column.sign) out += '%';
        return out;
    }

    // ------------------------------------------------------------ columns and header

    static Align align_of(const Column& column) {
        if (column.align) return *column.align;
        switch (column.type) {
        case ColumnType::text: return Align::left;
        case ColumnType::unit: return Align::center;
        default: return Align::right;
        }
    }

    // Widths: the data's relative widths when a column gives one, else from the content.
    void set_columns(model::Table& table) const {
        bool given = false;
        if (numbered_) {
            table.column_types.push_back(ColumnType::integer);
            table.column_weights.push_back(8);
        }
        table.column_types.push_back(ColumnType::text);
        table.column_weights.push_back(28);
        for (const Column& column : data_.columns) {
            table.column_types.push_back(column.type);
            table.column_weights.push_back(column.width.value_or(column.type == ColumnType::percent ? 14 : 11));
            given = given || column.width.has_value();
        }
        table.widths_from_content = !given;
    }

    model::TableCell header_cell(const std::string& label) const {
        model::TableCell cell;
        cell.align = Align::center;
        if (!label.empty()) cell.paragraphs.push_back(text(label));
        return cell;
    }

    // One header row, or two when columns share a heading ("So sánh (%)" over two columns):
    // then the heading spans its columns in the first row and the other cells span both rows.
    void add_header(model::Table& table) const {
        const bool two = std::any_of(data_.columns.begin(), data_.columns.end(),
                                     [](const Column& c) { return !c.heading.empty(); });
        model::TableRow top, below;
        top.header = below.header = true;
        below.cells.resize(width_);
        for (model::TableCell& cell : below.cells) cell.covered = true;
        auto add_whole = [&](const std::string& label) {
            top.cells.push_back(header_cell(label));
            if (two) top.cells.back().rowspan = 2;
        };
        if (numbered_) add_whole(data_.number_label);
        add_whole(data_.name_label);
        for (std::size_t j = 0; j < data_.columns.size(); ++j) {
            const Column& column = data_.columns[j];
            if (column.heading.empty()) {
                add_whole(column.label);
                continue;
            }
            const std::size_t slot = first_figure_ + j;
            below.cells[slot] = header_cell(column.label);
            if (j > 0 && data_.columns[j - 1].heading == column.heading) {
                model::TableCell covered;
                covered.covered = true;
                top.cells.push_back(covered);
                top.cells[first_figure_ + start_of_heading(j)].colspan += 1;
            } else {
                top.cells.push_back(header_cell(column.heading));
            }
        }
        table.rows.push_back(std::move(top));
        if (two) table.rows.push_back(std::move(below));
    }

    std::size_t start_of_heading(std::size_t j) const {
        while (j > 0 && data_.columns[j - 1].heading == data_.columns[j].heading) --j;
        return j;
    }

    // ------------------------------------------------------------ body

    void add_body(model::Table& table) {
        pending_.assign(width_, 0);
        std::size_t number = 0;
        for (std::size_t r = 0; r < data_.rows.size(); ++r) {
            const Row& row = data_.rows[r];
            const bool starts_group = !data_.groups.empty() && (r == 0 || data_.rows[r - 1].group != row.group);
            if (starts_group) {
                group_end_ = r;
                while (group_end_ < data_.rows.size() && data_.rows[group_end_].group == row.group) ++group_end_;
                table.rows.push_back(group_row(row.group, r));
                number = 0;
            } else if (r == 0) {
                group_end_ = data_.rows.size();
            }
            table.rows.push_back(body_row(row, r, ++number));
        }
    }

    model::TableRow group_row(std::size_t g, std::size_t first) const {
        const Group& group = data_.groups[g];
        model::TableRow out;
        out.group = true;
        out.cells.resize(width_);
        std::string label = group.label;
        if (numbered_) {
            out.cells[0].align = Align::center;
            if (!group.number.empty()) out.cells[0].paragraphs.push_back(bolded(plain(group.number)));
        } else if (!group.number.empty()) {
            label = group.number + ". " + label;
        }
        model::TableCell& name = out.cells[first_figure_ - 1];
        name.paragraphs.push_back(bolded(text(label)));
        if (data_.has_subtotal(group)) {
            Totals totals(data_.fields.size());
            for (std::size_t r = first; r < data_.rows.size() && data_.rows[r].group == g; ++r) totals.add(data_.rows[r]);
            fill_totals(out, totals);
        } else {
            name.colspan = static_cast<int>(width_ - (first_figure_ - 1));
            for (std::size_t c = first_figure_; c < width_; ++c) out.cells[c].covered = true;
        }
        return out;
    }

    model::TableRow total_row(const Totals& totals, const std::string& label, bool group) const {
        model::TableRow out;
        out.group = group;
        out.total = !group;
        out.cells.resize(width_);
        model::TableCell& first = out.cells[0];
        first.align = Align::center;
        if (!label.empty()) first.paragraphs.push_back(bolded(text(label)));
        if (numbered_) {
            first.colspan = 2;
            out.cells[1].covered = true;
        }
        fill_totals(out, totals);
        return out;
    }

    // The figures of a total or subtotal row: sums of the columns that add up, ratios of the
    // sums (never sums of the ratios), differences of the sums, shares of the whole.
    void fill_totals(model::TableRow& out, const Totals& totals) const {
        for (std::size_t j = 0; j < data_.columns.size(); ++j) {
            const Column& column = data_.columns[j];
            model::TableCell& cell = out.cells[first_figure_ + j];
            cell.align = align_of(column);
            const std::string printed = format(column, total_figure(column, totals));
            if (!printed.empty()) cell.paragraphs.push_back(bolded(plain(printed)));
        }
    }

    Figure total_figure(const Column& column, const Totals& totals) const {
        const std::optional<double> a = totals.of(column.field);
        switch (column.source) {
        case Source::key: return data_.adds_up(column) && a ? Figure::of(*a, column.written_decimals) : Figure{};
        case Source::share: return a ? Figure::ratio(*a, totals_.sum[column.field]) : Figure{};
        case Source::ratio:
        case Source::difference: {
            const std::optional<double> b = totals.of(column.second);
            if (!a || !b || !summable_[column.field] || !summable_[column.second]) return {};
            if (column.source == Source::difference)
                return data_.adds_up(column) ? Figure::of(*a - *b, column.written_decimals) : Figure{};
            return Figure::ratio(*a, *b);
        }
        }
        return {};
    }

    model::TableRow body_row(const Row& row, std::size_t r, std::size_t number) {
        model::TableRow out;
        out.cells.resize(width_);
        if (numbered_) {
            out.cells[0].align = Align::center;
            out.cells[0].paragraphs.push_back(plain(std::to_string(number)));
        }
        for (std::size_t slot = first_figure_ - 1; slot < width_; ++slot) {
            if (pending_[slot] > 0) {
                --pending_[slot];
                cover(out, row, slot);
                continue;
            }
            if (out.cells[slot].covered) continue; // covered from the left, checked by place_spans
            fill(out.cells[slot], row, slot);
            place_spans(out, row, r, slot);
        }
        return out;
    }

    // The field a slot shows from the data, if any (the name, or a column with a key).
    std::optional<std::size_t> field_at(std::size_t slot) const {
        if (slot == first_figure_ - 1) return 0;
        const Column& column = data_.columns[slot - first_figure_];
        if (column.source == Source::key) return column.field;
        return std::nullopt;
    }

    void fill(model::TableCell& cell, const Row& row, std::size_t slot) const {
        const std::optional<std::size_t> field = field_at(slot);
        if (slot == first_figure_ - 1) {
            cell.align = Align::left;
            const Cell& name = row.cells[0];
            if (name.kind == Cell::Kind::text) cell.paragraphs.push_back(text(name.text));
            else if (name.kind == Cell::Kind::number) cell.paragraphs.push_back(plain(shortest(name.number)));
            return;
        }
        const Column& column = data_.columns[slot - first_figure_];
        cell.align = align_of(column);
        if (field && !model::holds_numbers(column.type)) {
            const Cell& value = row.cells[*field];
            if (value.kind == Cell::Kind::text) cell.paragraphs.push_back(text(value.text));
            else if (value.kind == Cell::Kind::number) cell.paragraphs.push_back(plain(shortest(value.number)));
            return;
        }
        const std::string printed = format(column, figure(column, row));
        if (!printed.empty()) cell.paragraphs.push_back(plain(printed));
    }

    const Cell* data_cell(const Row& row, std::size_t slot) const {
        const std::optional<std::size_t> field = field_at(slot);
        return field ? &row.cells[*field] : nullptr;
    }

    // A slot under a merged cell must be left empty in the data.
    void cover(model::TableRow& out, const Row& row, std::size_t slot) const {
        out.cells[slot] = model::TableCell{};
        out.cells[slot].covered = true;
        const Cell* given = data_cell(row, slot);
        if (given && (given->kind != Cell::Kind::none || given->rowspan > 1 || given->colspan > 1)) {
            const Where where = data_.where(row, *field_at(slot));
            fail(where, msg("figures.span-overlap",
                            "{path}: this cell lies under a merged cell; leave it out or write null",
                            {{"path", where.json_path.empty() ? data_.csv_file : where.json_path}}));
        }
    }

    void place_spans(model::TableRow& out, const Row& row, std::size_t r, std::size_t slot) {
        const Cell* given = data_cell(row, slot);
        if (!given || (given->rowspan == 1 && given->colspan == 1)) return;
        const Where where = data_.where(row, *field_at(slot));
        if (slot + given->colspan > width_)
            fail(where, msg("figures.span-past-last-column",
                            "{path}: the merged cell reaches past the table's last column",
                            {{"path", where.json_path}}));
        if (r + given->rowspan > group_end_)
            fail(where, msg("figures.span-past-last-row",
                            "{path}: the merged cell reaches past the last row of its table or group",
                            {{"path", where.json_path}}));
        model::TableCell& cell = out.cells[slot];
        cell.colspan = given->colspan;
        cell.rowspan = given->rowspan;
        for (std::size_t k = 1; k < given->colspan; ++k) {
            if (pending_[slot + k] > 0) fail(where, overlap(where));
            cover(out, row, slot + k);
        }
        for (std::size_t k = 0; k < given->colspan; ++k) pending_[slot + k] = given->rowspan - 1;
    }

    static Message overlap(const Where& where) {
        return msg("figures.spans-overlap", "{path}: the merged cell overlaps another merged cell",
                   {{"path", where.json_path}});
    }

    const TableData& data_;
    const Settings& settings_;
    Totals totals_;
    std::vector<bool> summable_;      // fields whose sum means something
    bool numbered_;                   // a running-number column first
    std::size_t first_figure_;        // the slot of the first data column (after the number and the name)
    std::size_t width_;               // slots in a row
    std::vector<std::uint32_t> pending_; // rows a merged cell still covers, per slot
    std::size_t group_end_ = 0;       // the end of the rows of the group being placed
};

} // namespace

std::vector<model::Block> table_blocks(const nlohmann::json& spec, const std::string& path, const Settings& settings) {
    const TableData data = read_table(spec, text::JsonPath::written(path), settings);
    TableBuilder builder(data, settings);
    std::vector<model::Block> blocks;
    blocks.emplace_back(builder.build());
    if (data.chart) {
        const text::JsonPath chart_path = data.path.key("chart");
        TableSeries series{&data, [&](const Column& column, const Row& row) -> std::optional<double> {
                               const Figure figure = builder.figure(column, row);
                               if (figure.kind != Figure::Kind::value) return std::nullopt;
                               return figure.value;
                           }};
        model::Chart chart = chart_of(*data.chart, chart_path, &series);
        chart.landscape = data.landscape;
        blocks.emplace_back(std::move(chart));
    }
    return blocks;
}

model::Chart chart_block(const nlohmann::json& spec, const std::string& path, const Settings&) {
    return chart_of(spec, text::JsonPath::written(path), nullptr);
}

} // namespace vanban::figures
