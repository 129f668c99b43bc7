// The font program embedded for one face (PDF FontFile2): a TrueType file that keeps the
// face's glyph numbering but carries only the outlines a document draws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "layout/truetype.hpp"

namespace vanban::pdf {

// The glyphs of a subset: .notdef, those of the given code points, and every glyph a
// composite among them is built from (Vietnamese letters are composites of a base letter
// and marks). `used` is indexed by glyph id.
std::vector<bool> glyph_closure(const layout::TrueTypeFace& face, const std::vector<char32_t>& code_points);

// The subset as a TrueType file: tables head, hhea, maxp, hmtx, loca, glyf, OS/2, post
// (format 3, no glyph names) and the hinting tables when the face has them. No cmap: the
// PDF maps characters to glyphs itself (CIDToGIDMap), and no name table (PDF 9.9).
std::string subset_font(const layout::TrueTypeFace& face, const std::vector<bool>& glyphs);

} // namespace vanban::pdf
