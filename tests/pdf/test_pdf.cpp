#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "fixtures/layout_helpers.hpp"
#include "fixtures/seed000_plan.hpp"
#include "model/furniture.hpp"
#include "pdf/pdf.hpp"
#include "support/shell.hpp"
#include "support/text.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using fixtures::pt_per_mm;

namespace {

constexpr double half_mm = 0.5 * pt_per_mm;
const pdf::PdfOptions fixed{"2019-03-25T08:00:00+07:00"};

// A PDF written to a temporary file for the external readers, removed afterwards.
struct PdfFile {
    std::filesystem::path path;
    explicit PdfFile(const std::string& bytes) {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("vanban-pdf-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".pdf");
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~PdfFile() { std::filesystem::remove(path); }
};

// What `command` prints on standard output (its messages on standard error are dropped).
std::string run(const std::string& command) { return testing::read_command(command + " 2>/dev/null").output; }

std::string render(const std::string& profile_name, const pdf::PdfOptions& options = fixed) {
    const auto doc = fixtures::seed000_document(fixtures::repo_profile(profile_name));
    return pdf::render_pdf(doc, *fixtures::repo_fonts(), options);
}

// Lines as pdftotext -bbox-layout reads them back: page, box (points, y down), words.
struct BoxLine {
    int page = 0;
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};

std::vector<BoxLine> bbox_lines(const PdfFile& file) {
    const std::string html = run("pdftotext -bbox-layout '" + file.path.string() + "' -");
    std::vector<BoxLine> lines;
    int page = 0;
    std::size_t pos = 0;
    const std::regex number(R"(([a-zA-Z]+)="([-0-9.]+)\")");
    while (true) {
        const std::size_t page_at = html.find("<page ", pos);
        const std::size_t line_at = html.find("<line ", pos);
        if (line_at == std::string::npos) break;
        if (page_at != std::string::npos && page_at < line_at) {
            ++page;
            pos = page_at + 1;
            continue;
        }
        const std::size_t end = html.find("</line>", line_at);
        const std::string chunk = html.substr(line_at, end - line_at);
        BoxLine line;
        line.page = page;
        const std::string head = chunk.substr(0, chunk.find('>'));
        for (std::sregex_iterator it(head.begin(), head.end(), number), last; it != last; ++it) {
            const double v = std::stod((*it)[2]);
            const std::string key = (*it)[1];
            if (key == "xMin") line.x_min = v;
            if (key == "yMin") line.y_min = v;
            if (key == "xMax") line.x_max = v;
            if (key == "yMax") line.y_max = v;
        }
        for (std::size_t w = chunk.find("<word"); w != std::string::npos; w = chunk.find("<word", w + 1)) {
            const std::size_t open = chunk.find('>', w) + 1;
            line.text += (line.text.empty() ? "" : " ") + chunk.substr(open, chunk.find("</word>", open) - open);
        }
        lines.push_back(line);
        pos = end;
    }
    return lines;
}

const BoxLine* find_line(const std::vector<BoxLine>& lines, const std::string& start) {
    for (const auto& line : lines)
        if (line.text.rfind(start, 0) == 0) return &line;
    return nullptr;
}

// The texts of the fixture's body, in order, as a reader should give them back.
std::vector<std::string> expected_texts(const model::Document& doc) {
    std::vector<std::string> texts;
    for (const auto& block : doc.body) {
        if (const auto* h = std::get_if<model::Heading>(&block)) texts.push_back(h->number + " " + model::plain_text(h->text));
        if (const auto* p = std::get_if<model::Paragraph>(&block)) texts.push_back(model::plain_text(p->text));
        if (const auto* i = std::get_if<model::ListItem>(&block)) texts.push_back(i->marker + " " + model::plain_text(i->text));
    }
    for (auto& t : texts) t = testing::squeeze_spaces(t);
    return texts;
}

// `text` with every dash that stands alone between spaces left out.
std::string without_dashes(std::string text) {
    text = " " + text + " ";
    for (std::size_t at; (at = text.find(" - ")) != std::string::npos;) text.erase(at, 2);
    return text.substr(1, text.size() - 2);
}

} // namespace

TEST_CASE("the seed plan's geometry read back from the PDF: margins, flush right edges, page numbers") {
    const PdfFile file(render("party"));
    const auto lines = bbox_lines(file);
    REQUIRE(lines.size() > 150);
    // The Party profile's A4 page and 30/15/20/20 mm margins, on the twip grid both writers
    // share (docs/layout-rules.md, rule 17).
    const model::TextBlock block = model::text_block(fixtures::repo_profile("party").page);
    const double page_width = block.page_width;
    const double left = block.left, right = block.right, top = block.top, bottom = block.bottom;

    double min_x = 1e9, max_x = 0;
    int flush = 0, pages = 0;
    std::vector<bool> numbered(10, false);
    for (const auto& line : lines) {
        pages = std::max(pages, line.page);
        if (line.y_max < top) { // the top margin holds only the page number
            CHECK(line.page >= 2);
            CHECK(line.text == std::to_string(line.page));
            CHECK((line.x_min + line.x_max) / 2 == Approx((left + right) / 2).margin(half_mm)); // rule 15
            numbered.at(line.page) = true;
            continue;
        }
        CHECK(line.y_min >= top - half_mm);
        CHECK(line.y_max <= bottom + half_mm);
        min_x = std::min(min_x, line.x_min);
        max_x = std::max(max_x, line.x_max);
        CHECK(line.x_max <= right + half_mm);
        if (std::abs(line.x_max - right) < 0.1 * pt_per_mm) ++flush;
    }
    CHECK(min_x == Approx(left).margin(half_mm));
    CHECK(max_x == Approx(right).margin(half_mm));
    CHECK(flush > 100); // the justified lines end exactly at the right margin
    REQUIRE(pages >= 4);
    CHECK_FALSE(numbered[1]);
    for (int p = 2; p <= pages; ++p) CHECK(numbered[p]);
}

TEST_CASE("the Party header puts each element in its column") {
    const PdfFile file(render("party"));
    const auto lines = bbox_lines(file);
    const auto profile = fixtures::repo_profile("party");
    const double left = profile.page.margin_left_mm * pt_per_mm;
    const double split = left + profile.header.left_column_mm * pt_per_mm;
    const double right = (210 - profile.page.margin_right_mm) * pt_per_mm;

    for (const char* text : {"ĐẢNG BỘ TỈNH QUẢNG NAM", "TỈNH ỦY", "*", "Số 25-KH/TU"}) {
        INFO(text);
        const BoxLine* line = nullptr;
        for (const auto& l : lines)
            if (l.page == 1 && l.x_max < split + 0.1 && l.text == text) line = &l;
        REQUIRE(line);
        CHECK((line->x_min + line->x_max) / 2 == Approx((left + split) / 2).margin(half_mm));
    }
    for (const char* text : {"ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Nam, ngày 25 tháng 3 năm 2019"}) {
        INFO(text);
        const BoxLine* line = find_line(lines, text);
        REQUIRE(line);
        CHECK(line->x_min >= split);
        CHECK((line->x_min + line->x_max) / 2 == Approx((split + right) / 2).margin(half_mm));
    }
    const BoxLine* type = find_line(lines, "KẾ HOẠCH");
    REQUIRE(type);
    CHECK((type->x_min + type->x_max) / 2 == Approx((left + right) / 2).margin(half_mm));
}

TEST_CASE("the State header has its title on one line and the number beside the date") {
    const PdfFile file(render("state"));
    const auto lines = bbox_lines(file);
    const BoxLine* title = find_line(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    REQUIRE(title);
    CHECK(title->text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const BoxLine* motto = find_line(lines, "Độc lập - Tự do - Hạnh phúc");
    REQUIRE(motto);
    // pdftotext may join the number and the date into one line (same baseline) or not.
    const BoxLine* number = nullptr;
    const BoxLine* date = nullptr;
    for (const auto& l : lines) {
        if (l.text.find("Số: 25/KH-UBND") != std::string::npos) number = &l;
        if (l.text.find("Quảng Nam, ngày 25") != std::string::npos) date = &l;
    }
    REQUIRE(number);
    REQUIRE(date);
    CHECK(number->y_max == Approx(date->y_max).margin(1.0));
}

TEST_CASE("pdftotext and mutool give back the text exactly, in NFC and in reading order") {
    const auto doc = fixtures::seed000_document(fixtures::repo_profile("party"));
    const PdfFile file(pdf::render_pdf(doc, *fixtures::repo_fonts(), fixed));
    auto expected = expected_texts(doc);
    REQUIRE(expected.size() > 40);
    // A dash standing between words ("chính trị - xã hội") may end a line, and pdftotext
    // then takes it for a hyphenation and drops it; the dashes are compared away.
    for (std::string& paragraph : expected) paragraph = without_dashes(paragraph);
    // Lines are joined by spaces; the lines that are only a number (page numbers, the
    // table's row numbers) are dropped, so that a paragraph reads on across a page break.
    auto flow = [](const std::string& raw) {
        std::istringstream in(raw);
        std::string line, out;
        while (std::getline(in, line, '\n')) {
            const std::string s = testing::squeeze_spaces(line);
            if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) continue;
            out += s + " ";
        }
        return without_dashes(testing::squeeze_spaces(out));
    };
    const std::string poppler = flow(run("pdftotext -enc UTF-8 '" + file.path.string() + "' -"));
    const std::string mupdf = flow(run("mutool draw -q -F txt '" + file.path.string() + "'"));
    for (const auto& [reader, text] : {std::pair{"pdftotext", poppler}, std::pair{"mutool", mupdf}}) {
        INFO(reader);
        REQUIRE(!text.empty());
        CHECK(text::is_nfc(text));
        const std::string flowing = text;
        std::size_t from = 0;
        for (const auto& paragraph : expected) {
            INFO(paragraph);
            const std::size_t at = flowing.find(paragraph, from);
            CHECK(at != std::string::npos);
            if (at != std::string::npos) from = at + paragraph.size();
        }
        CHECK(flowing.find("Quảng Nam, ngày 25 tháng 3 năm 2019") != std::string::npos);
        CHECK(flowing.find("“Nâng cao chất lượng kết nạp đảng viên") != std::string::npos);
    }
}

TEST_CASE("metadata and bookmarks") {
    const PdfFile file(render("party"));
    const std::string info = run("pdfinfo '" + file.path.string() + "'");
    CHECK(info.find("Kế hoạch thực hiện Chỉ thị số 28-CT/TW") != std::string::npos);
    CHECK(info.find("Tỉnh ủy Quảng Nam") != std::string::npos);
    CHECK(info.find("Nâng cao chất lượng kết nạp đảng viên") != std::string::npos);
    CHECK(info.find("vanban") != std::string::npos);
    CHECK(info.find("2019") != std::string::npos);
    const std::string outline = run("mutool show '" + file.path.string() + "' outline");
    for (const char* heading : {"I- MỤC ĐÍCH, YÊU CẦU", "II- NỘI DUNG", "III- TỔ CHỨC THỰC HIỆN",
                                "1- Tổ chức nghiên cứu, học tập, quán triệt Chỉ thị", "6- Đảng đoàn Ủy ban MTTQVN"}) {
        INFO(heading);
        CHECK(outline.find(heading) != std::string::npos);
    }
    // Level-2 headings are nested under their level-1 heading (mutool indents them).
    const auto top = outline.find("II- NỘI DUNG");
    const auto child = outline.find("1- Tổ chức nghiên cứu");
    REQUIRE(top != std::string::npos);
    REQUIRE(child != std::string::npos);
    const auto line_start = outline.rfind('\n', child) + 1;
    const auto top_start = outline.rfind('\n', top) + 1;
    CHECK(child - line_start > top - top_start);
}

TEST_CASE("the same input with a fixed date gives the same bytes") {
    const std::string a = render("party"), b = render("party");
    CHECK(a == b);
    CHECK(a.rfind("%PDF-", 0) == 0);
    const std::string other = render("party", {"2020-01-02"});
    CHECK(other != a);
    CHECK(render("state") == render("state"));
}

TEST_CASE("page contents are deflated, and the embedded faces kept per thread serve only their own letters") {
    const auto fonts = fixtures::repo_fonts();
    const auto doc = fixtures::seed000_document(fixtures::repo_profile("party"));
    const std::string first = pdf::render_pdf(doc, *fonts, fixed);
    // The page contents are compressed as the font programs are: one FlateDecode stream for
    // each page, and a program and a CIDToGIDMap for each face.
    std::size_t deflated = 0;
    for (std::size_t at = 0; (at = first.find("/FlateDecode", at)) != std::string::npos; ++at) ++deflated;
    std::size_t pages = 0;
    for (std::size_t at = 0; (at = first.find("/Type /Page\n", at)) != std::string::npos; ++at) ++pages;
    REQUIRE(pages >= 4);
    CHECK(deflated >= pages + 2);
    // Another document with other letters in between, then the first again: the same bytes
    // as a fresh render (the kept faces are looked up by their letters).
    model::Document other = doc;
    fixtures::paragraph(other, "Ỹ ỹ Ỵ ỵ Ỷ ỷ Ǻ ǻ Æ æ ÿ Ÿ");
    const std::string second = pdf::render_pdf(other, *fonts, fixed);
    CHECK(second != first);
    CHECK(pdf::render_pdf(doc, *fonts, fixed) == first);
    // Another font set (another engine's) gets faces of its own, the same bytes.
    layout::FontConfig config;
    config.config_file = std::string(VANBAN_SOURCE_DIR) + "/fonts/fonts.json";
    CHECK(pdf::render_pdf(doc, *layout::load_font_set(config), fixed) == first);
}

TEST_CASE("rendering is safe from several threads on one FontSet") {
    const auto doc = fixtures::seed000_document(fixtures::repo_profile("party"));
    const auto fonts = fixtures::repo_fonts();
    const std::string expected = pdf::render_pdf(doc, *fonts, fixed);
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results) threads.emplace_back([&] { r = pdf::render_pdf(doc, *fonts, fixed); });
    for (auto& t : threads) t.join();
    for (const auto& r : results) CHECK(r == expected);
}

TEST_CASE("bad dates and missing fonts are reported, not crashed on") {
    const auto doc = fixtures::seed000_document(fixtures::repo_profile("party"));
    // The same texts the DOCX writer refuses (one reader, text/iso8601.hpp).
    for (const char* date : {"25/03/2019", "2019-13-01", "2019-02-30", "2019-03-25T25:00", "2019-03-25Tx",
                             "2019-03-25T08:00:00+7", "tomorrow"}) {
        INFO(date);
        try {
            pdf::render_pdf(doc, *fixtures::repo_fonts(), {date});
            FAIL("no error");
        } catch (const Failure& failure) {
            CHECK(failure.error().kind == ErrorKind::data);
            CHECK(failure.error().message.code() == "pdf.bad-creation-date");
            CHECK(failure.error().message.arg("date") == date);
        }
    }
    pdf::FontConfig config;
    config.config_file = std::filesystem::path(VANBAN_SOURCE_DIR) / "no-such-fonts.json";
    CHECK_THROWS_AS(pdf::load_fonts(config), Failure);
}

TEST_CASE("an empty document is still a valid one-page PDF") {
    model::Document doc;
    doc.profile = fixtures::repo_profile("party");
    const PdfFile file(pdf::render_pdf(doc, *fixtures::repo_fonts(), fixed));
    CHECK(run("pdfinfo '" + file.path.string() + "'").find("Pages:           1") != std::string::npos);
}
