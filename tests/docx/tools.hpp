// The outside tools a user would open the DOCX with: python-docx (Debian python3-docx, run
// with /usr/bin/python3) and LibreOffice headless with poppler's pdftotext. Each helper fails
// the test with a clear message when its tool is missing or times out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanban::docx_test {

// What python-docx reads: {"paragraphs": [[style, text, Word's number label and its space]…], "tables": [[[cell text]…]…],
// "styles": [name…], "title", "author", "created"}.
nlohmann::json read_with_python_docx(const std::string& docx_bytes);

// A DOCX as LibreOffice prints it.
struct LibreOfficePdf {
    std::vector<std::string> pages; // pdftotext of each page
    std::string pdf;                // the PDF's bytes, for later comparisons
};

LibreOfficePdf convert_with_libreoffice(const std::string& docx_bytes);

// Many DOCX files printed by ONE LibreOffice run: starting LibreOffice costs seconds, each
// further document a fraction of one. `docx_by_name` maps a file name without extension
// ("000-party") to the DOCX bytes.
struct LibreOfficeBatch {
    std::map<std::string, std::string> pdf_by_name; // the same names, the PDFs' bytes
    double seconds = 0;                             // wall time of the soffice run
};

// Fails the test when LibreOffice is missing, reports an error, takes longer than
// `timeout_seconds`, or leaves a document without its PDF.
LibreOfficeBatch convert_all_with_libreoffice(const std::map<std::string, std::string>& docx_by_name,
                                              int timeout_seconds);

// pdftotext of each page of a PDF, e.g. vanban's own, to compare with LibreOffice's pages.
std::vector<std::string> pdf_text_pages(const std::string& pdf_bytes);

// A horizontal band of every page, in points from the page's top edge.
struct Band {
    double top_pt = 0;
    double bottom_pt = 0;
};

// pdftotext -raw of `band` on each page (one string per page). Raw mode keeps the text in
// the order the PDF writes it, which both writers share (header columns, table cells row by
// row), where pdftotext's reading-order guess would depend on small position differences.
std::vector<std::string> pdf_raw_text_pages(const std::string& pdf_bytes, Band band);

// The lines of a PDF as a reader sees them, page by page: the words pdftotext -bbox finds
// with one baseline (within 0.6 pt), left to right, joined by single spaces. A table's row
// is one line, whatever blocks pdftotext's reading-order guess would cut it into.
std::vector<std::vector<std::string>> pdf_lines(const std::string& pdf_bytes);

} // namespace vanban::docx_test
