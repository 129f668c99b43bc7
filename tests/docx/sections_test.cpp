// Appendices as sections of their own when the profile restarts their page numbers (NĐ30:
// each appendix is numbered from 1, its first page without a number); otherwise one section
// and a page break before each appendix.
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

std::vector<pugi::xml_node> section_properties(const pugi::xml_document& d) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xpath_node& n : d.select_nodes("//w:sectPr")) out.push_back(n.node());
    return out;
}

std::string style_of(pugi::xml_node p) { return p.child("w:pPr").child("w:pStyle").attribute("w:val").value(); }

std::string header_id(pugi::xml_node sect, const char* type) {
    for (pugi::xml_node h : sect.children("w:headerReference"))
        if (std::string(h.attribute("w:type").value()) == type) return h.attribute("r:id").value();
    return {};
}

Document with_two_appendices(bool restart) {
    Document doc = docx_fixture::plan_000_party();
    doc.profile.appendix_restarts_page_numbers = restart;
    Appendix second;
    second.title = {"PHỤ LỤC II"};
    second.blocks.push_back(Paragraph{ParagraphKind::body, {Run{"Nội dung phụ lục hai."}}});
    doc.appendices.push_back(second);
    return doc;
}

} // namespace

TEST_CASE("appendices that restart their page numbers are sections of their own", "[docx][sections]") {
    const Document doc = with_two_appendices(true);
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node body = d.child("w:document").child("w:body");
    std::vector<pugi::xml_node> sections = section_properties(d);
    REQUIRE(sections.size() == 3); // the plan, appendix I, appendix II

    // The plan ends with the closing table: a one-point "Section Break" paragraph follows it
    // and carries the plan's section properties.
    pugi::xml_node plan_end = sections[0].parent().parent();
    CHECK(std::string_view(plan_end.name()) == "w:p");
    CHECK(style_of(plan_end) == id::section_break);
    CHECK(std::string_view(plan_end.previous_sibling().name()) == "w:tbl");
    CHECK(!sections[0].child("w:pgNumType")); // the plan numbers on from 1
    CHECK(sections[0].child("w:titlePg"));

    // Appendix I ends with a paragraph of its own, which carries the section properties.
    pugi::xml_node appendix_end = sections[1].parent().parent();
    CHECK(style_of(appendix_end) != id::section_break);
    for (std::size_t i = 1; i < sections.size(); ++i) {
        INFO("appendix section " << i);
        CHECK(sections[i].child("w:pgNumType").attribute("w:start").as_int() == 1);
        CHECK(sections[i].child("w:titlePg")); // no number on the appendix's first page
        CHECK(header_id(sections[i], "first") == header_id(sections[0], "first"));
        CHECK(header_id(sections[i], "default") == header_id(sections[0], "default"));
    }
    CHECK(sections.back().parent() == body); // the last section's properties end the body

    // A section starts on a new page by itself: no page break before the appendix titles.
    for (pugi::xml_node p : body.children("w:p"))
        if (style_of(p) == id::appendix_title) CHECK(!p.child("w:pPr").child("w:pageBreakBefore"));
}

TEST_CASE("appendices numbered on with the plan share its section", "[docx][sections]") {
    pugi::xml_document d;
    render_part(d, with_two_appendices(false), "word/document.xml");
    std::vector<pugi::xml_node> sections = section_properties(d);
    REQUIRE(sections.size() == 1);
    CHECK(!sections[0].child("w:pgNumType"));
    int breaks = 0;
    for (pugi::xml_node p : d.child("w:document").child("w:body").children("w:p"))
        if (style_of(p) == id::appendix_title && p.child("w:pPr").child("w:pageBreakBefore")) ++breaks;
    CHECK(breaks == 2);
    CHECK(d.select_nodes("//w:pStyle[@w:val='SectionBreak']").empty());
}

TEST_CASE("a restarting appendix needs the empty first-page header even when page 1 is numbered",
          "[docx][sections]") {
    Document doc = with_two_appendices(true);
    doc.profile.page.page_numbers_from = 1;
    std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T08:00:00Z"}));
    REQUIRE(find_entry(entries, "word/header2.xml"));
    pugi::xml_document d;
    parse_part(d, find_entry(entries, "word/document.xml")->data, "word/document.xml");
    std::vector<pugi::xml_node> sections = section_properties(d);
    REQUIRE(sections.size() == 3);
    CHECK(!sections[0].child("w:titlePg")); // the plan shows its number on page 1
    CHECK(sections[1].child("w:titlePg"));
    // The relationships name the header the sections use.
    pugi::xml_document rels;
    parse_part(rels, find_entry(entries, "word/_rels/document.xml.rels")->data, "rels");
    std::string first = header_id(sections[1], "first");
    std::string path = "//*[@Id='" + first + "']";
    CHECK(std::string(rels.select_node(path.c_str()).node().attribute("Target").value()) == "header2.xml");
}

TEST_CASE("a document without page numbers gets no headers in its appendix sections", "[docx][sections]") {
    Document doc = with_two_appendices(true);
    doc.profile.page.page_numbers = false;
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    // Without numbers there is nothing to restart: one section, as before.
    REQUIRE(section_properties(d).size() == 1);
    CHECK(!section_properties(d)[0].child("w:headerReference"));
}

TEST_CASE("an empty appendix leaves neither a blank page nor an empty section", "[docx][sections]") {
    for (bool restart : {true, false}) {
        INFO("restart numbering: " << restart);
        Document doc = with_two_appendices(restart);
        doc.appendices.insert(doc.appendices.begin() + 1, Appendix{});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        CHECK(section_properties(d).size() == (restart ? 3u : 1u));
        CHECK(d.select_nodes("//w:pageBreakBefore").size() == (restart ? 0u : 2u));
    }
}
