// What stays together across a page break, said with "keep with next" (w:keepNext) on
// paragraphs, also on those inside table rows, where Word and LibreOffice then keep the row
// with the next one (docs/docx.md, "Keeps"). LibreOffice's own pagination of the examples is
// checked in examples/libreoffice_examples_test.cpp.
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

bool kept_with_next(pugi::xml_node p) {
    pugi::xml_node keep = p.child("w:pPr").child("w:keepNext");
    return keep && std::string(keep.attribute("w:val").value()) != "0";
}

// Every paragraph of the row kept with next (the row goes with the next row), or none.
enum class RowKeep { all, none, mixed };
RowKeep row_keep(pugi::xml_node tr) {
    int kept = 0, total = 0;
    for (pugi::xml_node tc : tr.children("w:tc"))
        for (pugi::xml_node p : tc.children("w:p")) {
            ++total;
            kept += kept_with_next(p) ? 1 : 0;
        }
    if (total > 0 && kept == total) return RowKeep::all;
    return kept == 0 ? RowKeep::none : RowKeep::mixed;
}

std::vector<pugi::xml_node> body_children(const pugi::xml_document& d) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node n : d.child("w:document").child("w:body").children())
        if (std::string_view(n.name()) != "w:sectPr") out.push_back(n);
    return out;
}

std::vector<pugi::xml_node> tables(const pugi::xml_document& d) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node n : d.child("w:document").child("w:body").children("w:tbl")) out.push_back(n);
    return out;
}

std::vector<pugi::xml_node> rows(pugi::xml_node tbl) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node tr : tbl.children("w:tr")) out.push_back(tr);
    return out;
}

Paragraph body(const std::string& text) { return Paragraph{ParagraphKind::body, {Run{text}}}; }

TableCell cell(const std::string& text) {
    TableCell c;
    c.paragraphs.push_back({Run{text}});
    return c;
}

// A table of `data_rows` rows of two cells under one header row.
Table table(int data_rows) {
    Table t;
    t.column_weights = {1, 3};
    TableRow header;
    header.header = true;
    header.cells = {cell("STT"), cell("Nội dung")};
    t.rows.push_back(header);
    for (int i = 1; i <= data_rows; ++i) {
        TableRow r;
        r.cells = {cell(std::to_string(i)), cell("Nhiệm vụ " + std::to_string(i))};
        t.rows.push_back(r);
    }
    return t;
}

Document document(std::vector<Block> blocks, bool closing = false) {
    Document doc;
    doc.profile = docx_fixture::party_profile();
    doc.body = std::move(blocks);
    if (closing) {
        Recipients r;
        r.lines = {{Run{"- Như trên,"}}, {Run{"- Lưu Văn phòng."}}};
        doc.closing.recipients = r;
        Signature s;
        s.authority = {"T/M BAN THƯỜNG VỤ"};
        s.name = "Nguyễn Văn A";
        doc.closing.signature = s;
    }
    return doc;
}

} // namespace

TEST_CASE("the closing takes the body's last two paragraphs with it", "[docx][keeps]") {
    pugi::xml_document d;
    render_part(d, document({body("Một."), body("Hai."), body("Ba."), body("Bốn.")}, true), "word/document.xml");
    std::vector<pugi::xml_node> blocks = body_children(d);
    REQUIRE(blocks.size() == 5);
    REQUIRE(std::string_view(blocks[4].name()) == "w:tbl");
    CHECK_FALSE(kept_with_next(blocks[0]));
    CHECK_FALSE(kept_with_next(blocks[1]));
    CHECK(kept_with_next(blocks[2]));
    CHECK(kept_with_next(blocks[3]));
    // The closing's own row never splits; nothing in it is kept with what follows it.
    CHECK(rows(blocks[4]).at(0).child("w:trPr").child("w:cantSplit"));
    CHECK(row_keep(rows(blocks[4]).at(0)) == RowKeep::none);
}

TEST_CASE("a body that ends with a table takes the table's last row to the closing", "[docx][keeps]") {
    pugi::xml_document d;
    render_part(d, document({body("Một."), table(3)}, true), "word/document.xml");
    std::vector<pugi::xml_node> blocks = body_children(d);
    // paragraph, data table, the paragraph that keeps two tables apart, the closing
    REQUIRE(blocks.size() == 4);
    CHECK_FALSE(kept_with_next(blocks[0]));
    std::vector<pugi::xml_node> data = rows(blocks[1]);
    REQUIRE(data.size() == 4);
    CHECK(row_keep(data.back()) == RowKeep::all);
    CHECK(std::string_view(blocks[2].name()) == "w:p");
    CHECK(kept_with_next(blocks[2]));
}

TEST_CASE("a table's header row and last but one row are kept with the next row", "[docx][keeps]") {
    pugi::xml_document d;
    render_part(d, document({table(4)}), "word/document.xml");
    std::vector<pugi::xml_node> r = rows(tables(d).at(0));
    REQUIRE(r.size() == 5);
    CHECK(row_keep(r[0]) == RowKeep::all);  // the header never ends a page alone
    CHECK(row_keep(r[1]) == RowKeep::none);
    CHECK(row_keep(r[2]) == RowKeep::none);
    CHECK(row_keep(r[3]) == RowKeep::all);  // the last row never starts a page alone
    CHECK(row_keep(r[4]) == RowKeep::none); // nothing follows inside the table
}

TEST_CASE("rows joined by a merged cell are kept together", "[docx][keeps]") {
    Table t = table(5);
    t.rows[1].cells[1].rowspan = 3; // rows 1, 2 and 3 share a cell
    t.rows[2].cells[1] = TableCell{};
    t.rows[2].cells[1].covered = true;
    t.rows[3].cells[1] = TableCell{};
    t.rows[3].cells[1].covered = true;
    pugi::xml_document d;
    render_part(d, document({t}), "word/document.xml");
    std::vector<pugi::xml_node> r = rows(tables(d).at(0));
    REQUIRE(r.size() == 6);
    CHECK(row_keep(r[1]) == RowKeep::all);
    CHECK(row_keep(r[2]) == RowKeep::all);
    CHECK(row_keep(r[3]) == RowKeep::none); // the merge ends here, and row 4 is not the last but one
    CHECK(row_keep(r[4]) == RowKeep::all);
}

TEST_CASE("a long table's rows keep their merges and keeps across the slices they are built in", "[docx][keeps]") {
    // The writer builds a table's rows 32 at a time (docs/docx.md, "Measured"): a merged cell
    // that crosses from one slice into the next, the row kept before the last, and a table
    // that ends the body must come out as they do in a short table.
    Table t = table(70); // the header, then rows 1 to 70
    t.rows[31].cells[1].rowspan = 3; // rows 31, 32 and 33 share a cell; row 32 starts a slice
    for (std::size_t r : {32u, 33u}) {
        t.rows[r].cells[1] = TableCell{};
        t.rows[r].cells[1].covered = true;
    }
    pugi::xml_document d;
    render_part(d, document({t}, true), "word/document.xml");
    std::vector<pugi::xml_node> r = rows(tables(d).at(0));
    REQUIRE(r.size() == 71);
    for (std::size_t i = 1; i < 71; ++i)
        CHECK(std::string(r[i].child("w:tc").child("w:p").child("w:r").child_value("w:t")) == std::to_string(i));
    CHECK(row_keep(r[0]) == RowKeep::all); // the header row
    CHECK(row_keep(r[30]) == RowKeep::none);
    CHECK(row_keep(r[31]) == RowKeep::all);
    CHECK(row_keep(r[32]) == RowKeep::all);
    CHECK(row_keep(r[33]) == RowKeep::none);
    CHECK(row_keep(r[69]) == RowKeep::all); // the last but one
    CHECK(row_keep(r[70]) == RowKeep::all); // the table ends the body: the closing takes its last row
    auto vmerge = [&](std::size_t i) {
        pugi::xml_node v = r[i].child("w:tc").next_sibling("w:tc").child("w:tcPr").child("w:vMerge");
        return v ? std::string(v.attribute("w:val").value()) : std::string("none");
    };
    CHECK(vmerge(31) == "restart");
    CHECK(vmerge(32).empty()); // <w:vMerge/>: continued
    CHECK(vmerge(33).empty());
    CHECK(vmerge(34) == "none");
}

TEST_CASE("a lead-in stays with what follows it, a caption with its table", "[docx][keeps]") {
    const Paragraph caption{ParagraphKind::center, {Run{"Biểu 1: Kết quả kết nạp đảng viên", true}}};
    const Paragraph colon{ParagraphKind::body, {Run{"Kết quả "}, Run{"như sau:", false, true}, Run{" "}}};
    const ListItem item{"-", 1, {Run{"Các chỉ tiêu chính:"}}};
    const Paragraph statement = body("Kết quả được tổng hợp ở bảng dưới.");
    const Paragraph no_table = body("Đoạn này kết thúc bằng dấu hai chấm:");

    pugi::xml_document d;
    render_part(d, document({caption, table(1), colon, table(1), item, table(1), statement, table(1), no_table, body("Hết.")}),
                "word/document.xml");
    std::vector<pugi::xml_node> blocks = body_children(d);
    REQUIRE(blocks.size() == 10);
    CHECK(kept_with_next(blocks[0]));       // a centred caption
    CHECK(kept_with_next(blocks[2]));       // ends with ':' (the trailing space does not count)
    CHECK(kept_with_next(blocks[4]));       // a list item that ends with ':'
    CHECK_FALSE(kept_with_next(blocks[6])); // an ordinary paragraph before a table
    CHECK(kept_with_next(blocks[8]));       // a lead-in before a paragraph stays with it too
}

TEST_CASE("titles are kept with what they announce", "[docx][keeps]") {
    pugi::xml_document d;
    render_part(d, docx_fixture::plan_000_party(), "word/styles.xml");
    for (const char* style : {id::doc_type, id::summary, id::summary_separator, id::appendix_title,
                              id::appendix_subtitle, id::rule}) {
        INFO(style);
        std::string path = "//w:style[@w:styleId='" + std::string(style) + "']";
        pugi::xml_node node = d.select_node(path.c_str()).node();
        REQUIRE(node);
        // Set on the style or inherited from the one it is based on.
        pugi::xml_node keep = node.child("w:pPr").child("w:keepNext");
        if (!keep) {
            std::string parent = node.child("w:basedOn").attribute("w:val").value();
            std::string parent_path = "//w:style[@w:styleId='" + parent + "']/w:pPr/w:keepNext";
            keep = d.select_node(parent_path.c_str()).node();
        }
        CHECK(keep);
    }
}

TEST_CASE("the body starts a blank line below the separator, as in the PDF", "[docx][keeps]") {
    SECTION("Party: the text ----- has a body size of space after it") {
        const Document doc = docx_fixture::plan_000_party();
        pugi::xml_document d;
        render_part(d, doc, "word/styles.xml");
        pugi::xml_node spacing =
            d.select_node("//w:style[@w:styleId='SummarySeparator']/w:pPr/w:spacing").node();
        CHECK(spacing.attribute("w:after").as_int() == std::lround(doc.profile.body.size_pt * 20));
    }
    SECTION("State: the drawn rule has the same space after it") {
        const Document doc = docx_fixture::plan_state();
        pugi::xml_document d;
        render_part(d, doc, "word/document.xml");
        pugi::xml_node rule = d.select_node("/w:document/w:body/w:p[w:pPr/w:pStyle/@w:val='Rule']").node();
        REQUIRE(rule);
        CHECK(rule.child("w:pPr").child("w:spacing").attribute("w:after").as_int() ==
              std::lround(doc.profile.body.size_pt * 20));
    }
}

TEST_CASE("the text after a table starts one paragraph spacing below it, as in the PDF", "[docx][keeps]") {
    Document doc = document({table(1), body("Sau bảng."), table(1), Heading{1, "II-", {Run{"MỤC HAI"}}}, body("Hết.")});
    doc.header = Header{{}, {"CHI BỘ"}, "Số 1-KH/CB", "Đà Nẵng, ngày 10 tháng 6 năm 2019", {}};
    doc.body.insert(doc.body.begin(), body("Mở đầu."));
    pugi::xml_document d;
    render_part(d, doc, "word/document.xml");
    std::vector<pugi::xml_node> blocks = body_children(d);
    // header table, "Mở đầu.", table, "Sau bảng.", table, heading, "Hết."
    REQUIRE(blocks.size() == 7);
    auto space_before = [](pugi::xml_node p) { return p.child("w:pPr").child("w:spacing").attribute("w:before"); };
    CHECK(!space_before(blocks[1]));                  // after the header table: no spacing
    CHECK(space_before(blocks[3]).as_int() == std::lround(doc.profile.body.space_after_pt * 20));
    CHECK(doc.profile.headings[0].space_before_pt >= doc.profile.body.space_after_pt);
    CHECK(!space_before(blocks[5]));                  // the heading's own space before is enough
    CHECK(!space_before(blocks[6]));
}
