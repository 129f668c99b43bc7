// The parts of the package and how they refer to each other. The document part names its
// headers by relationship id; word/_rels/document.xml.rels (package.cpp) defines the ids.
#pragma once

#include <string>
#include <vector>

#include "vanban/model.hpp"

namespace vanban::docx {

namespace rel_id {
inline constexpr const char* styles = "rId1";
inline constexpr const char* settings = "rId2";
inline constexpr const char* page_number_header = "rId3"; // default header: the page number
inline constexpr const char* first_page_header = "rId4";  // empty: page 1 shows no number
inline constexpr const char* numbering = "rId5";          // Word's numbering of headings and list items
inline constexpr const char* signature_image = "rId6";    // word/media/signature.png (docs/electronic.md)
inline constexpr const char* seal_image = "rId7";         // word/media/seal.png
inline constexpr const char* chart_workbook = "rId1";     // in a chart part's relationships: its figures
} // namespace rel_id

// The document's relationship to its chart number `number` (1-based, in document order), and
// the parts of that chart.
std::string chart_rel_id(std::size_t number);          // "rIdChart1"
std::string chart_part_name(std::size_t number);       // "word/charts/chart1.xml"
std::string chart_workbook_name(std::size_t number);   // "Microsoft_Excel_Worksheet1.xlsx" (in word/embeddings/)
// The charts of a document in the order the document part shows them: body, then appendices.
std::vector<const model::Chart*> charts_of(const model::Document& doc);

// Whether the document has page-number headers, and whether page 1 has its own (empty) one.
bool has_page_numbers(const model::Profile& profile);
bool has_distinct_first_page(const model::Profile& profile);
// Whether each appendix is a section numbered from 1, its first page without a number.
bool appendices_restart_numbering(const model::Document& doc);
// Whether any section hides its first page's number (the empty header is then needed).
bool needs_first_page_header(const model::Document& doc);

struct NumberingPlan;
// word/document.xml; the headings and list items of `numbering` get Word's numbering instead
// of their number as text.
std::string document_xml(const model::Document& doc, const NumberingPlan& numbering);
std::string page_number_header_xml();                      // word/header1.xml
std::string empty_header_xml();                            // word/header2.xml

} // namespace vanban::docx
