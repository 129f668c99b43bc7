// Reading the data of a document: the edge where outside text becomes trusted JSON.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vanban::engine {

// Parses JSON data and normalises every string and key to NFC. Throws vanban::Failure
// (ErrorKind::data) with:
//   - the byte offset of invalid UTF-8,
//   - file:line:column and the source line for malformed JSON,
//   - "nesting deeper than N" past `max_depth` (a stack-safe limit on hostile input).
// A UTF-8 byte-order mark is skipped; CRLF line ends are accepted.
nlohmann::json parse_data(std::string_view text, const std::string& name, int max_depth = 256);

// The same checks for data the caller built as JSON: a copy with every string and key in
// NFC. Throws vanban::Failure (ErrorKind::data) naming the JSON path of a string that is not
// valid UTF-8, or of the value nested deeper than `max_depth`.
nlohmann::json adopt_data(const nlohmann::json& data, const std::string& name, int max_depth = 256);

} // namespace vanban::engine
