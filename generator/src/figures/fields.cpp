#include "figures/fields.hpp"

#include <algorithm>
#include <cmath>

namespace vanban::figures {

void fail(const Where& where, Message message, Message hint, ErrorKind kind) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.hint = std::move(hint);
    error.json_path = where.json_path;
    if (!where.file.empty()) error.where = SourceLocation{where.file, where.line, 0};
    throw Failure(std::move(error));
}

void fail(const text::JsonPath& path, Message message, Message hint) {
    fail(Where{path.text()}, std::move(message), std::move(hint));
}

Fields::Fields(const nlohmann::json& object, text::JsonPath path, Message what)
    : object_(object), path_(std::move(path)), what_(std::move(what)) {
    if (!object_.is_object())
        fail(path_, msg("figures.not-object", "{path}: {what} must be an object, written in braces",
                        {{"path", path_.describe()}, {"what", what_}}));
}

const nlohmann::json* Fields::find(std::string_view key) {
    const auto found = object_.find(key);
    if (found == object_.end()) return nullptr;
    read_.push_back(found.key());
    return &*found;
}

std::optional<std::string> Fields::text(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_string()) fail(path(key), msg("figures.not-text", "{path} must be text, in quotes", {{"path", path(key).text()}}));
    return value->get<std::string>();
}

std::optional<bool> Fields::flag(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) fail(path(key), msg("figures.not-boolean", "{path} must be true or false", {{"path", path(key).text()}}));
    return value->get<bool>();
}

std::optional<double> Fields::number(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_number()) fail(path(key), msg("figures.not-number", "{path} must be a number", {{"path", path(key).text()}}));
    return value->get<double>();
}

std::optional<int> Fields::whole(std::string_view key, int min, int max) {
    const std::optional<double> value = number(key);
    if (!value) return std::nullopt;
    if (std::trunc(*value) != *value || *value < min || *value > max)
        fail(path(key), msg("figures.not-whole-in-range", "{path} must be a whole number from {min} to {max}",
                            {{"path", path(key).text()}, {"min", min}, {"max", max}}));
    return static_cast<int>(*value);
}

std::vector<std::string> Fields::lines(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return {};
    if (value->is_string()) return {value->get<std::string>()};
    std::vector<std::string> lines;
    if (value->is_array())
        for (const nlohmann::json& line : *value)
            if (line.is_string()) lines.push_back(line.get<std::string>());
    if (!value->is_array() || lines.size() != value->size())
        fail(path(key), msg("figures.not-lines", "{path} must be text, or a list of texts (one per line)",
                            {{"path", path(key).text()}}));
    return lines;
}

void Fields::finish() const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        const std::string& key = it.key();
        if (key.starts_with('$')) continue;
        if (std::find(read_.begin(), read_.end(), std::string_view(key)) == read_.end())
            fail(path(key), msg("figures.unknown-field", "{path} is not a field of {what}",
                                {{"path", path(key).text()}, {"what", what_}}),
                 msg("figures.unknown-field-hint", "check its spelling against docs/schema.md, \"Tables of figures\""));
    }
}

} // namespace vanban::figures
