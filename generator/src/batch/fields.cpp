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

nlohmann::json merge_record_fields(const nlohmann::json& shared, const nlohmann::json& record,
                                   const std::vector<std::string>& roots) {
    nlohmann::json merged = nlohmann::json::object();
    for (const std::string& root : roots)
        if (auto it = shared.find(root); it != shared.end()) merged[root] = *it;
    merged.merge_patch(record);
    return merged;
}

std::string root_of(std::string_view path) {
    const auto steps = text::parse_json_path(path);
    return steps && !steps->front().index ? steps->front().key : std::string();
}

std::size_t memory_estimate(const nlohmann::json& value) {
    constexpr std::size_t per_value = 128;
    std::size_t bytes = per_value;
    if (value.is_string()) return bytes + value.get_ref<const std::string&>().size();
    if (value.is_array())
        for (const nlohmann::json& item : value) bytes += memory_estimate(item);
    if (value.is_object())
        for (auto it = value.begin(); it != value.end(); ++it) bytes += it.key().size() + memory_estimate(it.value());
    return bytes;
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
