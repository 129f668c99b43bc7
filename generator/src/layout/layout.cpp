#include "layout/layout.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "layout/mirror.hpp"
#include "layout/chart.hpp"
#include "layout/paragraph.hpp"
#include "layout/signing.hpp"
#include "model/signing.hpp"
#include "model/marks.hpp"
#include "model/furniture.hpp"

namespace vanban::layout {
namespace {

using model::points_per_mm;
constexpr double border_width = 0.5;
const double cell_padding_x = model::twips_to_pt(model::table_cell_padding_twips);

// A vertical unit that pagination places whole: a line of a paragraph, the first-page
// header, a group of table rows, the closing block. Its texts and rules are positioned
// relative to the unit's top (y grows downwards here; the page flips it at the end).
struct Unit {
    double height = 0;
    double space_before = 0, space_after = 0;
    bool keep_with_next = false;
    bool page_break_before = false;
    int table = -1;            // which table a row group belongs to
    bool table_header = false; // a header row group, repeated on each page of its table
    double table_left = 0, table_right = 0; // its edges: where the rule under its last row on a page goes
    bool landscape = false;    // on a landscape page (a table or chart that asks for one)
    bool restarts_page_numbers = false; // its page is page 1 of a new numbering (an appendix)
    std::vector<TextItem> texts;
    std::vector<RuleItem> rules;
    std::vector<ShapeItem> shapes; // a chart's drawing, the frames of marks
    std::optional<Bookmark> bookmark;
};

// The signature's images and fields (model/signing.hpp), placed in the closing's unit: kept
// beside the units, not in each of them, since one unit of a document has them.
struct Signing {
    std::size_t unit = 0;
    std::vector<std::pair<model::PlacedBox, const model::Image*>> images;
    std::vector<std::pair<model::PlacedBox, std::string>> fields;
};

// Rules on one line (the same y, or the same x) that touch or overlap become one rule: where
// two cells meet, one line is drawn.
// `pieces` are sorted in place.
void join_collinear(std::vector<RuleItem>& pieces, std::vector<RuleItem>& out) {
    if (pieces.empty()) return;
    const bool horizontal = pieces.front().y1 == pieces.front().y2;
    auto line_of = [&](const RuleItem& r) { return horizontal ? r.y1 : r.x1; };
    auto from = [&](const RuleItem& r) { return horizontal ? std::min(r.x1, r.x2) : std::min(r.y1, r.y2); };
    auto to = [&](const RuleItem& r) { return horizontal ? std::max(r.x1, r.x2) : std::max(r.y1, r.y2); };
    std::sort(pieces.begin(), pieces.end(), [&](const RuleItem& a, const RuleItem& b) {
        return line_of(a) != line_of(b) ? line_of(a) < line_of(b) : from(a) < from(b);
    });
    double at = line_of(pieces.front()), start = from(pieces.front()), end = to(pieces.front());
    auto flush = [&] {
        out.push_back(horizontal ? RuleItem{start, at, end, at, border_width} : RuleItem{at, start, at, end, border_width});
    };
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        const RuleItem& r = pieces[i];
        if (line_of(r) == at && from(r) <= end + 0.01) {
            end = std::max(end, to(r));
            continue;
        }
        flush();
        at = line_of(r);
        start = from(r);
        end = to(r);
    }
    flush();
}

// The space between two consecutive units is the larger of the first one's space after and
// the second one's space before, not their sum (docs/layout-rules.md, rule 10): it is what
// Word and LibreOffice do (ISO/IEC 29500-1 §17.3.1.33), so the DOCX paginates like the PDF.
double gap_between(const Unit& above, const Unit& below) {
    return std::max(above.space_after, below.space_before);
}

model::Inline plain(const std::string& text) { return model::Inline{model::Run{text}}; }

class Builder {
public:
    Builder(const model::Document& doc, const FontFamily& family)
        : doc_(doc), profile_(doc.profile), family_(family), rule_band_(model::rule_band(doc.profile)),
          portrait_(model::text_block(profile_.page)),
          landscape_(model::text_block(model::landscape_page(profile_.page))) {
        left_ = portrait_.left;
        right_ = portrait_.right;
    }

    PageLayout run() {
        if (doc_.header && !doc_.header->draft_mark.empty()) add_draft_mark(doc_.header->draft_mark);
        if (doc_.header) add_header(*doc_.header);
        if (doc_.title) add_title(*doc_.title);
        body_blocks_ = add_blocks(doc_.body);
        add_closing(doc_.closing);
        for (const model::Appendix& appendix : doc_.appendices) add_appendix(appendix);
        return paginate();
    }

private:
    // ------------------------------------------------------------ placing set lines

    double body_width() const { return right_ - left_; }

    ParagraphFormat format(const model::TextStyle& style, double width) const {
        return format_of(style, width, profile_.line_breaking);
    }

    // Adds set lines to a unit at vertical offset dy (advanced past them), x from x0.
    void place_lines(Unit& unit, const std::vector<SetLine>& lines, double x0, double& dy) {
        for (const SetLine& line : lines) place_line(unit, line, x0, dy);
    }

    void place_line(Unit& unit, const SetLine& line, double x0, double& dy) {
        const double baseline = dy + line.height - line.descent;
        place_fragments(unit, line, x0, baseline);
        dy += line.height;
    }

    // The fragments of a line become text items: consecutive words of one face and size
    // travel as one string with real spaces (readers copy them as spaces, and the PDF
    // writer stretches them with word spacing on justified lines).
    void place_fragments(Unit& unit, const SetLine& line, double x0, double baseline) {
        TextItem* open = nullptr;
        // What is left of the line's text with its spaces: room enough for an item's text.
        std::size_t bytes_left = 0;
        auto bytes_of = [](const Fragment& f) { return f.text.size() + std::max<std::uint32_t>(f.spaces_before, 1); };
        for (const Fragment& f : line.fragments) bytes_left += bytes_of(f);
        for (const Fragment& f : line.fragments) {
            bytes_left -= bytes_of(f);
            const double x = x0 + f.x;
            if (open && open->face == f.face && open->size == f.size) {
                const double end = open->x + open->width;
                // The spaces between words, as many as the text had; none at a change of
                // style within a word.
                if (x - end > 0.01) texts_.append(std::max<std::uint32_t>(f.spaces_before, 1), ' ');
                texts_.append(f.text);
                open->text = texts_.made();
                open->width = x + f.width - open->x;
                continue;
            }
            texts_.begin(f.text.size() + bytes_left);
            texts_.append(f.text);
            unit.texts.push_back(TextItem{x, baseline, f.face, f.size, texts_.made(), f.width, line.justified});
            open = &unit.texts.back();
        }
        if (!line.underlines.empty()) {
            const double size = line.fragments.empty() ? 14 : line.fragments.front().size;
            const TrueTypeFace& face = family_.face(line.fragments.empty() ? Face::regular : line.fragments.front().face);
            const double y = baseline - face.underline_position() * size;
            for (const auto& [a, b] : line.underlines)
                unit.rules.push_back(RuleItem{x0 + a, y, x0 + b, y, face.underline_thickness() * size});
        }
    }

    // One unit per line, flagged so that no page break leaves a single first line at the
    // foot of a page (orphan) or a single last line at the top of the next (widow).
    void add_paragraph(const model::Inline& text, const model::TextStyle& style, double x0, double width,
                       std::optional<Bookmark> bookmark = std::nullopt) {
        const std::vector<SetLine> lines = set_paragraph(text, format(style, width), family_);
        const std::size_t n = lines.size();
        for (std::size_t i = 0; i < n; ++i) {
            Unit unit;
            double dy = 0;
            place_line(unit, lines[i], x0, dy);
            unit.height = dy;
            if (i == 0) unit.space_before = style.space_before_pt;
            if (i + 1 == n) unit.space_after = style.space_after_pt;
            unit.keep_with_next = style.keep_with_next || (n > 1 && i == 0) || (n > 1 && i + 2 == n);
            if (i == 0 && bookmark) unit.bookmark = bookmark;
            push(std::move(unit));
        }
    }

    void push(Unit unit) {
        unit.landscape = turned_;
        if (pending_page_break_) {
            unit.page_break_before = true;
            pending_page_break_ = false;
        }
        units_.push_back(std::move(unit));
    }

    // ------------------------------------------------------------ first-page header

    // A column of centred lines, built top-down inside one unit.
    struct Column {
        double x = 0, width = 0, dy = 0;
    };

    void column_text(Unit& unit, Column& col, const std::string& text, const model::TextStyle& style) {
        const model::Inline runs = plain(text); // the lines point into it
        const std::vector<SetLine> lines = set_paragraph(runs, format(style, col.width), family_);
        place_lines(unit, lines, col.x, col.dy);
    }

    double widest(const std::vector<std::string>& texts, const model::TextStyle& style) const {
        double w = 0;
        const TrueTypeFace& face = family_.face(face_of(style.bold, style.italic));
        for (const std::string& t : texts) w = std::max(w, text_width(face, t) * style.size_pt);
        return w;
    }

    // A rule centred in the column, in its band below the text above it (rule 14).
    void column_rule(Unit& unit, Column& col, double length) const {
        const double y = col.dy + rule_band_.centre();
        const double x = col.x + (col.width - length) / 2;
        unit.rules.push_back(RuleItem{x, y, x + length, y, rule_band_.thickness});
        col.dy += rule_band_.height();
    }

    // Two columns side by side at the text block's left edge (model/furniture.hpp).
    std::pair<Column, Column> columns(model::Columns widths) const {
        const double left = model::twips_to_pt(widths.left);
        return {Column{left_, left, 0}, Column{left_ + left, model::twips_to_pt(widths.right), 0}};
    }

    // The first-page header: row 1 is the issuer's column beside the national title's, row
    // 2 the number beside the place and date, at the same height in both profiles (rule 13;
    // HD36 and NĐ30 both draw the date on the number's row).
    void add_header(const model::Header& header) {
        const model::HeaderStyle& hs = profile_.header;
        Unit unit;
        auto [left, right] = columns(model::header_columns(profile_));

        for (const std::string& line : header.superior) column_text(unit, left, line, hs.superior_style);
        for (const std::string& line : header.issuer) column_text(unit, left, line, hs.issuer_style);
        if (!hs.issuer_mark.empty()) {
            model::TextStyle mark = hs.superior_style; // the DOCX's Issuer Mark style
            column_text(unit, left, hs.issuer_mark, mark);
        } else if (hs.rule_under_issuer && !header.issuer.empty()) {
            column_rule(unit, left, widest(header.issuer, hs.issuer_style) / 3);
        }

        for (const std::string& line : hs.national_title) column_text(unit, right, line, hs.national_title_style);
        for (const std::string& line : hs.motto) column_text(unit, right, line, hs.motto_style);
        if (hs.rule_under_title) {
            // The rule is as long as the line above it: the title (Party) or the motto (State).
            const double length = hs.motto.empty() ? widest(hs.national_title, hs.national_title_style)
                                                   : widest(hs.motto, hs.motto_style);
            if (length > 0) column_rule(unit, right, length);
        }

        const double row = std::max(left.dy, right.dy);
        left.dy = right.dy = row;
        if (!header.number_line.empty()) column_text(unit, left, header.number_line, hs.number_style);
        for (const std::string& mark : header.marks) boxed_line(unit, left, mark, hs.mark_style);
        if (!header.place_date_line.empty()) column_text(unit, right, header.place_date_line, hs.place_date_style);

        unit.height = std::max(left.dy, right.dy);
        unit.keep_with_next = true;
        push(std::move(unit));
    }

    // A line in a single-line box (model/marks.hpp), centred in the column, or flush with
    // its right edge when the style aligns right; text and frame in the mark's ink.
    void boxed_line(Unit& unit, Column& col, const std::string& text, const model::TextStyle& style) {
        const model::MarkBox box = model::mark_box(text);
        const Colour ink = colour_of(model::mark_colour(profile_.header, box));
        const double text_width = widest({text}, style);
        const double width = std::min(col.width, std::max(box.width_mm * model::points_per_mm,
                                                          text_width + 2 * model::mark_padding_pt));
        const double height = box.height_mm * model::points_per_mm;
        const double x = style.align == model::Align::right ? col.x + col.width - width : col.x + (col.width - width) / 2;
        const double top = col.dy + model::mark_padding_pt;
        model::TextStyle centred = style;
        centred.align = model::Align::center;
        const double line = family_.face(face_of(style.bold, style.italic)).line_height() * style.size_pt;
        Column inside{x, width, top + (height - line) / 2};
        const std::size_t first_text = unit.texts.size();
        column_text(unit, inside, text, centred);
        for (std::size_t i = first_text; i < unit.texts.size(); ++i) unit.texts[i].colour = ink;
        frame(unit, x, top, width, height, ink);
        if (box.double_frame) {
            const double gap = model::mark_frame_gap_mm * model::points_per_mm;
            frame(unit, x + gap, top + gap, width - 2 * gap, height - 2 * gap, ink);
        }
        col.dy = top + height;
    }

    // A rectangle's outline, one closed path: its corners joined, not four butted strokes.
    static void frame(Unit& unit, double x, double top, double width, double height, Colour ink) {
        ShapeItem rectangle;
        rectangle.move_to(x, top).line_to(x + width, top).line_to(x + width, top + height).line_to(x, top + height).close();
        rectangle.stroke = ink;
        rectangle.stroke_width = model::mark_border_pt;
        unit.shapes.push_back(std::move(rectangle));
    }

    // A draft's mark, boxed, flush right above the header (docs/electronic.md: neither NĐ30
    // nor the Party's rules as read place it).
    void add_draft_mark(const std::string& mark) {
        Unit unit;
        Column whole{left_, body_width(), 0};
        model::TextStyle style = profile_.draft_mark_style;
        style.align = model::Align::right;
        boxed_line(unit, whole, mark, style);
        unit.height = whole.dy;
        unit.space_after = model::mark_padding_pt;
        unit.keep_with_next = true;
        push(std::move(unit));
    }

    // ------------------------------------------------------------ title

    void add_title(const model::DocTitle& title) {
        if (!title.type_name.empty()) add_kept(plain(title.type_name), profile_.doc_type);
        double summary_width = 0;
        for (const model::Inline& line : title.summary) {
            model::TextStyle style = profile_.summary;
            add_kept(line, style);
            const TrueTypeFace& face = family_.face(face_of(style.bold, style.italic));
            summary_width = std::max(summary_width, std::min(body_width(), text_width(face, model::plain_text(line)) * style.size_pt));
        }
        const std::string& separator = profile_.summary_separator;
        if (separator == "rule") {
            Unit unit;
            Column whole{left_, body_width(), 0};
            column_rule(unit, whole, (summary_width > 0 ? summary_width : body_width()) / 3);
            unit.height = whole.dy;
            unit.space_after = profile_.body.size_pt;
            unit.keep_with_next = true;
            push(std::move(unit));
        } else if (!separator.empty()) {
            model::TextStyle style = profile_.summary;
            style.bold = false;
            style.space_before_pt = 0;
            style.space_after_pt = profile_.body.size_pt; // the blank line the originals leave
            add_kept(plain(separator), style);
        } else if (!units_.empty()) {
            units_.back().space_after += profile_.body.size_pt;
        }
    }

    void add_kept(const model::Inline& text, model::TextStyle style) {
        style.keep_with_next = true;
        add_paragraph(text, style, left_, body_width());
    }

    // ------------------------------------------------------------ body blocks

    void add_block(const model::Block& block) {
        std::visit([this](const auto& b) { add(b); }, block);
    }

    // Where a block's units are: [first, end) of units_.
    struct BlockUnits {
        std::size_t first = 0, end = 0;
        bool table = false;
    };

    // Blocks in order. A lead-in ("… như sau:", "trong đó:") stays with what it introduces,
    // and a caption with its table (docs/layout-rules.md, rule 4): all its lines are kept with
    // the next block, as LibreOffice moves a paragraph kept with the next one whole.
    std::vector<BlockUnits> add_blocks(const std::vector<model::Block>& blocks) {
        std::vector<BlockUnits> placed;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const std::size_t first = units_.size();
            add_block(blocks[i]);
            placed.push_back({first, units_.size(), std::holds_alternative<model::Table>(blocks[i])});
            if (i + 1 < blocks.size() && model::introduces_next(blocks[i], blocks[i + 1])) keep_whole(placed.back());
        }
        return placed;
    }

    void keep_whole(const BlockUnits& block) {
        for (std::size_t u = block.first; u < block.end; ++u) units_[u].keep_with_next = true;
    }

    void add(const model::Heading& h) {
        const std::size_t count = profile_.headings.size();
        const std::size_t index = static_cast<std::size_t>(std::clamp(h.level, 1, static_cast<int>(count))) - 1;
        model::Inline text;
        if (!h.number.empty()) text.push_back(model::Run{h.number + " "});
        text.insert(text.end(), h.text.begin(), h.text.end());
        Bookmark mark;
        mark.level = h.level;
        mark.title = model::plain_text(text);
        add_paragraph(text, profile_.headings[index], left_, body_width(), mark);
    }

    void add(const model::Paragraph& p) {
        model::TextStyle style = profile_.body;
        if (p.kind != model::ParagraphKind::body) style.first_line_indent_mm = 0;
        if (p.kind == model::ParagraphKind::plain) style.align = model::Align::left;
        if (p.kind == model::ParagraphKind::center) style.align = model::Align::center;
        if (p.kind == model::ParagraphKind::right) style.align = model::Align::right;
        add_paragraph(p.text, style, left_, body_width());
    }

    // Levels 2-4 indent their first line by the profile's step per level (rule 1).
    void add(const model::ListItem& item) {
        model::Inline text;
        if (!item.marker.empty()) text.push_back(model::Run{item.marker + " "});
        text.insert(text.end(), item.text.begin(), item.text.end());
        model::TextStyle style = profile_.list_item;
        style.first_line_indent_mm += (std::clamp(item.level, 1, 4) - 1) * profile_.list_level_indent_mm;
        add_paragraph(text, style, left_, body_width());
    }

    void add(const model::PageBreak&) { pending_page_break_ = true; }
    void add(const model::Chart& chart);

    // Blocks that ask for a landscape page are laid out across its wider text block while
    // this lives; pagination gives them pages of their own.
    class Turned {
    public:
        Turned(Builder& builder, bool landscape) : builder_(builder), saved_(builder.turned_) { set(landscape); }
        ~Turned() { set(saved_); }
        Turned(const Turned&) = delete;
        Turned& operator=(const Turned&) = delete;

    private:
        void set(bool landscape) {
            builder_.turned_ = landscape;
            const model::TextBlock& block = landscape ? builder_.landscape_ : builder_.portrait_;
            builder_.left_ = block.left;
            builder_.right_ = block.right;
        }
        Builder& builder_;
        bool saved_;
    };
    const model::TextBlock& block_of(const Unit& unit) const { return unit.landscape ? landscape_ : portrait_; }

    void add(const model::Table& table);

    // ------------------------------------------------------------ closing

    void add_closing(const model::Closing& closing) {
        if (!closing.recipients && !closing.signature) return;
        Unit unit;
        auto [left, right] = columns(model::closing_columns(profile_));

        if (closing.recipients) {
            const model::Recipients& r = *closing.recipients;
            const std::string label = r.label.empty() ? profile_.recipients_label : r.label;
            add_column_paragraph(unit, left, plain(label), profile_.recipients_label_style);
            for (const model::Inline& line : r.lines) add_column_paragraph(unit, left, line, profile_.recipients);
        }
        if (closing.signature) {
            const model::Signature& s = *closing.signature;
            for (const std::string& line : s.authority) column_text(unit, right, line, profile_.signature_authority);
            for (const std::string& line : s.position) column_text(unit, right, line, profile_.signature_position);
            const double space = profile_.signature_space_mm * points_per_mm;
            if (!s.note.empty()) {
                model::TextStyle note = profile_.signature_name;
                note.bold = false;
                note.italic = true;
                Column middle = right;
                middle.dy += space / 2 - family_.face(Face::italic).line_height() * note.size_pt / 2;
                column_text(unit, middle, s.note, note);
            }
            add_signing(s, right, space);
            right.dy += space;
            if (!s.name.empty()) column_text(unit, right, s.name, profile_.signature_name);
        }
        unit.height = std::max(left.dy, right.dy);
        unit.space_before = profile_.body.space_after_pt;
        keep_end_of_body_with_closing();
        push(std::move(unit));
    }

    // The closing is never alone on a page (rule 8): the body's last two paragraphs go with
    // it, whole, as the DOCX's "keep with next" on them makes LibreOffice move them; a table
    // that ends the body goes with it by its last row group.
    void keep_end_of_body_with_closing() {
        int paragraphs = 0;
        for (auto block = body_blocks_.rbegin(); block != body_blocks_.rend() && paragraphs < 2; ++block) {
            if (block->end == block->first) continue; // a page break
            if (block->table) {
                units_[block->end - 1].keep_with_next = true;
                return;
            }
            keep_whole(*block);
            ++paragraphs;
        }
        if (paragraphs == 0 && !units_.empty()) units_.back().keep_with_next = true; // the title, say
    }

    // The signature's images and unsigned fields, in the signing space below the position.
    // (The closing's unit is the next one pushed.)
    void add_signing(const model::Signature& s, const Column& col, double space) {
        const model::SigningPlaces places = model::signing_places(profile_, s, col.x, col.width, col.dy, space);
        Signing& signing = signing_.emplace();
        signing.unit = units_.size();
        if (places.signer_image) signing.images.emplace_back(*places.signer_image, &*s.image);
        if (places.seal_image) signing.images.emplace_back(*places.seal_image, &*s.seal);
        if (profile_.signing.fields) {
            signing.fields.emplace_back(places.signer_field, signer_field_name);
            signing.fields.emplace_back(places.agency_field, agency_field_name);
        }
    }

    void add_column_paragraph(Unit& unit, Column& col, const model::Inline& text, const model::TextStyle& style) {
        const std::vector<SetLine> lines = set_paragraph(text, format(style, col.width), family_);
        col.dy += style.space_before_pt;
        place_lines(unit, lines, col.x, col.dy);
        col.dy += style.space_after_pt;
    }

    // ------------------------------------------------------------ appendices

    // An appendix starts on a new page (rule 6), and may number its own pages (rule 7).
    void add_appendix(const model::Appendix& appendix) {
        pending_page_break_ = true;
        const std::size_t first = units_.size();
        for (const std::string& line : appendix.title) add_kept(plain(line), profile_.appendix_title);
        for (const model::Inline& line : appendix.subtitle) add_kept(line, profile_.appendix_subtitle);
        add_blocks(appendix.blocks);
        if (units_.size() > first) {
            units_[first].page_break_before = true;
            if (profile_.appendix_restarts_page_numbers) units_[first].restarts_page_numbers = true;
        }
        pending_page_break_ = false; // an empty appendix leaves no break behind
    }

    // ------------------------------------------------------------ pagination

    // ------------------------------------------------------------ tables

    // A cell's lines, set for its width: lines [first_line, end_line) of the group's pool;
    // the rows it spans.
    struct SetCell {
        std::size_t row = 0, col = 0, rows = 1, cols = 1;
        std::size_t first_line = 0, end_line = 0;
        double content = 0;
        const model::TextStyle* style = nullptr;
    };
    // One group of rows at a time (rows that a merged cell joins): its cells set, the heights
    // of its rows, its borders. A table is laid out group by group in these vectors, reused
    // from group to group, so that a long table is not set whole before it is placed.
    struct RowGroup {
        std::size_t first = 0, end = 0; // its rows, [first, end) of the table's
        std::vector<SetCell> cells;
        LinePool lines;
        std::vector<double> heights, row_top; // of its rows; the top of each row and the bottom
        std::vector<RuleItem> horizontal, vertical;
    };
    // The header rows of a table, repeated at the top of each page it continues on.
    struct TableHeader {
        std::vector<std::size_t> units;
        double height = 0;
    };

    std::vector<double> column_edges(const model::Table& table) const;
    std::size_t group_end(const model::Table& table, std::size_t first, std::size_t columns) const;
    void set_cells(const model::Table& table, const std::vector<double>& col_x, RowGroup& group) const;
    void row_heights(const model::Table& table, RowGroup& group) const;
    void place_rows(const model::Table& table, const std::vector<double>& col_x, int table_id, bool has_notes);
    Unit row_group(RowGroup& group, const std::vector<double>& col_x);

    PageLayout paginate();
    void add_page_numbers(PageLayout& out, const std::vector<std::size_t>& starts) const;
    std::vector<Unit> slice_row(Unit unit, double room, double left, double right) const;
    double repeated_header_height(std::size_t i) const;
    void reserve_page(Page& page, std::size_t first, std::size_t last, bool repeats_header) const;

    const model::Document& doc_;
    const model::Profile& profile_;
    const FontFamily& family_;
    const model::RuleBand rule_band_;
    const model::TextBlock portrait_, landscape_;
    double left_ = 0, right_ = 0; // of the text block the blocks being added go in
    bool turned_ = false;         // they go on landscape pages
    std::vector<Unit> units_;
    std::optional<Signing> signing_;
    std::vector<BlockUnits> body_blocks_;
    bool pending_page_break_ = false;
    std::vector<TableHeader> tables_;
    TextStore texts_; // the bytes of every text item, handed to the PageLayout
};

// ---------------------------------------------------------------- tables

// A table: its caption, its rows in groups that pagination keeps whole (rows joined by a
// merged cell), its notes. Borders are collapsed: each cell draws its top and left edges, the
// table its right edge, and the rule under a table's last row on a page is drawn when the
// page is made, so where two cells meet there is one line.
void Builder::add(const model::Table& table) {
    if (table.column_weights.empty() || table.rows.empty()) return;
    Turned turned(*this, table.landscape);
    for (const model::Inline& line : table.caption) add_kept(line, profile_.table_caption);
    const std::vector<double> col_x = column_edges(table);
    const int table_id = static_cast<int>(tables_.size());
    tables_.emplace_back();
    place_rows(table, col_x, table_id, !table.notes.empty());
    for (const model::Inline& line : table.notes) add_paragraph(line, profile_.table_note, left_, body_width());
}

// The DOCX's grid of whole twips (model/furniture.hpp), so that cells wrap alike.
std::vector<double> Builder::column_edges(const model::Table& table) const {
    const std::size_t columns = table.column_weights.size();
    const long width = model::text_block_width_twips(model::page_of(profile_.page, turned_));
    const std::vector<long> widths = model::table_columns_twips(table.column_weights, columns, width);
    std::vector<double> col_x(columns + 1, left_);
    long edge = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        edge += widths[c];
        col_x[c + 1] = left_ + model::twips_to_pt(edge);
    }
    return col_x;
}

// Where the group of rows that starts at `first` ends: at the first row that no merged cell
// of the group reaches past.
std::size_t Builder::group_end(const model::Table& table, std::size_t first, std::size_t columns) const {
    const std::size_t row_count = table.rows.size();
    std::size_t end = first + 1;
    for (std::size_t r = first; r < end; ++r) {
        const model::TableRow& row = table.rows[r];
        for (std::size_t c = 0; c < std::min(columns, row.cells.size()); ++c) {
            const model::TableCell& cell = row.cells[c];
            if (cell.covered) continue;
            end = std::max(end, r + std::clamp<std::size_t>(static_cast<std::size_t>(std::max(cell.rowspan, 1)), 1,
                                                            row_count - r));
        }
    }
    return end;
}

// The lines of each cell of the group's rows, set for its width, in row order.
void Builder::set_cells(const model::Table& table, const std::vector<double>& col_x, RowGroup& group) const {
    const std::size_t columns = col_x.size() - 1, row_count = table.rows.size();
    group.cells.clear();
    group.lines.clear();
    for (std::size_t r = group.first; r < group.end; ++r) {
        const model::TableRow& row = table.rows[r];
        const model::TextStyle& style = row.header ? profile_.table_header : profile_.table_text;
        for (std::size_t c = 0; c < std::min(columns, row.cells.size()); ++c) {
            const model::TableCell& cell = row.cells[c];
            if (cell.covered) continue;
            SetCell set;
            set.row = r;
            set.col = c;
            set.cols = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(cell.colspan, 1)), 1, columns - c);
            set.rows = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(cell.rowspan, 1)), 1, row_count - r);
            set.style = &style;
            ParagraphFormat format = this->format(style, col_x[c + set.cols] - col_x[c] - 2 * cell_padding_x);
            format.first_indent = 0;
            if (!row.header) format.align = cell.align;
            double content = style.space_before_pt + style.space_after_pt;
            set.first_line = group.lines.size();
            for (const model::Inline& paragraph : cell.paragraphs) {
                const std::size_t from = group.lines.size();
                set_paragraph(paragraph, format, family_, group.lines);
                for (std::size_t i = from; i < group.lines.size(); ++i) content += group.lines[i].height;
            }
            set.end_line = group.lines.size();
            set.content = content;
            group.cells.push_back(set);
        }
    }
}

// A row is as tall as its tallest cell of one row, plus the line between it and the next
// (Word and LibreOffice count the border in the row's height: layout rule 20); a merged cell taller than its
// rows makes its last row taller.
void Builder::row_heights(const model::Table& table, RowGroup& group) const {
    std::vector<double>& heights = group.heights; // heights[i]: row group.first + i
    heights.assign(group.end - group.first, 0);
    for (std::size_t r = group.first; r < group.end; ++r) {
        const model::TextStyle& style = table.rows[r].header ? profile_.table_header : profile_.table_text;
        heights[r - group.first] =
            family_.face(face_of(style.bold, style.italic)).line_height() * style.size_pt * style.line_spacing +
            style.space_before_pt + style.space_after_pt;
    }
    for (const SetCell& cell : group.cells)
        if (cell.rows == 1) heights[cell.row - group.first] = std::max(heights[cell.row - group.first], cell.content);
    for (double& height : heights) height += border_width;
    for (const SetCell& cell : group.cells) {
        if (cell.rows == 1) continue;
        double spanned = 0;
        for (std::size_t r = cell.row; r < cell.row + cell.rows; ++r) spanned += heights[r - group.first];
        const double needed = cell.content + static_cast<double>(cell.rows) * border_width;
        if (needed > spanned) heights[cell.row + cell.rows - 1 - group.first] += needed - spanned;
    }
}

// Rows joined by a merged cell form one group: a page break never cuts a merged cell. Each
// group is set, measured and placed before the next one is set.
void Builder::place_rows(const model::Table& table, const std::vector<double>& col_x, int table_id, bool has_notes) {
    const std::size_t row_count = table.rows.size();
    TableHeader& header = tables_[static_cast<std::size_t>(table_id)];
    std::vector<std::size_t> body_groups; // unit indices of the groups of body rows
    // A unit per group of rows at most: room made once, not by doubling along a long table.
    if (const std::size_t needed = units_.size() + row_count + table.notes.size() + 1; needed > units_.capacity())
        units_.reserve(std::max(needed, 2 * units_.capacity()));
    RowGroup group;
    for (std::size_t first = 0; first < row_count;) {
        group.first = first;
        group.end = group_end(table, first, col_x.size() - 1);
        set_cells(table, col_x, group);
        row_heights(table, group);
        Unit unit = row_group(group, col_x);
        const std::size_t end = group.end;
        unit.table = table_id;
        unit.table_header = table.rows[first].header;
        // A header row and a group's label row never end a page.
        unit.keep_with_next = unit.table_header || table.rows[end - 1].group;
        if (first == 0) unit.space_before = profile_.body.space_after_pt;
        // A row taller than a page is cut between its lines (rule 3).
        const double room = std::max(block_of(unit).bottom - block_of(unit).top - header.height, 4 * profile_.table_text.size_pt);
        if (unit.table_header) {
            header.units.push_back(units_.size());
            header.height += unit.height;
            push(std::move(unit));
        } else if (unit.height > room) {
            for (Unit& slice : slice_row(std::move(unit), room, col_x.front(), col_x.back())) {
                body_groups.push_back(units_.size());
                push(std::move(slice));
            }
        } else {
            body_groups.push_back(units_.size());
            push(std::move(unit));
        }
        first = end;
    }
    // The last row (often a totals row) never starts a page alone (rule 5).
    if (body_groups.size() >= 2) units_[body_groups[body_groups.size() - 2]].keep_with_next = true;
    // Under the table: the body's space, or the notes, which stay with its last row.
    units_.back().space_after = has_notes ? 0 : profile_.body.space_after_pt;
    if (has_notes) units_.back().keep_with_next = true;
}

// The unit of the group's rows: their lines, each cell's top and left edges, and the table's
// right edge.
Unit Builder::row_group(RowGroup& group, const std::vector<double>& col_x) {
    Unit unit;
    std::vector<double>& row_top = group.row_top;
    row_top.assign(group.end - group.first + 1, 0);
    for (std::size_t i = 0; i < group.heights.size(); ++i) row_top[i + 1] = row_top[i] + group.heights[i];
    group.horizontal.clear();
    group.vertical.clear();
    std::size_t texts = 0;
    for (const SetCell& cell : group.cells)
        for (std::size_t l = cell.first_line; l < cell.end_line; ++l) texts += group.lines[l].fragments.empty() ? 0 : 1;
    unit.texts.reserve(texts);
    for (const SetCell& cell : group.cells) {
        const double top = row_top[cell.row - group.first];
        const double bottom = row_top[cell.row - group.first + cell.rows];
        const double x0 = col_x[cell.col], x1 = col_x[cell.col + cell.cols];
        double dy = top + cell.style->space_before_pt;
        for (std::size_t l = cell.first_line; l < cell.end_line; ++l) place_line(unit, group.lines[l], x0 + cell_padding_x, dy);
        group.horizontal.push_back(RuleItem{x0, top, x1, top, border_width});
        group.vertical.push_back(RuleItem{x0, top, x0, bottom, border_width});
    }
    unit.height = row_top.back();
    group.vertical.push_back(RuleItem{col_x.back(), 0, col_x.back(), unit.height, border_width});
    unit.rules.reserve(group.horizontal.size() + group.vertical.size());
    join_collinear(group.horizontal, unit.rules);
    join_collinear(group.vertical, unit.rules);
    unit.table_left = col_x.front();
    unit.table_right = col_x.back();
    return unit;
}

// A chart: one unit, never split, on the landscape pages of its table when it has some.
void Builder::add(const model::Chart& chart) {
    Turned turned(*this, chart.landscape);
    ChartDrawing drawing = draw_chart(chart, profile_, family_, left_, body_width(), texts_);
    Unit unit;
    unit.height = drawing.height;
    unit.texts = std::move(drawing.texts);
    unit.shapes = std::move(drawing.shapes);
    unit.space_before = profile_.body.space_after_pt;
    unit.space_after = profile_.body.space_after_pt;
    push(std::move(unit));
}

// Cuts a row group into pieces no taller than `room`, each cut between two lines of text
// (no line of any cell straddles it). Each piece is closed by a border at the cut, and the
// next opens with one, as Word draws a row that breaks across pages.
std::vector<Unit> Builder::slice_row(Unit unit, double room, double left, double right) const {
    // The vertical extent of every line of text in the row.
    std::vector<std::pair<double, double>> lines;
    for (const TextItem& t : unit.texts) {
        const TrueTypeFace& face = family_.face(t.face);
        lines.emplace_back(t.y - face.ascent() * t.size, t.y + face.descent() * t.size);
    }
    auto straddles = [&](double cut) {
        for (const auto& [top, bottom] : lines)
            if (top < cut - 0.01 && bottom > cut + 0.01) return true;
        return false;
    };
    std::vector<double> cuts{0};
    while (unit.height - cuts.back() > room) {
        double cut = cuts.back() + room;
        // The lowest line end above the limit that no other line straddles.
        double best = 0;
        for (const auto& line : lines)
            if (line.second <= cut && line.second > cuts.back() + 1 && line.second > best && !straddles(line.second))
                best = line.second;
        cut = best > 0 ? best + 1 : cut; // a line taller than a page (cannot happen in practice): cut anyway
        cuts.push_back(cut);
    }
    cuts.push_back(unit.height);

    std::vector<Unit> slices;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double top = cuts[k], bottom = cuts[k + 1];
        Unit slice;
        slice.table = unit.table;
        slice.landscape = unit.landscape;
        slice.table_left = unit.table_left;
        slice.table_right = unit.table_right;
        slice.space_before = k == 0 ? unit.space_before : 0;
        slice.height = bottom - top;
        for (const TextItem& t : unit.texts)
            if (t.y > top && t.y <= bottom) {
                TextItem moved = t;
                moved.y -= top;
                slice.texts.push_back(std::move(moved));
            }
        for (const RuleItem& rule : unit.rules) {
            const double y1 = std::max(std::min(rule.y1, rule.y2), top), y2 = std::min(std::max(rule.y1, rule.y2), bottom);
            const bool horizontal = rule.y1 == rule.y2;
            if (horizontal ? (rule.y1 < top - 0.01 || rule.y1 > bottom + 0.01) : y1 >= y2) continue;
            slice.rules.push_back(RuleItem{rule.x1, (horizontal ? rule.y1 : y1) - top, rule.x2,
                                           (horizontal ? rule.y2 : y2) - top, rule.width});
        }
        // The piece on the next page opens with a rule; the one under each piece is drawn
        // with the page (paginate), as under any row that ends a page.
        if (k > 0) slice.rules.push_back(RuleItem{left, 0, right, 0, border_width});
        slices.push_back(std::move(slice));
    }
    return slices;
}

// ---------------------------------------------------------------- pagination

// The height of the header rows repeated above unit i when it starts a page: the headers of
// its table, when it is a body row of a table that has some and began before it.
double Builder::repeated_header_height(std::size_t i) const {
    const Unit& unit = units_[i];
    if (unit.table < 0 || unit.table_header || i == 0 || units_[i - 1].table != unit.table) return 0;
    return tables_[static_cast<std::size_t>(unit.table)].height;
}

// Room for the texts and rules of the units [first, last) on one page, and of the table
// header repeated above them, so that a page's vectors are allocated once.
void Builder::reserve_page(Page& page, std::size_t first, std::size_t last, bool repeats_header) const {
    std::size_t texts = 1, rules = 1; // the page number; the rule under a table
    auto count = [&](const Unit& unit) {
        texts += unit.texts.size();
        rules += unit.rules.size();
    };
    if (repeats_header)
        for (std::size_t h : tables_[static_cast<std::size_t>(units_[first].table)].units) count(units_[h]);
    for (std::size_t i = first; i < last; ++i) count(units_[i]);
    page.texts.reserve(texts);
    page.rules.reserve(rules);
}

// Frees what a unit placed on its page holds.
void release_items(Unit& unit) {
    std::vector<TextItem>().swap(unit.texts);
    std::vector<RuleItem>().swap(unit.rules);
    std::vector<ShapeItem>().swap(unit.shapes);
}

PageLayout Builder::paginate() {
    // Pass 1: where each page starts. A unit that does not fit goes to the next page, and
    // with it every unit before it that must stay with its successor (keep_with_next). A
    // unit of another orientation than the page's starts a page.
    std::vector<std::size_t> starts;
    if (!units_.empty()) starts.push_back(0);
    auto page_top = [&](std::size_t i) { return block_of(units_[i]).top + repeated_header_height(i); };

    std::size_t start = 0;
    double y = units_.empty() ? portrait_.top : page_top(0);
    for (std::size_t i = 0; i < units_.size();) {
        const Unit& unit = units_[i];
        const bool first_on_page = i == start;
        if ((unit.page_break_before || unit.landscape != units_[start].landscape) && !first_on_page) {
            start = i;
            starts.push_back(i);
            y = page_top(i);
            continue;
        }
        const double gap = first_on_page ? 0 : gap_between(units_[i - 1], unit);
        if (!first_on_page && y + gap + unit.height > block_of(unit).bottom + 0.01) {
            std::size_t j = i;
            while (j > start + 1 && units_[j - 1].keep_with_next) --j;
            if (j == start + 1 && units_[start].keep_with_next && j < i) j = i; // cannot honour: break here
            start = j;
            starts.push_back(j);
            y = page_top(j);
            i = j;
            continue;
        }
        y += gap + unit.height;
        ++i;
    }

    // Pass 2: place the units.
    PageLayout out;
    out.width = portrait_.page_width;
    out.height = portrait_.page_height;
    out.family = &family_;
    out.texts = std::move(texts_);
    for (std::size_t p = 0; p < starts.size(); ++p) {
        const std::size_t first = starts[p];
        const std::size_t last = p + 1 < starts.size() ? starts[p + 1] : units_.size();
        const model::TextBlock& block = block_of(units_[first]);
        Page page;
        page.width = block.page_width;
        page.height = block.page_height;
        page.landscape = units_[first].landscape;
        double y = block.top;
        const bool repeats_header = first < units_.size() && repeated_header_height(first) > 0;
        reserve_page(page, first, last, repeats_header);
        // Each unit is placed once and its texts are moved to the page, but for a table's
        // header rows, which every page of the table repeats.
        auto emit = [&](Unit& unit, bool closes_table) {
            for (TextItem& t : unit.texts) {
                const double top = t.y;
                page.texts.push_back(unit.table_header ? t : std::move(t));
                page.texts.back().y = page.height - (y + top);
            }
            for (const RuleItem& r : unit.rules)
                page.rules.push_back(RuleItem{r.x1, page.height - (y + r.y1), r.x2, page.height - (y + r.y2), r.width});
            for (const ShapeItem& shape : unit.shapes) page.shapes.push_back(shape.flipped(page.height - y));
            if (closes_table) {
                const double bottom = page.height - (y + unit.height);
                page.rules.push_back(RuleItem{unit.table_left, bottom, unit.table_right, bottom, border_width});
            }
            if (signing_ && &unit == &units_[signing_->unit]) {
                auto placed = [&](const model::PlacedBox& b) {
                    return Box{b.x, page.height - (y + b.top + b.height), b.width, b.height};
                };
                for (const auto& [box, image] : signing_->images) page.images.push_back(ImageItem{image, placed(box)});
                for (const auto& [box, name] : signing_->fields) page.fields.push_back(FieldItem{name, placed(box)});
            }
            if (unit.bookmark) {
                Bookmark mark = *unit.bookmark;
                mark.page = p;
                mark.y = page.height - y;
                out.bookmarks.push_back(std::move(mark));
            }
            // What the page now holds is not kept twice: the memory of a long table's units
            // goes back to the allocator while its pages are made, for the next pages to use.
            if (!unit.table_header) release_items(unit);
        };
        if (repeats_header) {
            for (std::size_t h : tables_[static_cast<std::size_t>(units_[first].table)].units) {
                emit(units_[h], false);
                y += units_[h].height;
            }
        }
        for (std::size_t i = first; i < last; ++i) {
            if (i > first) y += gap_between(units_[i - 1], units_[i]);
            // The rule under a table's last row on this page.
            const bool closes = units_[i].table >= 0 && (i + 1 == last || units_[i + 1].table != units_[i].table);
            emit(units_[i], closes);
            y += units_[i].height;
        }
        out.pages.push_back(std::move(page));
    }
    if (out.pages.empty()) {
        Page page;
        page.width = out.width;
        page.height = out.height;
        out.pages.push_back(std::move(page));
    }
    add_page_numbers(out, starts);
    return out;
}

// Page numbers in the top margin, centred over the text block, their line box's top at
// page_number_top_mm (rule 15), from the profile's first numbered page; an appendix that
// restarts the numbering makes its first page page 1 again. Landscape pages go on counting.
void Builder::add_page_numbers(PageLayout& out, const std::vector<std::size_t>& starts) const {
    const model::PageSetup& setup = profile_.page;
    if (!setup.page_numbers) return;
    const TrueTypeFace& face = family_.face(Face::regular);
    const double size = setup.page_number_size_pt;
    std::size_t section_start = 0;
    for (std::size_t p = 0; p < out.pages.size(); ++p) {
        Page& page = out.pages[p];
        if (p < starts.size() && units_[starts[p]].restarts_page_numbers) section_start = p;
        const std::size_t number_in_section = p - section_start + 1;
        if (static_cast<int>(number_in_section) < setup.page_numbers_from) continue;
        const model::PageNumberPlace place = model::page_number_place(model::page_of(setup, page.landscape));
        const std::string number = std::to_string(number_in_section);
        const double width = text_width(face, number) * size;
        const double baseline = place.line_top + (face.line_height() - face.descent()) * size;
        page.texts.push_back(
            TextItem{place.centre_x - width / 2, page.height - baseline, Face::regular, size, out.texts.keep(number), width, false});
    }
}

} // namespace

PageLayout layout_document(const model::Document& doc, const FontSet& fonts) {
    Builder builder(doc, fonts.family(doc.profile.font_family));
    PageLayout pages = builder.run();
    if (doc.issued_appendix > 0) add_appendix_agency_field(pages, doc.profile);
    mirror_back_pages(pages, doc.profile.page);
    check_signing_on_page(pages);
    return pages;
}

} // namespace vanban::layout
