#include "batch/fields.hpp"

#include <charconv>

namespace vanban::batch {

namespace {

// One step of a dotted path: a field name, then any number of [index].
struct Step {
    std::string_view key;
    std::vector<std::size_t> indexes;
};

std::vector<Step> split_path(std::string_view path) {
    std::vector<Step> steps;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t dot = path.find('.', start);
        if (dot == std::string_view::npos) dot = path.size();
        std::string_view segment = path.substr(start, dot - start);
        Step step;
        const std::size_t open = segment.find('[');
        step.key = segment.substr(0, open);
        for (std::size_t at = open; at != std::string_view::npos && at < segment.size();) {
            const std::size_t close = segment.find(']', at);
            if (close == std::string_view::npos) break;
            std::size_t index = 0;
            std::from_chars(segment.data() + at + 1, segment.data() + close, index);
            step.indexes.push_back(index);
            at = segment.find('[', close);
        }
        steps.push_back(step);
        start = dot + 1;
    }
    return steps;
}

} // namespace

nlohmann::json merge_record(const nlohmann::json& shared, const nlohmann::json& record) {
    nlohmann::json merged = shared;
    merged.merge_patch(record);
    return merged;
}

const nlohmann::json* find_field(const nlohmann::json& data, std::string_view path) {
    const nlohmann::json* node = &data;
    for (const Step& step : split_path(path)) {
        if (!node->is_object()) return nullptr;
        auto it = node->find(step.key);
        if (it == node->end()) return nullptr;
        node = &*it;
        for (std::size_t index : step.indexes) {
            if (!node->is_array() || index >= node->size()) return nullptr;
            node = &(*node)[index];
        }
    }
    return node;
}

void remove_field(nlohmann::json& data, std::string_view path) {
    const std::size_t dot = path.rfind('.');
    nlohmann::json* parent = &data;
    if (dot != std::string_view::npos) {
        const nlohmann::json* found = find_field(data, path.substr(0, dot));
        if (!found) return;
        parent = const_cast<nlohmann::json*>(found); // found inside `data`, which is ours to change
    }
    if (parent->is_object()) parent->erase(std::string(path.substr(dot == std::string_view::npos ? 0 : dot + 1)));
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
