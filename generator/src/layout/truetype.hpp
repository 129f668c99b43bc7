// Metrics of one TrueType face, read from the font file itself: advance widths per code
// point, vertical metrics and underline placement. This is what line breaking measures with,
// so it must be the very file the PDF embeds (the PDF writer takes the bytes from here).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::layout {

namespace detail {
class FontReader; // bounds-checked big-endian reads (truetype.cpp)
}

// What a PDF font descriptor says about a face (PDF 9.8), in font units.
struct FaceFacts {
    std::string postscript_name;          // name ID 6, e.g. "Tinos-Bold"
    std::int16_t x_min = 0, y_min = 0, x_max = 0, y_max = 0; // head: bounding box of all glyphs
    double italic_angle = 0;              // post, degrees
    std::int16_t ascender = 0, descender = 0, cap_height = 0;
    std::uint16_t weight_class = 400;     // OS/2
    bool fixed_pitch = false, serif = true, italic = false;
};

class TrueTypeFace {
public:
    // Parses the tables the layout needs (head, hhea, hmtx, maxp, cmap, OS/2, post).
    // Throws vanban::Failure(ErrorKind::resource) naming `source` when the data is not a
    // usable TrueType font.
    TrueTypeFace(std::string bytes, std::string source);

    const std::string& bytes() const { return bytes_; }
    const std::string& source() const { return source_; }

    // Advance width in units of the em (1.0 = font size); .notdef's width for code points
    // the font does not cover.
    double advance(char32_t cp) const {
        if (cp < advance_by_cp_.size()) {
            const std::int32_t units = advance_by_cp_[cp];
            if (units >= 0) return units * scale_;
        }
        return notdef_advance_;
    }
    // The width a PDF reader uses for the glyph: libharu writes advance * 1000 / unitsPerEm,
    // truncated, in the font's W array. Text placed relative to other text must use these.
    int pdf_width(char32_t cp) const {
        const std::int32_t units = cp < advance_by_cp_.size() && advance_by_cp_[cp] >= 0 ? advance_by_cp_[cp] : notdef_units_;
        return static_cast<int>(static_cast<std::uint32_t>(units) * 1000u / units_per_em_);
    }
    bool covers(char32_t cp) const { return cp < advance_by_cp_.size() && advance_by_cp_[cp] >= 0; }

    // Vertical metrics in ems. Word's "single" line height for these fonts is win ascent +
    // win descent + the hhea line gap: 1.15 em for Times New Roman, Tinos and Liberation
    // Serif (docs/layout-rules.md, rule 0); the gap goes above the ascent.
    double ascent() const { return ascent_; }
    double descent() const { return descent_; } // positive, below the baseline
    double line_height() const { return ascent_ + descent_ + line_gap_; }
    double underline_position() const { return underline_position_; } // negative: below
    double underline_thickness() const { return underline_thickness_; }

    // ---- what embedding the face needs (the PDF writer makes subsets from these)

    std::uint32_t units_per_em() const { return units_per_em_; }
    // The glyph a code point is drawn with; 0 (.notdef) when the face does not cover it.
    std::uint16_t glyph_id(char32_t cp) const { return cp < gid_by_cp_.size() ? gid_by_cp_[cp] : 0; }
    std::size_t glyph_count() const { return glyph_count_; }
    // The outline data of a glyph in the glyf table (empty for blank glyphs such as space).
    std::string_view glyph_data(std::uint16_t gid) const;
    // The glyphs a composite glyph is built from (empty for simple glyphs); subsets must
    // carry them too.
    std::vector<std::uint16_t> components(std::uint16_t gid) const;
    // A table's bytes, or an empty view when the face has no such table.
    std::string_view table(std::string_view tag) const;
    const FaceFacts& facts() const { return facts_; }

private:
    using Reader = detail::FontReader;
    void read_directory(const Reader& r);
    void read_glyph_locations(const Reader& r, std::size_t head_offset);
    void read_facts(const Reader& r, std::size_t head_offset, std::size_t os2_offset, std::size_t post_offset);
    std::string read_postscript_name(const Reader& r) const;

    std::string bytes_;
    std::string source_;
    std::vector<std::int32_t> advance_by_cp_; // font units; -1 = not covered (BMP only)
    std::vector<std::uint16_t> gid_by_cp_;    // BMP only; 0 = not covered
    std::vector<std::uint32_t> glyph_offsets_; // loca: glyph_count_ + 1 offsets into glyf
    struct TableEntry {
        std::array<char, 4> tag{};
        std::size_t offset = 0, length = 0;
    };
    std::vector<TableEntry> tables_;
    std::size_t glyph_count_ = 0;
    FaceFacts facts_;
    double scale_ = 1.0 / 1000;
    std::uint32_t units_per_em_ = 1000;
    std::int32_t notdef_units_ = 500;
    double notdef_advance_ = 0.5;
    double ascent_ = 0.9, descent_ = 0.2, line_gap_ = 0;
    double underline_position_ = -0.1, underline_thickness_ = 0.05;
};

} // namespace vanban::layout
