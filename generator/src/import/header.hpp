// The header block of an official document: superior body, issuing body, the national title
// (Party or State), number and code, place and date, urgency and secrecy marks; and the
// document type with its summary. Read from the lines of a two-column table or of
// paragraphs laid out with tabs, in any of the usual forms.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import/draft.hpp"
#include "text/vietnamese.hpp"

namespace vanban::import {

// One line of the header with where it came from.
struct HeaderLine {
    std::string text;       // squeezed
    int paragraph = 0;
    int column = 0;         // 0 left, 1 right (a table's column, or a tab-separated part)
    bool bold = false;      // every letter bold
    bool right_side = false; // indented far or aligned right in a one-column layout
    bool column_known = false; // the column comes from a table cell or a tab, not a guess
};

enum class HeaderPart { none, national_title, motto, rule, number, place_date, mark, body, summary_vv };

HeaderPart classify_header_line(const std::string& text);
// The columns of a header line (text_tools.hpp: columns), with "Số:" and the number it
// leaves room for ("Số:      /KH-UBND", spaces that also split columns) kept together.
std::vector<std::string> header_columns(std::string_view line);

struct PlaceDate {
    std::string place;
    std::optional<text::Date> date;
    std::string date_text; // as printed, when the template's own formatting would differ
    std::string line;      // the whole line as printed
};
std::optional<PlaceDate> parse_place_date(const std::string& text);

struct NumberLine {
    std::string number;    // "19-KH/CB", "15/KH-UBND"
    std::string line;      // "Số 19-KH/CB"
    bool colon = false;    // "Số:" (State form)
    bool has_so = false;
};
std::optional<NumberLine> parse_number_line(const std::string& text);
// Whether a number matches the templates' schema ("^ *[0-9]* *[-/][^ ]+$").
bool valid_number(const std::string& number);

struct Header {
    std::vector<std::string> superior, issuer, marks;
    std::optional<NumberLine> number;
    std::optional<PlaceDate> place_date;
    bool party_title = false, state_title = false;
    int number_paragraph = 0, date_paragraph = 0, issuer_paragraph = 0, title_paragraph = 0;
    std::vector<HeaderLine> unplaced;     // lines that are none of the above
    std::vector<HeaderLine> parts_in_order; // every recognised line, for the order check
    std::vector<HeaderPart> kinds_in_order;
};

Header read_header_lines(const std::vector<HeaderLine>& lines);

// A kind of document and the codes its numbers carry (Hướng dẫn 36-HD/VPTW for the Party,
// Nghị định 30/2020/NĐ-CP Phụ lục III for the State; docs/check.md lists them).
struct DocumentType {
    const char* name;              // in capitals: "KẾ HOẠCH"
    std::vector<const char*> codes; // every code used for it: {"KH"}; Quy định {"QĐi", "QĐ", "QyĐ"}
    bool has_number_code = true;   // a Luật's number carries no type code
};
const std::vector<DocumentType>& document_types();

// The type a line names when the whole line is one ("KẾ HOẠCH", "Báo cáo"); nullptr if none.
const DocumentType* find_document_type(const std::string& text);
// The type whose name starts `text` ("Nghị quyết số 21-KL/TW" -> NGHỊ QUYẾT), the longest
// that fits; `length` receives the bytes of the name.
const DocumentType* document_type_at(const std::string& text, std::size_t& length);
// The code the template uses for a number placeholder ("KẾ HOẠCH" -> "KH").
std::string type_code(const std::string& type);

} // namespace vanban::import
