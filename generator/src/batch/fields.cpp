#include "batch/fields.hpp"

#include "text/json_path.hpp"

namespace vanban::batch {

namespace {

// The value the steps lead to, or nullptr.
const nlohmann::json* walk(const nlohmann::json& data, const std::vector<text::JsonPathStep>& steps, std::size_t count) {
    const nlohmann::json* node = &data;
    for (std::size_t i = 0; i < count; ++i) {
        const text::JsonPathStep& step = steps[i];
        if (step.index) {
            if (!node->is_array() || *step.index >= node->size()) return nullptr;
            node = &(*node)[*step.index];
            continue;
        }
        if (!node->is_object()) return nullptr;
        auto it = node->find(step.key);
        if (it == node->end()) return nullptr;
        node = &*it;
    }
    return node;
}

} // namespace

nlohmann::json merge_record(const nlohmann::json& shared, const nlohmann::json& record) {
    nlohmann::json merged = shared;
    merged.merge_patch(record);
    return merged;
}

bool is_field_path(std::string_view path) { return text::parse_json_path(path).has_value(); }

const nlohmann::json* find_field(const nlohmann::json& data, std::string_view path) {
    const auto steps = text::parse_json_path(path);
    return steps ? walk(data, *steps, steps->size()) : nullptr;
}

void remove_field(nlohmann::json& data, std::string_view path) {
    const auto steps = text::parse_json_path(path);
    if (!steps || steps->back().index) return;
    // found inside `data`, which is ours to change
    auto* parent = const_cast<nlohmann::json*>(walk(data, *steps, steps->size() - 1));
    if (parent && parent->is_object()) parent->erase(steps->back().key);
}

std::string field_text(const nlohmann::json* value) {
    if (!value) return {};
    if (value->is_string()) return value->get<std::string>();
    return value->dump();
}

std::vector<std::pair<std::string, std::string>> key_values(const nlohmann::json& data,
                                                           const std::vector<std::string>& paths) {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const std::string& path : paths)
        if (const nlohmann::json* value = find_field(data, path)) keys.emplace_back(path, field_text(value));
    return keys;
}

} // namespace vanban::batch
