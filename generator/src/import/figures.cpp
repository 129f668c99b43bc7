#include "import/figures.hpp"

#include <cmath>
#include <cstdlib>
#include <set>

#include <utf8proc.h>

#include "import/text_tools.hpp"
#include "text/vietnamese.hpp"

namespace vanban::import {

namespace {

using Grid = std::vector<std::vector<std::string>>; // rows x grid columns, "" where nothing

Grid grid_of(const Table& table, std::size_t& width) {
    width = 0;
    for (const Row& row : table.rows)
        for (const Cell& cell : row.cells) width = std::max(width, static_cast<std::size_t>(cell.column + cell.span));
    Grid grid(table.rows.size(), std::vector<std::string>(width));
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        for (const Cell& cell : table.rows[r].cells) {
            std::string text;
            for (const Paragraph& p : cell.paragraphs) text += (text.empty() ? "" : " ") + squeeze(p.text());
            grid[r][static_cast<std::size_t>(cell.column)] = squeeze(text);
        }
    return grid;
}

// "Quần chúng ưu tú" -> "quan_chung_uu_tu": a key a clerk can read in the data.
std::string key_of(const std::string& label, std::set<std::string>& used) {
    utf8proc_uint8_t* stripped = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(label.c_str()),
                                     static_cast<utf8proc_ssize_t>(label.size()), &stripped,
                                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                                    UTF8PROC_CASEFOLD));
    std::string key;
    if (length >= 0) {
        const std::string plain(reinterpret_cast<char*>(stripped), static_cast<std::size_t>(length));
        for (std::size_t i = 0; i < plain.size() && key.size() < 24; ++i) {
            char c = plain[i];
            if (plain.compare(i, 2, "\xC4\x91") == 0) { // đ
                c = 'd';
                ++i;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
            else if (!key.empty() && key.back() != '_') key += '_';
        }
    }
    std::free(stripped);
    while (!key.empty() && key.back() == '_') key.pop_back();
    if (key.empty() || (key[0] >= '0' && key[0] <= '9') || key == "unit") key = "c" + key;
    std::string unique = key;
    for (int n = 2; used.count(unique); ++n) unique = key + "_" + std::to_string(n);
    used.insert(unique);
    return unique;
}

bool is_total_label(const std::string& text) {
    const std::string f = folded(text);
    return f.rfind("tổng", 0) == 0 || f.rfind("cộng", 0) == 0;
}

struct Column {
    std::string label;
    bool percent = false;
    int decimals = 1;
    std::vector<std::optional<double>> values; // per data row; nullopt: "-"
    std::optional<double> total;
    std::string key;
};

std::string percent_text(double numerator, double denominator, int decimals) {
    if (denominator == 0) return "-";
    return text::format_percent(numerator / denominator, decimals);
}

// The ratio or share that explains a percentage column, as the template's column object.
std::optional<nlohmann::ordered_json> explain_percent(const Column& column, const std::vector<Column>& columns,
                                                       const Grid& grid, std::size_t first_row, std::size_t column_index,
                                                       std::optional<std::size_t> total_row) {
    auto matches = [&](auto&& expected) {
        for (std::size_t r = 0; r < column.values.size(); ++r)
            if (grid[first_row + r][column_index] != expected(r)) return false;
        return true;
    };
    auto sum = [](const Column& c) {
        double s = 0;
        for (const auto& v : c.values) s += v.value_or(0);
        return s;
    };
    auto total_matches = [&](const std::string& expected) {
        return !total_row || grid[*total_row][column_index] == expected;
    };
    for (const Column& a : columns) {
        if (a.percent) continue;
        for (const Column& b : columns) {
            if (b.percent || &a == &b) continue;
            const bool fits = matches([&](std::size_t r) {
                return percent_text(a.values[r].value_or(0), b.values[r].value_or(0), column.decimals);
            });
            if (fits && total_matches(percent_text(sum(a), sum(b), column.decimals))) {
                nlohmann::ordered_json c = {{"label", column.label}, {"ratio", {a.key, b.key}}};
                if (column.decimals != 1) c["decimals"] = column.decimals;
                return c;
            }
        }
        const double total = sum(a);
        const bool share = matches([&](std::size_t r) { return percent_text(a.values[r].value_or(0), total, column.decimals); });
        if (share && total_matches(percent_text(total, total, column.decimals))) {
            nlohmann::ordered_json c = {{"label", column.label}, {"share", a.key}};
            if (column.decimals != 1) c["decimals"] = column.decimals;
            return c;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<double> read_vietnamese_number(const std::string& text, bool& percent, int& decimals) {
    std::string t = trim(text);
    percent = !t.empty() && t.back() == '%';
    if (percent) t.pop_back();
    decimals = 0;
    if (t.empty()) return std::nullopt;
    std::string plain;
    bool seen_comma = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            plain += c;
            if (seen_comma) ++decimals;
        } else if (c == '.' && !seen_comma) {
            continue; // thousands
        } else if (c == ',' && !seen_comma) {
            plain += '.';
            seen_comma = true;
        } else if (c == '-' && i == 0) {
            plain += c;
        } else {
            return std::nullopt;
        }
    }
    char* end = nullptr;
    const double value = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size()) return std::nullopt;
    // Only the template's own spelling counts ("1.234,5", not "1234,5" or "1.23").
    const std::string printed = percent ? text::format_percent(value / 100, decimals) : text::format_number(value, -1);
    if (printed != text) return std::nullopt;
    return percent ? value / 100 : value;
}

std::optional<nlohmann::ordered_json> table_to_figures(const Table& table) {
    std::size_t width = 0;
    const Grid grid = grid_of(table, width);
    if (grid.size() < 2 || width < 3) return std::nullopt;
    const std::string number_label = grid[0][0];
    const std::string nf = folded(number_label);
    if (nf != "tt" && nf != "stt" && nf != "số tt") return std::nullopt;
    std::optional<std::size_t> total_row;
    if (is_total_label(grid.back()[0])) total_row = grid.size() - 1;
    const std::size_t first_row = 1, end_row = total_row ? *total_row : grid.size();
    if (end_row <= first_row) return std::nullopt;
    for (std::size_t r = first_row; r < end_row; ++r)
        if (grid[r][0] != std::to_string(r)) return std::nullopt; // TT runs 1, 2, 3 …

    std::vector<Column> columns;
    std::set<std::string> used;
    for (std::size_t c = 2; c < width; ++c) {
        Column column;
        column.label = grid[0][c];
        bool first = true, dashes = false;
        for (std::size_t r = first_row; r < end_row; ++r) {
            const std::string& cell = grid[r][c];
            bool percent = false;
            int decimals = 0;
            if (cell == "-") { // a ratio over zero
                column.values.push_back(std::nullopt);
                dashes = true;
                continue;
            }
            const std::optional<double> value = read_vietnamese_number(cell, percent, decimals);
            if (!value) return std::nullopt;
            if (!first && percent != column.percent) return std::nullopt;
            column.percent = percent;
            if (percent) column.decimals = decimals;
            first = false;
            column.values.push_back(value);
        }
        if (first) column.percent = true; // nothing but "-"
        if (dashes && !column.percent) return std::nullopt;
        if (!column.percent) column.key = key_of(column.label, used);
        columns.push_back(std::move(column));
    }

    nlohmann::ordered_json figures = nlohmann::ordered_json::object();
    if (number_label != "TT") figures["number_label"] = number_label;
    if (grid[0][1] != "Đơn vị") figures["unit_label"] = grid[0][1];
    if (total_row && grid[*total_row][0] != "Tổng cộng") figures["total_label"] = grid[*total_row][0];
    nlohmann::ordered_json out_columns = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& column = columns[i];
        nlohmann::ordered_json c;
        if (column.percent) {
            const auto explained = explain_percent(column, columns, grid, first_row, i + 2, total_row);
            if (!explained) return std::nullopt;
            c = *explained;
        } else {
            if (total_row) {
                double sum = 0;
                for (const auto& v : column.values) sum += v.value_or(0);
                if (grid[*total_row][i + 2] != text::format_number(sum, -1)) return std::nullopt;
            }
            c = {{"key", column.key}, {"label", column.label}};
        }
        out_columns.push_back(std::move(c));
    }
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t r = first_row; r < end_row; ++r) {
        nlohmann::ordered_json row = {{"unit", grid[r][1]}};
        for (const Column& column : columns)
            if (!column.percent) {
                const double value = *column.values[r - first_row];
                if (value == std::floor(value) && std::abs(value) < 1e15) row[column.key] = static_cast<long long>(value);
                else row[column.key] = value;
            }
        rows.push_back(std::move(row));
    }
    figures["columns"] = std::move(out_columns);
    figures["rows"] = std::move(rows);
    return figures;
}

} // namespace vanban::import
