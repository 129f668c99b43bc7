// The fast way to read data: simdjson parses the text, and its document is copied into
// nlohmann::json, the form every later stage uses.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vanban::engine {

// The JSON value of `text`, exactly as nlohmann::json::parse would give it, or nothing when
// simdjson cannot read it (malformed JSON, a number beyond 64-bit integers or beyond double's
// range, the integer -0): the caller then parses with nlohmann, which reads the rare cases
// and words the errors. nlohmann's lexer costs about 80 instructions per byte of data,
// simdjson's a few; on the seed-000 plan that is most of the time spent reading data.
std::optional<nlohmann::json> read_json_fast(std::string_view text);

} // namespace vanban::engine
