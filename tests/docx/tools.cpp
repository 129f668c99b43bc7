#include "tools.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <utility>

#include <catch2/catch.hpp>

#include "support.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"

namespace vanban::docx_test {

using vanban::testing::read_file;
using vanban::testing::shell_quote;
using vanban::testing::TempDir;

namespace {

// Debian's python3-docx lives with the system Python, not with a pyenv one earlier on PATH.
constexpr const char* system_python = "/usr/bin/python3";

constexpr const char* python_docx_script = R"(
import json, sys
import docx
d = docx.Document(sys.argv[1])
def cells(table):
    return [[c.text for c in row.cells] for row in table.rows]
# Word's numbering as python-docx reads it: each paragraph's w:numPr, counted per w:num
# over the formats of numbering.xml; the label Word prints, "" for an unnumbered paragraph.
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
numbering = d.part.numbering_part.element
levels = {a.get(W + 'abstractNumId'): a.find(W + 'lvl') for a in numbering.findall(W + 'abstractNum')}
nums = {}
for n in numbering.findall(W + 'num'):
    start = n.find(W + 'lvlOverride/' + W + 'startOverride')
    nums[n.get(W + 'numId')] = (levels[n.find(W + 'abstractNumId').get(W + 'val')],
                                int(start.get(W + 'val')) if start is not None else 1)
counters = {}
def roman(v):
    out = ''
    for amount, letters in [(1000,'M'),(900,'CM'),(500,'D'),(400,'CD'),(100,'C'),(90,'XC'),(50,'L'),(40,'XL'),(10,'X'),(9,'IX'),(5,'V'),(4,'IV'),(1,'I')]:
        while v >= amount: out += letters; v -= amount
    return out
def label(p):
    pr = p._p.pPr
    if pr is None or pr.numPr is None: return ''
    num_id = str(pr.numPr.numId.val)
    lvl, start = nums[num_id]
    counters[num_id] = counters.get(num_id, start - 1) + 1
    v = counters[num_id]
    fmt = lvl.find(W + 'numFmt').get(W + 'val')
    shown = {'upperRoman': roman(v), 'upperLetter': chr(64 + v), 'lowerLetter': chr(96 + v)}.get(fmt, str(v))
    return lvl.find(W + 'lvlText').get(W + 'val').replace('%1', shown) + ' '
print(json.dumps({
    "paragraphs": [[p.style.name, p.text, label(p)] for p in d.paragraphs],
    "tables": [cells(t) for t in d.tables],
    "styles": [s.name for s in d.styles],
    "title": d.core_properties.title,
    "author": d.core_properties.author,
    "created": d.core_properties.created.isoformat() if d.core_properties.created else None,
}, ensure_ascii=False))
)";

} // namespace

nlohmann::json read_with_python_docx(const std::string& docx_bytes) {
    if (!have_program(system_python)) FAIL("python-docx check: " << system_python << " is missing");
    CommandResult probe = run_command(std::string(system_python) + " -c 'import docx'", 60);
    if (probe.exit_code != 0)
        FAIL("python-docx is not installed for " << system_python
                                                 << " (apt-get install python3-docx): " << probe.output);
    TempDir dir;
    write_file(dir.path() / "plan.docx", docx_bytes);
    write_file(dir.path() / "read.py", python_docx_script);
    CommandResult result = run_command(std::string(system_python) + " " + shell_quote((dir.path() / "read.py").string()) +
                                           " " + shell_quote((dir.path() / "plan.docx").string()),
                                       120);
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.output);
}

LibreOfficePdf convert_with_libreoffice(const std::string& docx_bytes) {
    LibreOfficeBatch batch = convert_all_with_libreoffice({{"plan", docx_bytes}}, 240);
    LibreOfficePdf result;
    result.pdf = batch.pdf_by_name.at("plan");
    result.pages = pdf_text_pages(result.pdf);
    return result;
}

LibreOfficeBatch convert_all_with_libreoffice(const std::map<std::string, std::string>& docx_by_name,
                                              int timeout_seconds) {
    if (!have_program("soffice"))
        FAIL("LibreOffice is not installed: soffice is not on PATH (apt-get install libreoffice-writer-nogui)");
    TempDir dir;
    const std::filesystem::path out = dir.path() / "pdf";
    std::string inputs;
    for (const auto& [name, bytes] : docx_by_name) {
        const std::filesystem::path input = dir.path() / (name + ".docx");
        write_file(input, bytes);
        inputs += " " + shell_quote(input.string());
    }
    // A private HOME and user profile: LibreOffice writes its settings there, and two test
    // runs (or a desktop session) never share or lock one.
    const std::string command = "HOME=" + shell_quote(dir.path().string()) + " soffice " +
                                shell_quote("-env:UserInstallation=file://" + (dir.path() / "profile").string()) +
                                " --headless --norestore --convert-to pdf --outdir " + shell_quote(out.string()) +
                                inputs;
    const auto start = std::chrono::steady_clock::now();
    CommandResult converted = run_command(command, timeout_seconds);
    LibreOfficeBatch batch;
    batch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO("soffice: " << converted.output);
    if (converted.exit_code == 124) FAIL("LibreOffice did not finish within " << timeout_seconds << " s");
    REQUIRE(converted.exit_code == 0);
    // soffice reports a document it cannot load ("Error: source file could not be loaded")
    // and still exits with 0.
    REQUIRE(converted.output.find("Error") == std::string::npos);
    for (const auto& [name, bytes] : docx_by_name) {
        const std::filesystem::path pdf = out / (name + ".pdf");
        INFO("LibreOffice wrote no PDF for " << name);
        REQUIRE(std::filesystem::exists(pdf));
        batch.pdf_by_name[name] = read_file(pdf);
    }
    return batch;
}

std::vector<std::string> pdf_text_pages(const std::string& pdf_bytes) {
    if (!have_program("pdftotext")) FAIL("pdftotext is not installed (apt-get install poppler-utils)");
    TempDir dir;
    std::filesystem::path pdf = dir.path() / "document.pdf";
    write_file(pdf, pdf_bytes);
    CommandResult text = run_command("pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " -", 60);
    INFO("pdftotext: " << text.output);
    REQUIRE(text.exit_code == 0);
    // pdftotext ends each page with a form feed.
    std::vector<std::string> pages;
    std::size_t start = 0;
    while (start < text.output.size()) {
        std::size_t end = text.output.find('\f', start);
        if (end == std::string::npos) end = text.output.size();
        pages.push_back(text.output.substr(start, end - start));
        start = end + 1;
    }
    return pages;
}

std::vector<std::string> pdf_raw_text_pages(const std::string& pdf_bytes, Band band) {
    if (!have_program("pdftotext")) FAIL("pdftotext is not installed (apt-get install poppler-utils)");
    TempDir dir;
    std::filesystem::path pdf = dir.path() / "document.pdf";
    write_file(pdf, pdf_bytes);
    // At pdftotext's default 72 dpi a crop "pixel" is a point; the band is as wide as any page.
    char crop[128];
    std::snprintf(crop, sizeof crop, "-x 0 -y %d -W 100000 -H %d", static_cast<int>(band.top_pt),
                  static_cast<int>(band.bottom_pt - band.top_pt));
    CommandResult text = run_command("pdftotext -raw -enc UTF-8 " + std::string(crop) + " " +
                                         shell_quote(pdf.string()) + " -", 60);
    INFO("pdftotext: " << text.output);
    REQUIRE(text.exit_code == 0);
    // Each page ends with a form feed, an empty one included.
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t end; (end = text.output.find('\f', start)) != std::string::npos; start = end + 1)
        pages.push_back(text.output.substr(start, end - start));
    return pages;
}

namespace {

// The text of an element of pdftotext's XHTML: its few entities decoded.
std::string xml_text(std::string_view text) {
    static const std::pair<std::string_view, std::string_view> entities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&')
            for (const auto& [entity, character] : entities)
                if (text.substr(i, entity.size()) == entity) {
                    out += character;
                    i += entity.size();
                    replaced = true;
                    break;
                }
        if (!replaced) out += text[i++];
    }
    return out;
}

} // namespace

std::vector<std::vector<std::string>> pdf_lines(const std::string& pdf_bytes) {
    if (!have_program("pdftotext")) FAIL("pdftotext is not installed (apt-get install poppler-utils)");
    TempDir dir;
    std::filesystem::path pdf = dir.path() / "document.pdf";
    write_file(pdf, pdf_bytes);
    CommandResult xhtml = run_command("pdftotext -bbox -enc UTF-8 " + shell_quote(pdf.string()) + " -", 60);
    REQUIRE(xhtml.exit_code == 0);
    const std::string& x = xhtml.output;
    // <page …> <word xMin="…" yMin="…" xMax="…" yMax="…">TEXT</word> … </page>, in that order.
    struct Word {
        double x = 0, y = 0; // left edge, bottom of the box
        std::string text;
    };
    std::vector<std::vector<Word>> pages;
    auto attribute = [&](std::size_t at, std::string_view name) {
        const std::size_t from = x.find(std::string(name) + "=\"", at) + name.size() + 2;
        return std::stod(x.substr(from, x.find('"', from) - from));
    };
    for (std::size_t at = 0; (at = x.find('<', at)) != std::string::npos; ++at) {
        if (x.compare(at, 6, "<page ") == 0) pages.emplace_back();
        else if (x.compare(at, 6, "<word ") == 0 && !pages.empty()) {
            const std::size_t from = x.find('>', at) + 1, to = x.find("</word>", from);
            pages.back().push_back({attribute(at, "xMin"), attribute(at, "yMax"),
                                    xml_text(std::string_view(x).substr(from, to - from))});
            at = to;
        }
    }
    std::vector<std::vector<std::string>> lines(pages.size());
    for (std::size_t p = 0; p < pages.size(); ++p) {
        std::vector<Word>& words = pages[p];
        std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.y < b.y; });
        for (std::size_t first = 0; first < words.size();) {
            std::size_t end = first + 1;
            while (end < words.size() && words[end].y - words[first].y < 0.6) ++end; // one baseline
            std::stable_sort(words.begin() + static_cast<long>(first), words.begin() + static_cast<long>(end),
                             [](const Word& a, const Word& b) { return a.x < b.x; });
            std::string line;
            for (std::size_t w = first; w < end; ++w) line += (line.empty() ? "" : " ") + words[w].text;
            lines[p].push_back(std::move(line));
            first = end;
        }
    }
    return lines;
}

} // namespace vanban::docx_test
