// The PDF writer: the document model, laid out (layout/), drawn with libharu.
//
//   auto fonts = vanban::pdf::load_fonts({.font_dirs = {...}, .config_file = "fonts/fonts.json"});
//   std::string bytes = vanban::pdf::render_pdf(doc, *fonts, {.fixed_creation_date = "2019-03-25"});
//
// A FontSet is loaded once and shared (read-only) by every thread; render_pdf keeps all of
// its state in the call, so any number of documents may be rendered at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "layout/fonts.hpp"
#include "layout/pages.hpp"
#include "vanban/model.hpp"

namespace vanban::pdf {

struct PdfOptions {
    // ISO 8601 ("2019-03-25", "2019-03-25T08:30:00", "…+07:00", "…Z"). Empty: the model's
    // metadata.created, and when that is empty too, the current time. With a fixed date the
    // same document gives the same bytes.
    std::string fixed_creation_date;
};

using FontConfig = layout::FontConfig;
using FontSet = layout::FontSet;

// Errors: vanban::Failure(ErrorKind::resource) naming the files and folders looked at.
std::shared_ptr<const FontSet> load_fonts(const FontConfig& config);

// The PDF bytes. Errors (libharu's, bad dates) are vanban::Failure; nothing is written
// anywhere. `missing_glyphs`, when given, gets the characters of the document that its
// fonts have no glyph for (they print blank), sorted.
std::string render_pdf(const model::Document& doc, const FontSet& fonts, const PdfOptions& options,
                       std::vector<char32_t>* missing_glyphs = nullptr);

// The drawing half alone, for a layout made elsewhere.
std::string write_pdf(const layout::PageLayout& pages, const model::Metadata& metadata,
                      const PdfOptions& options, std::vector<char32_t>* missing_glyphs = nullptr);

} // namespace vanban::pdf
