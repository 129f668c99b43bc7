// A libharu encoder for the few characters one document uses.
//
// libharu 2.3.0's own "UTF-8" encoder maps all 65,536 BMP code points, and for every font it
// is used with, HPDF_GetFont looks each of them up in the font's cmap (linearly) to build a
// CIDToGIDMap and a widths array, then deflates them: tens of milliseconds and kilobytes per
// face, per document. This encoder declares only the code points the document contains,
// so that work shrinks to a few hundred lookups.
//
// Character code = CID = Unicode value (two bytes, Identity-H), so that a reader that
// ignores ToUnicode still gets the text; and each font gets a correct ToUnicode CMap
// (libharu 2.3.0 writes a malformed one for its UTF-8 fonts, and for other two-byte
// encoders an Encoding CMap with one-byte codes, which readers misparse).
#pragma once

#include <set>
#include <string>

#include <hpdf.h>

namespace vanban::pdf {

// Registers an encoder named `name` in `pdf` covering `code_points` (BMP only; others are
// ignored). Text shown with a font using it is passed as UTF-8. Returns an HPDF status.
HPDF_STATUS register_compact_encoder(HPDF_Doc pdf, const char* name, const std::set<char32_t>& code_points);

// Fixes a Type0 font made with that encoder: /Encoding becomes /Identity-H, and the CMap
// stream libharu wrote is rewritten as the font's /ToUnicode CMap for `code_points`.
HPDF_STATUS use_identity_encoding(HPDF_Font font, const std::set<char32_t>& code_points);

} // namespace vanban::pdf
