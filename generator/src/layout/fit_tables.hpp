// Column widths from the content (docs/layout-rules.md, rule 18). Each column is at least as
// wide as its widest word, or, in a column of figures, its widest figure: a number never
// breaks inside its cell ("14.652,6" never becomes "14.652, / 6"), and text wraps only between
// words. A table whose widths come from its content shares the text width out by how much
// each column has to say; a table with widths of its own keeps them where they leave room for
// the content. The engine applies this to the model, measured with the PDF's fonts, so that
// the PDF and the DOCX have the same grid (rule 17).
#pragma once

#include <vector>

#include "layout/fonts.hpp"
#include "vanban/message.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// Sets the widths of every table of `doc` (their column_weights become widths in twips that
// add up to the text width). Returns a warning for each table too wide for its page.
std::vector<Message> fit_table_columns(model::Document& doc, const FontFamily& family);

// What each column of a table needs, in twips, cell padding included: `least` keeps every
// word (every figure) whole, `most` sets every paragraph on one line.
struct ColumnNeeds {
    std::vector<long> least, most;
};
ColumnNeeds column_needs(const model::Table& table, const model::Profile& profile, const FontFamily& family);

// The widths (twips, adding up to `width`) for those needs: see fit_table_columns.
std::vector<long> column_widths(const model::Table& table, const ColumnNeeds& needs, long width);

} // namespace vanban::layout
