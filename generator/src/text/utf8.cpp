// UTF-8 decoding and encoding are written here (they are small and the rules are fixed by
// the Unicode standard, Table 3-7), and so is finding where invalid UTF-8 starts; whether a
// whole text is valid is simdjson's vectorised check, normalisation and case mapping are
// utf8proc's, so this file holds no Unicode data tables.
#include "text/utf8.hpp"

#include "vanban/error.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>

#include <simdjson.h>
#include <utf8proc.h>

namespace vanban::text {
namespace {

constexpr char32_t replacement_character = 0xFFFD;

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the longest prefix made only of ASCII bytes. Eight bytes at a time: Vietnamese
// text is mostly ASCII (spaces, digits, unaccented letters), so this skips most of it.
std::size_t ascii_prefix_length(std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    std::size_t pos = 0;
    while (pos + 8 <= text.size()) {
        std::uint64_t chunk;
        std::memcpy(&chunk, text.data() + pos, 8);
        if (chunk & high_bits) break;
        pos += 8;
    }
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
    return pos;
}

// Decodes one well-formed sequence at text[pos]. Returns its length in bytes, or 0 when the
// bytes there are not well-formed UTF-8 (Unicode Table 3-7: the second byte's range depends
// on the lead byte, which is what excludes overlong forms, surrogates and > U+10FFFF).
std::size_t decode_at(std::string_view text, std::size_t pos, char32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const std::size_t left = text.size() - pos;
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    std::size_t length = 0;
    unsigned char second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) second_min = 0xA0;      // below: overlong
        else if (lead == 0xED) second_max = 0x9F; // above: surrogates D800..DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) second_min = 0x90;      // below: overlong
        else if (lead == 0xF4) second_max = 0x8F; // above: > U+10FFFF
    } else {
        return 0; // 80..C1 (continuation or overlong lead) and F5..FF never start a sequence
    }
    if (left < length) return 0;
    if (byte(1) < second_min || byte(1) > second_max) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (!is_continuation(byte(i))) return 0;

    char32_t value = lead & (0xFF >> (length + 1));
    for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (byte(i) & 0x3F);
    cp = value;
    return length;
}

// Applies a per-code-point mapping; bytes that are not valid UTF-8 are copied unchanged so a
// caller that skipped validation loses nothing.
template <typename Map>
std::string map_code_points(std::string_view text, Map map) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        char32_t cp = 0;
        const std::size_t length = decode_at(text, pos, cp);
        if (length == 0) {
            out.push_back(text[pos]);
            ++pos;
            continue;
        }
        append_utf8(out, map(cp));
        pos += length;
    }
    return out;
}

char32_t upper(char32_t cp) { return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))); }
char32_t lower(char32_t cp) { return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))); }

} // namespace

bool is_ascii(std::string_view text) { return ascii_prefix_length(text) == text.size(); }

// simdjson's check reads 16 or 32 bytes at a time: a fraction of a byte-wise scan's cost.
bool is_valid_utf8(std::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    // Nearly every text is valid; the scan below runs only to find where it is not.
    if (is_valid_utf8(text)) return std::nullopt;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (bytes[pos] < 0x80) {
            pos += ascii_prefix_length(text.substr(pos));
            continue;
        }
        // Vietnamese letters are two bytes (C2..DF) or three (E1..EC, EE, EF), and those
        // leads allow any continuation byte second (Table 3-7), so they are recognised here
        // without decoding; the leads with narrower rules take decode_at.
        const std::size_t left = text.size() - pos;
        const unsigned char lead = bytes[pos];
        if (lead >= 0xC2 && lead <= 0xDF && left >= 2 && is_continuation(bytes[pos + 1])) {
            pos += 2;
            continue;
        }
        if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && left >= 3 && is_continuation(bytes[pos + 1]) &&
            is_continuation(bytes[pos + 2])) {
            pos += 3;
            continue;
        }
        char32_t cp = 0;
        const std::size_t length = decode_at(text, pos, cp);
        if (length == 0) return pos;
        pos += length;
    }
    return std::nullopt;
}

std::string to_nfc(std::string_view text) {
    if (is_ascii(text)) return std::string(text); // ASCII is always NFC
    if (auto bad = find_invalid_utf8(text)) {
        Error error;
        error.kind = ErrorKind::data;
        error.message = msg("text.invalid-utf8", "invalid UTF-8 at byte {byte}", {{"byte", *bad}});
        error.byte_offset = static_cast<std::int64_t>(*bad);
        throw Failure(std::move(error));
    }
    utf8proc_uint8_t* mapped = nullptr;
    // STABLE: NFC as defined (no compatibility mappings, which would rewrite characters).
    // Composition never moves a tone mark to another letter: "uỷ" and "ủy" both survive.
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    if (length < 0) {
        throw Failure(ErrorKind::internal, msg("text.nfc-failed", "NFC normalisation failed: {reason}",
                                               {{"reason", utf8proc_errmsg(length)}}));
    }
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

namespace {

// Whether the text holds only code points that are NFC whatever surrounds them: they never
// decompose canonically and never combine with a neighbour (NFC_Quick_Check=Yes, and not a
// combining mark). The set covers what Vietnamese office text is made of — ASCII, Latin-1,
// Latin Extended-A/B (below U+0300), the precomposed letters of Latin Extended Additional
// (U+1E00–U+1EFF), typographic punctuation (U+2002–U+206F) and currency signs (U+20A0–U+20BF)
// — so normal data is recognised as NFC without normalising it. Anything else (combining
// marks, U+2000/U+2001 which are canonical singletons, other scripts) takes the full check.
// Works on bytes: the sets above are exactly these lead/continuation byte patterns.
bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool only_always_nfc(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            ++p;
        } else if (lead >= 0xC2 && lead <= 0xCB) { // U+0080–U+02FF
            if (end - p < 2 || !continuation(p[1])) return false;
            p += 2;
        } else if (end - p < 3 || !continuation(p[1]) || !continuation(p[2])) {
            return false;
        } else if (lead == 0xE1 && p[1] >= 0xB8 && p[1] <= 0xBB) { // U+1E00–U+1EFF
            p += 3;
        } else if (lead == 0xE2 &&
                   ((p[1] == 0x80 && p[2] >= 0x82) || p[1] == 0x81 ||      // U+2002–U+207F
                    (p[1] == 0x82 && p[2] >= 0xA0))) {                       // U+20A0–U+20BF
            if (p[1] == 0x81 && p[2] > 0xAF) return false;                   // U+2070–U+207F: full check
            p += 3;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

bool is_nfc(std::string_view text) {
    return only_always_nfc(text) || to_nfc(text) == text;
}

std::string to_upper(std::string_view text) { return map_code_points(text, upper); }

std::string to_lower(std::string_view text) { return map_code_points(text, lower); }

std::string capitalize_first(std::string_view text) {
    if (text.empty()) return {};
    char32_t cp = 0;
    const std::size_t length = decode_at(text, 0, cp);
    if (length == 0) return std::string(text);
    // Title case, not upper case: they differ only for digraphs such as "ǆ" -> "ǅ", which is
    // what capitalising a word means; for Vietnamese letters both give the same letter.
    std::string out;
    out.reserve(text.size());
    append_utf8(out, static_cast<char32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(cp))));
    out.append(text.substr(length));
    return out;
}

std::size_t count_code_points(std::string_view text) {
    // In valid UTF-8 every code point has exactly one byte that is not a continuation byte.
    std::size_t count = 0;
    for (const char c : text)
        if (!is_continuation(static_cast<unsigned char>(c))) ++count;
    return count;
}

char32_t detail::next_code_point_rare(std::string_view text, std::size_t& pos) {
    if (pos >= text.size()) return 0;
    char32_t cp = 0;
    const std::size_t length = decode_at(text, pos, cp);
    if (length == 0) {
        ++pos; // resynchronise on the next byte
        return replacement_character;
    }
    pos += length;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = replacement_character;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string_view strip_bom(std::string_view text) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
    return text;
}

} // namespace vanban::text
