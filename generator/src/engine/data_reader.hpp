// The one way data enters the library. Every document's data — the text given to
// Engine::render, validate and build_model (and so to the C ABI and the CLI), a batch's
// shared data and each of its records (a JSON Lines line, a JSON array's item, a CSV row),
// and JSON a caller built (a merged batch record, engine/parsed_data.hpp) — goes through
// read_data or adopt_data, and so gets the same checks, the same limits and the same
// warnings:
//
//   size        at most max_data_bytes of text (for built JSON: of its text written out)
//   encoding    UTF-8, or a legacy encoding (docs/legacy-encodings.md): raw legacy bytes
//               are decoded, legacy text shown as Latin-1 is mapped back and decoded
//   shape       nesting at most max_depth, at most max_values values, counted before the
//               parser builds anything (a document's values cost memory many times their text)
//   strings     every string and key valid UTF-8 and in NFC; a string at most
//               max_data_string_bytes
//   warnings    a string that looks like legacy text shown as Latin-1, when no encoding was given
//
// Errors are vanban::Failure values: ErrorKind::data (invalid UTF-8 with its byte offset,
// malformed JSON at its line and column, a byte the legacy encoding lacks), ErrorKind::limit
// past a limit (with the JSON path of the string or value), both naming the data.
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
    std::size_t max_values = 1'000'000;           // values in it, members and items included
    int max_depth = 256;                          // nesting of arrays and objects
};

// The limits EngineOptions sets.
DataLimits data_limits(const EngineOptions& options);

// What is being read and how: `name` is how messages call the data ("plan.json",
// "record 3"); `encoding` is the one the user gave.
struct DataSource {
    std::string name;
    InputEncoding encoding = InputEncoding::utf8;
};

// Data text -> trusted JSON. `warnings`, when given, receives the warnings about the data.
nlohmann::json read_data(std::string_view text, const DataSource& source, const DataLimits& limits,
                         std::vector<Warning>* warnings);

// JSON built by a caller -> trusted JSON, with the same checks; a string that is not valid
// UTF-8 is decoded as raw legacy bytes when a legacy encoding is given (a CSV cell saved in
// TCVN3), and refused naming its JSON path otherwise.
nlohmann::json adopt_data(nlohmann::json data, const DataSource& source, const DataLimits& limits,
                          std::vector<Warning>* warnings);

// read_data for JSON files that are not a document's data (a template's schema.json): UTF-8,
// NFC and nesting only.
nlohmann::json parse_data(std::string_view text, const std::string& name, int max_depth = 256);

// The text stage's name for a legacy encoding; nullopt for UTF-8.
std::optional<text::LegacyEncoding> legacy_of(InputEncoding encoding);

} // namespace vanban::engine
