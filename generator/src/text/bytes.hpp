// Looking at text eight bytes at a time (SWAR: a 64-bit word as eight bytes). The scans that
// pass over every byte of a document (the markup's tokens, the DOCX writer's escapes and
// line breaks) look for a few ASCII characters that plain text rarely holds: a word with
// none of them is passed over whole, and only a word that may hold one is looked at byte by
// byte. Portable C++; the compiler keeps a word in a register.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace vanban::text::bytes {

inline constexpr std::uint64_t ones = 0x0101010101010101ull;
inline constexpr std::uint64_t highs = 0x8080808080808080ull;

// The eight bytes at `at` (which must have eight bytes to read).
inline std::uint64_t load8(const char* at) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    return word;
}

// Non-zero when a byte of `word` is below `n` (n at most 128). Exact as a yes or no (from
// "Bit Twiddling Hacks"); which bits are set says nothing certain about which bytes.
constexpr std::uint64_t any_below(std::uint64_t word, unsigned n) { return (word - ones * n) & ~word & highs; }

// Non-zero when a byte of `word` equals `c`; exact as a yes or no.
constexpr std::uint64_t any_equal(std::uint64_t word, unsigned char c) { return any_below(word ^ (ones * c), 1); }

// The high bit of every byte of `word` that equals `c`, and no other bit: exact byte by
// byte (two neighbours are found with mask & (mask >> 8)).
constexpr std::uint64_t equal_bytes(std::uint64_t word, unsigned char c) {
    constexpr std::uint64_t lows = ~highs;
    const std::uint64_t x = word ^ (ones * c); // zero where the byte is c
    return ~(((x & lows) + lows) | x | lows);
}

// Where the next control character (a byte below 0x20: a tab, a line feed…) is, from
// `pos`; the text's size if none.
inline std::size_t next_control(std::string_view text, std::size_t pos) {
    for (; pos + 8 <= text.size(); pos += 8)
        if (any_below(load8(text.data() + pos), 0x20)) break;
    for (; pos < text.size(); ++pos)
        if (static_cast<unsigned char>(text[pos]) < 0x20) return pos;
    return text.size();
}

// Tab, line feed and carriage return: the control characters that XML 1.0 (and so the
// PDF's metadata and Word) can hold; it cannot hold the others, not even as "&#1;".
constexpr bool is_xml_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

// Where the first control character that XML 1.0 cannot hold is; the text's size if none.
inline std::size_t find_forbidden_control(std::string_view text) {
    std::size_t at = next_control(text, 0);
    while (at < text.size() && is_xml_control(static_cast<unsigned char>(text[at]))) at = next_control(text, at + 1);
    return at;
}

// Where the first U+FFFE or U+FFFF (EF BF BE, EF BF BF) is: Unicode's noncharacters, which
// XML 1.0 cannot hold either; the text's size if none. What they come from is most often
// a broken conversion.
inline std::size_t find_xml_noncharacter(std::string_view text) {
    for (std::size_t i = text.find('\xEF'); i != std::string_view::npos; i = text.find('\xEF', i + 1))
        if (i + 2 < text.size() && text[i + 1] == '\xBF' && (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) return i;
    return text.size();
}

// Where the first character of a valid UTF-8 text that XML 1.0 cannot hold is (a control
// character but tab, line feed and carriage return; U+FFFE; U+FFFF); the text's size if none.
inline std::size_t find_not_in_xml(std::string_view text) {
    const std::size_t control = find_forbidden_control(text);
    const std::size_t noncharacter = find_xml_noncharacter(text.substr(0, control));
    return noncharacter < control ? noncharacter : control;
}

} // namespace vanban::text::bytes
