// What the DOCX reader takes from WordprocessingML that real drafts carry (docs/import.md,
// "The DOCX reader"): fields by their result, content controls and insertions as text,
// tracked deletions and hidden text left out with a note, "All caps" applied, text boxes
// after their paragraph, a table inside a table read as paragraphs, breaks and tabs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "import/docx_reader.hpp"
#include "import/zip_maker.hpp"

using namespace vanban::import;
using vanban::testing::make_docx;
using vanban::testing::paragraph_xml;

namespace {

Draft read(const std::string& body) { return read_docx(make_docx(body), ReadLimits{}, "d.docx"); }

// The text of each paragraph, in reading order, table cells included.
std::vector<std::string> texts(const Draft& draft) {
    std::vector<std::string> out;
    for (const Paragraph* p : all_paragraphs(draft)) out.push_back(p->text());
    return out;
}

std::string run(const std::string& inner, const std::string& properties = "") {
    return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") + inner + "</w:r>";
}

std::string t(const std::string& text) { return "<w:t xml:space=\"preserve\">" + text + "</w:t>"; }

bool noted(const Draft& draft, const std::string& code, int paragraph) {
    for (const ReaderNote& note : draft.notes)
        if (note.message.code() == code && note.paragraph == paragraph) return true;
    return false;
}

} // namespace

TEST_CASE("docx reader: a field is read by its result, never by its instructions", "[import][docx]") {
    const Draft draft = read("<w:p>" + run(t("Trang ")) + run("<w:fldChar w:fldCharType=\"begin\"/>") +
                             run("<w:instrText xml:space=\"preserve\"> PAGE \\* MERGEFORMAT </w:instrText>") +
                             run("<w:fldChar w:fldCharType=\"separate\"/>") + run(t("5")) +
                             run("<w:fldChar w:fldCharType=\"end\"/>") + "</w:p>" +
                             "<w:p><w:fldSimple w:instr=\" DATE \">" + run(t("05/02/2024")) + "</w:fldSimple></w:p>");
    CHECK(texts(draft) == std::vector<std::string>{"Trang 5", "05/02/2024"});
}

TEST_CASE("docx reader: content controls and tracked insertions are text; deletions are left out, with a note", "[import][docx]") {
    const Draft draft = read("<w:sdt><w:sdtContent>" + paragraph_xml("KẾ HOẠCH") + "</w:sdtContent></w:sdt>" +
                             "<w:p>" + run(t("Tổ chức ")) + "<w:sdt><w:sdtContent>" + run(t("hội nghị")) +
                             "</w:sdtContent></w:sdt>" + "<w:ins w:id=\"1\" w:author=\"A\">" + run(t(" sơ kết")) +
                             "</w:ins><w:del w:id=\"2\" w:author=\"A\">" + run("<w:delText> tổng kết</w:delText>") +
                             "</w:del>" + run(t(" năm 2024.")) + "</w:p>");
    CHECK(texts(draft) == std::vector<std::string>{"KẾ HOẠCH", "Tổ chức hội nghị sơ kết năm 2024."});
    CHECK(noted(draft, "import.tracked-deletion", 2));
}

TEST_CASE("docx reader: hidden text is left out with a note; All caps is applied, Vietnamese included", "[import][docx]") {
    const Draft draft = read("<w:p>" + run(t("kế hoạch"), "<w:caps/>") + "</w:p><w:p>" + run(t("Nội dung")) +
                             run(t(" (ghi chú ẩn)"), "<w:vanish/>") + run(t(".")) + "</w:p>");
    CHECK(texts(draft) == std::vector<std::string>{"KẾ HOẠCH", "Nội dung."});
    CHECK(noted(draft, "import.hidden-text", 2));
    CHECK_FALSE(noted(draft, "import.hidden-text", 1));
}

TEST_CASE("docx reader: line breaks, tabs and a page break", "[import][docx]") {
    const Draft draft = read("<w:p>" + run(t("tổng kết năm 2023") + "<w:br/>" + t("và phương hướng năm 2024")) + "</w:p>" +
                             "<w:p>" + run(t("Số 07-BC/ĐU") + "<w:tab/>" + t("Hà Tĩnh")) + "</w:p>" +
                             "<w:p>" + run("<w:br w:type=\"page\"/>") + run(t("PHỤ LỤC")) + "</w:p>");
    CHECK(texts(draft) == std::vector<std::string>{"tổng kết năm 2023\nvà phương hướng năm 2024", "Số 07-BC/ĐU\tHà Tĩnh", "PHỤ LỤC"});
    const std::vector<const Paragraph*> paragraphs = all_paragraphs(draft);
    CHECK(paragraphs[2]->page_break_before);
    CHECK_FALSE(paragraphs[1]->page_break_before);
}

TEST_CASE("docx reader: a text box's paragraphs come after the paragraph that anchors it", "[import][docx]") {
    const std::string box = "<w:drawing><wp:inline xmlns:wp=\"urn:test:drawing\"><wp:shape><w:txbxContent>" +
                            paragraph_xml("ĐẢNG CỘNG SẢN VIỆT NAM") + "</w:txbxContent></wp:shape></wp:inline></w:drawing>";
    const Draft draft = read("<w:p>" + run(t("TỈNH ỦY HÀ TĨNH")) + run(box) + "</w:p>" + paragraph_xml("KẾ HOẠCH"));
    CHECK(texts(draft) == std::vector<std::string>{"TỈNH ỦY HÀ TĨNH", "ĐẢNG CỘNG SẢN VIỆT NAM", "KẾ HOẠCH"});
}

TEST_CASE("docx reader: a table inside a table cell is read as paragraphs, with a note; cells count as paragraphs", "[import][docx]") {
    const std::string inner = "<w:tbl><w:tr><w:tc>" + paragraph_xml("a") + "</w:tc><w:tc>" + paragraph_xml("b") +
                              "</w:tc></w:tr></w:tbl>";
    const Draft draft = read(paragraph_xml("Mở đầu") + "<w:tbl><w:tr><w:tc>" + paragraph_xml("Ô một") + inner +
                             "</w:tc><w:tc>" + paragraph_xml("Ô hai") + "</w:tc></w:tr></w:tbl>" + paragraph_xml("Kết thúc"));
    REQUIRE(draft.blocks.size() == 3);
    const Table& table = std::get<Table>(draft.blocks[1]);
    REQUIRE(table.rows.size() == 1);
    REQUIRE(table.rows[0].cells.size() == 2);
    std::vector<std::string> first_cell;
    for (const Paragraph& p : table.rows[0].cells[0].paragraphs) first_cell.push_back(p.text());
    CHECK(first_cell == std::vector<std::string>{"Ô một", "a", "b"});
    CHECK(texts(draft) == std::vector<std::string>{"Mở đầu", "Ô một", "a", "b", "Ô hai", "Kết thúc"});
    // Every paragraph has its number in reading order, the way a person counts them.
    std::vector<int> numbers;
    for (const Paragraph* p : all_paragraphs(draft)) numbers.push_back(p->number);
    CHECK(numbers == std::vector<int>{1, 2, 3, 4, 5, 6});
    CHECK(noted(draft, "import.nested-table", 3));
}
