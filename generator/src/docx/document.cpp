// word/document.xml: the document model as paragraphs and tables.
//
// Layout choices, shared with the PDF writer through the profile:
// - the first-page header is a borderless two-row table: issuer | national title (row 1),
//   number | place and date (row 2), so that the number and the date share a line;
// - recipients and signature are a borderless one-row table whose row cannot split;
// - rules are paragraphs that are only a bottom border, narrowed by indents to the length of
//   the text they underline;
// - a page break is "page break before" on the next paragraph, never an empty paragraph;
// - keeps (docs/docx.md, "Keeps"): what the PDF's pagination keeps together is kept here with
//   "keep with next" on paragraphs, also inside table rows (Word and LibreOffice then keep the
//   row with the next one), and rows never split.
#include <algorithm>
#include <cctype>
#include <deque>
#include <numeric>
#include <string_view>

#include "docx/numbering.hpp"
#include "docx/chart.hpp"
#include "docx/parts.hpp"
#include "docx/pictures.hpp"
#include "docx/styles.hpp"
#include "docx/text_width.hpp"
#include "docx/units.hpp"
#include "docx/xml.hpp"
#include "model/marks.hpp"
#include "text/bytes.hpp"

namespace vanban::docx {

using namespace model;

bool has_page_numbers(const Profile& profile) { return profile.page.page_numbers; }

// Word can hide the number on page 1 only (a distinct first-page header); a profile asking
// for numbers from page 3 or later gets them from page 2.
bool has_distinct_first_page(const Profile& profile) {
    return profile.page.page_numbers && profile.page.page_numbers_from >= 2;
}

bool appendices_restart_numbering(const Document& doc) {
    return doc.profile.page.page_numbers && doc.profile.appendix_restarts_page_numbers && !doc.appendices.empty();
}

bool needs_first_page_header(const Document& doc) {
    return has_distinct_first_page(doc.profile) || appendices_restart_numbering(doc);
}

namespace {

// Formatting a run adds to its paragraph style, as bits.
constexpr unsigned plain = 0, bold = 1, italic = 2, underline = 4;

unsigned format_of(const Run& run) {
    return (run.bold ? bold : 0) | (run.italic ? italic : 0) | (run.underline ? underline : 0);
}
unsigned format_of(const TextStyle& style) {
    return (style.bold ? bold : 0) | (style.italic ? italic : 0) | (style.underline ? underline : 0);
}

// A stretch of text with the formatting it adds to its paragraph style. It views the
// model's text, or the writer's joining of neighbours that print alike.
struct Segment {
    unsigned format = plain;
    std::string_view text;
};

long total(const std::vector<long>& widths) { return std::accumulate(widths.begin(), widths.end(), 0L); }

class DocumentWriter {
public:
    DocumentWriter(const Document& doc, const NumberingPlan& numbering, xml::Node body)
        : doc_(doc), profile_(doc.profile), numbering_(numbering), body_(body),
          text_width_(text_width_twips(doc.profile)) {}

    void write() {
        if (doc_.header && !doc_.header->draft_mark.empty())
            boxed_paragraph(body_, style_id::draft_mark, doc_.header->draft_mark, profile_.draft_mark_style, text_width_,
                            true);
        if (doc_.header) write_header(*doc_.header);
        if (doc_.title) write_title(*doc_.title);
        write_blocks(doc_.body);
        turn(false);
        write_closing(doc_.closing);
        for (const Appendix& appendix : doc_.appendices) write_appendix(appendix);
        section_properties(body_);
    }

private:
    const Document& doc_;
    const Profile& profile_;
    const NumberingPlan& numbering_;
    xml::Node body_;
    long text_width_;
    bool page_break_pending_ = false;
    bool last_was_table_ = false;
    // The section being written: the document's first, numbered from 1 again (an appendix
    // under NĐ30), on landscape pages (a wide table).
    bool first_section_ = true;
    bool section_restarts_numbering_ = false;
    bool section_landscape_ = false;
    std::size_t charts_ = 0; // charts written so far (their parts are numbered in this order)
    // One paragraph's segments at a time, reused from paragraph to paragraph, and the texts
    // of the segments that merge_segments joined (a deque: joining one keeps the others).
    std::vector<Segment> segments_;
    std::deque<std::string> joined_;
    // A slice of a table's rows being built (its tree reused from slice to slice).
    xml::Document rows_slice_;

    static long text_width_twips(const Profile& p) { return model::text_block_width_twips(p.page); }

    // ------------------------------------------------------------ paragraphs and runs

    // A new paragraph with its style; it takes a pending page break.
    xml::Node paragraph(xml::Node parent, const char* style) {
        if (parent == body_) last_was_table_ = false;
        xml::Node p = xml::add(parent, "w:p");
        xml::Node ppr = xml::add(p, "w:pPr");
        xml::add_val(ppr, "w:pStyle", style);
        if (page_break_pending_) {
            xml::add(ppr, "w:pageBreakBefore");
            page_break_pending_ = false;
        }
        return p;
    }
    xml::Node paragraph(xml::Node parent, const std::string& style) {
        return paragraph(parent, style.c_str());
    }

    // "Keep with next" on one paragraph: no page break between its last line and what follows.
    static void keep_with_next(xml::Node p) {
        xml::Node ppr = p.child("w:pPr");
        if (!ppr) ppr = p.prepend_child("w:pPr"); // an empty cell's or a table separator's paragraph
        if (ppr.child("w:keepNext")) return;
        xml::Node style = ppr.child("w:pStyle"); // keepNext comes right after it (wml.xsd)
        if (style) ppr.insert_child_after("w:keepNext", style);
        else ppr.prepend_child("w:keepNext");
    }

    // Every paragraph of a table row kept with next: the row stays on the page of the next row.
    static void keep_row_with_next(xml::Node tr) {
        for (xml::Node tc : tr.children("w:tc"))
            for (xml::Node p : tc.children("w:p")) keep_with_next(p);
    }

    // Lines of plain text in one paragraph, separated by line breaks.
    void plain_lines(xml::Node parent, const char* style, const std::vector<std::string>& lines) {
        if (lines.empty()) return;
        xml::Node p = paragraph(parent, style);
        segments_.clear();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) segments_.push_back({plain, "\n"});
            segments_.push_back({plain, lines[i]});
        }
        write_segments(p);
    }

    // Inline lines (summary, subtitle) in one paragraph, separated by line breaks.
    void inline_lines(xml::Node parent, const char* style, const TextStyle& text_style,
                      const std::vector<Inline>& lines) {
        if (lines.empty()) return;
        xml::Node p = paragraph(parent, style);
        segments_.clear();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) segments_.push_back({plain, "\n"});
            append_segments(lines[i], text_style);
        }
        write_segments(p);
    }

    // The runs of one paragraph: `prefix` (a heading number, a list marker) in the style's
    // own formatting, then the text. Formatting the style already gives is not repeated.
    void runs(xml::Node p, const Inline& text, const TextStyle& style, const std::string& prefix = {}) {
        segments_.clear();
        if (!prefix.empty()) segments_.push_back({plain, prefix});
        append_segments(text, style);
        write_segments(p);
    }

    void append_segments(const Inline& text, const TextStyle& style) {
        for (const Run& run : text) segments_.push_back({format_of(run) & ~format_of(style), run.text});
    }

    // Adjacent segments that print the same become one run (their text joined in joined_).
    void merge_segments() {
        joined_.clear();
        std::size_t kept = 0;
        for (std::size_t i = 0; i < segments_.size(); ++i) {
            const Segment s = segments_[i];
            if (s.text.empty()) continue;
            if (kept > 0 && segments_[kept - 1].format == s.format) {
                Segment& last = segments_[kept - 1];
                // A run's first join copies its text; later ones append to that copy.
                if (joined_.empty() || last.text.data() != joined_.back().data()) joined_.emplace_back(last.text);
                joined_.back().append(s.text);
                last.text = joined_.back();
            } else {
                segments_[kept++] = s;
            }
        }
        segments_.resize(kept);
    }

    // The paragraph's segments (segments_) as its runs.
    void write_segments(xml::Node p) {
        merge_segments();
        for (const Segment& s : segments_) {
            xml::Node r = xml::add(p, "w:r");
            if (s.format != plain) {
                xml::Node rpr = xml::add(r, "w:rPr");
                if (s.format & bold) xml::add(rpr, "w:b");
                if (s.format & italic) xml::add(rpr, "w:i");
                if (s.format & underline) xml::add_val(rpr, "w:u", "single");
            }
            // Texts are almost always clean: they are written without a copy.
            if (xml::is_clean_text(s.text)) write_run_text(r, s.text);
            else write_run_text(r, xml::clean_text(s.text));
        }
    }

    static bool is_break(char c) { return c == '\n' || c == '\t' || c == '\r'; }

    // Whether two spaces stand side by side in the text; eight bytes at a time.
    static bool has_double_space(std::string_view text) {
        using namespace text::bytes;
        std::size_t pos = 0;
        for (; pos + 8 <= text.size(); pos += 8) {
            const std::uint64_t spaces = equal_bytes(load8(text.data() + pos), ' ');
            if ((spaces & (spaces >> 8)) || (pos > 0 && text[pos - 1] == ' ' && text[pos] == ' ')) return true;
        }
        for (pos = pos > 0 ? pos - 1 : 0; pos + 1 < text.size(); ++pos)
            if (text[pos] == ' ' && text[pos + 1] == ' ') return true;
        return false;
    }

    // "\n" is a line break and "\t" a tab inside the paragraph; the rest is w:t text.
    static void write_run_text(xml::Node r, std::string_view text) {
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text::bytes::next_control(text, start);
            while (end < text.size() && !is_break(text[end])) end = text::bytes::next_control(text, end + 1);
            if (end > start) {
                std::string_view chunk = text.substr(start, end - start);
                xml::Node t = xml::add(r, "w:t");
                // Blanks left to be filled in ("ngày     tháng") are kept as they are.
                if (chunk.front() == ' ' || chunk.back() == ' ' || has_double_space(chunk))
                    t.append_attribute("xml:space") = "preserve";
                t.text().set(chunk.data(), chunk.size());
            }
            if (end == text.size()) break;
            if (text[end] == '\n') xml::add(r, "w:br");
            else if (text[end] == '\t') xml::add(r, "w:tab");
            start = end + 1;
        }
    }

    // ------------------------------------------------------------ layout tables

    xml::Node table(const char* style, const std::vector<long>& columns) {
        if (last_was_table_) {
            // Two tables in a row would be joined into one by Word: keep them apart.
            xml::add(body_, "w:p");
        }
        last_was_table_ = true;
        xml::Node tbl = xml::add(body_, "w:tbl");
        xml::Node tblpr = xml::add(tbl, "w:tblPr");
        xml::add_val(tblpr, "w:tblStyle", style);
        xml::Node width = xml::add(tblpr, "w:tblW");
        width.append_attribute("w:w") = total(columns);
        width.append_attribute("w:type") = "dxa";
        // Fixed layout: Word and LibreOffice keep the grid's widths instead of fitting the text.
        xml::add(tblpr, "w:tblLayout").append_attribute("w:type") = "fixed";
        xml::Node grid = xml::add(tbl, "w:tblGrid");
        for (long w : columns) grid.append_child("w:gridCol").append_attribute("w:w") = w;
        return tbl;
    }

    static xml::Node row(xml::Node tbl, bool header) {
        xml::Node tr = xml::add(tbl, "w:tr");
        xml::Node trpr = xml::add(tr, "w:trPr");
        xml::add(trpr, "w:cantSplit");
        if (header) xml::add(trpr, "w:tblHeader");
        return tr;
    }

    static xml::Node cell(xml::Node tr, long width, int span = 1, const char* vmerge = nullptr) {
        xml::Node tc = xml::add(tr, "w:tc");
        xml::Node tcpr = xml::add(tc, "w:tcPr");
        xml::Node w = xml::add(tcpr, "w:tcW");
        w.append_attribute("w:w") = width;
        w.append_attribute("w:type") = "dxa";
        if (span > 1) xml::add_val(tcpr, "w:gridSpan", span);
        if (vmerge) {
            xml::Node v = xml::add(tcpr, "w:vMerge");
            if (*vmerge) v.append_attribute("w:val") = vmerge;
        }
        return tc;
    }

    // A table cell must end with a paragraph, even when it has nothing to show.
    static void close_cell(xml::Node tc) {
        if (!tc.child("w:p")) xml::add(tc, "w:p");
    }

    // A rule of `length` twips centred in a column of `column` twips, with `space_after_pt`
    // below it. As long as asked, like the PDF's (a short issuer's third is under 10 mm). Its
    // thickness and distance from the text above are the Rule style's (layout rule 14).
    void rule(xml::Node parent, long column, long length, double space_after_pt = 0) {
        length = std::clamp(length, std::min(column, 1L), column);
        xml::Node p = paragraph(parent, style_id::rule);
        if (space_after_pt > 0)
            xml::add(p.child("w:pPr"), "w:spacing").append_attribute("w:after") = pt_to_twips(space_after_pt);
        xml::Node ind = xml::add(p.child("w:pPr"), "w:ind");
        long side = (column - length) / 2;
        ind.append_attribute("w:left") = side;
        ind.append_attribute("w:right") = column - length - side;
    }

    // A paragraph in a single-line box (model/marks.hpp), the box as the PDF draws it:
    // centred in a column of `column` twips, or flush right; text and frame in the mark's
    // ink. Word draws a paragraph's side borders w:space points outside its indents; the
    // indents stand that far inside the box, leaving the text 2 pt to spare on each side so
    // that estimated widths never wrap it. A secrecy stamp's two frames are Word's double
    // border, whose lines stand a stroke apart rather than the PDF's 1 mm.
    void boxed_paragraph(xml::Node parent, const char* style, const std::string& text, const TextStyle& text_style,
                         long column, bool flush_right) {
        const model::MarkBox box = model::mark_box(text);
        const bool stamp = box.stamp != model::Stamp::none;
        const std::string ink = stamp ? word_colour(model::mark_colour(profile_.header, box)) : "auto";
        const long padding = pt_to_twips(model::mark_padding_pt);
        const double side_space_pt = model::mark_padding_pt - 2;
        const long width = std::min(column, std::max(mm_to_twips(box.width_mm), width_twips(text, text_style) + 2 * padding));
        const long left = flush_right ? column - width : (column - width) / 2;
        xml::Node p = paragraph(parent, style);
        xml::Node ppr = p.child("w:pPr");
        const double line_pt = text_style.size_pt * 1.15; // Word's single line for Times New Roman
        // A double border is three strokes wide (line, gap, line): two more inside the box.
        const double extra_pt = box.double_frame ? 2 * model::mark_border_pt : 0;
        const double inner_pt = std::max(0.0, (mm_to_pt(box.height_mm) - line_pt) / 2 - extra_pt);
        xml::Node borders = xml::add(ppr, "w:pBdr");
        for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
            xml::Node border = xml::add(borders, side);
            border.append_attribute("w:val") = box.double_frame ? "double" : "single";
            border.append_attribute("w:sz") = std::lround(model::mark_border_pt * 8); // eighths of a point
            const bool horizontal = side[2] == 't' || side[2] == 'b';
            border.append_attribute("w:space") = std::lround(horizontal ? inner_pt : side_space_pt - extra_pt);
            border.append_attribute("w:color") = ink;
        }
        xml::add(ppr, "w:spacing").append_attribute("w:before") = pt_to_twips(model::mark_padding_pt);
        xml::Node ind = xml::add(ppr, "w:ind");
        const long inset = pt_to_twips(side_space_pt);
        ind.append_attribute("w:left") = left + inset;
        ind.append_attribute("w:right") = column - left - width + inset;
        xml::add_val(ppr, "w:jc", "center");
        runs(p, {Run{text}}, text_style);
        if (stamp) colour_runs(p, ink);
    }

    // "#ff0000" as Word writes a colour: "FF0000".
    static std::string word_colour(const std::string& hex) {
        std::string out = hex.substr(1);
        for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
    }

    // w:color in the properties of each run of `p`, after w:b and w:i and before w:u, as
    // the sequence of a run's properties orders them (ISO/IEC 29500-1, 17.3.2).
    static void colour_runs(xml::Node p, const std::string& colour) {
        for (xml::Node r : p.children("w:r")) {
            xml::Node rpr = r.child("w:rPr");
            if (!rpr) rpr = r.prepend_child("w:rPr");
            const xml::Node u = rpr.child("w:u");
            xml::Node node = u ? rpr.insert_child_before("w:color", u) : rpr.append_child("w:color");
            node.append_attribute("w:val") = colour;
        }
    }

    static long width_twips(const std::string& text, const TextStyle& style) {
        return pt_to_twips(estimate_text_width_pt(text, style.size_pt, style.bold));
    }
    static long widest_twips(const std::vector<std::string>& lines, const TextStyle& style) {
        long widest = 0;
        for (const std::string& line : lines) widest = std::max(widest, width_twips(line, style));
        return widest;
    }

    // ------------------------------------------------------------ the first-page header

    void write_header(const Header& h) {
        const HeaderStyle& hs = profile_.header;
        const model::Columns widths = model::header_columns(profile_);
        std::vector<long> columns = {widths.left, widths.right};
        xml::Node tbl = table(style_id::layout_table, columns);

        xml::Node tr = row(tbl, false);
        xml::Node issuer_cell = cell(tr, columns[0]);
        plain_lines(issuer_cell, style_id::superior, h.superior);
        plain_lines(issuer_cell, style_id::issuer, h.issuer);
        if (!hs.issuer_mark.empty())
            plain_lines(issuer_cell, style_id::issuer_mark, {hs.issuer_mark});
        else if (hs.rule_under_issuer && !h.issuer.empty())
            // NĐ30: a rule 1/3 to 1/2 as long as the issuer's name; a third, as in the PDF.
            rule(issuer_cell, columns[0], widest_twips(h.issuer, hs.issuer_style) / 3);
        close_cell(issuer_cell);

        xml::Node title_cell = cell(tr, columns[1]);
        plain_lines(title_cell, style_id::national_title, hs.national_title);
        plain_lines(title_cell, style_id::motto, hs.motto);
        if (hs.rule_under_title) {
            // The rule is as long as the line above it: the motto (State) or the title (Party).
            long length = hs.motto.empty() ? widest_twips(hs.national_title, hs.national_title_style)
                                           : widest_twips(hs.motto, hs.motto_style);
            if (length > 0) rule(title_cell, columns[1], length);
        }
        close_cell(title_cell);

        if (h.number_line.empty() && h.marks.empty() && h.place_date_line.empty()) return;
        tr = row(tbl, false);
        xml::Node number_cell = cell(tr, columns[0]);
        if (!h.number_line.empty()) plain_lines(number_cell, style_id::number, {h.number_line});
        for (const std::string& mark : h.marks)
            boxed_paragraph(number_cell, style_id::mark, mark, hs.mark_style, columns[0], false);
        close_cell(number_cell);
        xml::Node date_cell = cell(tr, columns[1]);
        if (!h.place_date_line.empty()) plain_lines(date_cell, style_id::place_date, {h.place_date_line});
        close_cell(date_cell);
    }

    // ------------------------------------------------------------ type, summary, separator

    void write_title(const DocTitle& title) {
        if (!title.type_name.empty()) plain_lines(body_, style_id::doc_type, {title.type_name});
        inline_lines(body_, style_id::summary, profile_.summary, title.summary);
        const std::string& separator = profile_.summary_separator;
        if (separator.empty()) return;
        if (separator == "rule") {
            long longest = 0;
            for (const Inline& line : title.summary) {
                std::string text;
                for (const Run& run : line) text += run.text;
                longest = std::max(longest, width_twips(text, profile_.summary));
            }
            // NĐ30: 1/3 to 1/2 of the summary's length; a third, as in the PDF. The body
            // starts a blank line (one body size) below it, as below the Party's "-----".
            rule(body_, text_width_, std::min(longest, text_width_) / 3, profile_.body.size_pt);
        } else {
            plain_lines(body_, style_id::summary_separator, {separator});
        }
    }

    // ------------------------------------------------------------ body blocks

    void write_block(xml::Node parent, const Block& block) {
        std::visit([&](const auto& b) { write(parent, b); }, block);
    }

    // Body or appendix blocks. A lead-in or a caption stays with what it introduces (layout
    // rule 4): LibreOffice moves a paragraph kept with the next one whole, as the PDF does.
    void write_blocks(const std::vector<Block>& blocks) {
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            if (i > 0 && model::introduces_next(blocks[i - 1], blocks[i])) {
                xml::Node last = body_.last_child();
                if (std::string_view(last.name()) == "w:p") keep_with_next(last);
            }
            turn(wants_landscape(blocks[i]));
            const bool after_data_table = ends_with_data_table();
            const xml::Node before = body_.last_child();
            write_block(body_, blocks[i]);
            if (after_data_table) space_after_table(before ? before.next_sibling() : body_.first_child(), blocks[i]);
        }
    }

    bool ends_with_data_table() const {
        xml::Node last = body_.last_child();
        return std::string_view(last.name()) == "w:tbl" &&
               std::string_view(last.child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) == style_id::table_grid;
    }

    // A table is followed by a paragraph spacing (the body's space after) before the text
    // that follows, as in the PDF. Word has no space after a table, so the paragraph after
    // it asks for the space before itself, unless its style already gives as much.
    void space_after_table(xml::Node first, const Block& block) {
        if (!first || std::string_view(first.name()) != "w:p" || first.child("w:pPr").child("w:pageBreakBefore")) return;
        const double wanted = profile_.body.space_after_pt;
        if (space_before_of(block) >= wanted) return;
        set_space_before(first, wanted);
    }

    double space_before_of(const Block& block) const {
        if (const auto* h = std::get_if<Heading>(&block)) return heading_style(profile_, h->level).space_before_pt;
        if (const auto* item = std::get_if<ListItem>(&block)) return list_item_style(profile_, item->level).space_before_pt;
        return profile_.body.space_before_pt;
    }

    void write(xml::Node parent, const Heading& h) {
        int level = std::clamp(h.level, 1, heading_level_count(profile_));
        const TextStyle style = heading_style(profile_, level);
        xml::Node p = paragraph(parent, style_id::heading(level));
        const bool numbered = number(p, &h, style);
        runs(p, h.text, style, h.number.empty() || numbered ? "" : h.number + " ");
    }

    // Word's numbering for a heading or list item of the plan: its number is Word's, not
    // text. The paragraph states its indents, so that neither Word nor LibreOffice takes a
    // list's own indents instead of the style's.
    bool number(xml::Node p, const void* block, const TextStyle& style) {
        const int num_id = numbering_.num_id(block);
        if (num_id == 0) return false;
        xml::Node ppr = p.child("w:pPr");
        xml::Node num_pr = xml::add(ppr, "w:numPr");
        xml::add_val(num_pr, "w:ilvl", 0L);
        xml::add_val(num_pr, "w:numId", static_cast<long>(num_id));
        xml::Node ind = xml::add(ppr, "w:ind");
        ind.append_attribute("w:left") = mm_to_twips(style.left_indent_mm);
        ind.append_attribute("w:firstLine") = mm_to_twips(style.first_line_indent_mm);
        return true;
    }

    void write(xml::Node parent, const Paragraph& para) {
        const char* style = style_id::body;
        switch (para.kind) {
        case ParagraphKind::body: style = style_id::body; break;
        case ParagraphKind::plain: style = style_id::body_no_indent; break;
        case ParagraphKind::center: style = style_id::body_center; break;
        case ParagraphKind::right: style = style_id::body_right; break;
        }
        runs(paragraph(parent, style), para.text, profile_.body);
    }

    void write(xml::Node parent, const ListItem& item) {
        const TextStyle style = list_item_style(profile_, item.level);
        xml::Node p = paragraph(parent, style_id::list_level(item.level));
        const bool numbered = number(p, &item, style);
        runs(p, item.text, style, item.marker.empty() || numbered ? "" : item.marker + " ");
    }

    void write(xml::Node, const PageBreak&) { page_break_pending_ = true; }
    // A chart: its drawing in a paragraph of its own, across the text width; the chart part
    // itself is made by render_docx (chart.hpp) in the same order.
    void write(xml::Node, const Chart& chart) {
        const std::size_t number = ++charts_;
        xml::Node p = paragraph(body_, style_id::chart);
        const long height = mm_to_twips(model::chart_height_mm(chart, profile_));
        add_chart_drawing(p, chart_rel_id(number), number, section_text_width(), height, chart.title);
    }

    long section_text_width() const { return model::text_block_width_twips(model::page_of(profile_.page, section_landscape_)); }

    // A table: its caption, its rows, its notes. The rows are built a slice at a time in a
    // small tree of their own and go into the table as saved XML, so that a long table's
    // rows never stand as a tree all at once (a row is some 60 elements); the last row stays
    // an element of the table, for what follows to keep it with itself.
    void write(xml::Node, const Table& t) {
        std::vector<long> columns = column_widths(t);
        if (columns.empty() || t.rows.empty()) return; // Word rejects a table without rows
        for (const Inline& line : t.caption) runs(paragraph(body_, style_id::table_caption), line, profile_.table_caption);
        xml::Node tbl = table(style_id::table_grid, columns);
        std::size_t n = columns.size();
        // Vertical merges in progress: rows still covered below, and how many columns wide.
        std::vector<int> rows_left(n, 0);
        std::vector<int> merge_span(n, 1);
        const std::vector<bool> kept = rows_kept_with_next(t);
        constexpr std::size_t slice_rows = 32;
        rows_slice_.clear();
        std::size_t in_slice = 0;
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const TableRow& r = t.rows[i];
            const bool last = i + 1 == t.rows.size();
            xml::Node tr = row(last ? tbl : rows_slice_.top(), r.header);
            std::size_t c = 0;
            while (c < n) {
                if (rows_left[c] > 0) {
                    int span = merge_span[c];
                    close_cell(cell(tr, span_width(columns, c, span), span, ""));
                    --rows_left[c];
                    c += static_cast<std::size_t>(span);
                    continue;
                }
                if (c >= r.cells.size() || r.cells[c].covered) {
                    // A malformed model (a slot no span covers): keep the grid whole.
                    close_cell(cell(tr, columns[c]));
                    ++c;
                    continue;
                }
                const TableCell& tc = r.cells[c];
                int span = clamped_span(tc.colspan, c, rows_left);
                const char* vmerge = tc.rowspan > 1 ? "restart" : nullptr;
                xml::Node cell_node = cell(tr, span_width(columns, c, span), span, vmerge);
                write_cell_paragraphs(cell_node, tc, r.header);
                if (tc.rowspan > 1) {
                    rows_left[c] = tc.rowspan - 1;
                    merge_span[c] = span;
                }
                c += static_cast<std::size_t>(span);
            }
            if (last) {
                if (!t.notes.empty()) keep_row_with_next(tr); // the notes stay with the last row
                continue;
            }
            if (kept[i]) keep_row_with_next(tr);
            if (++in_slice == slice_rows || i + 2 == t.rows.size()) {
                std::string saved_rows;
                rows_slice_.save(saved_rows);
                tbl.append_saved(std::move(saved_rows));
                rows_slice_.clear();
                in_slice = 0;
            }
        }
        for (const Inline& line : t.notes) runs(paragraph(body_, style_id::table_note), line, profile_.table_note);
    }

    // Rows that must share a page with the next row: a header row (never alone at a page's
    // foot), a group's label row, a row whose merged cell reaches further down (a page break
    // would cut the cell), and the last but one (the last row never stands alone on a page).
    // One pass: how far down the merged cells seen so far reach.
    static std::vector<bool> rows_kept_with_next(const Table& t) {
        std::vector<bool> kept(t.rows.size(), false);
        std::size_t reach = 0;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            for (const TableCell& cell : t.rows[r].cells)
                if (!cell.covered) reach = std::max(reach, r + static_cast<std::size_t>(std::max(cell.rowspan, 1)));
            kept[r] = t.rows[r].header || t.rows[r].group || r + 2 == t.rows.size() || reach > r + 1;
        }
        return kept;
    }

    // A column span stops at the table's edge and before a column that a span from above
    // still covers.
    static int clamped_span(int colspan, std::size_t c, const std::vector<int>& rows_left) {
        int span = 1;
        while (span < colspan && c + static_cast<std::size_t>(span) < rows_left.size() &&
               rows_left[c + static_cast<std::size_t>(span)] == 0)
            ++span;
        return span;
    }

    static long span_width(const std::vector<long>& columns, std::size_t c, int span) {
        long w = 0;
        for (std::size_t i = c; i < c + static_cast<std::size_t>(span) && i < columns.size(); ++i) w += columns[i];
        return w;
    }

    void write_cell_paragraphs(xml::Node tc, const TableCell& cell_model, bool header) {
        const char* style = header ? style_id::table_header : style_id::table_text;
        const TextStyle& text_style = header ? profile_.table_header : profile_.table_text;
        std::vector<Inline> empty_cell(1);
        const auto& paragraphs = cell_model.paragraphs.empty() ? empty_cell : cell_model.paragraphs;
        for (const Inline& text : paragraphs) {
            xml::Node p = paragraph(tc, style);
            // Header cells keep their style's alignment; data cells say theirs when it differs.
            if (!header && cell_model.align != text_style.align)
                xml::add_val(p.child("w:pPr"), "w:jc", jc_value(cell_model.align));
            runs(p, text, text_style);
        }
    }

    // The weights scaled to the text width, on the grid the PDF uses too.
    std::vector<long> column_widths(const Table& t) const {
        std::size_t n = t.column_weights.size();
        for (const TableRow& r : t.rows) n = std::max(n, r.cells.size());
        return model::table_columns_twips(t.column_weights, n, section_text_width());
    }

    // ------------------------------------------------------------ recipients and signature

    void write_closing(const Closing& closing) {
        if (!closing.recipients && !closing.signature) return;
        const model::Columns widths = model::closing_columns(profile_);
        std::vector<long> columns = {widths.left, widths.right};
        xml::Node tbl = table(style_id::layout_table, columns);
        keep_end_of_body_with(tbl);
        xml::Node tr = row(tbl, false);

        xml::Node recipients_cell = cell(tr, columns[0]);
        if (closing.recipients) write_recipients(recipients_cell, *closing.recipients);
        close_cell(recipients_cell);
        xml::Node signature_cell = cell(tr, columns[1]);
        if (closing.signature) write_signature(signature_cell, *closing.signature, columns[1]);
        close_cell(signature_cell);
    }

    // The recipients and signature never stand alone on a page: the body's last two
    // paragraphs go with them (widow control then brings at least two lines of the last
    // one). A table that ends the body goes with them by its last row.
    void keep_end_of_body_with(xml::Node closing) {
        int paragraphs = 0;
        for (xml::Node node = closing.previous_sibling(); node && paragraphs < 2; node = node.previous_sibling()) {
            if (std::string_view(node.name()) == "w:tbl") {
                keep_row_with_next(node.last_child());
                break;
            }
            keep_with_next(node);
            ++paragraphs;
        }
    }

    void write_recipients(xml::Node tc, const Recipients& r) {
        const std::string& label = r.label.empty() ? profile_.recipients_label : r.label;
        plain_lines(tc, style_id::recipients_label, {label});
        for (const Inline& line : r.lines) runs(paragraph(tc, style_id::recipients), line, profile_.recipients);
    }

    void write_signature(xml::Node tc, const Signature& s, long width) {
        plain_lines(tc, style_id::signature_authority, s.authority);
        plain_lines(tc, style_id::signature_position, s.position);
        add_signature_pictures(tc, s, width);
        if (!s.note.empty()) {
            // The note ("(Đã ký)") sits in the middle of the signing space.
            TextStyle note_style = signature_note_style(profile_);
            double space = mm_to_pt(profile_.signature_space_mm);
            double half = std::max(0.0, (space - note_style.size_pt * 1.15) / 2);
            xml::Node note = paragraph(tc, style_id::signature_note);
            set_space_before(note, note_style.space_before_pt + half);
            runs(note, {Run{s.note}}, note_style);
            if (!s.name.empty()) {
                xml::Node name = paragraph(tc, style_id::signature_name);
                set_space_before(name, profile_.signature_name.space_before_pt + half);
                runs(name, {Run{s.name}}, profile_.signature_name);
            }
        } else if (!s.name.empty()) {
            plain_lines(tc, style_id::signature_name, {s.name});
        }
    }

    // The signer's image and the seal, floating in front of the signing space, anchored in
    // the paragraph above it (the position, else the authority), where the PDF puts them.
    void add_signature_pictures(xml::Node tc, const Signature& s, long width) {
        const std::vector<Picture> pictures = signature_pictures(doc_);
        xml::Node above = tc.last_child();
        if (pictures.empty() || !above) return;
        const std::vector<std::string>& lines = s.position.empty() ? s.authority : s.position;
        const TextStyle& style = s.position.empty() ? profile_.signature_authority : profile_.signature_position;
        // Word's single line for Times New Roman is 1.15 times the size (docs/docx.md).
        const double above_height = static_cast<double>(lines.size()) * style.size_pt * 1.15 * style.line_spacing +
                                    style.space_before_pt + style.space_after_pt;
        const model::SigningPlaces places =
            model::signing_places(profile_, s, 0, width / 20.0, 0, mm_to_pt(profile_.signature_space_mm));
        unsigned id = 1;
        for (const Picture& picture : pictures) {
            const bool seal = picture.image == &*s.seal;
            const std::optional<model::PlacedBox>& box = seal ? places.seal_image : places.signer_image;
            if (box) anchor_picture(above, picture, *box, above_height, id++);
        }
    }

    static void set_space_before(xml::Node p, double pt) {
        xml::Node ppr = p.child("w:pPr");
        xml::Node ind = ppr.child("w:ind"); // a numbered paragraph's: w:spacing comes before it
        xml::Node spacing = ind ? ppr.insert_child_before("w:spacing", ind) : xml::add(ppr, "w:spacing");
        spacing.append_attribute("w:before") = pt_to_twips(pt);
    }

    // ------------------------------------------------------------ appendices

    void write_appendix(const Appendix& appendix) {
        // An empty appendix leaves no blank page (layout rule 6), nor an empty section.
        if (appendix.title.empty() && appendix.subtitle.empty() && appendix.blocks.empty()) return;
        turn(false);
        // An appendix issued alone (Document::issued_appendix) starts the document: no break.
        const bool first_in_document = !body_.first_child();
        if (appendices_restart_numbering(doc_) && !first_in_document) {
            // NĐ30: the appendix is a section of its own, numbered from 1. A section starts
            // on a new page by itself, so no page break is needed.
            end_section();
            section_restarts_numbering_ = true;
        } else if (!first_in_document) {
            page_break_pending_ = true; // an appendix starts on a new page
        }
        plain_lines(body_, style_id::appendix_title, appendix.title);
        inline_lines(body_, style_id::appendix_subtitle, profile_.appendix_subtitle, appendix.subtitle);
        write_blocks(appendix.blocks);
        page_break_pending_ = false; // an empty appendix leaves no break behind
    }

    // ------------------------------------------------------------ page setup

    // Ends the section written so far: its properties go into its last paragraph, which
    // must be a paragraph of the body. After a table (the closing, say) that is a paragraph
    // of its own, one point high ("Section Break"), so that it cannot push anything over.
    void end_section() {
        page_break_pending_ = false; // the next section starts on a new page anyway
        xml::Node last = body_.last_child();
        if (std::string_view(last.name()) != "w:p") last = paragraph(body_, style_id::section_break);
        xml::Node ppr = last.child("w:pPr");
        if (!ppr) ppr = last.prepend_child("w:pPr");
        section_properties(ppr); // last in w:pPr, as the schema orders it
        last_was_table_ = false;
        first_section_ = false;
        section_restarts_numbering_ = false;
    }

    // Tables and charts that ask for landscape pages get a section of their own, on pages
    // turned a quarter; the numbering runs on through it (layout rule 19).
    void turn(bool landscape) {
        if (landscape == section_landscape_) return;
        if (body_.first_child()) end_section();
        section_landscape_ = landscape;
    }

    static bool wants_landscape(const Block& block) {
        if (const auto* table = std::get_if<Table>(&block)) return table->landscape;
        if (const auto* chart = std::get_if<Chart>(&block)) return chart->landscape;
        return false;
    }

    // w:sectPr for the section being written: page size and margins, and the page number in
    // the header from the second page on. An appendix section restarts the numbering at 1.
    void section_properties(xml::Node parent) {
        const PageSetup page = model::page_of(profile_.page, section_landscape_);
        const bool hide_first = (first_section_ && has_distinct_first_page(profile_)) ||
                                (section_restarts_numbering_ && has_page_numbers(profile_));
        xml::Node sect = xml::add(parent, "w:sectPr");
        if (has_page_numbers(profile_)) {
            xml::Node def = xml::add(sect, "w:headerReference");
            def.append_attribute("w:type") = "default";
            def.append_attribute("r:id") = rel_id::page_number_header;
            if (hide_first) {
                xml::Node first = xml::add(sect, "w:headerReference");
                first.append_attribute("w:type") = "first";
                first.append_attribute("r:id") = rel_id::first_page_header;
            }
        }
        xml::Node size = xml::add(sect, "w:pgSz");
        size.append_attribute("w:w") = mm_to_twips(page.width_mm);
        size.append_attribute("w:h") = mm_to_twips(page.height_mm);
        if (section_landscape_) size.append_attribute("w:orient") = "landscape";
        xml::Node margins = xml::add(sect, "w:pgMar");
        margins.append_attribute("w:top") = mm_to_twips(page.margin_top_mm);
        margins.append_attribute("w:right") = mm_to_twips(page.margin_right_mm);
        margins.append_attribute("w:bottom") = mm_to_twips(page.margin_bottom_mm);
        margins.append_attribute("w:left") = mm_to_twips(page.margin_left_mm);
        // The header distance puts the page number page_number_top_mm below the top edge.
        margins.append_attribute("w:header") = mm_to_twips(page.page_number_top_mm);
        margins.append_attribute("w:footer") = mm_to_twips(page.page_number_top_mm);
        margins.append_attribute("w:gutter") = 0;
        if (section_restarts_numbering_) xml::add(sect, "w:pgNumType").append_attribute("w:start") = 1;
        if (hide_first) xml::add(sect, "w:titlePg");
    }
};

// A header part (w:hdr) and its one paragraph, in the page header style.
xml::Node add_header_paragraph(xml::Document& document) {
    xml::Node p = xml::add_root_with_relationships(document, "w:hdr").append_child("w:p");
    xml::add_val(xml::add(p, "w:pPr"), "w:pStyle", style_id::page_header);
    return p;
}

} // namespace

std::string chart_rel_id(std::size_t number) { return "rIdChart" + std::to_string(number); }
std::string chart_part_name(std::size_t number) { return "word/charts/chart" + std::to_string(number) + ".xml"; }
std::string chart_workbook_name(std::size_t number) {
    return "Microsoft_Excel_Worksheet" + std::to_string(number) + ".xlsx";
}

std::vector<const model::Chart*> charts_of(const model::Document& doc) {
    std::vector<const model::Chart*> charts;
    auto collect = [&](const std::vector<Block>& blocks) {
        for (const Block& block : blocks)
            if (const auto* chart = std::get_if<Chart>(&block)) charts.push_back(chart);
    };
    collect(doc.body);
    for (const Appendix& appendix : doc.appendices) collect(appendix.blocks);
    return charts;
}

std::string document_xml(const Document& doc, const NumberingPlan& numbering) {
    xml::Document document;
    xml::Node root = xml::add_root_with_relationships(document, "w:document");
    DocumentWriter(doc, numbering, root.append_child("w:body")).write();
    return xml::serialize(document);
}

std::string page_number_header_xml() {
    xml::Document document;
    xml::Node p = add_header_paragraph(document);
    xml::Node field = xml::add(p, "w:fldSimple");
    field.append_attribute("w:instr") = " PAGE ";
    xml::Node r = xml::add(field, "w:r");
    xml::add_val(xml::add(r, "w:rPr"), "w:rStyle", style_id::page_number);
    xml::add(r, "w:t").text() = "2"; // shown until the field is updated
    return xml::serialize(document);
}

std::string empty_header_xml() {
    xml::Document document;
    add_header_paragraph(document);
    return xml::serialize(document);
}

} // namespace vanban::docx
