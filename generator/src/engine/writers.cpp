#include "engine/writers.hpp"

#include "docx/docx.hpp"
#include "pdf/pdf.hpp"
#include "vanban/error.hpp"

#ifndef VANBAN_BUILD_FONTS_DIR
#define VANBAN_BUILD_FONTS_DIR ""
#endif

namespace vanban::engine {

struct Writers::Fonts {
    std::shared_ptr<const pdf::FontSet> set;
};

Writers::Writers(std::vector<std::filesystem::path> font_dirs) : font_dirs_(std::move(font_dirs)) {}
Writers::~Writers() = default;

std::string Writers::pdf(const model::Document& document, const std::string& fixed_date) const {
    // Loaded once, on the first PDF; a failure is reported to every caller, and the next
    // call tries again (the user may have installed the fonts meanwhile).
    std::shared_ptr<const Fonts> fonts;
    {
        std::lock_guard lock(fonts_mutex_);
        if (!fonts_) {
            pdf::FontConfig config;
            config.font_dirs = font_dirs_;
            // The reduced copies the build makes (fonts/reduce.cmake): same widths, smaller files.
            if (std::string_view(VANBAN_BUILD_FONTS_DIR).size() > 0)
                config.font_dirs.emplace_back(VANBAN_BUILD_FONTS_DIR);
            fonts_ = std::make_shared<const Fonts>(Fonts{pdf::load_fonts(config)});
        }
        fonts = fonts_;
    }
    return pdf::render_pdf(document, *fonts->set, pdf::PdfOptions{fixed_date});
}

std::string Writers::docx(const model::Document& document, const std::string& fixed_date) const {
    return docx::render_docx(document, docx::DocxOptions{fixed_date});
}

} // namespace vanban::engine
