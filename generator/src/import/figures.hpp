// A table of figures (docs/schema.md, "Tables of figures") read back from a drawn table: a
// running-number column, a names' column, columns of text, units, numbers and percentages;
// one header row or two (a heading over several columns); groups of rows ("I. Kinh tế") with
// or without their subtotals; a total row. Whatever vanban computes (ratios, shares,
// differences, subtotals, totals) must be what vanban would compute from the other columns:
// the data keeps the counts, vanban the arithmetic. Every reading is checked by drawing the
// data again (src/figures) and comparing each cell's text with the document's: a table that
// would not come back the same is no table of figures.
//
// A chart drawn under such a table is read the same way: its series must be columns of the
// table and its categories rows of it, its figures the table's; else it is a chart with
// figures of its own.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/draft.hpp"

namespace vanban::import {

// The table's data ("columns", "rows" or "groups", the labels and settings that differ from
// the defaults), or nullopt when it is not such a table. The columns' widths are not read
// back: vanban fits a table of figures to its content (the widest number or word of a
// column). A table that starts as one (TT, names) but is not says why in `why`, when given:
// the row or the cell where it parts from what vanban would draw.
std::optional<nlohmann::ordered_json> table_to_figures(const Table& table, std::optional<Message>* why = nullptr);

// The table's "chart" (series by column, rows by name), when `chart` draws the figures of
// `figures` (what table_to_figures read); nullopt when it does not.
std::optional<nlohmann::ordered_json> table_chart(const nlohmann::ordered_json& figures, const DrawnChart& chart);

// A chart with its own "categories" and "series" (a section's "chart"); nullopt when vanban
// cannot draw it (a kind it does not draw, no series, a negative slice).
std::optional<nlohmann::ordered_json> chart_of_its_own(const DrawnChart& chart);

// A Vietnamese number as the template prints it: "1.234,5", "650,0", "-3", "25,6%" (a
// percentage is returned as its ratio, 0.256). nullopt for anything else.
std::optional<double> read_vietnamese_number(const std::string& text, bool& percent, int& decimals);

} // namespace vanban::import
