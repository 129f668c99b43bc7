// Checks a user would make with other programs: python-docx reads the paragraphs and styles,
// and LibreOffice prints the document with all its text and the page numbers from page 2.
#include <algorithm>
#include <cctype>

#include <catch2/catch.hpp>

#include "docx/docx.hpp"
#include "fixture.hpp"
#include "support.hpp"
#include "tools.hpp"

using namespace vanban;
using namespace vanban::docx_test;
using namespace vanban::model;

namespace {

const docx::DocxOptions fixed{"2019-03-25T08:00:00Z"};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Text compared without white space and hyphens: the PDF breaks lines where the model has
// spaces, and also after hyphens, which pdftotext then drops as if they were hyphenation.
std::string without_spaces(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '-') out += c;
    return out;
}

std::string block_text(const Block& block) {
    if (const auto* h = std::get_if<Heading>(&block)) return h->number + " " + docx_fixture::inline_text(h->text);
    if (const auto* p = std::get_if<Paragraph>(&block)) return docx_fixture::inline_text(p->text);
    if (const auto* li = std::get_if<ListItem>(&block)) return li->marker + " " + docx_fixture::inline_text(li->text);
    return {};
}

// The lines of text a reader expects to find in the printed document.
std::vector<std::string> expected_lines(const Document& doc) {
    std::vector<std::string> lines;
    auto add = [&](const std::vector<std::string>& more) { lines.insert(lines.end(), more.begin(), more.end()); };
    if (doc.header) {
        add(doc.header->superior);
        add(doc.header->issuer);
        add({doc.header->number_line, doc.header->place_date_line});
        add(doc.profile.header.national_title);
        add(doc.profile.header.motto);
    }
    if (doc.title) {
        lines.push_back(doc.title->type_name);
        for (const Inline& line : doc.title->summary) lines.push_back(docx_fixture::inline_text(line));
    }
    for (const Block& b : doc.body) lines.push_back(block_text(b));
    if (doc.closing.recipients)
        for (const Inline& line : doc.closing.recipients->lines) lines.push_back(docx_fixture::inline_text(line));
    if (doc.closing.signature) {
        add(doc.closing.signature->authority);
        add(doc.closing.signature->position);
        lines.push_back(doc.closing.signature->name);
    }
    for (const Appendix& a : doc.appendices) {
        add(a.title);
        for (const Block& b : a.blocks) lines.push_back(block_text(b));
    }
    lines.erase(std::remove(lines.begin(), lines.end(), std::string()), lines.end());
    return lines;
}

// Page texts without the page number that heads pages 2 and later (it would otherwise sit
// inside a paragraph that runs over the page end). Checks the numbers while at it.
std::string body_text_checking_numbers(const LibreOfficePdf& pdf) {
    std::string all;
    for (std::size_t i = 0; i < pdf.pages.size(); ++i) {
        std::string page = pdf.pages[i];
        std::size_t first = page.find_first_not_of(" \n");
        std::size_t eol = page.find('\n', first);
        std::string first_line = first == std::string::npos ? "" : page.substr(first, eol - first);
        INFO("page " << i + 1 << " starts with '" << first_line << "'");
        if (i == 0) {
            CHECK(first_line != "1");
        } else {
            CHECK(first_line == std::to_string(i + 1));
            page = eol == std::string::npos ? "" : page.substr(eol);
        }
        all += page + "\n";
    }
    return all;
}

void check_printed(const Document& doc) {
    LibreOfficePdf pdf = convert_with_libreoffice(docx::render_docx(doc, fixed));
    REQUIRE(pdf.pdf.rfind("%PDF-", 0) == 0);
    REQUIRE(pdf.pages.size() >= 2);
    std::string printed = without_spaces(body_text_checking_numbers(pdf));
    for (const std::string& line : expected_lines(doc)) {
        INFO("missing from LibreOffice's PDF: " << line);
        CHECK(printed.find(without_spaces(line)) != std::string::npos);
    }
    WARN("LibreOffice prints " << pdf.pages.size() << " pages");
}

} // namespace

TEST_CASE("python-docx reads the paragraphs, styles and properties", "[docx][tools]") {
    Document doc = docx_fixture::plan_000_party();
    nlohmann::json read = read_with_python_docx(docx::render_docx(doc, fixed));

    std::vector<std::string> styles;
    for (const auto& name : read["styles"]) styles.push_back(lower(name.get<std::string>()));
    for (const char* wanted : {"body text", "heading 1", "heading 2", "list item", "document type", "summary",
                               "recipients", "recipients label", "signature name", "table text", "table header"}) {
        INFO(wanted);
        CHECK(std::count(styles.begin(), styles.end(), wanted) == 1);
    }

    // The body's paragraphs, in order, each in its style.
    // The text as Word shows it: the label of Word's numbering (python-docx reads the
    // paragraph's w:numPr and numbering.xml), then the paragraph's text.
    std::vector<std::pair<std::string, std::string>> paragraphs;
    for (const auto& p : read["paragraphs"])
        paragraphs.emplace_back(lower(p[0].get<std::string>()), p[2].get<std::string>() + p[1].get<std::string>());
    auto it = std::find_if(paragraphs.begin(), paragraphs.end(), [](const auto& p) { return p.first == "document type"; });
    REQUIRE(it != paragraphs.end());
    CHECK(it->second == "KẾ HOẠCH");
    for (const Block& block : doc.body) {
        it = std::find_if(it, paragraphs.end(), [&](const auto& p) { return p.second == block_text(block); });
        INFO("not read in order: " << block_text(block));
        REQUIRE(it != paragraphs.end());
        if (std::holds_alternative<Heading>(block))
            CHECK(it->first == "heading " + std::to_string(std::get<Heading>(block).level));
        else if (std::holds_alternative<ListItem>(block))
            CHECK(it->first == "list item");
        else
            CHECK(it->first == "body text");
    }

    // Header, signature and task tables.
    REQUIRE(read["tables"].size() == 3);
    CHECK(read["tables"][0][0][1].get<std::string>().find("ĐẢNG CỘNG SẢN VIỆT NAM") != std::string::npos);
    CHECK(read["tables"][1][0][0].get<std::string>().rfind("Nơi nhận:", 0) == 0);
    CHECK(read["tables"][2][0][0].get<std::string>() == "STT");
    CHECK(read["tables"][2][2][2].get<std::string>() == "Ban Tổ chức Tỉnh ủy"); // merged from above

    CHECK(read["title"].get<std::string>() == doc.metadata.title);
    CHECK(read["author"].get<std::string>() == doc.metadata.author);
    CHECK(read["created"].get<std::string>().rfind("2019-03-25T08:00:00", 0) == 0);
}

TEST_CASE("LibreOffice prints the Party plan with all its text", "[docx][tools][libreoffice]") {
    check_printed(docx_fixture::plan_000_party());
}

TEST_CASE("LibreOffice prints the State plan with all its text", "[docx][tools][libreoffice]") {
    check_printed(docx_fixture::plan_state());
}
