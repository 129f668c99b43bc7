// The outside tools a user would open the DOCX with: python-docx (Debian python3-docx, run
// with /usr/bin/python3) and LibreOffice headless with poppler's pdftotext. Each helper fails
// the test with a clear message when its tool is missing or times out.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanban::docx_test {

// What python-docx reads: {"paragraphs": [[style, text]…], "tables": [[[cell text]…]…],
// "styles": [name…], "title", "author", "created"}.
nlohmann::json read_with_python_docx(const std::string& docx_bytes);

// A DOCX as LibreOffice prints it.
struct LibreOfficePdf {
    std::vector<std::string> pages; // pdftotext of each page
    std::string pdf;                // the PDF's bytes, for later comparisons
};

LibreOfficePdf convert_with_libreoffice(const std::string& docx_bytes);

// pdftotext of each page of a PDF, e.g. vanban's own, to compare with LibreOffice's pages.
std::vector<std::string> pdf_text_pages(const std::string& pdf_bytes);

} // namespace vanban::docx_test
