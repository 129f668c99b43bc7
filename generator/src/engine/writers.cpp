#include "engine/writers.hpp"

#include <system_error>

#include "docx/docx.hpp"
#include "engine/install_paths.hpp"
#include "layout/fit_lines.hpp"
#include "pdf/pdf.hpp"
#include "vanban/error.hpp"

#ifndef VANBAN_BUILD_FONTS_DIR
#define VANBAN_BUILD_FONTS_DIR ""
#endif

namespace vanban::engine {

namespace {

// Where fonts are looked for after the caller's folders (see fonts/README.md):
//  - an installed vanban: share/vanban/fonts, which holds the reduced fonts (when the build
//    made them) and fonts.json, read as the font configuration so that it can be edited;
//  - a build tree: the reduced copies the build made (fonts/reduce.cmake), and the settings
//    built into the library — never files of some other installed vanban.
// In both cases the system folders of the configuration come last.
pdf::FontConfig font_config(const std::vector<std::filesystem::path>& caller_dirs) {
    pdf::FontConfig config;
    config.font_dirs = caller_dirs;
    if (std::optional<std::filesystem::path> installed = data_dir_beside_code()) {
        const std::filesystem::path settings = *installed / "fonts" / "fonts.json";
        std::error_code ec;
        if (std::filesystem::is_regular_file(settings, ec)) config.config_file = settings;
        else config.font_dirs.push_back(*installed / "fonts");
    } else if (std::string_view(VANBAN_BUILD_FONTS_DIR).size() > 0) {
        config.font_dirs.emplace_back(VANBAN_BUILD_FONTS_DIR);
    }
    return config;
}

} // namespace

struct Writers::Fonts {
    std::shared_ptr<const pdf::FontSet> set;
};

Writers::Writers(std::vector<std::filesystem::path> font_dirs) : font_dirs_(std::move(font_dirs)) {}
Writers::~Writers() = default;

// Loaded once, on first use; a failure is reported to every caller, and the next call tries
// again (the user may have installed the fonts meanwhile).
std::shared_ptr<const Writers::Fonts> Writers::fonts() const {
    std::lock_guard lock(fonts_mutex_);
    if (!fonts_) fonts_ = std::make_shared<const Fonts>(Fonts{pdf::load_fonts(font_config(font_dirs_))});
    return fonts_;
}

std::string Writers::pdf(const model::Document& document, const std::string& fixed_date) const {
    return pdf::render_pdf(document, *fonts()->set, pdf::PdfOptions{fixed_date});
}

std::vector<Message> Writers::fit_lines(model::Document& document) const {
    return layout::fit_furniture_lines(document, fonts()->set->family(document.profile.font_family));
}

std::string Writers::docx(const model::Document& document, const std::string& fixed_date) const {
    return docx::render_docx(document, docx::DocxOptions{fixed_date});
}

} // namespace vanban::engine
