// The style sheet of a DOCX (word/styles.xml and the theme's fonts), resolved the way Word
// does: document defaults, then the paragraph style and the styles it is based on, then the
// character style, then the run's own properties.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "import/draft.hpp"
#include "import/ooxml.hpp"

namespace vanban::import {

// Character properties, each unset until some level sets it.
struct RunLook {
    std::optional<bool> bold, italic, underline, caps, hidden, superscript;
    std::optional<std::string> font;
    std::optional<double> size_pt;
    void overlay(const RunLook& above);
};

// Paragraph properties, each unset until some level sets it.
struct ParagraphLook {
    std::optional<Align> align;
    std::optional<double> indent_left_mm, indent_first_mm;
    std::optional<int> num_id, num_level, outline_level;
    std::optional<bool> rule_below, page_break_before;
    void overlay(const ParagraphLook& above);
};

RunLook read_run_look(const ooxml::Names& w, pugi::xml_node rpr, const std::map<std::string, std::string>& theme_fonts);
ParagraphLook read_paragraph_look(const ooxml::Names& w, pugi::xml_node ppr);

class StyleSheet {
public:
    StyleSheet() = default;
    // styles.xml (may be empty: no styles) and the theme's major/minor Latin fonts.
    void load(const pugi::xml_document& styles, std::map<std::string, std::string> theme_fonts);

    // The paragraph style to use: `id`, else the default paragraph style.
    std::string paragraph_style(const std::string& id) const;
    std::string name(const std::string& style_id) const;
    // Defaults + the paragraph style chain (+ the character style chain for a run).
    RunLook paragraph_run_look(const std::string& paragraph_style) const;
    RunLook character_look(const std::string& character_style) const;
    ParagraphLook paragraph_look(const std::string& paragraph_style) const;
    // Whether a table style draws borders (Word's "Table Grid" does).
    bool table_style_has_borders(const std::string& style_id) const;
    const std::map<std::string, std::string>& theme_fonts() const { return theme_fonts_; }

private:
    struct Style {
        std::string name, based_on;
        RunLook run;
        ParagraphLook paragraph;
        bool borders = false;
    };
    template <class Look, class Member>
    Look chain(const std::string& id, Member member) const;

    std::map<std::string, Style> styles_;
    RunLook default_run_;
    ParagraphLook default_paragraph_;
    std::string default_paragraph_style_;
    std::map<std::string, std::string> theme_fonts_;
};

// Whether some border of a w:tblBorders, w:tcBorders or w:pBdr is drawn (not none or nil).
bool any_border_drawn(const ooxml::Names& w, pugi::xml_node borders);

// "minor" and "major" Latin typefaces of word/theme/theme1.xml.
std::map<std::string, std::string> read_theme_fonts(const pugi::xml_document& theme);

} // namespace vanban::import
