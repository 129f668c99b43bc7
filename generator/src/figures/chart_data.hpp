// Reading a chart from the data: with its own categories and series, or from the columns and
// rows of the table it belongs to (docs/schema.md, "Charts").
#pragma once

#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "figures/table_data.hpp"
#include "vanban/model.hpp"

namespace vanban::figures {

// A table a chart draws: its data and the figure of any column in any row.
struct TableSeries {
    const TableData* table = nullptr;
    std::function<std::optional<double>(const Column&, const Row&)> value;
};

// `table`: the table the chart belongs to, or nullptr for a chart with its own figures.
// Throws Failure (ErrorKind::data) naming the JSON path (or the CSV line of a row).
model::Chart chart_of(const nlohmann::json& spec, const text::JsonPath& path, const TableSeries* table);

} // namespace vanban::figures
