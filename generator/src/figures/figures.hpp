// Tables and charts of figures from data: the object a template hands over with
// "@table {{ t }}" or "@chart {{ c }}" (docs/template-language.md) becomes model blocks here.
// The data says what the columns hold (text, units, whole or decimal numbers, percentages),
// where the rows come from (JSON, or a CSV file saved by a spreadsheet next to the data),
// which rows form groups, which columns are added up; this stage computes ratios, shares,
// differences, subtotals and totals, formats every number the Vietnamese way (1.250,5;
// 94,4%) and builds the header rows, spans and the chart (docs/schema.md, "Tables of
// figures").
//
// Bad data is a Failure (ErrorKind::data) naming the JSON path, or the CSV file and line;
// a table past the engine's size limits is refused (ErrorKind::limit) before any work is
// done on its rows.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/model.hpp"

namespace vanban::figures {

// Reads the files a table names ("csv": "chi-tieu.csv"). The engine's reader resolves names
// in the data's folder and refuses any other place.
class DataFiles {
public:
    virtual ~DataFiles() = default;
    // The bytes of the file; throws Failure when it cannot be read.
    virtual std::string read(const std::string& name) const = 0;
};

struct Settings {
    const DataFiles* files = nullptr;      // nullptr: a table that names a file is refused
    std::size_t max_rows = 10'000;         // rows of one table (EngineOptions::max_table_rows)
    std::size_t max_columns = 64;          // columns of one table
    // Styled runs of a text from data (inline emphasis); plain runs when not set.
    std::function<model::Inline(std::string_view)> parse_inline;
};

// A table of figures: the table, then its chart when the data asks for one. `path` is the
// object's JSON path (for messages).
std::vector<model::Block> table_blocks(const nlohmann::json& spec, const std::string& path, const Settings& settings);

// A chart whose categories and series are given in the data.
model::Chart chart_block(const nlohmann::json& spec, const std::string& path, const Settings& settings);

} // namespace vanban::figures
