#include "batch/csv.hpp"

#include <set>

#include "engine/data_reader.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"
#include "vanban/message.hpp"

namespace vanban::batch {

namespace {

constexpr int kMaxListIndex = 999; // a header such as "x[100000000]" must not allocate a huge list

[[noreturn]] void header_error(const std::string& file_name, std::size_t column, Message problem,
                               ErrorKind kind = ErrorKind::data) {
    Error error;
    error.kind = kind;
    error.where = SourceLocation{file_name, 1, 0};
    error.message = msg("batch.csv-header", "CSV header, column {column}: {problem}", {{"column", column + 1}, {"problem", std::move(problem)}});
    throw Failure(std::move(error));
}

std::string trim_spaces(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// "header.issuer[0]" -> {header}, {issuer, 0}; false when it is not such a path.
bool parse_column_path(const std::string& name, std::vector<CsvColumn::Step>& steps) {
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string::npos) dot = name.size();
        std::string segment = name.substr(start, dot - start);
        CsvColumn::Step step;
        if (const auto open = segment.find('['); open != std::string::npos) {
            if (segment.back() != ']' || open + 2 > segment.size() - 1) return false;
            const std::string digits = segment.substr(open + 1, segment.size() - open - 2);
            if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
                return false;
            step.index = std::stoi(digits);
            segment.resize(open);
        }
        if (segment.empty() || segment.find_first_of("[]") != std::string::npos) return false;
        step.key = std::move(segment);
        steps.push_back(std::move(step));
        start = dot + 1;
    }
    return !steps.empty() && name.back() != '.';
}

// How deep the record nests where the column's value goes: a level per name, and one more
// per list item ("a.b[0]" puts its value three levels down).
int nesting_of(const CsvColumn& column) {
    int depth = 0;
    for (const CsvColumn::Step& step : column.steps) depth += step.index >= 0 ? 2 : 1;
    return depth;
}

// Sets the field `column` names to `value`. Every column names a different path, so finding
// a value already there means two columns claim the same place ("a" and "a.b").
bool set_path(nlohmann::json& record, const CsvColumn& column, nlohmann::json value) {
    nlohmann::json* node = &record;
    for (const CsvColumn::Step& step : column.steps) {
        if (!node->is_null() && !node->is_object()) return false;
        node = &(*node)[step.key];
        if (step.index >= 0) {
            if (node->is_null()) *node = nlohmann::json::array();
            if (!node->is_array()) return false;
            while (node->size() <= static_cast<std::size_t>(step.index)) node->push_back(nullptr);
            node = &(*node)[static_cast<std::size_t>(step.index)];
        }
    }
    if (!node->is_null()) return false;
    *node = std::move(value);
    return true;
}

// Lists get the non-empty cells in order: the gaps left by empty cells close up.
void close_list_gaps(nlohmann::json& value) {
    if (value.is_array()) {
        nlohmann::json compact = nlohmann::json::array();
        for (auto& item : value)
            if (!item.is_null()) compact.push_back(std::move(item));
        value = std::move(compact);
    }
    if (value.is_structured())
        for (auto& item : value) close_list_gaps(item);
}

} // namespace

// ------------------------------------------------------------------------------- header

std::vector<CsvColumn> parse_csv_header(const std::vector<std::string>& cells, const std::string& file_name) {
    std::vector<CsvColumn> columns;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        CsvColumn column;
        column.header = trim_spaces(cells[i]);
        if (column.header.empty()) header_error(file_name, i, msg("batch.csv-column-unnamed", "the column has no name"));
        if (text::find_invalid_utf8(column.header))
            header_error(file_name, i, msg("batch.csv-column-not-utf8", "the name is not valid UTF-8"));
        column.header = text::to_nfc(column.header);
        if (!parse_column_path(column.header, column.steps))
            header_error(file_name, i,
                         msg("batch.csv-column-not-path",
                             "\"{name}\" is not a field path (names separated by dots, a list item as name[0]; at most [{most}])",
                             {{"name", column.header}, {"most", kMaxListIndex}}));
        // The data's nesting limit, as for JSON data; the record is built and walked level
        // by level, which a path 70,000 names deep must not reach.
        if (const int max_depth = engine::DataLimits{}.max_depth; nesting_of(column) > max_depth)
            header_error(file_name, i,
                         msg("batch.csv-path-too-deep", "the field path nests deeper than {limit} levels", {{"limit", max_depth}}),
                         ErrorKind::limit);
        if (!seen.insert(column.header).second)
            header_error(file_name, i, msg("batch.csv-column-repeated", "\"{name}\" is already an earlier column", {{"name", column.header}}));
        columns.push_back(std::move(column));
    }
    // Two columns clash when one names a place inside the other's value: filling every cell
    // once finds it now, instead of on the first row that has both.
    nlohmann::json probe = nlohmann::json::object();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (!set_path(probe, columns[i], "x"))
            header_error(file_name, i,
                         msg("batch.csv-columns-clash",
                             "\"{name}\" clashes with another column (a field cannot be both a value and hold fields or items)",
                             {{"name", columns[i].header}}));
    return columns;
}

nlohmann::json csv_row_to_record(const std::vector<CsvColumn>& columns, const std::vector<std::string>& cells) {
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        if (!cells[i].empty()) set_path(record, columns[i], cells[i]);
    }
    close_list_gaps(record);
    return record;
}

} // namespace vanban::batch
