// Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981), the
// method of TeX and Typst: it chooses all the breaks of a paragraph together so that the
// sum of (badness + line penalty)^2 over its lines is least, instead of filling each line
// greedily. The visible effect is that no justified line is stretched far more than its
// neighbours.
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

} // namespace vanban::layout
