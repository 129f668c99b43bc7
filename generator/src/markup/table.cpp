#include "markup/table.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "markup/failure.hpp"

namespace vanban::markup {

namespace {

Message join_up_whole_width() {
    return msg("markup.join-up-whole-width", "'^' must join the whole width of the cell above");
}

bool is_only(const Line& line, Range content, char c) {
    return content.end == content.begin + 1 && line.template_char(content.begin, c);
}

} // namespace

std::vector<double> parse_column_weights(const Line& line, Range range) {
    std::vector<double> weights;
    const std::string& text = line.text;
    std::size_t pos = range.begin;
    while (pos < range.end) {
        while (pos < range.end && is_space(text[pos])) ++pos;
        if (pos >= range.end) break;
        std::size_t end = pos;
        while (end < range.end && !is_space(text[end])) ++end;
        double value = 0;
        const auto [stop, status] = std::from_chars(text.data() + pos, text.data() + end, value);
        if (status != std::errc() || stop != text.data() + end || !std::isfinite(value) || value <= 0)
            fail_at(line.origin_at(pos),
                    msg("markup.bad-column-width", "column width '{width}' is not a positive number",
                        {{"width", text.substr(pos, end - pos)}}));
        weights.push_back(value);
        pos = end;
    }
    return weights;
}

TableBuilder::TableBuilder(std::vector<double> weights, tmpl::Origin origin,
                           const model::Profile& profile, std::size_t max_rows)
    : profile_(profile), origin_(origin), columns_(weights.size()), max_rows_(max_rows) {
    table_.column_weights = std::move(weights);
}

void TableBuilder::refuse_too_many_rows(const Line& line, Range range) const {
    Error error;
    error.kind = ErrorKind::limit;
    error.message = msg("markup.too-many-rows",
                        "the table has more than {max} rows (max_table_rows); split it, or put the list in an "
                        "attachment",
                        {{"max", max_rows_}});
    const tmpl::Origin where = line.origin_at(range.begin);
    if (where.file) error.where = SourceLocation{*where.file, where.line, where.column};
    throw Failure(std::move(error));
}

void TableBuilder::add_row(const Line& line, Range range, InlineParser& inlines) {
    split_cells(line, range);
    if (cells_.empty()) fail_at(line.origin_at(range.begin), msg("markup.row-without-cells", "table row has no cells"));
    // max_table_rows counts the rows of data: header rows come on top.
    if (!cells_.front().header && ++body_rows_ > max_rows_) refuse_too_many_rows(line, range);
    if (columns_ == 0) { // no widths after @table: the first row decides, equal widths
        columns_ = cells_.size();
        table_.column_weights.assign(columns_, 1.0);
    }
    if (cells_.size() != columns_)
        fail_at(line.origin_at(range.begin),
                msg("markup.row-width", "table row has {cells}, the table has {columns}",
                    {{"cells", msg_n("markup.cells", "{count} cell", "{count} cells", cells_.size())},
                     {"columns", msg_n("markup.columns", "{count} column", "{count} columns", columns_)}}));

    model::TableRow& row = table_.rows.emplace_back();
    row.header = cells_.front().header;
    row.cells.resize(columns_);
    current_.assign(columns_, Owner{});
    const int row_index = static_cast<int>(table_.rows.size()) - 1;

    for (std::size_t column = 0; column < columns_; ++column) {
        const RawCell& raw = cells_[column];
        if (raw.header != row.header)
            fail_at(line.origin_at(raw.separator),
                    msg("markup.mixed-header-cells",
                        "the cells of a row must all start with '|=' (header row) or all with '|'"));
        if (is_only(line, raw.content, '<')) {
            join_left(column, line, raw);
        } else if (is_only(line, raw.content, '^')) {
            join_up(column, line, raw);
        } else {
            model::TableCell& cell = table_.rows.back().cells[column];
            cell.align = raw.align;
            if (!raw.content.empty()) cell.paragraphs.push_back(inlines.parse(line, raw.content));
            current_[column] = Owner{row_index, static_cast<int>(column)};
        }
    }
    check_row_spans(line, range.begin);
    above_.swap(current_);
}

void TableBuilder::split_cells(const Line& line, Range range) {
    cells_.clear();
    std::size_t start = range.begin; // a template '|'
    while (start < range.end) {
        std::size_t next = start + 1;
        while (next < range.end && !line.template_char(next, '|')) ++next;
        RawCell raw;
        raw.separator = start;
        Range content{start + 1, next};
        if (next >= range.end && trim(line.text, content).empty()) break; // the closing '|'

        raw.header = line.template_char(content.begin, '=');
        if (raw.header) ++content.begin;
        const model::TextStyle& style = raw.header ? profile_.table_header : profile_.table_text;
        raw.align = style.align;
        // ':' right after the bar centres the cell; ':' right before the next bar aligns it
        // right. Both: centred.
        const bool centre = content.begin < content.end && line.template_char(content.begin, ':');
        if (centre) ++content.begin;
        const bool right = content.end > content.begin && line.template_char(content.end - 1, ':');
        if (right) --content.end;
        if (centre) raw.align = model::Align::center;
        else if (right) raw.align = model::Align::right;

        raw.content = trim(line.text, content);
        cells_.push_back(raw);
        start = next;
    }
}

void TableBuilder::join_left(std::size_t column, const Line& line, const RawCell& raw) {
    const int row_index = static_cast<int>(table_.rows.size()) - 1;
    if (column == 0)
        fail_at(line.origin_at(raw.content.begin),
                msg("markup.join-left-first-column", "'<' in the first column has no cell to its left"));
    const Owner owner = current_[column - 1];
    if (owner.row != row_index)
        fail_at(line.origin_at(raw.content.begin),
                msg("markup.join-left-joined-cell", "'<' cannot join a cell that is itself joined to the row above"));
    table_.rows[owner.row].cells[owner.column].colspan =
        static_cast<int>(column) - owner.column + 1;
    table_.rows.back().cells[column].covered = true;
    current_[column] = owner;
}

void TableBuilder::join_up(std::size_t column, const Line& line, const RawCell& raw) {
    const int row_index = static_cast<int>(table_.rows.size()) - 1;
    const tmpl::Origin where = line.origin_at(raw.content.begin);
    if (row_index == 0) fail_at(where, msg("markup.join-up-first-row", "'^' in the first row has no cell above it"));
    const Owner owner = above_[column];
    model::TableCell& origin_cell = table_.rows[owner.row].cells[owner.column];
    if (table_.rows[owner.row].header != table_.rows.back().header)
        fail_at(where, msg("markup.join-up-header-body", "'^' cannot join a header row and a body row"));
    if (owner.column != static_cast<int>(column) &&
        (column == 0 || !(current_[column - 1] == owner)))
        fail_at(where, join_up_whole_width());
    origin_cell.rowspan = row_index - owner.row + 1;
    table_.rows.back().cells[column].covered = true;
    current_[column] = owner;
}

// A cell spanning rows and columns must be joined over its whole width in every row it covers.
void TableBuilder::check_row_spans(const Line& line, std::size_t row_start) const {
    const int row_index = static_cast<int>(table_.rows.size()) - 1;
    for (std::size_t column = 0; column < columns_; ++column) {
        const Owner owner = current_[column];
        if (owner.row == row_index || owner.column != static_cast<int>(column)) continue;
        const int colspan = table_.rows[owner.row].cells[owner.column].colspan;
        for (int k = 1; k < colspan; ++k)
            if (!(current_[column + k] == owner))
                fail_at(line.origin_at(row_start), join_up_whole_width());
    }
}

} // namespace vanban::markup
