#include "engine/model_limits.hpp"

#include <string>
#include <variant>

#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

std::size_t columns_of(const model::Table& table) {
    std::size_t columns = table.column_weights.size();
    for (const model::TableRow& row : table.rows) columns = std::max(columns, row.cells.size());
    return columns;
}

void check_table(const model::Table& table, const std::string& name, const ModelLimits& limits) {
    if (const std::size_t columns = columns_of(table); columns > limits.max_table_columns)
        throw Failure(ErrorKind::limit, name + " has " + std::to_string(columns) + " columns; at most " +
                                            std::to_string(limits.max_table_columns) +
                                            " fit a page (max_table_columns)");
    if (table.rows.size() > limits.max_table_rows)
        throw Failure(ErrorKind::limit, name + " has " + std::to_string(table.rows.size()) + " rows, more than " +
                                            std::to_string(limits.max_table_rows) +
                                            " (max_table_rows); split it, or put the list in an attachment");
}

void check_blocks(const std::vector<model::Block>& blocks, const std::string& where, const ModelLimits& limits) {
    int number = 0;
    for (const model::Block& block : blocks)
        if (const auto* table = std::get_if<model::Table>(&block))
            check_table(*table, "table " + std::to_string(++number) + " of " + where, limits);
}

} // namespace

void check_model_limits(const model::Document& document, const ModelLimits& limits) {
    check_blocks(document.body, "the body", limits);
    for (std::size_t i = 0; i < document.appendices.size(); ++i)
        check_blocks(document.appendices[i].blocks, "appendix " + std::to_string(i + 1), limits);
}

} // namespace vanban::engine
