// The text of a rendered document as outside readers see it: poppler's pdftotext, mupdf's
// `mutool draw -F txt`, and the paragraphs of word/document.xml (read with libzip and
// pugixml). Each helper fails the test with a clear message when its tool is missing.
#pragma once

#include <string>
#include <vector>

namespace vanban::golden {

// pdftotext in its default (reading order) mode, pages separated by "\f".
std::string pdftotext(const std::string& pdf_bytes);
// pdftotext -layout: every table row on one line, cells in columns, pages separated by "\f".
std::string pdftotext_layout(const std::string& pdf_bytes);
// mutool draw -F txt, pages separated by "\f".
std::string mutool_text(const std::string& pdf_bytes);

// The paragraphs of word/document.xml in document order (table cells row by row, left to
// right), one per line; w:br is a line break and w:tab a space. Headers and footers (the
// page numbers) are other parts and are not read.
std::string docx_text(const std::string& docx_bytes); // numbered paragraphs after the label Word prints

// The tables of word/document.xml: for each table, its rows; for each row, its cells' text
// (the paragraphs of a cell joined with a space).
using TextTable = std::vector<std::vector<std::string>>;
std::vector<TextTable> docx_tables(const std::string& docx_bytes);

} // namespace vanban::golden
