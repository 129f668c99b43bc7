// Tables of the markup layer: "@table 40 20 25 15", rows "| a | b |", header rows "|= a |",
// joined cells ("<" joins the cell to the left, "^" the cell above) and alignment marks
// ("|: centred |", "| right :|"). See docs/template-language.md, "Tables".
#pragma once

#include <vector>

#include "markup/inline.hpp"
#include "markup/line.hpp"
#include "vanban/model.hpp"

namespace vanban::markup {

// The relative column widths after "@table": positive numbers separated by spaces; none
// means "as many equal columns as the first row has cells".
std::vector<double> parse_column_weights(const Line& line, Range range);

class TableBuilder {
public:
    // `max_rows`: a row past it is refused as soon as it is read (EngineOptions::max_table_rows).
    TableBuilder(std::vector<double> weights, tmpl::Origin origin, const model::Profile& profile,
                 std::size_t max_rows = 10'000);

    // Adds the row in `range`, which starts with a template '|'.
    void add_row(const Line& line, Range range, InlineParser& inlines);

    tmpl::Origin origin() const { return origin_; }
    model::Table take() { return std::move(table_); }

private:
    // Which cell (origin of a span) holds a slot of the grid.
    struct Owner {
        int row = -1;
        int column = -1;
        bool operator==(const Owner&) const = default;
    };
    struct RawCell {
        std::size_t separator = 0; // the '|' that starts the cell
        Range content;
        bool header = false;
        model::Align align = model::Align::left;
    };

    void split_cells(const Line& line, Range range);
    void join_left(std::size_t column, const Line& line, const RawCell& raw);
    void join_up(std::size_t column, const Line& line, const RawCell& raw);
    void check_row_spans(const Line& line, std::size_t row_start) const;
    [[noreturn]] void refuse_too_many_rows(const Line& line, Range range) const;

    const model::Profile& profile_;
    tmpl::Origin origin_;
    model::Table table_;
    std::size_t columns_ = 0;      // 0 until the first row when no widths were given
    std::size_t max_rows_;
    std::size_t body_rows_ = 0;    // rows that are not header rows, counted against max_rows_
    std::vector<RawCell> cells_;   // the row being read (reused)
    std::vector<Owner> above_;     // owner of each slot in the previous row
    std::vector<Owner> current_;   // owner of each slot in this row
};

} // namespace vanban::markup
