// Units of WordprocessingML. Lengths are twips (1/20 pt, 1/1440 in), font sizes half-points,
// "auto" line spacing is in 240ths of a line. See ../shared/format/standards.md §5.
#pragma once

#include <cmath>

#include "model/furniture.hpp"

namespace vanban::docx {

using model::mm_to_twips; // the grid both writers share (model/furniture.hpp)
inline long pt_to_twips(double pt) { return std::lround(pt * 20.0); }
inline long pt_to_half_points(double pt) { return std::lround(pt * 2.0); }      // 14 pt -> 28
inline long line_multiple_to_240ths(double multiple) { return std::lround(multiple * 240.0); }
inline double mm_to_pt(double mm) { return mm * 72.0 / 25.4; }

} // namespace vanban::docx
