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

void check_table(const model::Table& table, const Message& name, const ModelLimits& limits) {
    if (const std::size_t columns = columns_of(table); columns > limits.max_table_columns)
        throw Failure(ErrorKind::limit, msg("limit.table-columns", "{table} has {columns} columns; at most {most} fit a page (max_table_columns)",
                                            {{"table", name}, {"columns", columns}, {"most", limits.max_table_columns}}));
    if (const std::size_t rows = model::data_row_count(table); rows > limits.max_table_rows)
        throw Failure(ErrorKind::limit,
                      msg("limit.table-rows", "{table} has {rows} rows, more than {most} (max_table_rows); split it, or put the list in an attachment",
                          {{"table", name}, {"rows", rows}, {"most", limits.max_table_rows}}));
}

void check_blocks(const std::vector<model::Block>& blocks, const Message& where, const ModelLimits& limits) {
    int number = 0;
    for (const model::Block& block : blocks)
        if (const auto* table = std::get_if<model::Table>(&block))
            check_table(*table, msg("limit.table-name", "table {number} of {part}", {{"number", ++number}, {"part", where}}), limits);
}

} // namespace

void check_model_limits(const model::Document& document, const ModelLimits& limits) {
    check_blocks(document.body, msg("limit.part-body", "the body"), limits);
    for (std::size_t i = 0; i < document.appendices.size(); ++i)
        check_blocks(document.appendices[i].blocks, msg("limit.part-appendix", "appendix {number}", {{"number", i + 1}}), limits);
}

} // namespace vanban::engine
