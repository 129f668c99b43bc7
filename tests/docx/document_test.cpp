// word/document.xml and the headers: page setup, the header and signature tables, the body,
// tables, runs, page breaks, and text that XML cannot hold as it is.
#include <catch2/catch.hpp>

#include "docx/docx.hpp"
#include "docx/styles.hpp"
#include "fixture.hpp"
#include "support.hpp"
#include "support/word_numbers.hpp"

using namespace vanban;
using namespace vanban::docx_test;
using namespace vanban::model;
namespace id = vanban::docx::style_id;

namespace {

std::string style_of(pugi::xml_node p) { return p.child("w:pPr").child("w:pStyle").attribute("w:val").value(); }

std::vector<pugi::xml_node> children(pugi::xml_node node, const char* name) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : node.children(name)) out.push_back(c);
    return out;
}

std::vector<pugi::xml_node> paragraphs_with_style(pugi::xml_node root, const std::string& style) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xpath_node& p : root.select_nodes(".//w:p"))
        if (style_of(p.node()) == style) out.push_back(p.node());
    return out;
}

long twips(double mm) { return std::lround(mm * 1440 / 25.4); }

pugi::xml_node body_of(const pugi::xml_document& d) { return d.child("w:document").child("w:body"); }

std::string expected_text(const Block& block) {
    if (const auto* h = std::get_if<Heading>(&block)) return h->number + " " + docx_fixture::inline_text(h->text);
    if (const auto* p = std::get_if<Paragraph>(&block)) return docx_fixture::inline_text(p->text);
    if (const auto* li = std::get_if<ListItem>(&block)) return li->marker + " " + docx_fixture::inline_text(li->text);
    return {};
}

Document one_block_document(std::vector<Block> blocks) {
    Document doc;
    doc.profile = docx_fixture::party_profile();
    doc.body = std::move(blocks);
    return doc;
}

} // namespace

TEST_CASE("the page is A4 with the profile's margins and the number from page 2", "[docx][document]") {
    pugi::xml_document d;
    render_part(d, docx_fixture::plan_000_party(), "word/document.xml");
    pugi::xml_node sect = body_of(d).last_child();
    REQUIRE(std::string(sect.name()) == "w:sectPr");
    CHECK(sect.child("w:pgSz").attribute("w:w").as_int() == 11906);
    CHECK(sect.child("w:pgSz").attribute("w:h").as_int() == 16838);
    pugi::xml_node m = sect.child("w:pgMar");
    CHECK(m.attribute("w:top").as_int() == 1134);
    CHECK(m.attribute("w:bottom").as_int() == 1134);
    CHECK(m.attribute("w:left").as_int() == 1701);
    CHECK(m.attribute("w:right").as_int() == 850);
    CHECK(m.attribute("w:header").as_int() == 567);
    CHECK(sect.child("w:titlePg"));
    CHECK(sect.find_child_by_attribute("w:headerReference", "w:type", "default"));
    CHECK(sect.find_child_by_attribute("w:headerReference", "w:type", "first"));

    pugi::xml_document header;
    render_part(header, docx_fixture::plan_000_party(), "word/header1.xml");
    pugi::xml_node field = header.select_node("//w:fldSimple").node();
    REQUIRE(field);
    CHECK(std::string(field.attribute("w:instr").value()) == " PAGE ");
    CHECK(style_of(header.child("w:hdr").child("w:p")) == id::page_header);
    pugi::xml_document first;
    render_part(first, docx_fixture::plan_000_party(), "word/header2.xml");
    CHECK(text_of(first).empty());
}

TEST_CASE("numbers from page 1 need no distinct first page", "[docx][document]") {
    Document doc = docx_fixture::plan_state();
    doc.profile.page.page_numbers_from = 1;
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    CHECK(!d.select_node("//w:titlePg"));
    CHECK(!d.select_node("//w:headerReference[@w:type='first']"));
    CHECK(d.select_node("//w:headerReference[@w:type='default']"));
}

TEST_CASE("the first-page header is a borderless two-column table", "[docx][document]") {
    Document doc = docx_fixture::plan_000_party();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node table = body_of(d).first_child();
    REQUIRE(std::string(table.name()) == "w:tbl");
    CHECK(std::string(table.child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) == id::layout_table);
    auto cols = children(table.child("w:tblGrid"), "w:gridCol");
    REQUIRE(cols.size() == 2);
    CHECK(cols[0].attribute("w:w").as_int() == twips(doc.profile.header.left_column_mm));
    CHECK(cols[0].attribute("w:w").as_int() + cols[1].attribute("w:w").as_int() == 11906 - 1701 - 850);

    auto rows = children(table, "w:tr");
    REQUIRE(rows.size() == 2);
    auto top = children(rows[0], "w:tc");
    CHECK(text_of(paragraphs_with_style(top[0], id::issuer).at(0)) == "TỈNH ỦY QUẢNG NAM");
    CHECK(text_of(paragraphs_with_style(top[0], id::issuer_mark).at(0)) == "*");
    CHECK(text_of(paragraphs_with_style(top[1], id::national_title).at(0)) == "ĐẢNG CỘNG SẢN VIỆT NAM");
    // The rule under the title is as long as the title: 72.7 mm for 15 pt bold (format notes §5).
    auto rules = paragraphs_with_style(top[1], id::rule);
    REQUIRE(rules.size() == 1);
    pugi::xml_node ind = rules[0].child("w:pPr").child("w:ind");
    long length = cols[1].attribute("w:w").as_int() - ind.attribute("w:left").as_int() - ind.attribute("w:right").as_int();
    CHECK(std::abs(length - twips(72.7)) < twips(1.5));
    auto bottom = children(rows[1], "w:tc");
    CHECK(text_of(bottom[0]) == "Số 19-KH/TU");
    CHECK(text_of(bottom[1]) == "Quảng Nam, ngày 25 tháng 3 năm 2019");
    CHECK(style_of(bottom[1].child("w:p")) == id::place_date);
}

TEST_CASE("the State header has the motto, a rule under it and one under the issuer", "[docx][document]") {
    Document doc = docx_fixture::plan_state();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node table = body_of(d).first_child();
    auto top = children(children(table, "w:tr").at(0), "w:tc");
    CHECK(text_of(paragraphs_with_style(top[0], id::superior).at(0)) == "UBND TỈNH QUẢNG NAM");
    CHECK(paragraphs_with_style(top[0], id::issuer_mark).empty());
    CHECK(paragraphs_with_style(top[0], id::rule).size() == 1);
    CHECK(text_of(paragraphs_with_style(top[1], id::motto).at(0)) == "Độc lập - Tự do - Hạnh phúc");
    auto rules = paragraphs_with_style(top[1], id::rule);
    REQUIRE(rules.size() == 1);
    // The rule follows the motto (60.4 mm at 14 pt bold; 13 pt here).
    long column = children(table.child("w:tblGrid"), "w:gridCol")[1].attribute("w:w").as_int();
    pugi::xml_node ind = rules[0].child("w:pPr").child("w:ind");
    long length = column - ind.attribute("w:left").as_int() - ind.attribute("w:right").as_int();
    CHECK(std::abs(length - twips(60.4 * 13 / 14)) < twips(1.5));
    CHECK(text_of(paragraphs_with_style(table, id::mark).at(0)) == "KHẨN");
    // The issuer's rule is a third of the issuer's name (NĐ30: 1/3 to 1/2), as the PDF draws
    // it: "SỞ NỘI VỤ" is 23.6 mm in 13 pt bold (Liberation Serif).
    pugi::xml_node issuer_rule = paragraphs_with_style(top[0], id::rule).at(0);
    long left_column = children(table.child("w:tblGrid"), "w:gridCol")[0].attribute("w:w").as_int();
    ind = issuer_rule.child("w:pPr").child("w:ind");
    long issuer_rule_length = left_column - ind.attribute("w:left").as_int() - ind.attribute("w:right").as_int();
    const double issuer_mm = 23.6 * doc.profile.header.issuer_style.size_pt / 13;
    CHECK(std::abs(issuer_rule_length - twips(issuer_mm / 3)) < twips(1));
}

TEST_CASE("type and summary, then the separator the profile asks for", "[docx][document]") {
    SECTION("Party: the text -----") {
        pugi::xml_document d;
        render_part(d, docx_fixture::plan_000_party(), "word/document.xml");
        auto type = paragraphs_with_style(d, id::doc_type);
        REQUIRE(type.size() == 1);
        CHECK(text_of(type[0]) == "KẾ HOẠCH"); // upper case as letters
        auto summary = paragraphs_with_style(d, id::summary);
        REQUIRE(summary.size() == 1);
        CHECK(children(summary[0], "w:r").size() == 1); // three lines, one run, two breaks
        CHECK(text_of(summary[0]).find("Ban Bí thư\nTrung ương Đảng") != std::string::npos);
        pugi::xml_node separator = summary[0].next_sibling();
        CHECK(style_of(separator) == id::summary_separator);
        CHECK(text_of(separator) == "-----");
        CHECK(paragraphs_with_style(d, id::rule).size() == 1); // only the one under the title
    }
    SECTION("State: a drawn rule") {
        pugi::xml_document d;
        render_part(d, docx_fixture::plan_state(), "word/document.xml");
        pugi::xml_node summary = paragraphs_with_style(d, id::summary).at(0);
        CHECK(style_of(summary.next_sibling()) == id::rule);
        CHECK(paragraphs_with_style(d, id::summary_separator).empty());
        CHECK(text_of(d).find("-----") == std::string::npos);
    }
}

TEST_CASE("the body follows the model, block by block, in named styles", "[docx][document]") {
    Document doc = docx_fixture::plan_000_party();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    // The numbers as Word prints them (word/numbering.xml), then the paragraphs' text.
    const std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T08:00:00Z"}));
    const Entry* numbering = find_entry(entries, "word/numbering.xml");
    REQUIRE(numbering);
    testing::WordNumbers numbers(numbering->data);
    std::vector<pugi::xml_node> paragraphs;
    for (pugi::xml_node p : body_of(d).children("w:p"))
        if (style_of(p) == id::body || style_of(p) == id::list_item || style_of(p).rfind("Heading", 0) == 0)
            paragraphs.push_back(p);
    // The appendix adds one heading after the body.
    REQUIRE(paragraphs.size() == doc.body.size() + 1);
    for (std::size_t i = 0; i < doc.body.size(); ++i) {
        INFO("block " << i);
        CHECK(numbers.label(paragraphs[i]) + text_of(paragraphs[i]) == expected_text(doc.body[i]));
        std::string want = std::holds_alternative<Heading>(doc.body[i])
                               ? id::heading(std::get<Heading>(doc.body[i]).level)
                           : std::holds_alternative<ListItem>(doc.body[i]) ? id::list_item
                                                                           : id::body;
        CHECK(style_of(paragraphs[i]) == want);
    }
}

TEST_CASE("runs only where the formatting changes", "[docx][document]") {
    SECTION("the first paragraph: plain, italic, plain, bold, plain") {
        pugi::xml_document d;
        render_part(d, docx_fixture::plan_000_party(), "word/document.xml");
        pugi::xml_node first = paragraphs_with_style(d, id::body).at(0);
        auto runs = children(first, "w:r");
        REQUIRE(runs.size() == 5);
        CHECK(!runs[0].child("w:rPr"));
        CHECK(runs[1].child("w:rPr").child("w:i"));
        CHECK(text_of(runs[1]) == "Chỉ thị 28-CT/TW");
        CHECK(runs[3].child("w:rPr").child("w:b"));
        CHECK(!runs[4].child("w:rPr"));
    }
    SECTION("a heading's text is one run; bold is the style's, not the run's") {
        Document doc = one_block_document(
            {Heading{1, "I-", {Run{"MỤC ĐÍCH, "}, Run{"YÊU CẦU", true}}}});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        pugi::xml_node h = paragraphs_with_style(d, id::heading(1)).at(0);
        auto runs = children(h, "w:r");
        REQUIRE(runs.size() == 1);
        CHECK(text_of(runs[0]) == "MỤC ĐÍCH, YÊU CẦU"); // "I-" is Word's numbering
        CHECK(h.child("w:pPr").child("w:numPr"));
        CHECK(!runs[0].child("w:rPr"));
    }
    SECTION("a number that is no Word numbering stays text, in the heading's run") {
        Document doc = one_block_document({Heading{1, "Phần thứ nhất", {Run{"QUY ĐỊNH CHUNG"}}}});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        pugi::xml_node h = paragraphs_with_style(d, id::heading(1)).at(0);
        CHECK(text_of(h) == "Phần thứ nhất QUY ĐỊNH CHUNG");
        CHECK(!h.child("w:pPr").child("w:numPr"));
    }
    SECTION("adjacent runs that print the same are merged") {
        Document doc = one_block_document({Paragraph{ParagraphKind::body,
                                                     {Run{"a"}, Run{"b", true}, Run{"c", true, false, false},
                                                      Run{"d", false, true, true}}}});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        auto runs = children(paragraphs_with_style(d, id::body).at(0), "w:r");
        REQUIRE(runs.size() == 3);
        CHECK(text_of(runs[1]) == "bc");
        CHECK(runs[2].child("w:rPr").child("w:i"));
        CHECK(std::string(runs[2].child("w:rPr").child("w:u").attribute("w:val").value()) == "single");
    }
}

TEST_CASE("no empty paragraphs are used as spacing", "[docx][document]") {
    for (const Document& doc : {docx_fixture::plan_000_party(), docx_fixture::plan_state()}) {
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        for (const pugi::xpath_node& found : d.select_nodes("//w:p")) {
            pugi::xml_node p = found.node();
            if (!text_of(p).empty() || style_of(p) == id::rule) continue;
            // A cell must end with a paragraph: allowed only as a cell's sole content.
            INFO("empty paragraph of style '" << style_of(p) << "'");
            CHECK(std::string(p.parent().name()) == "w:tc");
            CHECK(children(p.parent(), "w:p").size() == 1);
        }
        CHECK(!d.select_node("//w:br[@w:type='page']"));
        CHECK(!d.select_node("//w:caps"));
    }
}

TEST_CASE("data tables: header rows repeat, rows do not split, spans merge cells", "[docx][document]") {
    Document doc = docx_fixture::plan_000_party();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node table;
    for (const pugi::xpath_node& t : d.select_nodes("//w:tbl"))
        if (std::string(t.node().child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) == id::table_grid)
            table = t.node();
    REQUIRE(table);
    CHECK(std::string(table.child("w:tblPr").child("w:tblLayout").attribute("w:type").value()) == "fixed");
    auto cols = children(table.child("w:tblGrid"), "w:gridCol");
    REQUIRE(cols.size() == 5);
    long sum = 0;
    for (pugi::xml_node c : cols) sum += c.attribute("w:w").as_int();
    CHECK(sum == 11906 - 1701 - 850);
    CHECK(cols[0].attribute("w:w").as_int() == std::lround(sum * 8.0 / 100));

    auto rows = children(table, "w:tr");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].child("w:trPr").child("w:tblHeader"));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        INFO("row " << r);
        CHECK(rows[r].child("w:trPr").child("w:cantSplit"));
        CHECK(bool(rows[r].child("w:trPr").child("w:tblHeader")) == (r == 0));
        int columns = 0;
        for (pugi::xml_node tc : rows[r].children("w:tc"))
            columns += std::max(1, tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int());
        CHECK(columns == 5);
    }
    auto header_cells = children(rows[0], "w:tc");
    CHECK(style_of(header_cells[0].child("w:p")) == id::table_header);
    // "Chủ trì" of row 1 spans two rows.
    pugi::xml_node start = children(rows[1], "w:tc")[2];
    CHECK(std::string(start.child("w:tcPr").child("w:vMerge").attribute("w:val").value()) == "restart");
    CHECK(text_of(start) == "Ban Tổ chức Tỉnh ủy");
    pugi::xml_node cont = children(rows[2], "w:tc")[2];
    CHECK(cont.child("w:tcPr").child("w:vMerge"));
    CHECK(std::string(cont.child("w:tcPr").child("w:vMerge").attribute("w:val").value()).empty());
    CHECK(text_of(cont).empty());
    // "Phối hợp" of row 3 spans two columns.
    auto r3 = children(rows[3], "w:tc");
    REQUIRE(r3.size() == 4);
    CHECK(r3[3].child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int() == 2);
    CHECK(r3[3].child("w:tcPr").child("w:tcW").attribute("w:w").as_int() ==
          cols[3].attribute("w:w").as_int() + cols[4].attribute("w:w").as_int());
    // Centred data cells say so; left ones inherit the style.
    CHECK(std::string(children(rows[1], "w:tc")[0].child("w:p").child("w:pPr").child("w:jc").attribute("w:val").value()) == "center");
    CHECK(!children(rows[1], "w:tc")[1].child("w:p").child("w:pPr").child("w:jc"));
    // Two paragraphs in a cell stay two paragraphs.
    CHECK(children(children(rows[4], "w:tc")[1], "w:p").size() == 2);
}

TEST_CASE("recipients and signature sit side by side in one row that cannot split", "[docx][document]") {
    Document doc = docx_fixture::plan_000_party();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node label = paragraphs_with_style(d, id::recipients_label).at(0);
    CHECK(text_of(label) == "Nơi nhận:");
    pugi::xml_node row = label.parent().parent();
    REQUIRE(std::string(row.name()) == "w:tr");
    CHECK(row.child("w:trPr").child("w:cantSplit"));
    pugi::xml_node table = row.parent();
    CHECK(std::string(table.child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) == id::layout_table);
    CHECK(children(table.child("w:tblGrid"), "w:gridCol")[0].attribute("w:w").as_int() ==
          twips(doc.profile.recipients_column_mm));
    auto cells = children(row, "w:tc");
    REQUIRE(cells.size() == 2);
    CHECK(paragraphs_with_style(cells[0], id::recipients).size() == doc.closing.recipients->lines.size());
    CHECK(text_of(paragraphs_with_style(cells[1], id::signature_authority).at(0)) == "T/M BAN THƯỜNG VỤ");
    CHECK(text_of(paragraphs_with_style(cells[1], id::signature_position).at(0)) == "PHÓ BÍ THƯ");
    pugi::xml_node name = paragraphs_with_style(cells[1], id::signature_name).at(0);
    CHECK(text_of(name) == "Nguyễn Văn A");
    CHECK(!name.child("w:pPr").child("w:spacing")); // the signing space is the style's
}

TEST_CASE("a signature note sits in the signing space", "[docx][document]") {
    Document doc = docx_fixture::plan_state();
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node note = paragraphs_with_style(d, id::signature_note).at(0);
    pugi::xml_node name = paragraphs_with_style(d, id::signature_name).at(0);
    CHECK(text_of(note) == "(Đã ký)");
    int note_before = note.child("w:pPr").child("w:spacing").attribute("w:before").as_int();
    int name_before = name.child("w:pPr").child("w:spacing").attribute("w:before").as_int();
    CHECK(note_before > 0);
    CHECK(name_before == note_before);
    // The note's line and the two spaces fill the profile's signing space.
    double space_twips = doc.profile.signature_space_mm * 1440 / 25.4;
    CHECK(std::abs(note_before + name_before + doc.profile.signature_position.size_pt * 1.15 * 20 - space_twips) < 5);
}

TEST_CASE("an appendix starts on a new page, by page break before", "[docx][document]") {
    pugi::xml_document d;
    render_part(d, docx_fixture::plan_000_party(), "word/document.xml");
    auto titles = paragraphs_with_style(d, id::appendix_title);
    REQUIRE(titles.size() == 1);
    CHECK(text_of(titles[0]) == "PHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ");
    CHECK(titles[0].child("w:pPr").child("w:pageBreakBefore"));
    CHECK(d.select_nodes("//w:pageBreakBefore").size() == 1);
    CHECK(style_of(titles[0].next_sibling()) == id::appendix_subtitle);
    CHECK(text_of(paragraphs_with_style(d, id::body_no_indent).at(0)).rfind("Ghi chú: ", 0) == 0);
    CHECK(text_of(paragraphs_with_style(d, id::body_center).at(0)) == "(Hết phụ lục)");
}

TEST_CASE("a page break becomes page-break-before on what follows", "[docx][document]") {
    SECTION("a paragraph") {
        Document doc = one_block_document({Paragraph{ParagraphKind::body, {Run{"một"}}}, PageBreak{},
                                           Paragraph{ParagraphKind::body, {Run{"hai"}}}});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        auto ps = children(body_of(d), "w:p");
        REQUIRE(ps.size() == 2);
        CHECK(!ps[0].child("w:pPr").child("w:pageBreakBefore"));
        CHECK(ps[1].child("w:pPr").child("w:pageBreakBefore"));
    }
    SECTION("a table: its first cell's paragraph") {
        Table t;
        t.rows.push_back(TableRow{false, {TableCell{{{Run{"x"}}}}}});
        Document doc = one_block_document({Paragraph{ParagraphKind::body, {Run{"một"}}}, PageBreak{}, t});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        CHECK(d.select_node("//w:tc/w:p/w:pPr/w:pageBreakBefore"));
    }
    SECTION("nothing after it: no break") {
        Document doc = one_block_document({Paragraph{ParagraphKind::body, {Run{"một"}}}, PageBreak{}});
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        CHECK(!d.select_node("//w:pageBreakBefore"));
    }
}

TEST_CASE("two tables in a row are kept apart", "[docx][document]") {
    Table t;
    t.rows.push_back(TableRow{false, {TableCell{{{Run{"x"}}}}}});
    Document doc = one_block_document({t, t});
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    pugi::xml_node first = body_of(d).child("w:tbl");
    CHECK(std::string(first.next_sibling().name()) == "w:p");
}

TEST_CASE("malformed tables still give a whole grid", "[docx][document]") {
    Table t;
    t.column_weights = {1, -2}; // unusable weights: equal columns
    TableCell wide{{{Run{"a"}}}};
    wide.colspan = 9;  // past the edge
    wide.rowspan = 5;  // past the last row
    TableCell covered;
    covered.covered = true;
    t.rows.push_back(TableRow{false, {wide, covered, covered}});
    t.rows.push_back(TableRow{false, {covered}}); // too few cells
    Table no_rows;
    no_rows.column_weights = {1, 2};
    Document doc = one_block_document({t, no_rows});
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    CHECK(d.select_nodes("//w:tbl").size() == 1); // a table without rows is left out
    auto cols = children(d.select_node("//w:tblGrid").node(), "w:gridCol");
    REQUIRE(cols.size() == 3);
    CHECK(cols[0].attribute("w:w").as_int() == cols[1].attribute("w:w").as_int());
    for (const pugi::xpath_node& row : d.select_nodes("//w:tr")) {
        int columns = 0;
        for (pugi::xml_node tc : row.node().children("w:tc"))
            columns += std::max(1, tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int());
        CHECK(columns == 3);
    }
}

TEST_CASE("text XML cannot hold is made safe, and breaks and tabs are kept", "[docx][document]") {
    Document doc = one_block_document({Paragraph{ParagraphKind::body,
                                                 {Run{std::string("a\x01") + "b\nc\td \xC3(x) & <y>"}}}});
    doc.metadata.title = "tiêu đề\x02";
    std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25"}));
    pugi::xml_document d;
    parse_part(d, find_entry(entries, "word/document.xml")->data, "document.xml");
    pugi::xml_node p = paragraphs_with_style(d, id::body).at(0);
    CHECK(text_of(p) == "a\xEF\xBF\xBD" "b\nc\td \xEF\xBF\xBD(x) & <y>");
    CHECK(p.select_node(".//w:br"));
    CHECK(p.select_node(".//w:tab"));
    pugi::xml_document core;
    parse_part(core, find_entry(entries, "docProps/core.xml")->data, "core.xml");
    CHECK(std::string(core.child("cp:coreProperties").child_value("dc:title")) == "tiêu đề\xEF\xBF\xBD");
}

TEST_CASE("the noncharacters U+FFFE and U+FFFF, which XML forbids, are replaced", "[docx][document]") {
    Document doc = one_block_document(
        {Paragraph{ParagraphKind::body, {Run{"Uỷ ban x\xEF\xBF\xBEy\xEF\xBF\xBFz \xEF\xBF\xBD ủy ban"}}}});
    std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25"}));
    pugi::xml_document d;
    parse_part(d, find_entry(entries, "word/document.xml")->data, "document.xml");
    const std::string text = text_of(paragraphs_with_style(d, id::body).at(0));
    CHECK(text.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(text.find("\xEF\xBF\xBF") == std::string::npos);
    CHECK(text.rfind("Uỷ ban x", 0) == 0);                     // the text around is kept as it is
    CHECK(text.size() >= 3);
    CHECK(text.substr(text.size() - std::string(" \xEF\xBF\xBD ủy ban").size()) == " \xEF\xBF\xBD ủy ban");
}

TEST_CASE("leading and trailing spaces are preserved", "[docx][document]") {
    Document doc = one_block_document({Paragraph{ParagraphKind::body, {Run{"a "}, Run{"b", true}, Run{" c"}}}});
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    auto texts = d.select_nodes("//w:t");
    REQUIRE(texts.size() == 3);
    CHECK(std::string(texts[0].node().attribute("xml:space").value()) == "preserve");
    CHECK(!texts[1].node().attribute("xml:space"));
    CHECK(std::string(texts[2].node().attribute("xml:space").value()) == "preserve");
    CHECK(text_of(d) == "a b c");
}

TEST_CASE("heading levels outside the profile's range use the nearest level", "[docx][document]") {
    Document doc = one_block_document({Heading{0, "", {Run{"không"}}}, Heading{9, "a)", {Run{"chín"}}}});
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    auto ps = children(body_of(d), "w:p");
    REQUIRE(ps.size() == 2);
    CHECK(style_of(ps[0]) == id::heading(1));
    CHECK(text_of(ps[0]) == "không");
    CHECK(style_of(ps[1]) == id::heading(static_cast<int>(doc.profile.headings.size())));

    doc.profile.headings.clear(); // a profile without headings: bold body text
    pugi::xml_document styles;
    render_part(styles, doc, "word/styles.xml");
    CHECK(styles.select_node("//w:style[@w:styleId='Heading1']/w:rPr/w:b"));
}
