// The records of a CSV file: its rows are read by text::CsvParser (RFC 4180, commas; a UTF-8
// byte-order mark before the header is skipped). The header row names where each column goes in the record: "branch.code" is the field
// code of the object branch, "header.issuer[0]" the first item of the list header.issuer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/csv.hpp"

namespace vanban::batch {

using text::ByteSource;
using text::CsvParser;

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
