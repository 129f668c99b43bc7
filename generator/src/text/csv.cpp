#include "text/csv.hpp"

namespace vanban::text {

bool CsvParser::next(Row& row) {
    row.cells.clear();
    row.problem = Message();
    // Blank lines (a common last line, or spacing people leave) are not rows.
    for (int c = source_.peek(); c == '\r' || c == '\n'; c = source_.peek()) end_row();
    if (source_.peek() < 0) return false;
    row.line = line_;
    for (;;) {
        std::string field;
        if (source_.peek() == '"') {
            if (!read_quoted(field, row)) return true;
        } else {
            read_unquoted(field, row);
            if (!row.problem.empty()) return true;
        }
        row.cells.push_back(std::move(field));
        if (source_.peek() == delimiter_) {
            source_.get();
            continue;
        }
        end_row();
        return true;
    }
}

bool CsvParser::read_quoted(std::string& field, Row& row) {
    const std::uint32_t opened = line_;
    source_.get(); // the opening quote
    for (;;) {
        const int c = source_.get();
        if (c < 0) {
            row.problem = msg("batch.csv-unclosed-quote", "a quoted field opened on line {line} is never closed",
                              {{"line", opened}});
            return false;
        }
        if (c == '"') {
            if (source_.peek() != '"') break;
            source_.get();
            field += '"';
            continue;
        }
        if (c == '\n') ++line_;
        if (c == '\r' && source_.peek() == '\n') continue; // a CRLF inside a field is a line break
        field += static_cast<char>(c);
    }
    if (!at_row_end() && source_.peek() != delimiter_) {
        row.problem = msg("batch.csv-text-after-quote",
                          "text after the closing quote of a field (a quote inside a field is written \"\")");
        skip_rest_of_line();
        return false;
    }
    return true;
}

void CsvParser::read_unquoted(std::string& field, Row& row) {
    for (int c = source_.peek(); c != delimiter_ && !at_row_end(); c = source_.peek()) {
        if (c == '"') {
            row.problem = msg("batch.csv-stray-quote", "a quote inside a field that does not start with one (quote the "
                                                 "whole field, and double the quotes inside: \"say \"\"yes\"\"\")");
            skip_rest_of_line();
            return;
        }
        field += static_cast<char>(source_.get());
    }
}

bool CsvParser::at_row_end() {
    const int c = source_.peek();
    return c < 0 || c == '\r' || c == '\n';
}

// Consumes one line end: CRLF, LF, or a lone CR (old Mac files).
void CsvParser::end_row() {
    const int c = source_.get();
    if (c == '\r' && source_.peek() == '\n') source_.get();
    if (c >= 0) ++line_;
}

void CsvParser::skip_rest_of_line() {
    while (!at_row_end()) source_.get();
    end_row();
}

char detect_csv_delimiter(std::string_view first_line) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : first_line) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

} // namespace vanban::text
