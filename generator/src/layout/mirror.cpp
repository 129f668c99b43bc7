#include "layout/mirror.hpp"

#include "model/furniture.hpp"

namespace vanban::layout {

void mirror_back_pages(PageLayout& pages, const model::PageSetup& setup) {
    if (!setup.mirror_margins) return;
    // On the twip grid, as the DOCX writes the margins (model/furniture.hpp).
    const double shift = model::mm_on_grid_pt(setup.margin_right_mm) - model::mm_on_grid_pt(setup.margin_left_mm);
    if (shift == 0) return;
    for (std::size_t p = 1; p < pages.pages.size(); p += 2) {
        Page& page = pages.pages[p];
        for (TextItem& text : page.texts) text.x += shift;
        for (RuleItem& rule : page.rules) {
            rule.x1 += shift;
            rule.x2 += shift;
        }
        for (ShapeItem& shape : page.shapes)
            for (ShapeItem::Step& step : shape.steps)
                for (double& x : step.x) x += shift;
        for (ImageItem& image : page.images) image.box.x += shift;
        for (FieldItem& field : page.fields) field.box.x += shift;
    }
}

} // namespace vanban::layout
