// Reading the data of a document: the edge where outside text becomes trusted JSON.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vanban::engine {

// Parses JSON data and normalises every string and key to NFC. Throws vanban::Failure:
//   - ErrorKind::data with the byte offset of invalid UTF-8,
//   - ErrorKind::data with file:line:column and the source line for malformed JSON,
//   - ErrorKind::limit "nesting deeper than N" past `max_depth` (a stack-safe limit on
//     hostile input, checked before the recursive parser runs).
// A UTF-8 byte-order mark is skipped; CRLF line ends are accepted.
nlohmann::json parse_data(std::string_view text, const std::string& name, int max_depth = 256);

// parse_data for a text the caller has already found to be valid UTF-8: skips the second
// scan of every byte (read_data checks the text first to word its own message).
nlohmann::json parse_valid_data(std::string_view text, const std::string& name, int max_depth = 256);

// The same checks for data the caller built as JSON: a copy with every string and key in
// NFC. Throws vanban::Failure naming the JSON path of a string that is not valid UTF-8
// (ErrorKind::data), or of the value nested deeper than `max_depth` (ErrorKind::limit).
nlohmann::json adopt_data(const nlohmann::json& data, const std::string& name, int max_depth = 256);

} // namespace vanban::engine
