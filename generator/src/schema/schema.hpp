// JSON Schema validation of a template's data (templates/NAME/schema.json).
//
// Debian 12 ships no C++ JSON Schema validator, so vanban implements the subset of draft
// 2020-12 its templates need (docs/schema.md lists it, with the message each keyword gives).
// A schema is compiled once into an immutable tree; validating never changes it, so one
// compiled Schema can serve many threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/message.hpp"

namespace vanban::schema {

// One way in which the data does not match the schema.
struct Problem {
    // Where in the data: "plan.tasks[3].deadline"; "" for the whole document; keys that are
    // not names are written in brackets: ["key with space"].
    std::string json_path;
    // What is wrong, in words for office staff: "expected a string, found a number".
    Message message;
};

namespace detail {
struct CompiledSchema;
}

class Schema {
public:
    // Compiles a schema document. `source_name` (e.g. "templates/ke-hoach/schema.json") is
    // used in error messages. Throws vanban::Failure(ErrorKind::resource) whose where.file is
    // `source_name` and whose message names the JSON pointer of the bad or unsupported
    // keyword, e.g. "unsupported keyword \"minProperties\" at /properties/plan".
    static Schema compile(const nlohmann::json& schema_document, const std::string& source_name);

    // Every problem of `data` (at most `max_problems`), sorted by path in document order.
    // An empty list means the data is valid.
    std::vector<Problem> validate(const nlohmann::json& data, std::size_t max_problems = 100) const;

    // True when `data` has no problem; stops at the first one.
    bool is_valid(const nlohmann::json& data) const { return validate(data, 1).empty(); }

    const std::string& source_name() const;

private:
    explicit Schema(std::shared_ptr<const detail::CompiledSchema> compiled);
    std::shared_ptr<const detail::CompiledSchema> compiled_;
};

} // namespace vanban::schema
