#include "import/docx_styles.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

namespace vanban::import {

namespace {

template <class T>
void take(std::optional<T>& into, const std::optional<T>& above) {
    if (above) into = above;
}

std::optional<double> number_attr(pugi::xml_attribute a) {
    if (!a) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(a.value(), &end);
    if (end == a.value()) return std::nullopt;
    return value;
}

std::optional<Align> align_of(std::string_view jc) {
    if (jc.empty()) return std::nullopt;
    if (jc == "center") return Align::center;
    if (jc == "right" || jc == "end") return Align::right;
    if (jc == "both" || jc == "distribute" || jc == "thaiDistribute") return Align::justify;
    return Align::left;
}

// A border element that draws something (not none, nil).
bool draws(const ooxml::Names& w, pugi::xml_node border) {
    if (!border) return false;
    const std::string_view value = w.attr(border, "val").value();
    return !value.empty() && value != "none" && value != "nil";
}

} // namespace

bool any_border_drawn(const ooxml::Names& w, pugi::xml_node borders) {
    for (pugi::xml_node b : borders.children())
        if (draws(w, b)) return true;
    return false;
}

void RunLook::overlay(const RunLook& above) {
    take(bold, above.bold);
    take(italic, above.italic);
    take(underline, above.underline);
    take(caps, above.caps);
    take(hidden, above.hidden);
    take(superscript, above.superscript);
    take(font, above.font);
    take(size_pt, above.size_pt);
}

void ParagraphLook::overlay(const ParagraphLook& above) {
    take(align, above.align);
    take(indent_left_mm, above.indent_left_mm);
    take(indent_first_mm, above.indent_first_mm);
    take(num_id, above.num_id);
    take(num_level, above.num_level);
    take(outline_level, above.outline_level);
    take(rule_below, above.rule_below);
    take(page_break_before, above.page_break_before);
}

RunLook read_run_look(const ooxml::Names& w, pugi::xml_node rpr, const std::map<std::string, std::string>& theme_fonts) {
    RunLook look;
    if (!rpr) return look;
    look.bold = ooxml::toggle(w, rpr, "b");
    look.italic = ooxml::toggle(w, rpr, "i");
    look.underline = ooxml::toggle(w, rpr, "u");
    look.caps = ooxml::toggle(w, rpr, "caps");
    look.hidden = ooxml::toggle(w, rpr, "vanish");
    if (const pugi::xml_attribute v = w.val(rpr, "vertAlign")) look.superscript = std::string_view(v.value()) == "superscript";
    if (const std::optional<double> half_points = number_attr(w.val(rpr, "sz"))) look.size_pt = *half_points / 2;
    if (const pugi::xml_node fonts = w.child(rpr, "rFonts")) {
        if (const pugi::xml_attribute a = w.attr(fonts, "ascii")) look.font = a.value();
        else if (const pugi::xml_attribute h = w.attr(fonts, "hAnsi")) look.font = h.value();
        else if (const pugi::xml_attribute t = w.attr(fonts, "asciiTheme")) {
            // minorHAnsi, majorAscii …: the theme's minor or major Latin font.
            const std::string_view theme = t.value();
            const auto found = theme_fonts.find(theme.substr(0, 5) == "major" ? "major" : "minor");
            if (found != theme_fonts.end()) look.font = found->second;
        }
    }
    return look;
}

ParagraphLook read_paragraph_look(const ooxml::Names& w, pugi::xml_node ppr) {
    ParagraphLook look;
    if (!ppr) return look;
    look.align = align_of(w.val(ppr, "jc").value());
    if (const pugi::xml_node ind = w.child(ppr, "ind")) {
        std::optional<double> left = number_attr(w.attr(ind, "left"));
        if (!left) left = number_attr(w.attr(ind, "start"));
        if (left) look.indent_left_mm = ooxml::twips_to_mm(*left);
        if (const auto first = number_attr(w.attr(ind, "firstLine"))) look.indent_first_mm = ooxml::twips_to_mm(*first);
        if (const auto hanging = number_attr(w.attr(ind, "hanging"))) look.indent_first_mm = -ooxml::twips_to_mm(*hanging);
    }
    if (const pugi::xml_node num = w.child(ppr, "numPr")) {
        if (const auto id = number_attr(w.val(num, "numId"))) look.num_id = static_cast<int>(*id);
        if (const auto level = number_attr(w.val(num, "ilvl"))) look.num_level = static_cast<int>(*level);
    }
    if (const auto level = number_attr(w.val(ppr, "outlineLvl"))) look.outline_level = static_cast<int>(*level) + 1;
    if (const pugi::xml_node borders = w.child(ppr, "pBdr")) look.rule_below = draws(w, w.child(borders, "bottom"));
    look.page_break_before = ooxml::toggle(w, ppr, "pageBreakBefore");
    return look;
}

std::map<std::string, std::string> read_theme_fonts(const pugi::xml_document& theme) {
    std::map<std::string, std::string> fonts;
    const pugi::xml_node scheme = theme.document_element().child("a:themeElements").child("a:fontScheme");
    if (const char* major = scheme.child("a:majorFont").child("a:latin").attribute("typeface").value(); *major)
        fonts["major"] = major;
    if (const char* minor = scheme.child("a:minorFont").child("a:latin").attribute("typeface").value(); *minor)
        fonts["minor"] = minor;
    return fonts;
}

void StyleSheet::load(const pugi::xml_document& styles, std::map<std::string, std::string> theme_fonts) {
    theme_fonts_ = std::move(theme_fonts);
    const pugi::xml_node root = styles.document_element();
    if (!root) return;
    const ooxml::Names w(root);
    const pugi::xml_node defaults = w.child(root, "docDefaults");
    default_run_ = read_run_look(w, w.child(w.child(defaults, "rPrDefault"), "rPr"), theme_fonts_);
    default_paragraph_ = read_paragraph_look(w, w.child(w.child(defaults, "pPrDefault"), "pPr"));
    for (pugi::xml_node s : root.children()) {
        if (!w.is(s, "style")) continue;
        const std::string id = w.attr(s, "styleId").value();
        Style style;
        style.name = w.val(s, "name").value();
        style.based_on = w.val(s, "basedOn").value();
        style.run = read_run_look(w, w.child(s, "rPr"), theme_fonts_);
        style.paragraph = read_paragraph_look(w, w.child(s, "pPr"));
        const pugi::xml_node table = w.child(s, "tblPr");
        style.borders = table && any_border_drawn(w, w.child(table, "tblBorders"));
        const std::string_view type = w.attr(s, "type").value();
        const std::string_view is_default = w.attr(s, "default").value();
        if (type == "paragraph" && (is_default == "1" || is_default == "true")) default_paragraph_style_ = id;
        styles_[id] = std::move(style);
    }
}

std::string StyleSheet::paragraph_style(const std::string& id) const {
    return id.empty() || !styles_.count(id) ? default_paragraph_style_ : id;
}

std::string StyleSheet::name(const std::string& style_id) const {
    const auto found = styles_.find(style_id);
    return found == styles_.end() ? style_id : found->second.name;
}

// The looks of the style `id` and those it is based on, the base first, each overlaid by
// the style above it. A loop of basedOn (a damaged file) stops after 32 steps.
template <class Look, class Member>
Look StyleSheet::chain(const std::string& id, Member member) const {
    std::vector<const Style*> line;
    std::string at = id;
    while (!at.empty() && line.size() < 32) {
        const auto found = styles_.find(at);
        if (found == styles_.end()) break;
        line.push_back(&found->second);
        at = found->second.based_on;
    }
    Look look;
    for (auto it = line.rbegin(); it != line.rend(); ++it) look.overlay((*it)->*member);
    return look;
}

RunLook StyleSheet::paragraph_run_look(const std::string& paragraph_style) const {
    RunLook look = default_run_;
    look.overlay(chain<RunLook>(paragraph_style, &Style::run));
    return look;
}

RunLook StyleSheet::character_look(const std::string& character_style) const {
    return chain<RunLook>(character_style, &Style::run);
}

ParagraphLook StyleSheet::paragraph_look(const std::string& paragraph_style) const {
    ParagraphLook look = default_paragraph_;
    look.overlay(chain<ParagraphLook>(paragraph_style, &Style::paragraph));
    return look;
}

bool StyleSheet::table_style_has_borders(const std::string& style_id) const {
    std::string at = style_id;
    for (int steps = 0; !at.empty() && steps < 32; ++steps) {
        const auto found = styles_.find(at);
        if (found == styles_.end()) return false;
        if (found->second.borders) return true;
        at = found->second.based_on;
    }
    return false;
}

} // namespace vanban::import
