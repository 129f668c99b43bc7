#include "engine/data_reader.hpp"

#include <cctype>
#include <cstdio>
#include <limits>

#include "engine/json_text.hpp"
#include "text/bytes.hpp"
#include "text/json_path.hpp"
#include "text/legacy.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

using nlohmann::json;

// More warnings than this about one data file say nothing new: the rest are counted.
constexpr std::size_t max_warnings = 20;

Message size_text(std::size_t bytes) {
    if (bytes % (1u << 20) == 0) return msg("size.mebibytes", "{count} MiB", {{"count", bytes >> 20}});
    return msg("size.bytes", "{count} bytes", {{"count", bytes}});
}

// "header.issuer: …", or "the data: …" for the whole data.
Message at_path(const text::JsonPath& path, Message problem) {
    if (path.empty()) return msg("data.whole-problem", "the data: {problem}", {{"problem", std::move(problem)}});
    return msg("data.path-problem", "{path}: {problem}", {{"path", path.text()}, {"problem", std::move(problem)}});
}

[[noreturn]] void fail(ErrorKind kind, const std::string& name, Message message, const text::JsonPath* path = nullptr,
                       Message hint = {}) {
    Error error;
    error.kind = kind;
    error.where.file = name;
    if (path) {
        error.json_path = path->text();
        message = at_path(*path, std::move(message));
    }
    error.message = std::move(message);
    error.hint = std::move(hint);
    throw Failure(std::move(error));
}

[[noreturn]] void fail_too_large(const std::string& name, const DataLimits& limits) {
    fail(ErrorKind::limit, name,
         msg("data.too-large", "the data is larger than {limit} (max_data_bytes); one document's data is far smaller",
             {{"limit", size_text(limits.max_data_bytes)}}));
}

[[noreturn]] void fail_too_many_values(const std::string& name, const DataLimits& limits) {
    fail(ErrorKind::limit, name, too_many_values(limits.max_values));
}

// Data that is not UTF-8 is most often a legacy file: say how to read one.
Message utf8_hint() {
    return msg("data.utf8-hint", "save the file as UTF-8, or give its legacy encoding: --input-encoding tcvn3, vni or cp1258");
}

[[noreturn]] void fail_invalid_utf8(const std::string& name, std::size_t offset) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = msg("data.invalid-utf8", "invalid UTF-8 at byte {byte}", {{"byte", offset}});
    error.hint = utf8_hint();
    error.where.file = name;
    error.byte_offset = static_cast<std::int64_t>(offset);
    throw Failure(std::move(error));
}

// Raw legacy bytes -> UTF-8; a byte the encoding does not define is reported in the data.
std::string decode_raw(std::string_view bytes, const std::string& name, text::LegacyEncoding encoding) {
    try {
        return text::decode_legacy(bytes, encoding);
    } catch (Failure& failure) {
        failure.error().where.file = name;
        throw;
    }
}

// How the strings of the JSON come: checked UTF-8 (or text decoded from raw legacy bytes
// as a whole), legacy text shown as Latin-1, or built JSON in a legacy encoding whose
// strings may be either raw legacy bytes or legacy text shown as Latin-1.
enum class Decoding { none, shown_as_latin1, each_string };

// The one walk over the data: decodes legacy strings and keys, brings them to NFC, checks
// the strings' size and, for built JSON, what the text scan checks for data text (size,
// nesting, number of values), and notes strings that look like legacy text.
class DataWalk {
public:
    DataWalk(const DataSource& source, const DataLimits& limits, Decoding decoding, bool built,
             std::vector<Warning>* warnings)
        : source_(source), limits_(limits), legacy_(legacy_of(source.encoding)), decoding_(decoding), built_(built),
          warnings_(warnings) {}

    void run(json& data) {
        value(data, nullptr, 0);
        if (warnings_ && unlisted_ > 0)
            warnings_->push_back(Warning{"", msg_n("data.more-legacy-fields", "and {count} more field looks like legacy text",
                                                   "and {count} more fields look like legacy text", unlisted_)});
    }

private:
    // Where a value sits, as a chain of steps on the stack: the path is written only for a
    // value that needs a message, not for every value of the document.
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

    [[noreturn]] void fail_at(const Step* step, ErrorKind kind, Message message, Message hint = {}) const {
        const text::JsonPath path = path_of(step);
        fail(kind, source_.name, std::move(message), &path, std::move(hint));
    }

    void value(json& v, const Step* at, int depth) {
        count(v.is_string() ? v.get_ref<const std::string&>().size() + 2 : 1);
        switch (v.type()) {
        case json::value_t::string: return string_value(v.get_ref<std::string&>(), at);
        case json::value_t::array: return array(v, at, depth + 1);
        case json::value_t::object: return object(v, at, depth + 1);
        default: return;
        }
    }

    void array(json& v, const Step* at, int depth) {
        check_depth(at, depth);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const Step item{at, nullptr, i};
            value(v[i], &item, depth);
        }
    }

    void object(json& v, const Step* at, int depth) {
        check_depth(at, depth);
        // An object with a key to change is rebuilt: its keys are its order.
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (decoded(it.key(), at, true)) {
                rebuild_keys(v, at);
                break;
            }
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            count_text(it.key().size() + 3);
            const Step member{at, &it.key(), 0};
            value(it.value(), &member, depth);
        }
    }

    void rebuild_keys(json& v, const Step* at) const {
        json rebuilt = json::object();
        for (auto it = v.begin(); it != v.end(); ++it) {
            std::optional<std::string> key = decoded(it.key(), at, true);
            rebuilt[key ? std::move(*key) : it.key()] = std::move(it.value());
        }
        v = std::move(rebuilt);
    }

    void string_value(std::string& s, const Step* at) {
        if (std::optional<std::string> fixed = decoded(s, at, false)) s = std::move(*fixed);
        if (const std::size_t bad = text::bytes::find_not_in_xml(s); bad < s.size()) fail_not_in_xml(s, bad, at);
        if (s.size() > limits_.max_data_string_bytes)
            fail_at(at, ErrorKind::limit,
                    msg("data.text-too-long", "a text of {bytes} bytes is longer than {limit} (max_data_string_bytes)",
                        {{"bytes", s.size()}, {"limit", size_text(limits_.max_data_string_bytes)}}));
        if (warnings_ && !legacy_ && !text::is_ascii(s)) note_legacy_look(s, at);
    }

    // A character XML 1.0 cannot hold (a control character but tab, line feed and carriage
    // return; U+FFFE or U+FFFF) would print as nothing (or a box) and make the PDF's metadata
    // and Word's XML ill-formed: refused where it stands rather than dropped, as it most
    // often comes from a copy (Word's Shift+Enter line break is U+000B) or a broken
    // conversion.
    [[noreturn]] void fail_not_in_xml(const std::string& s, std::size_t at_byte, const Step* at) const {
        std::size_t next = at_byte;
        const char32_t code = text::next_code_point(s, next);
        char hex[12];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
        const MessageArg code_arg("code", std::string(hex));
        const MessageArg character("character", text::count_code_points(std::string_view(s).substr(0, at_byte)) + 1);
        if (code >= 0xFFFE)
            fail_at(at, ErrorKind::data,
                    msg("data.noncharacter",
                        "the text holds {code} at character {character}, which is no character (most often the trace of "
                        "a broken conversion): it cannot be printed, nor kept in the PDF's metadata or in Word; remove it",
                        {code_arg, character}));
        fail_at(at, ErrorKind::data,
                msg("data.control-character",
                    "the text holds a control character, {code}, at character {character}: it cannot be printed, nor kept "
                    "in the PDF's metadata or in Word; remove it",
                    {code_arg, character}),
                code == 0x0B ? msg("data.control-character-line-break",
                                   "U+000B is the line break Word makes with Shift+Enter: write a line break (\\n in JSON) "
                                   "instead")
                             : Message());
    }

    // The text in UTF-8 NFC, decoded from its legacy encoding first; nullopt when it is so
    // already. A key's problems are reported at the object holding it.
    std::optional<std::string> decoded(const std::string& s, const Step* at, bool is_key) const {
        std::optional<std::string> fixed;
        if (decoding_ == Decoding::each_string && !text::is_valid_utf8(s)) {
            fixed = decode_raw_at(s, at);
        } else if (built_ && !legacy_) {
            if (const std::optional<std::size_t> bad = text::find_invalid_utf8(s))
                fail_at(at, ErrorKind::data,
                        is_key ? msg("data.key-not-utf8", "a key is not valid UTF-8 (byte {byte})", {{"byte", *bad}})
                               : msg("data.text-not-utf8", "the text is not valid UTF-8 (byte {byte})", {{"byte", *bad}}),
                        utf8_hint());
        } else if (decoding_ != Decoding::none && !text::is_ascii(s)) {
            fixed = text::decode_shown_as_latin1(s, *legacy_);
        }
        const std::string& current = fixed ? *fixed : s;
        if (!text::is_nfc(current)) fixed = text::to_nfc(current);
        return fixed;
    }

    // A string of raw legacy bytes; a byte the encoding lacks is reported with its path.
    std::string decode_raw_at(const std::string& s, const Step* at) const {
        try {
            return text::decode_legacy(s, *legacy_);
        } catch (Failure& failure) {
            const text::JsonPath path = path_of(at);
            failure.error().where.file = source_.name;
            failure.error().json_path = path.text();
            failure.error().message = at_path(path, std::move(failure.error().message));
            throw;
        }
    }

    void note_legacy_look(const std::string& s, const Step* at) {
        const std::optional<text::LegacyEncoding> guess = text::guess_shown_as_latin1(s);
        if (!guess) return;
        if (warnings_->size() >= max_warnings) {
            ++unlisted_;
            return;
        }
        const bool tcvn3 = *guess == text::LegacyEncoding::tcvn3;
        warnings_->push_back(Warning{path_of(at).text(),
                                     msg("data.looks-legacy", "looks like {encoding} text shown as Latin-1; use --input-encoding {option}",
                                         {{"encoding", tcvn3 ? "TCVN3" : "VNI"}, {"option", text::legacy_encoding_name(*guess)}})});
    }

    // Built JSON has no text whose scan counted its values and size: they are counted here
    // (the size as the shortest text that could hold the data: strings and keys with their
    // quotes, a byte for every other value and separator).
    void count(std::size_t text_bytes) {
        if (!built_) return;
        if (++values_ > limits_.max_values) fail_too_many_values(source_.name, limits_);
        count_text(text_bytes);
    }

    void count_text(std::size_t text_bytes) {
        if (!built_) return;
        bytes_ += text_bytes + 1;
        if (bytes_ > limits_.max_data_bytes) fail_too_large(source_.name, limits_);
    }

    void check_depth(const Step* at, int depth) const {
        if (built_ && depth > limits_.max_depth)
            fail_at(at, ErrorKind::limit, too_deep(limits_.max_depth));
    }

    const DataSource& source_;
    const DataLimits& limits_;
    std::optional<text::LegacyEncoding> legacy_;
    Decoding decoding_;
    bool built_;
    std::vector<Warning>* warnings_;
    std::size_t unlisted_ = 0, values_ = 0, bytes_ = 0;
};

} // namespace

DataLimits data_limits(const EngineOptions& options) {
    DataLimits limits;
    limits.max_data_bytes = options.max_data_bytes;
    limits.max_data_string_bytes = options.max_data_string_bytes;
    limits.max_values = options.max_data_values;
    return limits;
}

std::optional<text::LegacyEncoding> legacy_of(InputEncoding encoding) {
    switch (encoding) {
    case InputEncoding::utf8: return std::nullopt;
    case InputEncoding::tcvn3: return text::LegacyEncoding::tcvn3;
    case InputEncoding::vni: return text::LegacyEncoding::vni;
    case InputEncoding::cp1258: return text::LegacyEncoding::cp1258;
    }
    return std::nullopt;
}

json read_data(std::string_view text, const DataSource& source, const DataLimits& limits,
               std::vector<Warning>* warnings) {
    if (text.size() > limits.max_data_bytes) fail_too_large(source.name, limits);
    const std::optional<text::LegacyEncoding> legacy = legacy_of(source.encoding);
    const std::string_view body = text::strip_bom(text);
    const JsonShapeLimits shape{limits.max_depth, limits.max_values};
    json data;
    Decoding decoding = Decoding::none;
    if (const std::optional<std::size_t> bad = text::find_invalid_utf8(body)) {
        // Not UTF-8: raw legacy bytes, decoded whole (JSON's structural characters are
        // ASCII in every legacy encoding), or a mistake.
        if (!legacy) fail_invalid_utf8(source.name, *bad + (text.size() - body.size()));
        data = parse_json_text(decode_raw(text, source.name, *legacy), source.name, shape);
    } else {
        data = parse_json_text(body, source.name, shape);
        if (legacy) decoding = Decoding::shown_as_latin1;
    }
    DataWalk(source, limits, decoding, false, warnings).run(data);
    return data;
}

json adopt_data(json data, const DataSource& source, const DataLimits& limits, std::vector<Warning>* warnings) {
    const Decoding decoding = legacy_of(source.encoding) ? Decoding::each_string : Decoding::none;
    DataWalk(source, limits, decoding, true, warnings).run(data);
    return data;
}

json parse_data(std::string_view text, const std::string& name, int max_depth) {
    DataLimits limits;
    limits.max_data_bytes = limits.max_data_string_bytes = limits.max_values = std::numeric_limits<std::size_t>::max();
    limits.max_depth = max_depth;
    return read_data(text, DataSource{name, InputEncoding::utf8}, limits, nullptr);
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
