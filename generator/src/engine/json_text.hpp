// JSON text -> nlohmann::json: the parse, with its errors placed at line and column, and the
// shape of the text (nesting, number of values) checked before any parser builds anything.
// Used by data_reader.hpp, the one way data enters the library.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vanban/message.hpp"

namespace vanban::engine {

struct JsonShapeLimits {
    int max_depth = 256;  // nesting of arrays and objects: the parsers recurse
    std::size_t max_values = std::numeric_limits<std::size_t>::max(); // every value, members and items
};

// Parses `text` (valid UTF-8: the caller checked it; a byte-order mark is skipped; CRLF line
// ends are accepted). Strings and keys are kept as they are: the caller normalises them.
// Throws vanban::Failure:
//   - ErrorKind::data with file:line:column and the source line for malformed JSON,
//   - ErrorKind::limit at the line and column where nesting passes `max_depth` or the
//     values pass `max_values`, found by a scan of the text before it is parsed.
nlohmann::json parse_json_text(std::string_view text, const std::string& name, const JsonShapeLimits& limits);

// The messages of the shape limits, which the data reader also gives for JSON a caller built.
Message too_deep(int max_depth);
Message too_many_values(std::size_t max_values);

} // namespace vanban::engine
