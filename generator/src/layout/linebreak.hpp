// Line breaking, two ways (the profile's `line_breaking`, docs/layout-rules.md rule 12):
// - first fit: each line takes as many words as fit at their natural width, as Word and
//   LibreOffice break; the PDF then breaks where they do;
// - optimal fit (Knuth and Plass, "Breaking paragraphs into lines", 1981, the method of TeX
//   and Typst): all the breaks of a paragraph chosen together so that the sum of (badness +
//   line penalty)^2 over its lines is least; no justified line is stretched far more than its
//   neighbours, but the lines are not the ones Word makes.
// Spaces never shrink below their natural width in either (Word and LibreOffice never shrink
// them): the glue of the items has no shrink.
#pragma once

#include <cstddef>
#include <vector>

namespace vanban::layout {

struct BreakItem {
    enum class Kind { box, glue, penalty } kind = Kind::box;
    double width = 0;
    double stretch = 0; // glue only
    double shrink = 0;  // glue only
    double penalty = 0; // penalty only; <= -forced_break forces a break, >= forbidden_break forbids
};

constexpr double forced_break = 10000;

// The room a line must leave to fit: LibreOffice, measured on the seed plans, rejected a
// line 0.04 pt narrower than its box and accepted one 0.08 pt narrower (its positions are
// whole units of its own), so a line fits here only with at least 0.06 pt to spare.
constexpr double line_room_pt = 0.06;

// The width of each line: the first line's (shortened by a first-line indent), then the rest.
struct LineWidths {
    double first = 0, rest = 0;
    double operator()(std::size_t line) const { return line == 0 ? first : rest; }
};

// Indices of the chosen break items (glue or penalty), in order; the last one is the final
// forced penalty. The items must end with a
// forced penalty. Never fails: when no set of breaks keeps every line within its stretch
// limits, looser limits are tried, and as a last resort a line is let overflow.
std::vector<std::size_t> break_lines(const std::vector<BreakItem>& items, const LineWidths& line_width);

// First fit: a line ends at the last legal break before its content passes the line's width
// (a box wider than a line overflows it alone). Same contract as break_lines.
std::vector<std::size_t> break_lines_first_fit(const std::vector<BreakItem>& items, const LineWidths& line_width);

} // namespace vanban::layout
