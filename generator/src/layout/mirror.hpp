// Mirrored margins for double-sided printing (the profile's page.mirror_margins): the back
// pages, the even ones, swap the left and right margins, so that the wider margin is always
// on the binding side. The DOCX says the same with w:mirrorMargins.
#pragma once

#include "layout/pages.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// Moves everything on the even pages (page 2, 4, …) by the difference of the margins.
void mirror_back_pages(PageLayout& pages, const model::PageSetup& setup);

} // namespace vanban::layout
