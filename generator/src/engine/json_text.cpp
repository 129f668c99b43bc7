#include "engine/json_text.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "engine/json_reader.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

using nlohmann::json;

// Line (1-based), column (1-based, in code points) and the line's text at a byte offset.
struct TextPosition {
    std::uint32_t line = 1, column = 1;
    std::string line_text;
};

TextPosition position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition pos;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            line_start = i + 1;
        }
    }
    pos.column = 1 + static_cast<std::uint32_t>(
                         text::count_code_points(text.substr(line_start, offset - line_start)));
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A line of minified JSON can be megabytes long: it is not shown under the message then
    // (the line and column still say where).
    constexpr std::size_t max_shown_line_bytes = 1000;
    if (line.size() <= max_shown_line_bytes) pos.line_text = std::string(line);
    return pos;
}

[[noreturn]] void fail_at(std::string_view text, std::size_t offset, const std::string& name,
                          Message message, ErrorKind kind = ErrorKind::data) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    TextPosition pos = position_of(text, offset);
    error.where = SourceLocation{name, pos.line, pos.column};
    error.source_line = std::move(pos.line_text);
    throw Failure(std::move(error));
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 3,
// column 5: syntax error while parsing value - " — keep only the part a person needs.
Message short_parse_message(const std::string& what) {
    std::string reason = what;
    if (auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
    if (auto dash = reason.find(" - "); dash != std::string::npos) reason = reason.substr(dash + 3);
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
    // nlohmann's reason is English only; the frame is ours.
    return msg("data.malformed-json", "malformed JSON: {reason}", {{"reason", reason}});
}

// Where the string opened by the quote at text[open] ends: the index of its closing quote, or
// text.size() when it is not closed. memchr finds each quote (it is vectorised, and strings
// are most of the data's bytes); a quote closes the string only when an even number of
// backslashes stands before it. Counting back stops at the opening quote at the latest.
std::size_t string_end(std::string_view text, std::size_t open) {
    std::size_t pos = open + 1;
    while (pos < text.size()) {
        const void* found = std::memchr(text.data() + pos, '"', text.size() - pos);
        if (found == nullptr) break;
        const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
        std::size_t backslashes = 0;
        while (text[quote - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return quote;
        pos = quote + 1;
    }
    return text.size();
}

// Nesting and the number of values, counted on the text before a parser builds anything:
// deep nesting would exhaust the recursive parser's stack, and a document's values cost
// memory many times their text (an object of one member takes about 100 bytes for its 8).
// A container holds one value more than the commas directly in it, unless it is empty.
void check_shape(std::string_view text, const std::string& name, const JsonShapeLimits& limits) {
    int depth = 0;
    std::size_t values = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            i = string_end(text, i); // brackets and commas inside strings do not count
            continue;
        }
        if (c == '[' || c == '{') {
            if (++depth > limits.max_depth)
                fail_at(text, i, name, too_deep(limits.max_depth), ErrorKind::limit);
            const std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
            if (next != std::string_view::npos && text[next] != ']' && text[next] != '}') ++values;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',') {
            ++values;
        } else {
            continue;
        }
        if (values > limits.max_values)
            fail_at(text, i, name, too_many_values(limits.max_values), ErrorKind::limit);
    }
}

// Where nlohmann met `token`, a number it could not hold (it names the token but not its
// place): its first occurrence outside strings, standing alone. An earlier one would have
// failed first, so the first is the one.
std::size_t offset_of_number(std::string_view text, std::string_view token) {
    const auto is_number_char = [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    };
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (text.substr(i, token.size()) == token && (i == 0 || !is_number_char(text[i - 1])) &&
                 (i + token.size() == text.size() || !is_number_char(text[i + token.size()])))
            return i;
    }
    return 0;
}

// nlohmann's parse, for what the fast reader declines: it reads the rare cases (integers
// beyond 64 bits) and words every error, which is placed at its line and column here.
json parse_with_nlohmann(std::string_view body, const std::string& name) {
    try {
        return json::parse(body.begin(), body.end());
    } catch (const json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        fail_at(body, offset, name, short_parse_message(e.what()));
    } catch (const json::out_of_range& e) {
        // Error 406: a number beyond double's range ("1e400"), the only one parsing raises.
        // The message quotes the number: "number overflow parsing '1e400'".
        const std::string what = e.what();
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        const std::string token = open < close ? what.substr(open + 1, close - open - 1) : std::string();
        fail_at(body, token.empty() ? 0 : offset_of_number(body, token), name,
                token.empty() ? msg("data.number-too-large-here", "malformed JSON: a number too large (beyond ±1.8e308)")
                              : msg("data.number-too-large", "malformed JSON: the number {number} is too large (beyond ±1.8e308)",
                                    {{"number", token}}));
    }
}

} // namespace

Message too_deep(int max_depth) {
    return msg("data.too-deep", "JSON nesting deeper than {limit} levels", {{"limit", max_depth}});
}

Message too_many_values(std::size_t max_values) {
    return msg("data.too-many-values",
               "the data holds more than {limit} values (max_data_values); one document's data holds far fewer",
               {{"limit", max_values}});
}

json parse_json_text(std::string_view text, const std::string& name, const JsonShapeLimits& limits) {
    const std::string_view body = text::strip_bom(text);
    check_shape(body, name, limits);
    std::optional<json> data = read_json_fast(body);
    if (!data) data = parse_with_nlohmann(body, name);
    return std::move(*data);
}

} // namespace vanban::engine
