#include "layout/paragraph.hpp"

#include <algorithm>
#include <cmath>

#include "layout/linebreak.hpp"
#include "model/furniture.hpp"
#include "text/utf8.hpp"

namespace vanban::layout {
namespace {

// A piece of a word in one style; its text points into the run it comes from.
struct Piece {
    std::string_view text;
    Face face = Face::regular;
    bool underline = false;
    double width = 0;
};

// A word: pieces [first, first + count) of the paragraph's piece list, and how many spaces
// stand before it (a run of blanks is kept as it is: "ngày     tháng").
struct Word {
    std::size_t first = 0, count = 0;
    double width = 0;
    std::uint32_t spaces_before = 0;
};

// What the paragraph is made of, before breaking: words, and between them either a space
// or a forced line break ("\n" inside a run). Everything lives in a few flat vectors, so
// that setting a paragraph allocates a handful of times, not once per word.
struct Paragraph {
    std::vector<Piece> pieces;
    std::vector<Word> words;
    std::vector<BreakItem> items;
    std::vector<std::size_t> word_of_item; // for boxes: index into words
};

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\r'; }
// What ends a word: a space or a line break (all of them at or below ' ', so that one
// comparison lets every other character through).
bool ends_word(unsigned char byte) { return byte <= ' ' && (byte == '\n' || is_space(byte)); }

void split_last_word(Paragraph& p, double max_width, const FontFamily& family, const ParagraphFormat& format);

class ItemBuilder {
public:
    ItemBuilder(Paragraph& p, const ParagraphFormat& format, const FontFamily& family, double narrowest_line)
        : p_(p), format_(format), family_(family), narrowest_(narrowest_line),
          justify_(format.align == model::Align::justify) {}

    // The characters of a word that one run holds, from text[start] to the next space or
    // line break or the run's end (all of the word, unless its style changes inside it): one
    // piece, found and measured character by character in one pass; returns where it ends.
    // The widths add up in the order of the characters, into the piece and into the word,
    // so that a word that spans runs measures the same to the last bit as when it was
    // measured a character at a time.
    std::size_t word_piece(std::string_view text, std::size_t start, Face face, bool underline,
                           const TrueTypeFace& metrics, double size) {
        if (!in_word_) {
            const bool spaced = pending_spaces_ > 0 && have_word_;
            if (spaced) add_glue(pending_width_);
            p_.words.push_back(Word{p_.pieces.size(), 0, 0, spaced ? pending_spaces_ : 0});
            pending_spaces_ = 0;
            pending_width_ = 0;
            in_word_ = true;
        }
        Word& word = p_.words.back();
        double piece_width = 0, word_width = word.width;
        std::size_t pos = start;
        // Spaces and line breaks are ASCII, and no byte of another character's UTF-8 is.
        while (pos < text.size() && !ends_word(static_cast<unsigned char>(text[pos]))) {
            const double width = metrics.advance(text::next_code_point(text, pos)) * size;
            piece_width += width;
            word_width += width;
        }
        p_.pieces.push_back(Piece{text.substr(start, pos - start), face, underline, piece_width});
        ++word.count;
        word.width = word_width;
        return pos;
    }
    // A run of spaces is one glue as wide as all of them (and stretching as much), so that
    // blanks left to be filled in by hand keep their width: "Số:      /KH-UBND".
    void space(double width) {
        end_word();
        if (!have_word_) return; // spaces that start a paragraph or follow a line break
        ++pending_spaces_;
        pending_width_ += width;
    }
    void line_break() {
        end_word();
        add_forced_break();
        pending_spaces_ = 0;
        pending_width_ = 0;
        have_word_ = false;
    }
    void finish() {
        end_word();
        add_forced_break();
    }
    void end_word() {
        if (!in_word_) return;
        in_word_ = false;
        have_word_ = true;
        add_box(p_.words.size() - 1);
        if (p_.words.back().width > narrowest_) split_last_word(p_, narrowest_, family_, format_);
    }

private:
    void add_box(std::size_t word) {
        p_.items.push_back({BreakItem::Kind::box, p_.words[word].width, 0, 0, 0});
        p_.word_of_item.push_back(word);
    }
    void add_glue(double width) {
        // Justified: spaces may grow by half (TeX's value) but never shrink, as in Word and
        // LibreOffice. Ragged lines use the same breaking with a wide stretch instead.
        const double stretch = justify_ ? width / 2 : 3 * width;
        p_.items.push_back({BreakItem::Kind::glue, width, stretch, 0, 0});
        p_.word_of_item.push_back(0);
    }
    void add_forced_break() {
        p_.items.push_back({BreakItem::Kind::glue, 0, 1e6, 0, 0});
        p_.word_of_item.push_back(0);
        p_.items.push_back({BreakItem::Kind::penalty, 0, 0, 0, -forced_break});
        p_.word_of_item.push_back(0);
    }

    Paragraph& p_;
    const ParagraphFormat& format_;
    const FontFamily& family_;
    double narrowest_;
    bool justify_;
    bool in_word_ = false, have_word_ = false;
    std::uint32_t pending_spaces_ = 0; // spaces since the last word
    double pending_width_ = 0;
};

// Splits the last word (wider than the line) into chunks that fit, at character
// boundaries (a last resort for long URLs or codes; Vietnamese text has no hyphenation).
// The chunks are boxes with a zero penalty between them.
void split_last_word(Paragraph& p, double max_width, const FontFamily& family, const ParagraphFormat& format) {
    const Word word = p.words.back();
    p.words.pop_back();
    p.items.pop_back();
    p.word_of_item.pop_back();
    const std::vector<Piece> pieces(p.pieces.begin() + static_cast<std::ptrdiff_t>(word.first),
                                    p.pieces.begin() + static_cast<std::ptrdiff_t>(word.first + word.count));
    p.pieces.resize(word.first);
    Word chunk{p.pieces.size(), 0, 0, word.spaces_before};
    auto close_chunk = [&] {
        if (!p.items.empty() && p.items.back().kind == BreakItem::Kind::box) {
            p.items.push_back({BreakItem::Kind::penalty, 0, 0, 0, 0});
            p.word_of_item.push_back(0);
        }
        p.words.push_back(chunk);
        p.items.push_back({BreakItem::Kind::box, chunk.width, 0, 0, 0});
        p.word_of_item.push_back(p.words.size() - 1);
        chunk = Word{p.pieces.size(), 0, 0};
    };
    for (const Piece& piece : pieces) {
        const TrueTypeFace& metrics = family.face(piece.face);
        std::size_t pos = 0;
        while (pos < piece.text.size()) {
            const std::size_t start = pos;
            const double w = metrics.advance(text::next_code_point(piece.text, pos)) * format.size;
            if (chunk.width + w > max_width && chunk.width > 0) close_chunk();
            const std::string_view text = piece.text.substr(start, pos - start);
            if (chunk.count > 0 && p.pieces.back().face == piece.face) {
                Piece& last = p.pieces.back();
                last.text = std::string_view(last.text.data(), last.text.size() + text.size());
                last.width += w;
            } else {
                p.pieces.push_back(Piece{text, piece.face, piece.underline, w});
                ++chunk.count;
            }
            chunk.width += w;
        }
    }
    if (chunk.count > 0) close_chunk();
}

// Fills `p` (cleared first; its vectors keep their capacity from the paragraphs before).
void build_items(Paragraph& p, const model::Inline& runs, const ParagraphFormat& format, const FontFamily& family,
                 double narrowest_line) {
    p.pieces.clear();
    p.words.clear();
    p.items.clear();
    p.word_of_item.clear();
    std::size_t bytes = 0;
    for (const model::Run& run : runs) bytes += run.text.size();
    p.pieces.reserve(bytes / 5 + 4);
    p.words.reserve(bytes / 5 + 4);
    p.items.reserve(bytes / 3 + 4);
    p.word_of_item.reserve(bytes / 3 + 4);
    ItemBuilder builder(p, format, family, narrowest_line);
    // Words break only at spaces, never after a hyphen inside a word ("28-CT/TW"): LibreOffice
    // broke there in one line of the seed plans and not in others where it would have fitted,
    // and never breaking matched more of its lines (docs/layout-rules.md, rule 12).
    for (const model::Run& run : runs) {
        const Face face = face_of(run.bold || format.bold, run.italic || format.italic);
        const TrueTypeFace& metrics = family.face(face);
        const bool underline = run.underline || format.underline;
        const double size = format.size;
        const std::string_view text = run.text;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const char byte = text[pos];
            if (byte == '\n') {
                builder.line_break();
                ++pos;
            } else if (is_space(static_cast<unsigned char>(byte))) {
                builder.space(metrics.advance(U' ') * size); // a run of spaces is one glue
                ++pos;
            } else {
                pos = builder.word_piece(text, pos, face, underline, metrics, size);
            }
        }
    }
    builder.finish();
}

// Lays out the items from `first` to `last` (exclusive) as one line, into `line` (whose
// vectors are empty).
void set_line(SetLine& line, const Paragraph& p, std::size_t first, std::size_t last, double width, double indent,
              const ParagraphFormat& format, bool forced_end, const FontFamily& family) {
    // Glue and penalties at the start of a line vanish.
    while (first < last && p.items[first].kind != BreakItem::Kind::box) ++first;
    double natural = 0, stretch = 0, shrink = 0;
    std::size_t boxes = 0;
    for (std::size_t i = first; i < last; ++i) {
        const BreakItem& item = p.items[i];
        if (item.kind == BreakItem::Kind::penalty) continue;
        if (item.kind == BreakItem::Kind::box) ++boxes;
        natural += item.width;
        stretch += item.stretch;
        shrink += item.shrink;
    }
    double ratio = 0;
    const bool justify = format.align == model::Align::justify && !forced_end;
    if (natural > width && shrink > 0) ratio = std::max(-1.0, (width - natural) / shrink);
    else if (justify && natural < width && stretch > 0) ratio = (width - natural) / stretch;
    const bool stretch_spaces = justify || ratio < 0;

    double used = natural + (ratio < 0 ? ratio * shrink : (stretch_spaces ? ratio * stretch : 0));
    double x = indent;
    if (!stretch_spaces || ratio < 0) {
        if (format.align == model::Align::center) x += std::max(0.0, (width - used) / 2);
        else if (format.align == model::Align::right) x += std::max(0.0, width - used);
    }

    line.justified = stretch_spaces && ratio != 0;
    line.fragments.reserve(boxes + 2);
    bool previous_underlined = false;
    for (std::size_t i = first; i < last; ++i) {
        const BreakItem& item = p.items[i];
        if (item.kind == BreakItem::Kind::glue) {
            const double w = item.width + (ratio < 0 ? ratio * item.shrink : (stretch_spaces ? ratio * item.stretch : 0));
            const bool next_underlined = i + 1 < last && p.items[i + 1].kind == BreakItem::Kind::box &&
                                         p.pieces[p.words[p.word_of_item[i + 1]].first].underline;
            if (previous_underlined && next_underlined) line.underlines.emplace_back(x, x + w);
            x += w;
        } else if (item.kind == BreakItem::Kind::box) {
            const Word& word = p.words[p.word_of_item[i]];
            for (std::size_t k = word.first; k < word.first + word.count; ++k) {
                const Piece& piece = p.pieces[k];
                const std::uint32_t spaces = k == word.first && !line.fragments.empty() ? word.spaces_before : 0;
                line.fragments.push_back(Fragment{piece.text, piece.face, format.size, x, piece.width, spaces});
                if (piece.underline) line.underlines.emplace_back(x, x + piece.width);
                previous_underlined = piece.underline;
                x += piece.width;
            }
        }
    }
    line.natural_right = x;
    const double size = format.size;
    const TrueTypeFace& metrics = family.face(face_of(format.bold, format.italic));
    line.ascent = metrics.ascent() * size;
    line.descent = metrics.descent() * size;
    line.height = metrics.line_height() * size * format.line_spacing;
}

// One paragraph's words and items at a time per thread: the vectors are reused, not
// allocated anew for every paragraph (set_line copies what the lines keep).
Paragraph& scratch_paragraph() {
    thread_local Paragraph scratch;
    return scratch;
}

// Sets a paragraph line by line: `lines.reserve(n)` once the number of lines is known, then
// `lines.add()` for each line, which gives a line with empty vectors to fill.
template <class Lines>
void set_lines(const model::Inline& runs, const ParagraphFormat& format, const FontFamily& family, Lines& lines) {
    const double full = std::max(1.0, format.width - format.left_indent);
    const double first = std::max(1.0, full - format.first_indent);
    Paragraph& p = scratch_paragraph();
    build_items(p, runs, format, family, std::min(full, first));
    const std::vector<std::size_t> breaks = format.breaking == model::LineBreaking::first_fit
                                                ? break_lines_first_fit(p.items, LineWidths{first, full})
                                                : break_lines(p.items, LineWidths{first, full});

    lines.reserve(std::max<std::size_t>(breaks.size(), 1));
    std::size_t start = 0;
    bool first_line = true;
    for (std::size_t b : breaks) {
        const bool forced = p.items[b].kind == BreakItem::Kind::penalty && p.items[b].penalty <= -forced_break;
        // A forced break is preceded by its fill glue, which belongs to no line.
        std::size_t end = b;
        if (forced && end > start && p.items[end - 1].kind == BreakItem::Kind::glue && p.items[end - 1].stretch >= 1e6)
            --end;
        const double indent = format.left_indent + (first_line ? format.first_indent : 0);
        set_line(lines.add(), p, start, end, first_line ? first : full, indent, format, forced, family);
        first_line = false;
        start = b + 1;
    }
    if (first_line) set_line(lines.add(), p, 0, 0, full, format.left_indent, format, true, family);
}

// A paragraph's own vector of lines.
struct LineVector {
    std::vector<SetLine> lines;
    void reserve(std::size_t n) { lines.reserve(n); }
    SetLine& add() { return lines.emplace_back(); }
};

// The lines of a pool, added after those in use.
struct PoolLines {
    LinePool& pool;
    void reserve(std::size_t) {}
    SetLine& add() { return pool.add(); }
};

} // namespace

double text_width(const TrueTypeFace& face, std::string_view utf8) {
    double width = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) width += face.advance(text::next_code_point(utf8, pos));
    return width;
}

ParagraphFormat format_of(const model::TextStyle& style, double width, model::LineBreaking breaking) {
    ParagraphFormat f;
    f.breaking = breaking;
    f.width = width;
    f.first_indent = model::mm_on_grid_pt(style.first_line_indent_mm); // as the DOCX writes it
    f.left_indent = model::mm_on_grid_pt(style.left_indent_mm);
    f.align = style.align;
    f.size = style.size_pt;
    f.bold = style.bold;
    f.italic = style.italic;
    f.underline = style.underline;
    f.line_spacing = style.line_spacing > 0 ? style.line_spacing : 1.0;
    return f;
}

std::vector<SetLine> set_paragraph(const model::Inline& runs, const ParagraphFormat& format,
                                   const FontFamily& family) {
    LineVector lines;
    set_lines(runs, format, family, lines);
    return std::move(lines.lines);
}

SetLine& LinePool::add() {
    if (size_ == lines_.size()) lines_.emplace_back();
    SetLine& line = lines_[size_++];
    line.fragments.clear();
    line.underlines.clear();
    return line;
}

void set_paragraph(const model::Inline& runs, const ParagraphFormat& format, const FontFamily& family,
                   LinePool& pool) {
    PoolLines lines{pool};
    set_lines(runs, format, family, lines);
}

} // namespace vanban::layout
