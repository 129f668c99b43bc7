#include "engine/writers.hpp"

#include <cmath>
#include <cstdio>

#include <system_error>

#include "docx/docx.hpp"
#include "engine/install_paths.hpp"
#include "layout/fit_lines.hpp"
#include "layout/layout.hpp"
#include "model/model_json.hpp"
#include "layout/fit_tables.hpp"
#include "pdf/pdf.hpp"
#include "text/utf8.hpp"
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

namespace {

// "中 (U+4E2D), 😀 (U+1F600)": the first few characters, each as it is and by its number
// (a blank or a box in a terminal is no help), and how many more.
Message missing_glyphs_warning(const std::vector<char32_t>& missing, const std::string& family) {
    constexpr std::size_t listed = 8;
    std::string characters;
    for (std::size_t i = 0; i < missing.size() && i < listed; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "U+%04X", static_cast<unsigned>(missing[i]));
        if (i > 0) characters += ", ";
        text::append_utf8(characters, missing[i]);
        characters += std::string(" (") + number + ")";
    }
    MessageArg list("characters", characters);
    if (missing.size() > listed)
        list = MessageArg("characters", msg_n("pdf.missing-glyphs-more", "{characters} and {count} more character",
                                              "{characters} and {count} more characters", missing.size() - listed,
                                              {{"characters", characters}}));
    return msg("pdf.missing-glyphs",
               "the PDF's font {font} has no glyph for {characters}: they print blank in the PDF (Word shows them "
               "with another font); use a font that has them (fonts/fonts.json), or write them otherwise",
               {{"font", family}, std::move(list)});
}

} // namespace

std::string Writers::pdf(const model::Document& document, const std::string& fixed_date,
                         std::vector<Message>* warnings) const {
    const std::shared_ptr<const Fonts> loaded = fonts();
    std::vector<char32_t> missing;
    std::string bytes = pdf::render_pdf(document, *loaded->set, pdf::PdfOptions{fixed_date}, warnings ? &missing : nullptr);
    if (warnings && !missing.empty())
        warnings->push_back(missing_glyphs_warning(missing, loaded->set->family(document.profile.font_family).name));
    return bytes;
}

std::vector<Message> Writers::fit_lines(model::Document& document) const {
    return layout::fit_furniture_lines(document, fonts()->set->family(document.profile.font_family));
}

namespace {

double rounded(double value) { return std::round(value * 100) / 100; }

// One field: its name, page (from 1), and box from the page's bottom-left corner, in PDF
// points and in millimetres.
nlohmann::json field_json(const layout::FieldItem& field, std::size_t page) {
    const layout::Box& b = field.box;
    constexpr double mm = 25.4 / 72;
    return nlohmann::json{{"name", field.name},  {"page", page + 1},
                          {"x_pt", rounded(b.x)}, {"y_pt", rounded(b.y)},
                          {"width_pt", rounded(b.width)}, {"height_pt", rounded(b.height)},
                          {"x_mm", rounded(b.x * mm)}, {"y_mm", rounded(b.y * mm)},
                          {"width_mm", rounded(b.width * mm)}, {"height_mm", rounded(b.height * mm)}};
}

} // namespace

nlohmann::json Writers::fields_json(const model::Document& document) const {
    const layout::PageLayout pages = layout::layout_document(document, *fonts()->set);
    nlohmann::json fields = nlohmann::json::array();
    for (std::size_t p = 0; p < pages.pages.size(); ++p)
        for (const layout::FieldItem& field : pages.pages[p].fields) fields.push_back(field_json(field, p));
    return nlohmann::json{{"origin", "bottom-left"},
                          {"page_width_pt", rounded(pages.width)},
                          {"page_height_pt", rounded(pages.height)},
                          {"pages", pages.pages.size()},
                          {"fields", std::move(fields)}};
}

std::size_t Writers::page_count(const model::Document& document) const {
    return layout::layout_document(document, *fonts()->set).pages.size();
}

std::string Writers::model_json_text(const model::Document& document) const {
    return model::to_json_text(document, {{"signature_fields", fields_json(document)}});
}

std::vector<Message> Writers::fit_tables(model::Document& document) const {
    return layout::fit_table_columns(document, fonts()->set->family(document.profile.font_family));
}

std::string Writers::docx(const model::Document& document, const std::string& fixed_date) const {
    return docx::render_docx(document, docx::DocxOptions{fixed_date});
}

} // namespace vanban::engine
