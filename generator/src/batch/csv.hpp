// CSV as RFC 4180 writes it (and Excel and LibreOffice save it): fields separated by commas,
// rows by CRLF or LF; a field in double quotes may hold commas, line breaks and doubled
// quotes (""). A UTF-8 byte-order mark before the header is skipped.
//
// The header row names where each column goes in the record: "branch.code" is the field
// code of the object branch, "header.issuer[0]" the first item of the list header.issuer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/byte_source.hpp"
#include "vanban/message.hpp"

namespace vanban::batch {

class CsvParser {
public:
    explicit CsvParser(ByteSource& source) : source_(source) {}

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
    std::uint32_t line_ = 1;
};

// One column of the header: the path of the field it fills.
struct CsvColumn {
    struct Step {
        std::string key;
        int index = -1; // >= 0: the key holds a list and this is the item's position
    };
    std::string header; // as written
    std::vector<Step> steps;
};

// Reads the header cells into columns. Throws Failure (kind data) naming the column when a
// name is empty or not a path, appears twice, or clashes with another ("a" and "a.b").
std::vector<CsvColumn> parse_csv_header(const std::vector<std::string>& cells, const std::string& file_name);

// The record a row makes. Empty cells are left out, so the shared data's value stays; the
// items of a list are the non-empty cells in order. The cells are kept as they are: the
// record then goes through the engine's way in for data (UTF-8 or a legacy encoding, NFC,
// limits), as every record does.
nlohmann::json csv_row_to_record(const std::vector<CsvColumn>& columns, const std::vector<std::string>& cells);

} // namespace vanban::batch
