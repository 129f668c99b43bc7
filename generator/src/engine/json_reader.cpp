#include "engine/json_reader.hpp"

#include <simdjson.h>

namespace vanban::engine {
namespace {

using nlohmann::json;

// simdjson's value, as nlohmann would have typed it. Returns false for what nlohmann reads
// differently from simdjson.
bool convert(simdjson::dom::element element, json& out) {
    switch (element.type()) {
    case simdjson::dom::element_type::OBJECT: {
        out = json::object();
        for (simdjson::dom::key_value_pair field : simdjson::dom::object(element)) {
            // operator[]: a repeated key keeps its last value, as with nlohmann.
            if (!convert(field.value, out[std::string(field.key)])) return false;
        }
        return true;
    }
    case simdjson::dom::element_type::ARRAY: {
        const simdjson::dom::array array(element);
        out = json::array();
        out.get_ref<json::array_t&>().reserve(array.size());
        for (simdjson::dom::element item : array) {
            json& slot = out.emplace_back();
            if (!convert(item, slot)) return false;
        }
        return true;
    }
    case simdjson::dom::element_type::STRING:
        out = std::string(std::string_view(element));
        return true;
    case simdjson::dom::element_type::INT64: {
        // nlohmann types every integer without a minus sign as unsigned.
        const std::int64_t value = std::int64_t(element);
        if (value >= 0) out = static_cast<std::uint64_t>(value);
        else out = value;
        return true;
    }
    case simdjson::dom::element_type::UINT64:
        out = std::uint64_t(element);
        return true;
    case simdjson::dom::element_type::DOUBLE:
        out = double(element);
        return true;
    case simdjson::dom::element_type::BOOL:
        out = bool(element);
        return true;
    case simdjson::dom::element_type::NULL_VALUE:
        out = nullptr;
        return true;
    }
    return false;
}

// Whether the text may hold the number -0: nlohmann types it as a signed integer, "0" as an
// unsigned one, and simdjson reads both as the same int64. A '-' followed by '0' and no
// digit, '.' or exponent is enough to decline (a string that holds it costs only time).
bool may_hold_negative_integer_zero(std::string_view text) {
    for (std::size_t i = text.find("-0"); i != std::string_view::npos; i = text.find("-0", i + 2)) {
        const char next = i + 2 < text.size() ? text[i + 2] : ' ';
        if (!((next >= '0' && next <= '9') || next == '.' || next == 'e' || next == 'E')) return true;
    }
    return false;
}

} // namespace

std::optional<json> read_json_fast(std::string_view text) {
    if (may_hold_negative_integer_zero(text)) return std::nullopt;
    // A parser keeps its buffers (several times the text's size) between documents, and is
    // not shared between threads: one per thread serves the usual data, and a larger text
    // gets a parser of its own, freed after it, so that one large document does not pin its
    // buffers to the thread for good.
    constexpr std::size_t reused_parser_max_bytes = 1u << 20;
    thread_local simdjson::dom::parser reused_parser;
    std::optional<simdjson::dom::parser> own_parser;
    simdjson::dom::parser& parser = text.size() <= reused_parser_max_bytes ? reused_parser : own_parser.emplace();
    simdjson::dom::element root;
    // simdjson reads a few bytes past the end of the text: a padded copy gives it room.
    if (parser.parse(simdjson::padded_string(text)).get(root) != simdjson::SUCCESS) return std::nullopt;
    json value;
    if (!convert(root, value)) return std::nullopt;
    return value;
}

} // namespace vanban::engine
