#include "text/json_path.hpp"

#include <charconv>
#include <cstdio>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace vanban::text {

namespace {

bool is_ascii_letter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// A key as a JSON string: quotes, backslashes and control characters escaped, the rest as it is.
void append_quoted(std::string& out, std::string_view key) {
    out += '"';
    for (char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

// Reads the JSON string starting at text[pos] (its opening quote) into `key`; pos ends
// after the closing quote. Only the escapes append_quoted writes, and \/ \b \f \n \r \t.
bool read_quoted(std::string_view text, std::size_t& pos, std::string& key) {
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            ++pos;
            return true;
        }
        if (c != '\\') {
            key += c;
            continue;
        }
        if (++pos >= text.size()) return false;
        switch (text[pos]) {
        case '"': case '\\': case '/': key += text[pos]; break;
        case 'b': key += '\b'; break;
        case 'f': key += '\f'; break;
        case 'n': key += '\n'; break;
        case 'r': key += '\r'; break;
        case 't': key += '\t'; break;
        case 'u': {
            unsigned value = 0;
            if (pos + 4 >= text.size()) return false;
            const auto [end, error] = std::from_chars(text.data() + pos + 1, text.data() + pos + 5, value, 16);
            if (error != std::errc() || end != text.data() + pos + 5) return false;
            append_utf8(key, static_cast<char32_t>(value));
            pos += 4;
            break;
        }
        default: return false;
        }
    }
    return false;
}

// A name at text[pos] (after a dot, or at the start); pos ends after it.
bool read_name(std::string_view text, std::size_t& pos, std::string& key) {
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != '.' && text[pos] != '[') {
        std::size_t next = pos;
        if (!is_name_code_point(next_code_point(text, next), pos == start)) return false;
        pos = next;
    }
    key.assign(text.substr(start, pos - start));
    return pos > start;
}

// "[3]" or ["key"] at text[pos]; pos ends after the ']'.
bool read_bracket(std::string_view text, std::size_t& pos, JsonPathStep& step) {
    ++pos; // '['
    if (pos < text.size() && text[pos] == '"') {
        if (!read_quoted(text, pos, step.key)) return false;
    } else {
        std::size_t index = 0;
        const auto [end, error] = std::from_chars(text.data() + pos, text.data() + text.size(), index);
        if (error != std::errc() || end == text.data() + pos) return false;
        pos = static_cast<std::size_t>(end - text.data());
        step.index = index;
    }
    if (pos >= text.size() || text[pos] != ']') return false;
    ++pos;
    return true;
}

} // namespace

bool is_name_code_point(char32_t cp, bool first) {
    if (cp < 0x80) return is_ascii_letter(cp) || cp == '_' || (!first && is_digit(cp));
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: return true;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: return !first;
    default: return false;
    }
}

bool is_name(std::string_view key) {
    if (key.empty() || !is_valid_utf8(key)) return false;
    for (std::size_t pos = 0; pos < key.size();) {
        const bool first = pos == 0;
        if (!is_name_code_point(next_code_point(key, pos), first)) return false;
    }
    return true;
}

JsonPath& JsonPath::add_key(std::string_view key) {
    if (is_name(key)) {
        if (!text_.empty()) text_ += '.';
        text_ += key;
    } else {
        text_ += '[';
        append_quoted(text_, key);
        text_ += ']';
    }
    return *this;
}

JsonPath& JsonPath::add_index(std::size_t index) {
    text_ += '[';
    text_ += std::to_string(index);
    text_ += ']';
    return *this;
}

std::string JsonPath::describe() const { return text_.empty() ? std::string("the data") : text_; }

std::optional<std::vector<JsonPathStep>> parse_json_path(std::string_view text) {
    std::vector<JsonPathStep> steps;
    std::size_t pos = 0;
    while (pos < text.size()) {
        JsonPathStep step;
        if (text[pos] == '[') {
            if (!read_bracket(text, pos, step)) return std::nullopt;
        } else {
            if (!steps.empty()) {
                if (text[pos] != '.') return std::nullopt;
                ++pos;
            }
            if (!read_name(text, pos, step.key)) return std::nullopt;
        }
        steps.push_back(std::move(step));
    }
    if (steps.empty()) return std::nullopt;
    return steps;
}

} // namespace vanban::text
