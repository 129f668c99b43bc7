// Layout: the document model -> pages of positioned text and rules, with every measure
// taken from doc.profile. Pagination keeps headings with what follows, leaves no widow or
// orphan line, repeats table header rows on each page and keeps the recipients and the
// signature on the page of the last lines of the body.
#pragma once

#include "layout/fonts.hpp"
#include "layout/pages.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

PageLayout layout_document(const model::Document& doc, const FontSet& fonts);

} // namespace vanban::layout
