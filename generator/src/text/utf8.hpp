// UTF-8 at the edges of the library: validation with byte offsets, NFC, Unicode-aware case.
// Case mapping and normalisation are utf8proc's; nothing here rewrites tone-mark placement
// ("uỷ" stays "uỷ", "ủy" stays "ủy").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::text {

// Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF included), or nullopt when the whole text is valid. The offset is
// where the ill-formed sequence starts: for "A\xE1\x80" (truncated) it is 1, the lead byte.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
// Whether the whole text is valid UTF-8 (the same rules), without saying where it is not.
bool is_valid_utf8(std::string_view text);

// The text in Unicode Normalization Form C. The input must be valid UTF-8: otherwise
// throws vanban::Failure (kind data, byte_offset set). ASCII text is copied as it is.
std::string to_nfc(std::string_view text);
bool is_nfc(std::string_view text);

// True when every byte is below 0x80 (such text is valid UTF-8 and already NFC).
bool is_ascii(std::string_view text);

// Full-text case mapping per code point: "Đảng uỷ" -> "ĐẢNG UỶ", "ĐẢNG ỦY" -> "đảng ủy".
// Simple (one-to-one) mappings, so "ß" stays "ß"; bytes that are not valid UTF-8 are copied.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);
// First letter upper case, the rest unchanged: "về việc" -> "Về việc". Only the first code
// point is mapped (to title case), so a text starting with "(" or a space is unchanged.
std::string capitalize_first(std::string_view text);

// Number of code points; used for caret columns and the `length` filter on strings.
std::size_t count_code_points(std::string_view text);

// Decodes the code point at text[pos]; advances pos. The text must be valid UTF-8; where it
// is not, returns U+FFFD and advances one byte. At or past the end returns 0, pos unchanged.
// Inline for what Vietnamese text is made of (ASCII, two-byte letters and the three-byte
// letters of U+1E00–U+1EFF): layout and the writers decode every character of a document.
namespace detail {
// next_code_point for the sequences the inline part leaves: four bytes, E0 and ED leads
// (whose second byte has a narrower range), the end of the text and invalid bytes.
char32_t next_code_point_rare(std::string_view text, std::size_t& pos);
inline bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }
} // namespace detail

inline char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const std::size_t left = pos < text.size() ? text.size() - pos : 0;
    if (left == 0) return 0;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    if (p[0] < 0x80) {
        ++pos;
        return p[0];
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && detail::is_continuation(p[1])) {
        pos += 2;
        return (char32_t(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    // E1..EC and EE..EF take any continuation byte second (Unicode Table 3-7).
    if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && left >= 3 && detail::is_continuation(p[1]) &&
        detail::is_continuation(p[2])) {
        pos += 3;
        return (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    return detail::next_code_point_rare(text, pos);
}

// Appends cp encoded as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// Drops a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

} // namespace vanban::text
