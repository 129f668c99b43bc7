// The compiled form of a schema: a flat table of nodes, one per (sub)schema, that refer to
// each other by index. Indexes (rather than pointers) let "$ref" point anywhere, even back
// up the tree, without owning cycles; the table never changes after compilation.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/message.hpp"

namespace vanban::schema::detail {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

// The JSON types of "type", as bits so that ["string", "null"] is one test.
enum TypeBit : unsigned {
    type_null = 1u << 0,
    type_boolean = 1u << 1,
    type_object = 1u << 2,
    type_array = 1u << 3,
    type_number = 1u << 4,
    type_string = 1u << 5,
    type_integer = 1u << 6, // a number with no fractional part
};

enum class Format { none, date, date_time };

// A "pattern" compiled once. Matching runs on UTF-32 so that "." and [à-ỹ] mean code
// points, not bytes (std::regex on char would split Vietnamese letters).
struct Pattern {
    std::string source;
    std::wregex regex;
};

struct Node {
    std::string pointer; // JSON pointer of this schema in the document, "" for the root
    std::string title;   // the "title" annotation, used to name anyOf/oneOf forms

    // A boolean schema: true accepts everything, false nothing.
    std::optional<bool> accepts_all;

    unsigned types = 0; // 0: any type
    std::optional<std::vector<nlohmann::json>> enum_values;
    std::optional<nlohmann::json> const_value;

    // Objects
    std::map<std::string, NodeId, std::less<>> properties;
    std::vector<std::string> required;
    std::vector<std::pair<Pattern, NodeId>> pattern_properties;
    NodeId additional_properties = kNoNode;

    // Arrays
    std::vector<NodeId> prefix_items;
    NodeId items = kNoNode;
    std::optional<std::uint64_t> min_items, max_items;
    bool unique_items = false;

    // Strings
    std::optional<std::uint64_t> min_length, max_length;
    std::optional<Pattern> pattern;
    // "x-vanban-pattern-message": what the pattern asks for, in words, in both languages;
    // said instead of the pattern itself when a value does not match.
    std::optional<Message> pattern_message;
    Format format = Format::none;

    // Numbers, kept as JSON numbers so that integer bounds compare exactly.
    std::optional<nlohmann::json> minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;

    // Applicators on the same value
    std::vector<NodeId> all_of, any_of, one_of;
    NodeId not_schema = kNoNode;
    NodeId if_schema = kNoNode, then_schema = kNoNode, else_schema = kNoNode;
    NodeId ref = kNoNode;
    std::string ref_text; // the "$ref" as written, until resolved
};

struct CompiledSchema {
    std::string source_name;
    std::vector<Node> nodes; // nodes[0] is the root
};

} // namespace vanban::schema::detail
