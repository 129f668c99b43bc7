// The parts of the package and how they refer to each other. The document part names its
// headers by relationship id; word/_rels/document.xml.rels (package.cpp) defines the ids.
#pragma once

#include <string>

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
} // namespace rel_id

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
