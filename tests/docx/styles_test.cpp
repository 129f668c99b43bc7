// The style sheet: every element prints as its profile says, once the basedOn chain and the
// document defaults are followed, for the Party and the State profile.
#include <cmath>

#include <catch2/catch.hpp>

#include "docx/styles.hpp"
#include "fixture.hpp"
#include "support.hpp"

using namespace vanban;
using namespace vanban::docx_test;
using model::Align;
using model::TextStyle;

namespace {

class StyleSheet {
public:
    explicit StyleSheet(const model::Profile& profile) {
        parse_part(document_, docx::styles_xml(profile), "styles.xml");
        root_ = document_.child("w:styles");
    }

    pugi::xml_node style(const std::string& id) const {
        for (pugi::xml_node s : root_.children("w:style"))
            if (id == s.attribute("w:styleId").value()) return s;
        return {};
    }

    // The element `prop` of `group` ("w:pPr" or "w:rPr") as the style inherits it.
    pugi::xml_node property(const std::string& id, const char* group, const char* prop) const {
        for (pugi::xml_node s = style(id); s; s = style(s.child("w:basedOn").attribute("w:val").value()))
            if (pugi::xml_node node = s.child(group).child(prop)) return node;
        return defaults(group).child(prop);
    }

    pugi::xml_attribute attribute(const std::string& id, const char* group, const char* prop, const char* attr) const {
        for (pugi::xml_node s = style(id); s; s = style(s.child("w:basedOn").attribute("w:val").value()))
            if (pugi::xml_attribute a = s.child(group).child(prop).attribute(attr)) return a;
        return defaults(group).child(prop).attribute(attr);
    }

    bool toggle(const std::string& id, const char* prop) const {
        pugi::xml_node node = property(id, "w:rPr", prop);
        if (!node) return false;
        std::string val = node.attribute("w:val").value();
        return val != "0" && val != "false";
    }

    pugi::xml_node root() const { return root_; }

private:
    pugi::xml_node defaults(const char* group) const {
        pugi::xml_node d = root_.child("w:docDefaults");
        return std::string(group) == "w:rPr" ? d.child("w:rPrDefault").child("w:rPr") : d.child("w:pPrDefault").child("w:pPr");
    }
    pugi::xml_document document_;
    pugi::xml_node root_;
};

long twips(double mm) { return std::lround(mm * 1440 / 25.4); }

std::string jc(Align a) {
    switch (a) {
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    case Align::justify: return "both";
    }
    return "";
}

void check_style(const StyleSheet& sheet, const std::string& id, const TextStyle& want) {
    INFO("style " << id);
    REQUIRE(sheet.style(id));
    CHECK(sheet.property(id, "w:rPr", "w:sz").attribute("w:val").as_int() == std::lround(want.size_pt * 2));
    CHECK(sheet.toggle(id, "w:b") == want.bold);
    CHECK(sheet.toggle(id, "w:i") == want.italic);
    std::string u = sheet.property(id, "w:rPr", "w:u").attribute("w:val").value();
    CHECK((!u.empty() && u != "none") == want.underline);
    std::string align = sheet.property(id, "w:pPr", "w:jc").attribute("w:val").value();
    CHECK((align.empty() ? "left" : align) == jc(want.align));
    CHECK(sheet.attribute(id, "w:pPr", "w:ind", "w:firstLine").as_int() == twips(want.first_line_indent_mm));
    CHECK(sheet.attribute(id, "w:pPr", "w:ind", "w:left").as_int() == twips(want.left_indent_mm));
    CHECK(sheet.attribute(id, "w:pPr", "w:spacing", "w:before").as_int() == std::lround(want.space_before_pt * 20));
    CHECK(sheet.attribute(id, "w:pPr", "w:spacing", "w:after").as_int() == std::lround(want.space_after_pt * 20));
    CHECK(sheet.attribute(id, "w:pPr", "w:spacing", "w:line").as_int() == std::lround(want.line_spacing * 240));
    pugi::xml_node keep = sheet.property(id, "w:pPr", "w:keepNext");
    CHECK((keep && std::string(keep.attribute("w:val").value()) != "0") == want.keep_with_next);
}

// Titles the writer keeps with what follows, whatever the profile says (as the PDF does).
TextStyle kept(TextStyle style) {
    style.keep_with_next = true;
    return style;
}

void check_all_elements(const model::Profile& p) {
    StyleSheet sheet(p);
    namespace id = docx::style_id;
    check_style(sheet, id::body, p.body);
    check_style(sheet, id::list_item, p.list_item);
    for (std::size_t level = 1; level <= p.headings.size(); ++level)
        check_style(sheet, id::heading(static_cast<int>(level)), p.headings[level - 1]);
    check_style(sheet, id::doc_type, kept(p.doc_type));
    check_style(sheet, id::summary, kept(p.summary));
    check_style(sheet, id::national_title, p.header.national_title_style);
    check_style(sheet, id::motto, p.header.motto_style);
    check_style(sheet, id::superior, p.header.superior_style);
    check_style(sheet, id::issuer, p.header.issuer_style);
    check_style(sheet, id::number, p.header.number_style);
    check_style(sheet, id::place_date, p.header.place_date_style);
    check_style(sheet, id::mark, p.header.mark_style);
    check_style(sheet, id::table_text, p.table_text);
    check_style(sheet, id::table_header, p.table_header);
    check_style(sheet, id::recipients_label, p.recipients_label_style);
    check_style(sheet, id::recipients, p.recipients);
    check_style(sheet, id::signature_authority, p.signature_authority);
    check_style(sheet, id::signature_position, p.signature_position);
    check_style(sheet, id::appendix_title, kept(p.appendix_title));
    check_style(sheet, id::appendix_subtitle, kept(p.appendix_subtitle));
    TextStyle name = p.signature_name;
    name.space_before_pt += p.signature_space_mm * 72 / 25.4; // the signing space
    check_style(sheet, id::signature_name, name);
    TextStyle variant = p.body;
    variant.first_line_indent_mm = 0;
    check_style(sheet, id::body_no_indent, variant);
    variant.align = Align::center;
    check_style(sheet, id::body_center, variant);
    variant.align = Align::right;
    check_style(sheet, id::body_right, variant);
}

} // namespace

TEST_CASE("every element's named style matches the Party profile", "[docx][styles]") {
    check_all_elements(docx_fixture::party_profile());
}

TEST_CASE("every element's named style matches the State profile", "[docx][styles]") {
    check_all_elements(docx_fixture::state_profile());
}

TEST_CASE("the profile's font is named in the run fonts, with Vietnamese as the language", "[docx][styles]") {
    model::Profile p = docx_fixture::party_profile();
    StyleSheet sheet(p);
    pugi::xml_node fonts = sheet.root().child("w:docDefaults").child("w:rPrDefault").child("w:rPr").child("w:rFonts");
    for (const char* attr : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"})
        CHECK(std::string(fonts.attribute(attr).value()) == "Times New Roman");
    CHECK(std::string(sheet.root().select_node("//w:lang").node().attribute("w:val").value()) == "vi-VN");
    p.font_family = "Tinos";
    StyleSheet other(p);
    CHECK(std::string(other.root().select_node("//w:rFonts").node().attribute("w:ascii").value()) == "Tinos");
}

TEST_CASE("the body family inherits from Body Text, so its size is set in one place", "[docx][styles]") {
    StyleSheet sheet(docx_fixture::party_profile());
    namespace id = docx::style_id;
    for (std::string style : {std::string(id::list_item), id::heading(1), id::heading(4),
                              std::string(id::body_no_indent), std::string(id::body_center)}) {
        INFO(style);
        CHECK(std::string(sheet.style(style).child("w:basedOn").attribute("w:val").value()) == id::body);
        CHECK(!sheet.style(style).child("w:rPr").child("w:sz")); // same size: not repeated
    }
    // Headings appear in Word's navigation pane.
    CHECK(sheet.style(id::heading(2)).child("w:pPr").child("w:outlineLvl").attribute("w:val").as_int() == 1);
    CHECK(std::string(sheet.style(id::heading(1)).child_value("w:name")).empty());
    CHECK(std::string(sheet.style(id::heading(1)).child("w:name").attribute("w:val").value()) == "heading 1");
}

TEST_CASE("the Rule style draws the profile's rule band, as the PDF does", "[docx][styles]") {
    model::Profile profile = docx_fixture::party_profile();
    profile.rule_width_pt = 0.75;
    profile.rule_gap_pt = 3;
    StyleSheet sheet(profile);
    namespace id = docx::style_id;
    // Layout rule 14: space before, a line 1 pt high, then the border right under it, so the
    // border's centre is rule_gap_pt below the line above: 3 - 1 - 0.375 = 1.625 pt.
    const pugi::xml_node border = sheet.property(id::rule, "w:pPr", "w:pBdr").child("w:bottom");
    CHECK(border.attribute("w:sz").as_int() == 6); // eighths of a point
    CHECK(border.attribute("w:space").as_int() == 0);
    CHECK(sheet.attribute(id::rule, "w:pPr", "w:spacing", "w:before").as_int() == 33); // twips, 1.625 pt rounded
    CHECK(sheet.attribute(id::rule, "w:pPr", "w:spacing", "w:line").as_int() == 20);
    CHECK(std::string(sheet.attribute(id::rule, "w:pPr", "w:spacing", "w:lineRule").value()) == "exact");
}

TEST_CASE("widow and orphan control is on for every paragraph, whatever the program's default", "[docx][styles]") {
    StyleSheet sheet(docx_fixture::party_profile());
    CHECK(sheet.root().select_node("/w:styles/w:docDefaults/w:pPrDefault/w:pPr/w:widowControl"));
    CHECK(!sheet.root().select_node("//w:style//w:widowControl"));
}

TEST_CASE("no style asks Word for capitals: upper case is in the text", "[docx][styles]") {
    StyleSheet sheet(docx_fixture::party_profile());
    CHECK(!sheet.root().select_node("//w:caps"));
    CHECK(!sheet.root().select_node("//w:smallCaps"));
}
