// How text is coded in the content streams, and the CMaps that tell readers.
//
// Every font uses one embedded Encoding CMap (PDF 9.7.5) with codes of two lengths, and the
// number a code spells is the character's Unicode value, which is also its character ID
// (CID), as with Identity-H:
//
//   U+0001..U+007F   one byte: the code point           "a" -> 61
//   U+0080..U+FFFF   three bytes: 00, then the code point  "ả" -> 00 1E A3
//
// Why not Identity-H (two bytes for everything)? With one-byte ASCII the space is the
// single-byte code 32, which PDF word spacing (Tw) acts on: a justified line is one string
// with its spaces stretched, instead of one string per word and a number between each
// (PDF 9.3.3), and ASCII takes half the bytes. Content streams come out small enough to
// store without compression. Readers that ignore ToUnicode still get the text from the CID.
// Why three bytes and not two for the rest? mupdf requires every CID to be a number inside
// one of the code space ranges; 00 0000..00 FFFF holds them all, and no two-byte range
// could without clashing with the one-byte codes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace vanban::pdf {

namespace detail {
// Writes one byte of a literal string at `at`, escaped where PDF 7.3.4.2 requires it (a bare
// CR would be read as a line end); returns the position after it.
inline char* put_string_byte(char* at, unsigned char byte) {
    // '(', ')' and CR are below '*', so most bytes pass after two comparisons.
    if ((byte < '*' && (byte == '(' || byte == ')' || byte == '\r')) || byte == '\\') {
        *at++ = '\\';
        if (byte == '\r') byte = 'r';
    }
    *at++ = static_cast<char>(byte);
    return at;
}
} // namespace detail

// Appends the codes of UTF-8 `text` as a PDF literal string "(...)" (with escapes), and
// calls `each(cp)` for every character of the text. Code points above the BMP are coded as
// U+FFFD (`each` sees them as they are).
// One pass over the text: the writer learns the characters a face needs and the widths of
// a justified line while it codes them.
template <typename EachCodePoint>
void append_pdf_string(std::string& out, std::string_view text, EachCodePoint&& each) {
    // At most five bytes a character (00 hi lo, both escaped), never more than three for
    // each byte of UTF-8; the string is cut to what was written.
    const std::size_t start = out.size();
    out.resize(start + 3 * text.size() + 2);
    char* at = out.data() + start;
    *at++ = '(';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[pos]);
        if (byte != 0 && byte < 0x80) { // one byte: U+0001..U+007F
            each(char32_t(byte));
            at = detail::put_string_byte(at, byte);
            ++pos;
            continue;
        }
        char32_t cp = text::next_code_point(text, pos);
        each(cp); // as the text has it: the caller may want to know of one beyond the BMP
        if (cp > 0xFFFF) cp = 0xFFFD;
        *at++ = '\0';
        at = detail::put_string_byte(at, static_cast<unsigned char>(cp >> 8));
        at = detail::put_string_byte(at, static_cast<unsigned char>(cp & 0xFF));
    }
    *at++ = ')';
    out.resize(static_cast<std::size_t>(at - out.data()));
}

// The same without a callback.
inline void append_pdf_string(std::string& out, std::string_view text) {
    append_pdf_string(out, text, [](char32_t) {});
}

// The Encoding CMap and the ToUnicode CMap for a document that uses the given code points
// (sorted, unique): one range for ASCII and one per block of 256 code points it uses.
std::string encoding_cmap(const std::vector<char32_t>& code_points);
std::string to_unicode_cmap(const std::vector<char32_t>& code_points);

} // namespace vanban::pdf
