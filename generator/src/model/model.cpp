// Functions declared next to the document model in vanban/model.hpp.
#include "vanban/model.hpp"

namespace vanban::model {

std::string plain_text(const Inline& runs) {
    std::size_t size = 0;
    for (const Run& run : runs) size += run.text.size();
    std::string text;
    text.reserve(size);
    for (const Run& run : runs) text.append(run.text);
    return text;
}

const char* column_type_name(ColumnType type) {
    switch (type) {
    case ColumnType::text: return "text";
    case ColumnType::unit: return "unit";
    case ColumnType::integer: return "integer";
    case ColumnType::decimal: return "decimal";
    case ColumnType::percent: return "percent";
    }
    return "text";
}

std::size_t data_row_count(const Table& table) {
    std::size_t count = 0;
    for (const TableRow& row : table.rows) count += !row.header && !row.group && !row.total;
    return count;
}

const char* chart_kind_name(ChartKind kind) {
    switch (kind) {
    case ChartKind::bar: return "bar";
    case ChartKind::stacked_bar: return "stacked-bar";
    case ChartKind::line: return "line";
    case ChartKind::pie: return "pie";
    }
    return "bar";
}

} // namespace vanban::model
