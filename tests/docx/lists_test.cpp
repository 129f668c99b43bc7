// List levels: each has a named style ("List Item", "List Item 2" … "List Item 4"), and the
// first line of levels 2-4 is indented further by the profile's list_level_indent_mm per level.
#include <catch2/catch.hpp>

#include "docx/docx.hpp"
#include "docx/styles.hpp"
#include "fixture.hpp"
#include "support.hpp"

using namespace vanban;
using namespace vanban::docx_test;
using namespace vanban::model;
namespace id = vanban::docx::style_id;

namespace {

long twips(double mm) { return std::lround(mm * 1440 / 25.4); }

pugi::xml_node style_node(const pugi::xml_document& styles, const std::string& id) {
    std::string path = "//w:style[@w:styleId='" + id + "']";
    return styles.select_node(path.c_str()).node();
}

Document list_document(const Profile& profile) {
    Document doc;
    doc.profile = profile;
    for (int level : {1, 2, 3, 4, 0, 9})
        doc.body.push_back(ListItem{"-", level, {Run{"Cấp " + std::to_string(level)}}});
    return doc;
}

// An indent (w:left, w:firstLine) a paragraph of `style` gets, following basedOn up to a
// style that says.
long indent(const pugi::xml_document& styles, std::string style, const char* which) {
    while (!style.empty()) {
        pugi::xml_node node = style_node(styles, style);
        REQUIRE(node);
        pugi::xml_node ind = node.child("w:pPr").child("w:ind");
        if (ind) return ind.attribute(which).as_int();
        style = node.child("w:basedOn").attribute("w:val").value();
    }
    return 0;
}

} // namespace

TEST_CASE("each list level has its own named style, based on List Item", "[docx][lists]") {
    Profile profile = docx_fixture::party_profile();
    profile.list_level_indent_mm = 0;
    pugi::xml_document styles;
    render_part(styles, list_document(profile), "word/styles.xml");
    for (int level = 2; level <= docx::list_level_count; ++level) {
        INFO("level " << level);
        pugi::xml_node node = style_node(styles, id::list_level(level));
        REQUIRE(node);
        CHECK(std::string(node.child("w:name").attribute("w:val").value()) == "List Item " + std::to_string(level));
        CHECK(std::string(node.child("w:basedOn").attribute("w:val").value()) == id::list_item);
        // A profile that indents no level: the level styles only inherit, ready for a clerk.
        CHECK(!node.child("w:pPr"));
        CHECK(!node.child("w:rPr"));
    }
    CHECK(id::list_level(1) == id::list_item);
}

TEST_CASE("list items take their level's style, and levels outside 1-4 the nearest one", "[docx][lists]") {
    pugi::xml_document d;
    render_part(d, list_document(docx_fixture::party_profile()), "word/document.xml");
    std::vector<std::string> styles;
    for (pugi::xml_node p : d.child("w:document").child("w:body").children("w:p"))
        styles.push_back(p.child("w:pPr").child("w:pStyle").attribute("w:val").value());
    CHECK(styles == std::vector<std::string>{"ListItem", "ListItem2", "ListItem3", "ListItem4", "ListItem", "ListItem4"});
}

TEST_CASE("the first line of levels 2-4 is indented by the profile's list level indent", "[docx][lists]") {
    Profile profile = docx_fixture::party_profile();
    profile.list_item.first_line_indent_mm = 10;
    profile.list_item.left_indent_mm = 2;
    profile.list_level_indent_mm = 5;
    pugi::xml_document styles;
    render_part(styles, list_document(profile), "word/styles.xml");
    CHECK(indent(styles, id::list_item, "w:firstLine") == twips(10));
    CHECK(indent(styles, id::list_level(2), "w:firstLine") == twips(15));
    CHECK(indent(styles, id::list_level(3), "w:firstLine") == twips(20));
    CHECK(indent(styles, id::list_level(4), "w:firstLine") == twips(25));
    // The lines after the first keep to the list's left edge at every level.
    for (int level = 1; level <= docx::list_level_count; ++level)
        CHECK(indent(styles, id::list_level(level), "w:left") == twips(2));
}
