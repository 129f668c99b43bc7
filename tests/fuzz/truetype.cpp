// Fuzz target: the TrueType reader (layout/truetype.cpp) and what the PDF writer makes from
// what it read: the glyph closure of a subset (composites and their parts) and the subset
// font itself. Input: a font file. Font files come from the system or a --font-dir, so a
// damaged or hostile one must be refused as a resource error, never read out of bounds.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "layout/truetype.hpp"
#include "pdf/font_program.hpp"
#include "vanban/error.hpp"

namespace {

using namespace vanban;

// What a Vietnamese document draws: ASCII, the letters with marks, and a few signs.
std::vector<char32_t> drawn_code_points() {
    std::vector<char32_t> cps;
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) cps.push_back(cp);
    for (char32_t cp : U"ĂăÂâĐđÊêÔôƠơƯưÀÁẢÃẠẦẤẨẪẬệỆữỮ–—…“”") cps.push_back(cp);
    return cps;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    std::string font(reinterpret_cast<const char*>(bytes), size);
    try {
        const layout::TrueTypeFace face(std::move(font), "fuzz.ttf");
        static const std::vector<char32_t> drawn = drawn_code_points();
        for (char32_t cp : drawn) {
            fuzz::check(face.advance(cp) >= 0 && face.pdf_width(cp) >= 0, "a glyph width is not negative");
            if (face.glyph_id(cp) != 0) fuzz::check(face.covers(cp), "a code point with a glyph is covered");
        }
        const std::vector<bool> glyphs = pdf::glyph_closure(face, drawn);
        fuzz::check(glyphs.size() == face.glyph_count(), "the closure has a place per glyph");
        const std::string subset = pdf::subset_font(face, glyphs);
        fuzz::check(subset.size() >= 12 && subset.compare(0, 4, std::string("\0\1\0\0", 4)) == 0,
                    "the subset is a TrueType file");
    } catch (const Failure& failure) {
        fuzz::check(failure.error().kind == ErrorKind::resource, "a bad font is a resource error",
                    failure.error().message.text());
    }
    return 0;
}
