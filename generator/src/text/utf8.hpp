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
// points above U+10FFFF included), or nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The text in Unicode Normalization Form C. The input must be valid UTF-8.
std::string to_nfc(std::string_view text);
bool is_nfc(std::string_view text);

// Full-text case mapping per code point: "Đảng uỷ" -> "ĐẢNG UỶ", "ĐẢNG ỦY" -> "đảng ủy".
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);
// First letter upper case, the rest unchanged: "về việc" -> "Về việc".
std::string capitalize_first(std::string_view text);

// Number of code points; used for caret columns and the `length` filter on strings.
std::size_t count_code_points(std::string_view text);

// Decodes the code point at text[pos]; advances pos. The text must be valid UTF-8.
char32_t next_code_point(std::string_view text, std::size_t& pos);
void append_utf8(std::string& out, char32_t cp);

// Drops a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

} // namespace vanban::text
