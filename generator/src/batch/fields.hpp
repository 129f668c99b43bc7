// The data of one record: merged over the shared data, with fields found, removed and
// printed by JSON paths as text::parse_json_path reads them ("branch.code",
// "header.issuer[0]", x["a-b"]).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanban::batch {

// The shared data with the record's fields over it, as JSON Merge Patch (RFC 7386) does:
// objects merge field by field at every depth; any other value (text, number, list)
// replaces the shared one whole; null removes the field.
nlohmann::json merge_record(const nlohmann::json& shared, const nlohmann::json& record);

// The part of the merged record that the fields under `roots` (top-level keys) make: what
// naming a record needs (its output name, its keys), without a copy of all the shared data.
nlohmann::json merge_record_fields(const nlohmann::json& shared, const nlohmann::json& record,
                                   const std::vector<std::string>& roots);

// The top-level key a path starts from ("branch" for "branch.code"); empty for a path that
// starts with a list index or is not a path.
std::string root_of(std::string_view path);

// About how many bytes of memory the value takes as nlohmann::json (measured: 60 to 150
// bytes a value, besides the text of long strings and keys).
std::size_t memory_estimate(const nlohmann::json& value);

// Whether `path` is a JSON path (--key and --strip are checked before the first record).
bool is_field_path(std::string_view path);

// The value at a path, or nullptr. "a.b[2]" is field b of a, then its third item.
const nlohmann::json* find_field(const nlohmann::json& data, std::string_view path);

// Removes the field at a path, if present (list items cannot be removed this way).
void remove_field(nlohmann::json& data, std::string_view path);

// "HC05", "3", "true"; lists and objects as compact JSON. Empty for a missing field.
std::string field_text(const nlohmann::json* value);

// The (path, text) pairs of the fields that name a record, for messages and the manifest;
// fields the record does not have are left out.
std::vector<std::pair<std::string, std::string>> key_values(const nlohmann::json& data,
                                                           const std::vector<std::string>& paths);

} // namespace vanban::batch
