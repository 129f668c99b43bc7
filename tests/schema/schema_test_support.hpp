// Helpers shared by the schema tests: compile a schema written inline and list the problems
// of some data as "path: message" lines, which read well in a failed assertion.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/schema.hpp"

namespace schema_test {

inline vanban::schema::Schema compile(const std::string& schema_text) {
    return vanban::schema::Schema::compile(nlohmann::json::parse(schema_text), "test-schema.json");
}

inline std::vector<std::string> problems(const std::string& schema_text, const std::string& data_text) {
    std::vector<std::string> lines;
    for (const auto& p : compile(schema_text).validate(nlohmann::json::parse(data_text)))
        lines.push_back(p.json_path + ": " + p.message.text());
    return lines;
}

// The same lines in Vietnamese.
inline std::vector<std::string> problems_vi(const std::string& schema_text, const std::string& data_text) {
    std::vector<std::string> lines;
    for (const auto& p : compile(schema_text).validate(nlohmann::json::parse(data_text)))
        lines.push_back(p.json_path + ": " + p.message.text(vanban::Language::vi));
    return lines;
}

using Lines = std::vector<std::string>;

} // namespace schema_test
