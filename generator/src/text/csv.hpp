// CSV as RFC 4180 writes it and spreadsheets save it: fields separated by a delimiter (',' as
// the RFC and English spreadsheets write it, ';' as spreadsheets write it where the decimal
// mark is a comma, as in Vietnam), rows by CRLF or LF; a field in double quotes may hold
// delimiters, line breaks and doubled quotes (""). Used by the batch (records) and by tables
// whose figures come from a CSV file (figures stage).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/byte_source.hpp"
#include "vanban/message.hpp"

namespace vanban::text {

class CsvParser {
public:
    explicit CsvParser(ByteSource& source, char delimiter = ',') : source_(source), delimiter_(delimiter) {}

    struct Row {
        std::vector<std::string> cells;
        std::uint32_t line = 0; // where the row starts
        Message problem;        // why the row is malformed (the parser went on to the next line)
    };

    // The next row; false at the end. Blank lines are skipped.
    bool next(Row& row);

private:
    bool read_quoted(std::string& field, Row& row);
    void read_unquoted(std::string& field, Row& row);
    void skip_rest_of_line();
    bool at_row_end();
    void end_row();

    ByteSource& source_;
    char delimiter_;
    std::uint32_t line_ = 1;
};

// The delimiter of a CSV file from its first line (the header): ';' when it has more
// semicolons than commas outside quotes, else ','.
char detect_csv_delimiter(std::string_view first_line);

} // namespace vanban::text
