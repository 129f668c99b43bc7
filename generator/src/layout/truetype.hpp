// Metrics of one TrueType face, read from the font file itself: advance widths per code
// point, vertical metrics and underline placement. This is what line breaking measures with,
// so it must be the very file the PDF embeds (the PDF writer takes the bytes from here).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vanban::layout {

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

    // Vertical metrics in ems: Word's single line height is (win ascent + win descent).
    double ascent() const { return ascent_; }
    double descent() const { return descent_; } // positive, below the baseline
    double line_height() const { return ascent_ + descent_; }
    double underline_position() const { return underline_position_; } // negative: below
    double underline_thickness() const { return underline_thickness_; }

private:
    std::string bytes_;
    std::string source_;
    std::vector<std::int32_t> advance_by_cp_; // font units; -1 = not covered (BMP only)
    double scale_ = 1.0 / 1000;
    std::uint32_t units_per_em_ = 1000;
    std::int32_t notdef_units_ = 500;
    double notdef_advance_ = 0.5;
    double ascent_ = 0.9, descent_ = 0.2;
    double underline_position_ = -0.1, underline_thickness_ = 0.05;
};

} // namespace vanban::layout
