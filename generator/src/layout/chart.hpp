// A chart drawn with vector paths and the document's fonts (docs/schema.md, "Charts"): the title above,
// the legend under it, the value axis on the left with its figures written the Vietnamese way,
// bars side by side or stacked, lines with a marker of their own per series, or a pie with
// each slice's share. The colours are the profile's palette in turn, the same as the DOCX's
// chart part; the axis is model::chart_scale, the same as the DOCX's.
#pragma once

#include <vector>

#include "layout/fonts.hpp"
#include "layout/pages.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// Coordinates from the drawing's top-left corner, y downwards (a layout unit's).
struct ChartDrawing {
    double height = 0;
    std::vector<TextItem> texts;
    std::vector<ShapeItem> shapes;
};

// The drawing's texts are kept in `texts`.
ChartDrawing draw_chart(const model::Chart& chart, const model::Profile& profile, const FontFamily& family, double left,
                        double width, TextStore& texts);

} // namespace vanban::layout
