// Data as offices have it: too large, in a legacy Vietnamese encoding, or legacy text that
// a program showed as Latin-1 and saved as UTF-8. This is the step before and after
// parse_data (data_input.hpp) that the engine runs on every data text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/legacy.hpp"
#include "vanban/engine.hpp"

namespace vanban::engine {

struct DataLimits {
    std::size_t max_data_bytes = 32u << 20;       // the whole data text
    std::size_t max_data_string_bytes = 1u << 20; // one string of it
    int max_depth = 256;                          // nesting of arrays and objects
};

// Reads data text given in `encoding` (docs/legacy-encodings.md):
//   utf8      parse_data, then every string is looked at: one that looks like legacy text
//             shown as Latin-1 adds a warning naming its JSON path and the option to use;
//   legacy, text not valid UTF-8 (raw legacy bytes): the whole text is decoded, then
//             parsed — JSON's structural characters are ASCII in every legacy encoding;
//   legacy, text valid UTF-8 (legacy text shown as Latin-1 inside UTF-8 JSON): parsed,
//             then each string and key whose characters all have a Windows-1252 byte is
//             mapped back to its bytes and decoded; one with any other character is real
//             Unicode already and is kept.
// Throws vanban::Failure: ErrorKind::limit past a DataLimits value (with the JSON path for
// a string), and what parse_data and text::decode_legacy throw.
nlohmann::json read_data(std::string_view text, const std::string& name, InputEncoding encoding,
                         const DataLimits& limits, std::vector<Warning>& warnings);

// The text stage's name for a legacy encoding; nullopt for UTF-8.
std::optional<text::LegacyEncoding> legacy_of(InputEncoding encoding);

} // namespace vanban::engine
