#include "golden/extract.hpp"

#include <algorithm>
#include <string_view>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>
#include <sys/wait.h>

#include <pugixml.hpp>
#include <zip.h>

#include "support/temp_dir.hpp"
#include "support/word_numbers.hpp"

namespace vanban::golden {
namespace {

using vanban::testing::read_file;
using vanban::testing::TempDir;

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void require_program(const std::string& program, const std::string& package) {
    const std::string probe = "command -v " + program + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) != 0)
        FAIL(program << " is not installed (apt-get install " << package << ")");
}

// Runs `command` on the PDF written to a scratch folder as in.pdf; the command writes
// out.txt there. Returns the text of out.txt.
std::string run_on_pdf(const std::string& pdf_bytes, const std::string& command) {
    TempDir dir;
    dir.write("in.pdf", pdf_bytes);
    const std::string line = "cd " + quote(dir.path().string()) + " && timeout 60 " + command + " 2>err.txt";
    const int status = std::system(line.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    INFO(command << " exited with " << code << ": " << read_file(dir.path() / "err.txt"));
    REQUIRE(code == 0);
    return read_file(dir.path() / "out.txt");
}

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

// One part of the DOCX, "" when the package has no such part.
std::string read_part(const std::string& docx_bytes, const char* part) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(docx_bytes.data(), docx_bytes.size(), 0, &error);
    REQUIRE(source != nullptr);
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
    if (!archive) {
        zip_source_free(source);
        FAIL("libzip cannot open the DOCX: " << zip_error_strerror(&error));
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive.get(), part, 0, &stat) != 0) return {};
    zip_file_t* file = zip_fopen(archive.get(), part, 0);
    REQUIRE(file != nullptr);
    std::string xml(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_fread(file, xml.data(), xml.size());
    zip_fclose(file);
    REQUIRE(read == static_cast<zip_int64_t>(xml.size()));
    return xml;
}

std::string read_document_xml(const std::string& docx_bytes) {
    std::string xml = read_part(docx_bytes, "word/document.xml");
    REQUIRE(!xml.empty());
    return xml;
}

void parse_document(pugi::xml_document& document, const std::string& docx_bytes) {
    const std::string xml = read_document_xml(docx_bytes);
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    INFO("word/document.xml: " << parsed.description());
    REQUIRE(parsed);
}

// The text under `node` in document order: w:t as written, w:tab as a space, w:br as a
// line break.
void append_text(pugi::xml_node node, std::string& text) {
    for (pugi::xml_node child : node.children()) {
        const std::string_view name = child.name();
        if (name == "w:t") text += child.text().get();
        else if (name == "w:tab") text += ' ';
        else if (name == "w:br") text += '\n';
        else append_text(child, text);
    }
}

std::string paragraph_text(pugi::xml_node paragraph) {
    std::string text;
    append_text(paragraph, text);
    return text;
}

// Every w:p under `node` in document order, one line each, after its number when Word
// numbers it.
void collect_paragraphs(pugi::xml_node node, vanban::testing::WordNumbers& numbers, std::string& out) {
    for (pugi::xml_node child : node.children()) {
        if (std::string_view(child.name()) == "w:p") {
            out += numbers.label(child);
            out += paragraph_text(child);
            out += '\n';
        } else {
            collect_paragraphs(child, numbers, out);
        }
    }
}

} // namespace

std::string pdftotext(const std::string& pdf_bytes) {
    require_program("pdftotext", "poppler-utils");
    return run_on_pdf(pdf_bytes, "pdftotext -enc UTF-8 in.pdf out.txt");
}

std::string pdftotext_layout(const std::string& pdf_bytes) {
    require_program("pdftotext", "poppler-utils");
    return run_on_pdf(pdf_bytes, "pdftotext -layout -enc UTF-8 in.pdf out.txt");
}

// MuPDF draws a "SIGN" tag on each unsigned signature field (its viewer's hint, not the
// file's text; docs/electronic.md): the lines it makes are dropped.
std::string mutool_text(const std::string& pdf_bytes) {
    require_program("mutool", "mupdf-tools");
    const std::string text = run_on_pdf(pdf_bytes, "mutool draw -q -F txt -o out.txt in.pdf");
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = std::string_view(text).substr(start, end - start);
        if (line != "SIGN") out.append(line).append(end < text.size() ? "\n" : "");
        start = end + 1;
    }
    return out;
}

std::string docx_text(const std::string& docx_bytes) {
    pugi::xml_document document;
    parse_document(document, docx_bytes);
    vanban::testing::WordNumbers numbers(read_part(docx_bytes, "word/numbering.xml"));
    std::string out;
    collect_paragraphs(document.document_element(), numbers, out);
    return out;
}

std::vector<TextTable> docx_tables(const std::string& docx_bytes) {
    pugi::xml_document document;
    parse_document(document, docx_bytes);
    std::vector<TextTable> tables;
    pugi::xpath_node_set found = document.select_nodes("//w:tbl");
    found.sort();
    for (const pugi::xpath_node& table : found) {
        TextTable rows;
        for (pugi::xml_node row : table.node().children("w:tr")) {
            std::vector<std::string> cells;
            for (pugi::xml_node cell : row.children("w:tc")) {
                std::string text;
                for (pugi::xml_node paragraph : cell.children("w:p")) {
                    const std::string line = paragraph_text(paragraph);
                    if (line.empty()) continue;
                    if (!text.empty()) text += ' ';
                    text += line;
                }
                cells.push_back(text);
            }
            rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(rows));
    }
    return tables;
}

} // namespace vanban::golden
