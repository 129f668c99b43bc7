// Setting one paragraph: styled runs -> words -> breaks (first or optimal fit) -> lines whose words have
// their final x positions. Words are placed one by one (the PDF writer shows each word at
// its own position) because PDF word spacing (Tw) does not act on the two-byte character
// codes that Vietnamese text needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layout/fonts.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// Width of UTF-8 text in ems of the face (multiply by the size in points).
double text_width(const TrueTypeFace& face, std::string_view utf8);

// A piece of a word (or a whole word) in one style. Its text points into the runs given to
// set_paragraph: keep them alive while the lines are used.
struct Fragment {
    std::string_view text;
    Face face = Face::regular;
    double size = 14;
    double x = 0;     // from the left edge of the paragraph's box
    double width = 0; // in points
    std::uint32_t spaces_before = 0; // spaces between it and the fragment before it on its line
};

struct SetLine {
    std::vector<Fragment> fragments;
    std::vector<std::pair<double, double>> underlines; // x ranges, same origin as fragments
    double ascent = 0, descent = 0; // points, of the largest text on the line
    double height = 0;              // baseline-to-baseline advance (line spacing applied)
    bool justified = false;         // its spaces were stretched to fill the width
    double natural_right = 0;       // x where the last word ends
};

struct ParagraphFormat {
    double width = 0;         // of the box, points
    double first_indent = 0;  // points, first line only
    double left_indent = 0;   // points, every line
    model::Align align = model::Align::justify;
    double size = 14;
    bool bold = false, italic = false, underline = false; // added to every run's own style
    double line_spacing = 1.0;
    model::LineBreaking breaking = model::LineBreaking::first_fit;
};

ParagraphFormat format_of(const model::TextStyle& style, double width,
                          model::LineBreaking breaking = model::LineBreaking::first_fit);

// An empty paragraph gives one empty line (it still takes its height). The lines' fragments
// point into `runs`.
std::vector<SetLine> set_paragraph(const model::Inline& runs, const ParagraphFormat& format,
                                   const FontFamily& family);

// Set lines in storage that is used again and again: a table sets its cells one group of rows
// at a time into one pool, so that the lines and their vectors are allocated for the first
// rows only, not for every cell of every row (a table of 10,000 rows stays in the cache).
// Lines [0, size()) are in use.
class LinePool {
public:
    std::size_t size() const { return size_; }
    const SetLine& operator[](std::size_t i) const { return lines_[i]; }
    void clear() { size_ = 0; }
    // A line after the others, its vectors emptied (their capacity kept).
    SetLine& add();

private:
    std::vector<SetLine> lines_;
    std::size_t size_ = 0;
};

// The same lines as above, appended to `pool`.
void set_paragraph(const model::Inline& runs, const ParagraphFormat& format, const FontFamily& family,
                   LinePool& pool);

} // namespace vanban::layout
