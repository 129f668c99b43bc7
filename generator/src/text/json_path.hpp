// Where a value sits in JSON data, written one way in every message: template errors,
// schema problems, data limits, profile settings, batch records and their CSV columns.
//
// A key the template language can write after a dot is written after a dot; any other key
// is written as a JSON string in brackets; a list item as its index in brackets:
//
//   header.issuer[1]      tên_đơn_vị.số_hiệu      x["a-b"].c      x["số hiệu"]      x[""]
//
// so that a path from a message can be pasted into a template ({{ x["a-b"].c }}), and a
// key never reads as two (x["a.b"] is one key, x.a.b two).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vanban::text {

// Whether `cp` may stand in a name of the template language: a letter of any script or
// '_' anywhere, a digit or a combining mark after the first code point.
bool is_name_code_point(char32_t cp, bool first);
// Whether the whole of `key` is such a name ("tên_đơn_vị" is, "a-b", "1x" and "" are not).
bool is_name(std::string_view key);

class JsonPath {
public:
    JsonPath() = default;
    // A path already written this way (a message's, a template value's), to go on from.
    static JsonPath written(std::string text) {
        JsonPath path;
        path.text_ = std::move(text);
        return path;
    }

    // This path, then a member of the object there / an item of the list there.
    JsonPath& add_key(std::string_view key);
    JsonPath& add_index(std::size_t index);
    JsonPath key(std::string_view key) const { return JsonPath(*this).add_key(key); }
    JsonPath index(std::size_t index) const { return JsonPath(*this).add_index(index); }

    // "header.issuer[1]"; empty for the whole data.
    const std::string& text() const { return text_; }
    bool empty() const { return text_.empty(); }
    // text(), or "the data" for the whole data: how a message starts ("the data: …").
    std::string describe() const;

private:
    std::string text_;
};

// One step of a written path: a member's key, or a list item's index.
struct JsonPathStep {
    std::string key;
    std::optional<std::size_t> index; // set: a list item
};

// Reads a path as users write it (--key, --strip, CSV headers): names after dots, indexes
// and JSON strings in brackets ("branch.code", "header.issuer[0]", x["a-b"]). The first
// step is a name or a bracket. nullopt when the text is not such a path.
std::optional<std::vector<JsonPathStep>> parse_json_path(std::string_view text);

} // namespace vanban::text
