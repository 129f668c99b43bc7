#include "docx/styles.hpp"

#include <algorithm>
#include <cmath>

#include "docx/units.hpp"
#include "docx/xml.hpp"

namespace vanban::docx {

using model::Align;
using model::Profile;
using model::TextStyle;

std::string style_id::heading(int level) { return "Heading" + std::to_string(level); }

std::string style_id::list_level(int level) {
    level = std::clamp(level, 1, list_level_count);
    return level == 1 ? std::string(list_item) : std::string(list_item) + std::to_string(level);
}

TextStyle list_item_style(const Profile& profile, int level) {
    TextStyle style = profile.list_item;
    level = std::clamp(level, 1, list_level_count);
    // Only the first line moves in: the lines after it keep to the list's left edge, as in
    // the body text of the originals.
    style.first_line_indent_mm += profile.list_level_indent_mm * (level - 1);
    return style;
}

int heading_level_count(const Profile& profile) {
    return std::max<int>(1, static_cast<int>(profile.headings.size()));
}

TextStyle heading_style(const Profile& profile, int level) {
    if (profile.headings.empty()) {
        TextStyle style = profile.body;
        style.bold = true;
        style.keep_with_next = true;
        return style;
    }
    int index = std::clamp(level, 1, static_cast<int>(profile.headings.size())) - 1;
    return profile.headings[static_cast<std::size_t>(index)];
}

TextStyle summary_separator_style(const Profile& profile) {
    TextStyle style = profile.summary;
    style.bold = style.italic = style.underline = false;
    // The blank line the originals leave between "-----" and the body, as the PDF has it:
    // one body size of space, not an empty paragraph.
    style.space_after_pt = profile.body.size_pt;
    return style;
}

TextStyle signature_note_style(const Profile& profile) {
    TextStyle style = profile.signature_position;
    style.bold = false;
    style.italic = true;
    return style;
}

TextStyle signature_name_style(const Profile& profile) {
    TextStyle style = profile.signature_name;
    // The room for the handwritten signature and the seal is the name's space before: a
    // clerk who needs more room changes one style, and no empty paragraphs are involved.
    style.space_before_pt += mm_to_pt(profile.signature_space_mm);
    return style;
}

TextStyle page_number_style(const Profile& profile) {
    TextStyle style;
    style.size_pt = profile.page.page_number_size_pt;
    style.align = Align::center;
    style.line_spacing = 1.0;
    return style;
}

TextStyle chart_paragraph_style(const Profile& profile) {
    TextStyle style;
    style.size_pt = profile.body.size_pt;
    style.align = Align::center;
    style.space_before_pt = profile.body.space_after_pt; // as the PDF's room around a chart
    style.space_after_pt = profile.body.space_after_pt;
    return style;
}

const char* jc_value(Align align) {
    switch (align) {
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    case Align::justify: return "both";
    }
    return "left";
}

namespace {

// What "Normal" gives every paragraph: the body size, left aligned, no indent or spacing,
// single line spacing. The other styles write only their differences from their parent.
TextStyle normal_style(const Profile& profile) {
    TextStyle style;
    style.size_pt = profile.body.size_pt;
    style.align = Align::left;
    style.line_spacing = 1.0;
    return style;
}

void remove_if_empty(xml::Node node) {
    if (node && node.empty()) node.parent().remove_child(node);
}

// Paragraph properties of `style` that differ from `base`, in the schema's element order.
void write_paragraph_diff(xml::Node ppr, const TextStyle& style, const TextStyle& base) {
    if (style.keep_with_next != base.keep_with_next) xml::add_toggle(ppr, "w:keepNext", style.keep_with_next);
    if (style.space_before_pt != base.space_before_pt || style.space_after_pt != base.space_after_pt ||
        style.line_spacing != base.line_spacing) {
        xml::Node spacing = xml::add(ppr, "w:spacing");
        if (style.space_before_pt != base.space_before_pt)
            spacing.append_attribute("w:before") = pt_to_twips(style.space_before_pt);
        if (style.space_after_pt != base.space_after_pt)
            spacing.append_attribute("w:after") = pt_to_twips(style.space_after_pt);
        if (style.line_spacing != base.line_spacing) {
            spacing.append_attribute("w:line") = line_multiple_to_240ths(style.line_spacing);
            spacing.append_attribute("w:lineRule") = "auto";
        }
    }
    if (style.left_indent_mm != base.left_indent_mm || style.first_line_indent_mm != base.first_line_indent_mm) {
        xml::Node ind = xml::add(ppr, "w:ind");
        ind.append_attribute("w:left") = mm_to_twips(style.left_indent_mm);
        ind.append_attribute("w:firstLine") = mm_to_twips(style.first_line_indent_mm);
    }
    if (style.align != base.align) xml::add_val(ppr, "w:jc", jc_value(style.align));
}

void write_run_diff(xml::Node rpr, const TextStyle& style, const TextStyle& base) {
    if (style.bold != base.bold) xml::add_toggle(rpr, "w:b", style.bold);
    if (style.italic != base.italic) xml::add_toggle(rpr, "w:i", style.italic);
    if (style.size_pt != base.size_pt) {
        xml::add_val(rpr, "w:sz", pt_to_half_points(style.size_pt));
        xml::add_val(rpr, "w:szCs", pt_to_half_points(style.size_pt));
    }
    if (style.underline != base.underline) xml::add_val(rpr, "w:u", style.underline ? "single" : "none");
}

xml::Node add_style_header(xml::Node styles, const char* type, const std::string& id,
                                const char* name, const char* based_on) {
    xml::Node style = xml::add(styles, "w:style");
    style.append_attribute("w:type") = type;
    style.append_attribute("w:styleId") = id.c_str();
    xml::add_val(style, "w:name", name);
    if (based_on) xml::add_val(style, "w:basedOn", based_on);
    return style;
}

struct ParagraphStyle {
    std::string id;
    std::string name;
    const char* based_on;
    TextStyle style;
    TextStyle base;
    int outline_level = -1; // headings: 0-based level shown in the navigation pane
};

void add_paragraph_style(xml::Node styles, const ParagraphStyle& s) {
    xml::Node style = add_style_header(styles, "paragraph", s.id, s.name.c_str(), s.based_on);
    xml::add(style, "w:qFormat");
    xml::Node ppr = xml::add(style, "w:pPr");
    write_paragraph_diff(ppr, s.style, s.base);
    if (s.outline_level >= 0) xml::add_val(ppr, "w:outlineLvl", s.outline_level);
    remove_if_empty(ppr);
    xml::Node rpr = xml::add(style, "w:rPr");
    write_run_diff(rpr, s.style, s.base);
    remove_if_empty(rpr);
}

void add_doc_defaults(xml::Node styles, const Profile& profile) {
    xml::Node defaults = xml::add(styles, "w:docDefaults");
    xml::Node rpr = xml::add(xml::add(defaults, "w:rPrDefault"), "w:rPr");
    xml::Node fonts = xml::add(rpr, "w:rFonts");
    for (const char* attr : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"})
        fonts.append_attribute(attr) = profile.font_family.c_str();
    xml::add_val(rpr, "w:sz", pt_to_half_points(profile.body.size_pt));
    xml::add_val(rpr, "w:szCs", pt_to_half_points(profile.body.size_pt));
    xml::add_val(rpr, "w:lang", "vi-VN");
    xml::Node ppr = xml::add(xml::add(defaults, "w:pPrDefault"), "w:pPr");
    // Widow and orphan control (no single line of a paragraph left alone at a page's top or
    // bottom), said explicitly: Word's default without it is off, LibreOffice's is on.
    xml::add(ppr, "w:widowControl");
    xml::Node spacing = xml::add(ppr, "w:spacing");
    spacing.append_attribute("w:before") = 0;
    spacing.append_attribute("w:after") = 0;
    spacing.append_attribute("w:line") = 240;
    spacing.append_attribute("w:lineRule") = "auto";
}

void add_normal_style(xml::Node styles) {
    xml::Node style = add_style_header(styles, "paragraph", "Normal", "Normal", nullptr);
    style.append_attribute("w:default") = "1";
    xml::add(style, "w:qFormat");
}

// A paragraph that is only a bottom border: the rules under the national title, the issuer
// and (State) the summary. Its indents set the rule's length. It is the rule band of
// model/furniture.hpp, as the PDF draws it: the profile's space before, a line one point
// high, then the border of the profile's thickness right under it (layout rule 14).
void add_rule_style(xml::Node styles, const Profile& profile) {
    const model::RuleBand band = model::rule_band(profile);
    xml::Node style = add_style_header(styles, "paragraph", style_id::rule, "Rule", "Normal");
    xml::Node ppr = xml::add(style, "w:pPr");
    xml::add(ppr, "w:keepNext");
    xml::Node bottom = xml::add(xml::add(ppr, "w:pBdr"), "w:bottom");
    bottom.append_attribute("w:val") = "single";
    bottom.append_attribute("w:sz") = std::lround(band.thickness * 8); // eighths of a point
    bottom.append_attribute("w:space") = 0;
    bottom.append_attribute("w:color") = "auto";
    xml::Node spacing = xml::add(ppr, "w:spacing");
    spacing.append_attribute("w:before") = pt_to_twips(band.space_before);
    spacing.append_attribute("w:line") = pt_to_twips(model::RuleBand::line);
    spacing.append_attribute("w:lineRule") = "exact";
    xml::add_val(ppr, "w:jc", "center");
    xml::Node rpr = xml::add(style, "w:rPr");
    xml::add_val(rpr, "w:sz", 2);
    xml::add_val(rpr, "w:szCs", 2);
}

// The paragraph that ends a section when a table ends it (the closing before an appendix
// that numbers its pages from 1): one point high, so that it never needs a page of its own.
void add_section_break_style(xml::Node styles) {
    xml::Node style = add_style_header(styles, "paragraph", style_id::section_break, "Section Break", "Normal");
    xml::Node spacing = xml::add(xml::add(style, "w:pPr"), "w:spacing");
    spacing.append_attribute("w:line") = 20;
    spacing.append_attribute("w:lineRule") = "exact";
    xml::Node rpr = xml::add(style, "w:rPr");
    xml::add_val(rpr, "w:sz", 2);
    xml::add_val(rpr, "w:szCs", 2);
}

void add_page_number_styles(xml::Node styles, const Profile& profile) {
    ParagraphStyle header{style_id::page_header, "header", "Normal", page_number_style(profile),
                          normal_style(profile)};
    add_paragraph_style(styles, header);
    add_style_header(styles, "character", style_id::page_number, "page number", nullptr);
}

void add_cell_margins(xml::Node tblpr, long left_right_twips) {
    xml::Node margins = xml::add(tblpr, "w:tblCellMar");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
        xml::Node m = xml::add(margins, side);
        bool horizontal = side[2] == 'l' || side[2] == 'r';
        m.append_attribute("w:w") = horizontal ? left_right_twips : 0;
        m.append_attribute("w:type") = "dxa";
    }
}

void add_borders(xml::Node tblpr, const char* kind) {
    xml::Node borders = xml::add(tblpr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        xml::Node b = xml::add(borders, side);
        b.append_attribute("w:val") = kind;
        if (std::string_view(kind) != "nil") {
            b.append_attribute("w:sz") = 4;
            b.append_attribute("w:space") = 0;
            b.append_attribute("w:color") = "auto";
        }
    }
}

// Word's default cell padding (0.19 cm) for data tables; none for the layout tables of the
// header and the signature, whose columns are measured from the text edge.
constexpr long data_cell_padding_twips = 108;

void add_table_styles(xml::Node styles) {
    xml::Node normal = add_style_header(styles, "table", "TableNormal", "Normal Table", nullptr);
    normal.append_attribute("w:default") = "1";
    xml::Node tblpr = xml::add(normal, "w:tblPr");
    xml::Node ind = xml::add(tblpr, "w:tblInd");
    ind.append_attribute("w:w") = 0;
    ind.append_attribute("w:type") = "dxa";
    add_cell_margins(tblpr, data_cell_padding_twips);

    xml::Node grid = add_style_header(styles, "table", style_id::table_grid, "Table Grid", "TableNormal");
    tblpr = xml::add(grid, "w:tblPr");
    add_borders(tblpr, "single");

    xml::Node layout = add_style_header(styles, "table", style_id::layout_table, "Layout Table", "TableNormal");
    tblpr = xml::add(layout, "w:tblPr");
    add_borders(tblpr, "nil");
    add_cell_margins(tblpr, 0);
}

// Titles stay with what they announce, as in the PDF: the type with the summary, the summary
// with the body, an appendix's title and subtitle with its first block.
TextStyle kept_with_next(TextStyle style) {
    style.keep_with_next = true;
    return style;
}

std::vector<ParagraphStyle> element_styles(const Profile& p) {
    const TextStyle normal = normal_style(p);
    const TextStyle& body = p.body;
    TextStyle no_indent = body;
    no_indent.first_line_indent_mm = 0;
    TextStyle centered = no_indent;
    centered.align = Align::center;
    TextStyle right = no_indent;
    right.align = Align::right;
    const auto& h = p.header;

    std::vector<ParagraphStyle> styles = {
        {style_id::body, "Body Text", "Normal", body, normal},
        {style_id::body_no_indent, "Body Text No Indent", style_id::body, no_indent, body},
        {style_id::body_center, "Body Text Centered", style_id::body, centered, body},
        {style_id::body_right, "Body Text Right", style_id::body, right, body},
        {style_id::list_item, "List Item", style_id::body, p.list_item, body},
    };
    // Each list level a style of its own, so that a clerk indents, say, the "+" items in one
    // place; they write only what differs from List Item.
    for (int level = 2; level <= list_level_count; ++level)
        styles.push_back({style_id::list_level(level), "List Item " + std::to_string(level), style_id::list_item,
                          list_item_style(p, level), p.list_item});
    for (int level = 1; level <= heading_level_count(p); ++level)
        styles.push_back({style_id::heading(level), "heading " + std::to_string(level), style_id::body,
                          heading_style(p, level), body, level - 1});
    std::vector<ParagraphStyle> others = {
        {style_id::national_title, "National Title", "Normal", h.national_title_style, normal},
        {style_id::motto, "Motto", "Normal", h.motto_style, normal},
        {style_id::superior, "Superior Body", "Normal", h.superior_style, normal},
        {style_id::issuer, "Issuing Body", "Normal", h.issuer_style, normal},
        {style_id::issuer_mark, "Issuer Mark", "Normal", h.superior_style, normal},
        {style_id::number, "Document Number", "Normal", h.number_style, normal},
        {style_id::place_date, "Place and Date", "Normal", h.place_date_style, normal},
        {style_id::mark, "Urgency Mark", "Normal", h.mark_style, normal},
        {style_id::draft_mark, "Draft Mark", "Normal", kept_with_next(p.draft_mark_style), normal},
        {style_id::doc_type, "Document Type", "Normal", kept_with_next(p.doc_type), normal},
        {style_id::summary, "Summary", "Normal", kept_with_next(p.summary), normal},
        {style_id::summary_separator, "Summary Separator", style_id::summary, kept_with_next(summary_separator_style(p)), kept_with_next(p.summary)},
        {style_id::table_text, "Table Text", "Normal", p.table_text, normal},
        {style_id::table_header, "Table Header", style_id::table_text, p.table_header, p.table_text},
        {style_id::table_caption, "Table Caption", "Normal", kept_with_next(p.table_caption), normal},
        {style_id::table_note, "Table Note", "Normal", p.table_note, normal},
        {style_id::chart, "Chart", "Normal", chart_paragraph_style(p), normal},
        {style_id::recipients_label, "Recipients Label", "Normal", p.recipients_label_style, normal},
        {style_id::recipients, "Recipients", "Normal", p.recipients, normal},
        {style_id::signature_authority, "Signature Authority", "Normal", p.signature_authority, normal},
        {style_id::signature_position, "Signature Position", "Normal", p.signature_position, normal},
        {style_id::signature_note, "Signature Note", "Normal", signature_note_style(p), normal},
        {style_id::signature_name, "Signature Name", "Normal", signature_name_style(p), normal},
        {style_id::appendix_title, "Appendix Title", "Normal", kept_with_next(p.appendix_title), normal},
        {style_id::appendix_subtitle, "Appendix Subtitle", "Normal", kept_with_next(p.appendix_subtitle), normal},
    };
    styles.insert(styles.end(), others.begin(), others.end());
    return styles;
}

} // namespace

std::string styles_xml(const Profile& profile) {
    xml::Document document;
    xml::Node styles = xml::add_root(document, "w:styles");
    add_doc_defaults(styles, profile);
    add_normal_style(styles);
    for (const ParagraphStyle& style : element_styles(profile)) add_paragraph_style(styles, style);
    add_rule_style(styles, profile);
    add_section_break_style(styles);
    add_page_number_styles(styles, profile);
    add_table_styles(styles);
    return xml::serialize(document);
}

} // namespace vanban::docx
