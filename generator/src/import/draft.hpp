// The draft: what a reader (DOCX or text) found in a document, before anything is
// recognised. A flat list of paragraphs and tables with the look of their text, so that the
// recogniser works the same on both inputs and `vanban check` can judge the formatting.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "vanban/message.hpp"

namespace vanban::import {

// A stretch of text with one look. "\t" is a tab, "\n" a line break inside the paragraph.
struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    std::string font;   // "" when the document does not say
    double size_pt = 0; // 0 when the document does not say
};

// Text with no look of its own.
inline Span plain_span(std::string text) {
    Span span;
    span.text = std::move(text);
    return span;
}

enum class Align { unknown, left, center, right, justify };

// A chart drawn in the document (a DrawingML chart part, word/charts/chartN.xml), as its
// cached values say: a chart keeps a copy of its figures beside the workbook they come from.
struct DrawnChart {
    struct Series {
        std::string name;
        std::vector<std::optional<double>> values; // one per category; none: no point there
    };
    std::string kind;               // "bar", "stacked-bar", "line", "pie"; "" a kind vanban does not draw
    std::string title;
    std::string unit;               // the value axis' title
    bool value_labels = false;      // a figure by each bar, point or slice
    std::optional<int> decimals;    // of those figures, when their number format says (not a pie's percentages)
    double height_mm = 0;           // the drawing's height on the page; 0 unknown
    std::vector<std::string> categories;
    std::vector<Series> series;
};

struct Paragraph {
    // Where it is, as a person would point at it: the paragraph's number in the DOCX
    // (every paragraph counts, empty ones and table cells included, in reading order) or
    // the line of a text file.
    int number = 0;
    std::vector<Span> spans;
    std::string label;             // Word's automatic numbering, resolved: "2.1-", "a)", "-"
    std::string list_level;        // which list level shows it ("definition:level"): one level, whatever it prints
    std::string style;             // the style's name: "heading 1", "List Item", "Body Text"
    int outline_level = 0;         // 1..9 from the style or the paragraph, 0 none
    Align align = Align::unknown;
    double indent_left_mm = 0;
    double indent_first_mm = 0;    // first line, relative to indent_left_mm (negative: hanging)
    int leading_columns = 0;       // text files: the spaces and tabs before the text, a tab = 8
    bool page_break_before = false;
    bool rule_below = false;       // a bottom border: the rules under titles and summaries
    // What the paragraph's style already gives every span: emphasis only counts where a
    // span differs from it (a bold heading style is not bold text).
    bool style_bold = false, style_italic = false, style_underline = false;
    std::vector<DrawnChart> charts; // the charts drawn in the paragraph (DOCX)

    std::string text() const;      // the spans' text, joined
    bool empty() const;            // no text but white space
};

struct Cell {
    std::vector<Paragraph> paragraphs; // a nested table's paragraphs are taken in row order
    int column = 0;                    // the grid column where the cell starts
    int span = 1;                      // grid columns it covers
    bool continues_above = false;      // a vertically merged cell below its first row
};

struct Row {
    std::vector<Cell> cells;
};

struct Table {
    std::vector<Row> rows;
    std::vector<double> grid; // the columns' widths as the file gives them (any unit), when it does
    bool landscape = false; // in a section of landscape pages (DOCX)
    bool borders = false; // whether its cells have visible borders (a data table) or not (layout)
    int first_paragraph = 0;
};

using Block = std::variant<Paragraph, Table>;

struct PageSetup {
    bool known = false;
    double width_mm = 0, height_mm = 0;
    double margin_top_mm = 0, margin_bottom_mm = 0, margin_left_mm = 0, margin_right_mm = 0;
};

enum class SourceKind { docx, text };

// Something a reader noticed and wants the user told (hidden text left out, a change not
// accepted, a nested table flattened). `paragraph` 0 is the document as a whole.
struct ReaderNote {
    int paragraph = 0;
    Message message; // its code is the note's stable code
};

struct Draft {
    SourceKind kind = SourceKind::text;
    // The program that wrote the DOCX (docProps/app.xml: "Microsoft Office Word", "vanban" …).
    // A DOCX vanban wrote says what each paragraph is by its style, and is read by them.
    std::string producer;
    std::vector<Block> blocks;
    PageSetup page;
    std::vector<ReaderNote> notes;
    int paragraph_count = 0;
    // A DOCX with no emphasis anywhere (text pasted into Word, a .txt opened in LibreOffice
    // and saved): its look cannot tell titles from items, so its paragraphs are read as the
    // lines of a text file are (text_reader.hpp: reread_as_text).
    bool read_as_text = false;

    // Whether the recogniser tells titles by their shape, as in a text file.
    bool reads_like_text() const { return kind == SourceKind::text || read_as_text; }
};

// Every paragraph of the draft in reading order, table cells row by row.
std::vector<const Paragraph*> all_paragraphs(const Draft& draft);

} // namespace vanban::import
