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

#include <string>
#include <string_view>
#include <vector>

namespace vanban::pdf {

// Appends the codes of UTF-8 `text` as a PDF literal string "(...)" (with escapes).
// Code points above the BMP become U+FFFD.
void append_pdf_string(std::string& out, std::string_view text);

// The Encoding CMap and the ToUnicode CMap for a document that uses the given code points
// (sorted, unique): one range for ASCII and one per block of 256 code points it uses.
std::string encoding_cmap(const std::vector<char32_t>& code_points);
std::string to_unicode_cmap(const std::vector<char32_t>& code_points);

} // namespace vanban::pdf
