// Page furniture: where the text block, the columns of the first-page header and of the
// closing, the rules under titles, the page numbers and the columns of data tables go. The
// PDF layout and the DOCX writer both take these places from here, so that a clerk who
// prints the PDF and edits the DOCX sees one document (docs/layout-rules.md, rules 12–17).
//
// Every length is on the grid both formats can express: WordprocessingML writes lengths in
// twips (1/20 pt), so a length the profile gives in millimetres is rounded to the nearest
// twip here, once, and the PDF uses the rounded value too.
#pragma once

#include <vector>

#include "vanban/model.hpp"

namespace vanban::model {

inline constexpr double points_per_mm = 72.0 / 25.4;

long mm_to_twips(double mm);                          // 10 mm -> 567
inline double twips_to_pt(long twips) { return static_cast<double>(twips) / 20.0; }
inline double mm_on_grid_pt(double mm) { return twips_to_pt(mm_to_twips(mm)); } // 10 mm -> 28.35 pt

// The page and its text block, in points from the page's top-left corner.
struct TextBlock {
    double page_width = 0, page_height = 0;
    double left = 0, right = 0, top = 0, bottom = 0;
    double width() const { return right - left; }
};
TextBlock text_block(const PageSetup& page);
long text_block_width_twips(const PageSetup& page);

// The page a landscape table or chart is printed on: the page turned a quarter, each margin
// kept at its edge (the left one, where pages are bound, stays on the left).
PageSetup landscape_page(const PageSetup& page);
inline PageSetup page_of(const PageSetup& page, bool landscape) { return landscape ? landscape_page(page) : page; }

// Two columns side by side across the text block, in twips: the first-page header (issuer |
// national title) and the closing (recipients | signature).
struct Columns {
    long left = 0, right = 0;
};
// The header's left column is `header.left_column_mm`, at most 60% of the text block.
Columns header_columns(const Profile& profile);
// The recipients' column is `recipients_column_mm`, at most half the text block.
Columns closing_columns(const Profile& profile);

// The columns of a data table: the weights scaled to the text block, in whole twips, the
// last column taking the rounding. Weights that are missing, too few, or not all positive
// count as equal.
std::vector<long> table_columns_twips(const std::vector<double>& weights, std::size_t columns, long width_twips);

// Left and right padding of a data table's cells: Word's default, 0.19 cm (108 twips).
inline constexpr long table_cell_padding_twips = 108;

// A rule under a title (the national title or motto, the State issuer and summary). It is
// drawn as a band below the line box of the text above: `space_before` points, then a line
// one point high, then the rule's stroke, `thickness` points (how a paragraph's bottom
// border is drawn, which is what the DOCX uses). The rule's centre is `gap` points below the
// line box above (the profile's rule_gap_pt).
struct RuleBand {
    double thickness = 0.5;    // points
    double space_before = 0.25;
    static constexpr double line = 1; // the border paragraph's exact line height
    double centre() const { return space_before + line + thickness / 2; }
    double height() const { return space_before + line + thickness; }
};
RuleBand rule_band(const Profile& profile);

// The page number's place: centred over the text block (as Word centres a header
// paragraph), its line box's top `page_number_top_mm` below the page's top edge. Points from
// the page's top-left corner.
struct PageNumberPlace {
    double centre_x = 0;
    double line_top = 0;
};
PageNumberPlace page_number_place(const PageSetup& page);

// The value axis of a bar or line chart, the same in the PDF and in the DOCX's chart part
// (c:scaling, c:majorUnit): from 0, or a round number below the least negative figure, to a
// round number above the greatest (the greatest stack, for stacked bars), leaving room for the
// figure printed over the highest bar; ticks at a round step (1, 2, 2.5 or 5 times a power of
// ten), about five of them.
struct ChartScale {
    double min = 0, max = 1, step = 1;
};
ChartScale chart_scale(const Chart& chart);
// A chart's height: its own, or the profile's.
inline double chart_height_mm(const Chart& chart, const Profile& profile) {
    return chart.height_mm > 0 ? chart.height_mm : profile.chart.height_mm;
}
// "#1f3864" -> {0x1f, 0x38, 0x64}; the palette's colours are checked when the profile is read.
struct Rgb {
    unsigned char r = 0, g = 0, b = 0;
};
Rgb rgb_of(const std::string& colour);
// The colour of series (or pie slice) `index`: the palette's, in turn.
const std::string& chart_colour(const Profile& profile, std::size_t index);

// Whether `block` stays on the page of the block after it (docs/layout-rules.md, rule 4):
// a lead-in whose text ends with ":" ("… như sau:", "3.3. … trong đó:"), and a caption (a
// centred paragraph, "Biểu 1: …") before a table.
bool introduces_next(const Block& block, const Block& next);

} // namespace vanban::model
