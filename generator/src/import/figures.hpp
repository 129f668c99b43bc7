// A table of figures (docs/schema.md, "Tables of figures") read back from a drawn table: a
// TT column, a unit column, columns of numbers and of percentages, a total row. The
// percentages must be what vanban computes (a ratio of two columns, a share of a column's
// total): the data keeps the counts, vanban the arithmetic.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "import/draft.hpp"

namespace vanban::import {

// The table's data ("columns", "rows", the labels that differ from the defaults), or
// nullopt when it is not such a table. The columns' widths are not read back: vanban fits
// a table of figures to its content (the widest number or word of a column).
std::optional<nlohmann::ordered_json> table_to_figures(const Table& table);

// A Vietnamese number as the template prints it: "1.234,5", "-3", "25,6%" (a percentage is
// returned as its ratio, 0.256). nullopt for anything else.
std::optional<double> read_vietnamese_number(const std::string& text, bool& percent, int& decimals);

} // namespace vanban::import
