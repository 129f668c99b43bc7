// The document model: the contract between the template engine and the writers.
//
// The engine builds it from a template and data; the PDF and DOCX writers read it and never
// see JSON or template syntax. All text is UTF-8 in NFC and already final: upper case is
// written as upper-case letters, dates and numbers are formatted, "Số " prefixes applied.
// What the writers add is geometry and typography, and that comes from the Profile, which is
// configuration (templates/_profiles/*.json), not code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vanban::model {

// ---------------------------------------------------------------- inline text

struct Run {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool operator==(const Run&) const = default;
};

// A line of styled text. Adjacent runs always differ in style (the builder merges them).
// A "\n" inside a run is a forced line break within the paragraph.
using Inline = std::vector<Run>;

std::string plain_text(const Inline& runs);

enum class Align { left, center, right, justify };

// How paragraphs are broken into lines (docs/layout-rules.md, rule 12): first fit, as Word
// and LibreOffice do, so that the PDF and the DOCX have the same lines; or optimal fit
// (Knuth and Plass), evener lines that Word does not reproduce.
enum class LineBreaking { first_fit, optimal_fit };

// ---------------------------------------------------------------- style sheet (profile)

// Character and paragraph style of one element, in points. Values come from the profile.
struct TextStyle {
    double size_pt = 14;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    Align align = Align::justify;
    double first_line_indent_mm = 0;
    double left_indent_mm = 0;
    double space_before_pt = 0;
    double space_after_pt = 0;
    double line_spacing = 1.0; // multiple of the font's single line height
    bool keep_with_next = false;
    bool operator==(const TextStyle&) const = default;
};

struct PageSetup {
    double width_mm = 210, height_mm = 297; // A4
    double margin_top_mm = 20, margin_bottom_mm = 20, margin_left_mm = 30, margin_right_mm = 15;
    bool page_numbers = true;
    int page_numbers_from = 2;          // first page that shows its number
    double page_number_top_mm = 10;     // distance from the top edge to the number's baseline box
    double page_number_size_pt = 14;
    // Double-sided printing: the back (even) pages swap the left and right margins, so the
    // binding margin is always on the inside (Word's "mirror margins").
    bool mirror_margins = false;
    bool operator==(const PageSetup&) const = default;
};

// How the first-page header of this kind of document is drawn.
struct HeaderStyle {
    double left_column_mm = 80;   // width of the left column (issuer); the right one takes the rest
    std::vector<std::string> national_title; // right column, e.g. {"ĐẢNG CỘNG SẢN VIỆT NAM"}
    std::vector<std::string> motto;          // State: {"Độc lập - Tự do - Hạnh phúc"}
    TextStyle national_title_style;          // 15 pt bold (Party), 12–13 pt bold (State)
    TextStyle motto_style;
    bool rule_under_title = true;            // a rule as long as the title (Party), or the motto (State)
    TextStyle superior_style;                // 14 pt regular
    TextStyle issuer_style;                  // 14 pt bold
    std::string issuer_mark = "*";           // Party: "*" under the issuer; State: "" and a rule
    bool rule_under_issuer = false;          // State: a short rule under the issuer
    TextStyle number_style;                  // "Số 19-KH/CB"
    TextStyle place_date_style;              // italic
    TextStyle mark_style;                    // KHẨN, MẬT
    // The ink of the stamps under the number, their text and frame ("#rrggbb"; every other
    // mark is black): the urgency stamps bright red (NĐ30 Phụ lục I, III.2.b: "mực ... màu đỏ
    // tươi"), the secrecy stamps red (Thông tư 24/2020/TT-BCA, Điều 3.2: "mực màu đỏ"). Which
    // sRGB value the inks are is not written anywhere: a setting (docs/electronic.md).
    std::string urgency_mark_colour = "#ff0000";
    std::string secrecy_mark_colour = "#ff0000";
    bool operator==(const HeaderStyle&) const = default;
};

// Electronic signing (NĐ30 Phụ lục I, II.7.d and II.8; docs/electronic.md): the unsigned
// signature fields of the PDF and where the signature images go.
struct Signing {
    bool fields = true;                 // the PDF carries the signer's and the agency's fields
    bool images = true;                 // the signer's image and the seal are printed when given
    double signer_width_mm = 50;        // the signer's box (ô 7c), as tall as signature_space_mm
    double seal_size_mm = 36;           // a seal whose PNG does not say its size (no pHYs)
    double seal_overlap = 1.0 / 3;      // the part of the signer's box the seal covers, on its left
    // The agency's field on the first page of an appendix issued as a file of its own (II.8.b,
    // III.1.d: top right, no image; the signing system writes in it the number and code and
    // the signing time, Times New Roman 10 pt): its size, and its top's distance from the
    // page's top edge. Its right edge is the text block's.
    double appendix_field_width_mm = 75;
    double appendix_field_height_mm = 15;
    double appendix_field_top_mm = 4;
    bool operator==(const Signing&) const = default;
};

// How charts are drawn (docs/schema.md, "Charts"). Colours are "#rrggbb"; the default palette is dark to
// light with different lightness, so that the series stay apart when printed in grey.
struct ChartStyle {
    double height_mm = 70;             // a chart's height when its data gives none; the width is the text block's
    double label_size_pt = 11;         // axis labels, legend, values
    TextStyle title{.size_pt = 13, .bold = true, .align = Align::center, .space_before_pt = 6, .space_after_pt = 3,
                    .keep_with_next = true}; // the chart's title above it
    std::vector<std::string> palette = {"#1f3864", "#c55a11", "#7f7f7f", "#ffc000", "#2e75b6", "#70ad47"};
    bool operator==(const ChartStyle&) const = default;
};

struct Profile {
    std::string name = "party";        // "party" or "state" (or a user profile)
    std::string font_family = "Times New Roman";
    std::string number_prefix = "Số ";           // Party "Số 19-KH/CB"; State "Số: 15/KH-UBND"
    std::string recipients_label = "Nơi nhận:";
    LineBreaking line_breaking = LineBreaking::first_fit;
    PageSetup page;
    HeaderStyle header;
    TextStyle doc_type;                // "KẾ HOẠCH"
    TextStyle summary;                 // trích yếu
    std::string summary_separator = "-----"; // text under the summary; "rule" draws a line; "" none
    TextStyle body;                    // justified, 1 cm first-line indent
    std::vector<TextStyle> headings;   // index 0 = level 1
    TextStyle list_item;
    // Each list level below the first indents its first line this much more (levels 2-4).
    double list_level_indent_mm = 0;
    TextStyle table_text;
    TextStyle table_header;
    TextStyle table_caption{.size_pt = 14, .bold = true, .align = Align::center, .space_before_pt = 6,
                            .space_after_pt = 6, .keep_with_next = true}; // "Biểu 1. …" above a table
    TextStyle table_note{.size_pt = 12, .italic = true, .align = Align::justify, .space_before_pt = 3,
                         .space_after_pt = 6}; // "Số liệu tính đến …" below a table
    ChartStyle chart;
    TextStyle recipients_label_style;  // "Nơi nhận:" underlined (Party) / bold italic (State)
    TextStyle recipients;              // 12 pt
    double recipients_column_mm = 80;
    TextStyle signature_authority;     // "T/M BAN THƯỜNG VỤ"
    TextStyle signature_position;      // "PHÓ BÍ THƯ"
    TextStyle signature_name;          // bold
    double signature_space_mm = 25;    // room for the signature and seal
    TextStyle appendix_title;
    TextStyle appendix_subtitle;
    // The rules under titles (national title or motto, State issuer and summary): their
    // thickness, and the distance from the bottom of the line box above to the rule's centre
    // (docs/layout-rules.md, rule 14). At least 1 pt + half the thickness.
    double rule_width_pt = 0.5;
    double rule_gap_pt = 1.5;
    // NĐ30: each appendix numbers its own pages from 1 (its first page shows no number);
    // when false the numbering runs on through the appendices.
    bool appendix_restarts_page_numbers = false;
    // Drafts (NĐ30 Điều 15.3): the mark printed at the top right of the first page, and the
    // blank left for the number, in spaces ("Số:      /KH-UBND").
    std::string draft_mark = "DỰ THẢO";
    TextStyle draft_mark_style;
    int draft_number_blanks = 6;
    Signing signing;
    bool operator==(const Profile&) const = default; // writers reuse what they made for an equal profile
};

// ---------------------------------------------------------------- blocks of the document

struct Header {
    std::vector<std::string> superior;  // lines of the superior body (may be empty)
    std::vector<std::string> issuer;    // lines of the issuing body
    std::string number_line;            // "Số 19-KH/CB" or "Số: 15/KH-UBND"
    std::string place_date_line;        // "Quảng Nam, ngày 25 tháng 3 năm 2019"
    std::vector<std::string> marks;     // "KHẨN", "MẬT" …, under the number
    std::string draft_mark;             // "DỰ THẢO" on a draft (its number is blank); "" otherwise
};

struct DocTitle {
    std::string type_name;              // "KẾ HOẠCH"; empty for a công văn
    std::vector<Inline> summary;        // trích yếu, one entry per line the author broke
};

struct Heading {
    int level = 1;                      // 1.. profile.headings.size()
    std::string number;                 // "I-", "1.", "A-", "1.1-" (as the data writes it)
    Inline text;
};

enum class ParagraphKind { body, plain, center, right };

struct Paragraph {
    ParagraphKind kind = ParagraphKind::body; // body: justified with first-line indent
    Inline text;
};

struct ListItem {
    std::string marker;                 // "-", "+", "a)", "1.1-"
    int level = 1;
    Inline text;
};

struct TableCell {
    std::vector<Inline> paragraphs;
    int colspan = 1;
    int rowspan = 1;
    bool covered = false;               // a slot covered by a span from the left or above
    Align align = Align::left;
};

struct TableRow {
    bool header = false;                // header rows repeat on every page
    std::vector<TableCell> cells;       // one slot per column, spans included
    bool group = false;                 // a group's label row ("I. Kinh tế"): kept with the row after it
    bool total = false;                 // the table's total row ("Tổng cộng")
};


// What a column holds. Its cells' text is already formatted (1.250,5; 94,4%); the type says
// that a number never breaks inside its cell (the column is at least as wide as its widest
// number) and how its cells align by default.
enum class ColumnType { text, unit, integer, decimal, percent };
const char* column_type_name(ColumnType type); // "text", "unit", "integer", "decimal", "percent"
inline bool holds_numbers(ColumnType type) {
    return type == ColumnType::integer || type == ColumnType::decimal || type == ColumnType::percent;
}

struct Table {
    std::vector<double> column_weights; // relative widths; the writers scale them to the text width
    std::vector<ColumnType> column_types; // one per column; empty: all text
    // The engine sets the widths from the content (layout/fit_tables.hpp): the widest number
    // or word of a column is its minimum. When true, the weights are only a starting point
    // (none: each column as wide as its longest text would make it); when false they are
    // kept except where a column is narrower than its minimum.
    bool widths_from_content = false;
    std::vector<TableRow> rows;
    std::vector<Inline> caption;        // lines above the table, in the profile's table_caption style
    std::vector<Inline> notes;          // lines below it, in the table_note style
    bool landscape = false;             // printed on landscape pages of its own (a section in the DOCX)
};

// The rows max_table_rows counts: the body's rows of data, without header, group and total rows
// (a table of 10,000 figures may have its heading and its total).
std::size_t data_row_count(const Table& table);

// ---------------------------------------------------------------- charts

enum class ChartKind { bar, stacked_bar, line, pie };
const char* chart_kind_name(ChartKind kind); // "bar", "stacked-bar", "line", "pie"

struct ChartSeries {
    std::string name;                   // the legend's text
    std::vector<std::optional<double>> values; // one per category; none: no value there
};

// A chart as both writers draw it: vector drawing in the PDF, a chart part in the DOCX
// (word/charts/chartN.xml with its values cached), across the text width.
struct Chart {
    ChartKind kind = ChartKind::bar;
    std::string title;
    std::vector<std::string> categories; // the bars' or the points' names; a pie's slices
    std::vector<ChartSeries> series;     // a pie has one
    std::string unit;                    // the value axis' title ("tấn", "%"); "" none
    int decimals = 0;                    // of the values printed (axis, labels), Vietnamese separators
    bool value_labels = true;            // print each value by its bar, point or slice
    double height_mm = 0;                // 0: the profile's chart.height_mm
    bool landscape = false;              // drawn on the landscape pages of the table it follows
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, ListItem, Table, Chart, PageBreak>;

struct Recipients {
    std::string label = "Nơi nhận:";
    std::vector<Inline> lines;          // "- Ban Bí thư Trung ương (b/c),"
};

// An image of an electronic signature (NĐ30 Phụ lục I, II.7.d and II.8.a): a PNG, its
// transparency kept. The template names it (@image, @seal); the engine reads and checks it.
struct Image {
    std::string source;                 // as the data gave it: "chu-ky.png", "data:image/png;base64,…"
    std::string json_path;              // where the data gave it, for messages ("signature.image")
    std::string png;                    // the file's bytes, checked to be a PNG vanban can read
    int width_px = 0, height_px = 0;
    double width_mm = 0, height_mm = 0; // its size on paper: the PNG's own (pHYs), else 0
};

struct Signature {
    std::vector<std::string> authority; // "T/M BAN THƯỜNG VỤ"; "K/T BÍ THƯ"
    std::vector<std::string> position;  // "PHÓ BÍ THƯ"
    std::string name;                   // "Đỗ Xuân Tuyên"
    std::string note;                   // optional, e.g. "(Đã ký)" in place of the signature
    std::optional<Image> image;         // the signer's signature, blue (ô 7c)
    std::optional<Image> seal;          // the agency's seal, red, actual size (ô 8)
};

struct Closing {
    std::optional<Recipients> recipients;
    std::optional<Signature> signature;
};

struct Appendix {
    std::vector<std::string> title;     // "Phụ lục", "PHÂN CÔNG NHIỆM VỤ" (lines, centred)
    std::vector<Inline> subtitle;       // "(Kèm theo Kế hoạch số 19-KH/CB …)", italic
    std::vector<Block> blocks;
};

struct Metadata {
    std::string title;
    std::string author;                 // the issuing body
    std::string subject;
    std::string keywords;
    std::string created;                // ISO 8601; empty = now (non-deterministic)
    // NĐ30 Phụ lục VI (Phần II, Mục I), the metadata of an outgoing document, by the names
    // the decree gives its fields: {"CodeNumber", "19"}, {"To", "Sở Nội vụ"} (may repeat)…
    // Written in the PDF's XMP and the --metadata sidecar (docs/electronic.md).
    std::vector<std::pair<std::string, std::string>> record;
};

struct Document {
    Profile profile;
    Metadata metadata;
    std::optional<Header> header;
    std::optional<DocTitle> title;
    std::vector<Block> body;
    Closing closing;
    std::vector<Appendix> appendices;
    // One appendix issued as a file of its own (NĐ30 Phụ lục I, II.8.b and III.1.d;
    // RenderOptions::appendix): its number among the document's appendices, from 1. The
    // document then holds that appendix alone, and the agency signs it in a field at the top
    // right of its first page. 0: the whole document.
    std::size_t issued_appendix = 0;
};

} // namespace vanban::model
