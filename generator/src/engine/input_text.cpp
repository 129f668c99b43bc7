#include "engine/input_text.hpp"

#include <cctype>

#include "engine/data_input.hpp"
#include "text/json_path.hpp"
#include "text/legacy.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

using nlohmann::json;

// More warnings than this about one data file say nothing new: the rest are counted.
constexpr std::size_t max_warnings = 20;

std::string mebibytes(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

} // namespace

std::optional<text::LegacyEncoding> legacy_of(InputEncoding encoding) {
    switch (encoding) {
    case InputEncoding::utf8: return std::nullopt;
    case InputEncoding::tcvn3: return text::LegacyEncoding::tcvn3;
    case InputEncoding::vni: return text::LegacyEncoding::vni;
    case InputEncoding::cp1258: return text::LegacyEncoding::cp1258;
    }
    return std::nullopt;
}

namespace {

void check_size(std::string_view text, const std::string& name, const DataLimits& limits) {
    if (text.size() <= limits.max_data_bytes) return;
    Error error;
    error.kind = ErrorKind::limit;
    error.message = "the data is larger than " + mebibytes(limits.max_data_bytes) +
                    " (max_data_bytes); one document's data is far smaller";
    error.where.file = name;
    throw Failure(std::move(error));
}

// Data that is not UTF-8 is most often a legacy file: say how to read one.
void check_utf8(std::string_view text, const std::string& name) {
    const std::string_view body = text::strip_bom(text);
    const std::optional<std::size_t> bad = text::find_invalid_utf8(body);
    if (!bad) return;
    const std::size_t offset = *bad + (text.size() - body.size());
    Error error;
    error.kind = ErrorKind::data;
    error.message = "invalid UTF-8 at byte " + std::to_string(offset) +
                    " (save the file as UTF-8, or give its legacy encoding: --input-encoding tcvn3, vni or cp1258)";
    error.where.file = name;
    error.byte_offset = static_cast<std::int64_t>(offset);
    throw Failure(std::move(error));
}

// Raw legacy bytes -> UTF-8; a byte the encoding does not define is reported in the file.
std::string decode_raw(std::string_view text, const std::string& name, text::LegacyEncoding encoding) {
    try {
        return text::decode_legacy(text, encoding);
    } catch (Failure& failure) {
        failure.error().where.file = name;
        throw;
    }
}

// Legacy text shown as Latin-1: each string and key that maps back to bytes is decoded.
void decode_shown_strings(json& value, text::LegacyEncoding encoding) {
    if (value.is_string()) {
        auto& s = value.get_ref<std::string&>();
        if (std::optional<std::string> decoded = text::decode_shown_as_latin1(s, encoding)) s = std::move(*decoded);
        return;
    }
    if (value.is_array()) {
        for (json& item : value) decode_shown_strings(item, encoding);
        return;
    }
    if (!value.is_object()) return;
    json rebuilt = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
        std::optional<std::string> key = text::decode_shown_as_latin1(it.key(), encoding);
        json& member = rebuilt[key ? *key : it.key()];
        member = std::move(it.value());
        decode_shown_strings(member, encoding);
    }
    value = std::move(rebuilt);
}

// One walk over the parsed data: strings past the size limit stop the render; strings that
// look like legacy text add a warning (only when no encoding was given: with one, the user
// has already said what the data is).
class StringCheck {
public:
    StringCheck(const DataLimits& limits, bool look_for_legacy, std::vector<Warning>& warnings)
        : limits_(limits), look_for_legacy_(look_for_legacy), warnings_(warnings) {}

    void walk(const json& value) { walk(value, nullptr); }

    // The warning that stands for the ones not listed.
    void finish() {
        if (unlisted_ == 0) return;
        warnings_.push_back(Warning{"", "and " + std::to_string(unlisted_) + " more field" +
                                            (unlisted_ == 1 ? " looks" : "s look") + " like legacy text"});
    }

private:
    // Where a value sits, as a chain of steps on the stack: the path text is built only for
    // a value that needs a message, not for every value of the document.
    struct Step {
        const Step* parent;
        const std::string* key; // or, when null, an array index
        std::size_t index;
    };

    static text::JsonPath path_of(const Step* step) {
        if (!step) return {};
        text::JsonPath path = path_of(step->parent);
        return step->key ? path.add_key(*step->key) : path.add_index(step->index);
    }

    void walk(const json& value, const Step* step) {
        if (value.is_string()) return check(value.get_ref<const std::string&>(), step);
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                const Step child{step, nullptr, i};
                walk(value[i], &child);
            }
        } else if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                const Step child{step, &it.key(), 0};
                walk(it.value(), &child);
            }
        }
    }

    void check(const std::string& s, const Step* step) {
        if (s.size() > limits_.max_data_string_bytes) {
            const text::JsonPath path = path_of(step);
            Error error;
            error.kind = ErrorKind::limit;
            error.json_path = path.text();
            error.message = path.describe() + ": a text of " +
                            std::to_string(s.size()) + " bytes is longer than " +
                            mebibytes(limits_.max_data_string_bytes) + " (max_data_string_bytes)";
            throw Failure(std::move(error));
        }
        if (!look_for_legacy_ || text::is_ascii(s)) return;
        std::optional<text::LegacyEncoding> guess = text::guess_shown_as_latin1(s);
        if (!guess) return;
        if (warnings_.size() >= max_warnings) {
            ++unlisted_;
            return;
        }
        const bool tcvn3 = *guess == text::LegacyEncoding::tcvn3;
        warnings_.push_back(Warning{path_of(step).text(), std::string("looks like ") + (tcvn3 ? "TCVN3" : "VNI") +
                                                       " text shown as Latin-1; use --input-encoding " +
                                                       text::legacy_encoding_name(*guess)});
    }

    const DataLimits& limits_;
    bool look_for_legacy_;
    std::vector<Warning>& warnings_;
    std::size_t unlisted_ = 0;
};

} // namespace

json read_data(std::string_view text, const std::string& name, InputEncoding encoding, const DataLimits& limits,
               std::vector<Warning>& warnings) {
    check_size(text, name, limits);
    json data;
    const std::optional<text::LegacyEncoding> legacy = legacy_of(encoding);
    if (legacy && text::find_invalid_utf8(text::strip_bom(text))) {
        data = parse_data(decode_raw(text, name, *legacy), name, limits.max_depth);
    } else {
        // Either check_utf8 or the test above has found the text to be valid UTF-8.
        if (!legacy) check_utf8(text, name);
        data = parse_valid_data(text, name, limits.max_depth);
        if (legacy) decode_shown_strings(data, *legacy);
    }
    StringCheck check(limits, !legacy, warnings);
    try {
        check.walk(data);
    } catch (Failure& failure) {
        failure.error().where.file = name;
        throw;
    }
    check.finish();
    return data;
}

} // namespace vanban::engine

namespace vanban {

const char* input_encoding_name(InputEncoding encoding) {
    if (encoding == InputEncoding::utf8) return "utf-8";
    return text::legacy_encoding_name(*engine::legacy_of(encoding));
}

bool parse_input_encoding(std::string_view name, InputEncoding& encoding) {
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "utf-8" || lower == "utf8") {
        encoding = InputEncoding::utf8;
        return true;
    }
    const std::optional<text::LegacyEncoding> legacy = text::parse_legacy_encoding(name);
    if (!legacy) return false;
    switch (*legacy) {
    case text::LegacyEncoding::tcvn3: encoding = InputEncoding::tcvn3; break;
    case text::LegacyEncoding::vni: encoding = InputEncoding::vni; break;
    case text::LegacyEncoding::cp1258: encoding = InputEncoding::cp1258; break;
    }
    return true;
}

} // namespace vanban
