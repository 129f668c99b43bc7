// What the DOCX reader takes from WordprocessingML that real drafts carry (docs/import.md,
// "The DOCX reader"): fields by their result, content controls and insertions as text,
// tracked deletions and hidden text left out with a note, "All caps" applied, text boxes
// after their paragraph, a table inside a table read as paragraphs, breaks and tabs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "import/docx_reader.hpp"
#include "import/figures.hpp"
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

namespace {

// A chart part as Word writes one (c: and a: prefixes), its figures cached.
std::string chart_part(const std::string& plot) {
    return "<?xml version=\"1.0\"?><c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><c:chart><c:title><c:tx><c:rich><a:p><a:r>"
           "<a:t>Số hộ nghèo</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea>" + plot +
           "</c:plotArea></c:chart></c:chartSpace>";
}

std::string series(int index, const std::string& name, const std::vector<std::string>& values) {
    std::string points;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!values[i].empty())
            points += "<c:pt idx=\"" + std::to_string(i) + "\"><c:v>" + values[i] + "</c:v></c:pt>";
    return "<c:ser><c:idx val=\"" + std::to_string(index) + "\"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache>"
           "<c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>" + name + "</c:v></c:pt></c:strCache></c:strRef></c:tx>"
           "<c:cat><c:strRef><c:strCache><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>2022</c:v></c:pt><c:pt idx=\"1\">"
           "<c:v>2023</c:v></c:pt><c:pt idx=\"2\"><c:v>2024</c:v></c:pt></c:strCache></c:strRef></c:cat>"
           "<c:val><c:numRef><c:numCache><c:ptCount val=\"" + std::to_string(values.size()) + "\"/>" + points +
           "</c:numCache></c:numRef></c:val></c:ser>";
}

std::string chart_drawing(const std::string& id, long height_emu) {
    return "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><wp:extent cx=\"5400000\" cy=\"" +
           std::to_string(height_emu) + "\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
           "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"" + id +
           "\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

} // namespace

// A chart a person drew in Word (no table of vanban's under it): its cached figures are read,
// and become a chart with figures of its own; a combination of kinds vanban does not draw.
TEST_CASE("docx reader: a Word chart is read from its part's cached figures", "[import][docx][chart]") {
    const std::string line = chart_part(
        "<c:lineChart><c:grouping val=\"standard\"/><c:dLbls><c:numFmt formatCode=\"#,##0.0\" sourceLinked=\"0\"/>"
        "<c:showVal val=\"1\"/></c:dLbls>" + series(0, "Hộ nghèo", {"120", "95.5", "80"}) +
        series(1, "Hộ cận nghèo", {"60", "", "41"}) + "</c:lineChart><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>hộ</a:t>"
        "</a:r></a:p></c:rich></c:tx></c:title></c:valAx>");
    const std::string combination = chart_part("<c:barChart><c:grouping val=\"clustered\"/>" + series(0, "A", {"1", "2", "3"}) +
                                               "</c:barChart><c:lineChart>" + series(1, "B", {"1", "2", "3"}) + "</c:lineChart>");
    const std::string document =
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
        paragraph_xml("Kết quả giảm nghèo:") + chart_drawing("rId7", 3'240'000) + chart_drawing("rId8", 2'520'000) +
        "</w:body></w:document>";
    const std::string rels =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" "
        "Target=\"charts/chart1.xml\"/><Relationship Id=\"rId8\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart2.xml\"/>"
        "</Relationships>";
    const Draft draft = read_docx(vanban::testing::make_zip({{"word/document.xml", document},
                                                             {"word/_rels/document.xml.rels", rels},
                                                             {"word/charts/chart1.xml", line},
                                                             {"word/charts/chart2.xml", combination}}),
                                  ReadLimits{}, "d.docx");
    const std::vector<const Paragraph*> paragraphs = all_paragraphs(draft);
    REQUIRE(paragraphs.size() == 3);
    REQUIRE(paragraphs[1]->charts.size() == 1);
    const DrawnChart& chart = paragraphs[1]->charts.front();
    CHECK(chart.kind == "line");
    CHECK(chart.title == "Số hộ nghèo");
    CHECK(chart.unit == "hộ");
    CHECK(chart.value_labels);
    CHECK(chart.decimals == 1);
    CHECK(chart.height_mm == Approx(90));
    CHECK(chart.categories == std::vector<std::string>{"2022", "2023", "2024"});
    REQUIRE(chart.series.size() == 2);
    CHECK(chart.series[1].values == std::vector<std::optional<double>>{60.0, std::nullopt, 41.0});

    const std::optional<nlohmann::ordered_json> own = chart_of_its_own(chart);
    REQUIRE(own);
    CHECK(own->dump() ==
          R"({"type":"line","title":"Số hộ nghèo","height_mm":90.0,"categories":["2022","2023","2024"],)"
          R"("series":[{"name":"Hộ nghèo","values":[120,95.5,80]},{"name":"Hộ cận nghèo","values":[60,null,41]}],"unit":"hộ"})");

    REQUIRE(paragraphs[2]->charts.size() == 1);
    CHECK(paragraphs[2]->charts.front().kind.empty()); // bars and a line in one chart
    CHECK_FALSE(chart_of_its_own(paragraphs[2]->charts.front()));
}
