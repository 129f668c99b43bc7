#include "layout/paragraph.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "layout/linebreak.hpp"
#include "text/utf8.hpp"

namespace vanban::layout {
namespace {

constexpr double points_per_mm = 72.0 / 25.4;

// A piece of a word in one style.
struct Piece {
    std::string text;
    Face face = Face::regular;
    double size = 14;
    bool underline = false;
    double width = 0;
};

struct Word {
    std::vector<Piece> pieces;
    double width = 0;
};

// What the paragraph is made of, before breaking: words, and between them either a space
// or a forced line break ("\n" inside a run).
struct Token {
    enum class Kind { word, space, line_break } kind = Kind::word;
    Word word;               // word
    double space_width = 0;  // space: natural width of one space in its run's style
};

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\r'; }

std::vector<Token> tokenize(const model::Inline& runs, const ParagraphFormat& format, const FontFamily& family) {
    std::vector<Token> tokens;
    Token* word = nullptr; // the word being built, if any
    for (const model::Run& run : runs) {
        const Face face = face_of(run.bold || format.bold, run.italic || format.italic);
        const TrueTypeFace& metrics = family.face(face);
        const bool underline = run.underline || format.underline;
        std::size_t pos = 0;
        const std::string_view text = run.text;
        while (pos < text.size()) {
            const std::size_t start = pos;
            const char32_t cp = text::next_code_point(text, pos);
            if (cp == U'\n') {
                tokens.push_back(Token{Token::Kind::line_break, {}, 0});
                word = nullptr;
            } else if (is_space(cp)) {
                // Runs of spaces count as one (as in the typed originals' intent).
                if (tokens.empty() || tokens.back().kind != Token::Kind::space)
                    tokens.push_back(Token{Token::Kind::space, {}, metrics.advance(U' ') * format.size});
                word = nullptr;
            } else {
                if (!word) {
                    tokens.push_back(Token{});
                    word = &tokens.back();
                }
                std::vector<Piece>& pieces = word->word.pieces;
                if (pieces.empty() || pieces.back().face != face || pieces.back().underline != underline)
                    pieces.push_back(Piece{"", face, format.size, underline, 0});
                pieces.back().text.append(text.substr(start, pos - start));
                const double w = metrics.advance(cp) * format.size;
                pieces.back().width += w;
                word->word.width += w;
            }
        }
        word = nullptr; // a new run may change style, but a word continues across runs:
        if (!tokens.empty() && tokens.back().kind == Token::Kind::word) word = &tokens.back();
    }
    return tokens;
}

// Splits a word wider than the line into chunks that fit, at character boundaries (a last
// resort for long URLs or codes; Vietnamese text has no hyphenation).
std::vector<Word> split_wide_word(const Word& word, double max_width, const FontFamily& family) {
    std::vector<Word> chunks(1);
    for (const Piece& piece : word.pieces) {
        const TrueTypeFace& metrics = family.face(piece.face);
        std::size_t pos = 0;
        while (pos < piece.text.size()) {
            const std::size_t start = pos;
            const char32_t cp = text::next_code_point(piece.text, pos);
            const double w = metrics.advance(cp) * piece.size;
            if (chunks.back().width + w > max_width && chunks.back().width > 0) chunks.emplace_back();
            Word& chunk = chunks.back();
            if (chunk.pieces.empty() || chunk.pieces.back().face != piece.face)
                chunk.pieces.push_back(Piece{"", piece.face, piece.size, piece.underline, 0});
            chunk.pieces.back().text.append(piece.text, start, pos - start);
            chunk.pieces.back().width += w;
            chunk.width += w;
        }
    }
    return chunks;
}

struct Paragraph {
    std::vector<BreakItem> items;
    std::vector<const Word*> word_of_item;   // for boxes
    std::deque<Word> split_words;            // chunks of over-wide words (stable addresses)
};

Paragraph build_items(const std::vector<Token>& tokens, const ParagraphFormat& format,
                      const FontFamily& family, double narrowest_line) {
    Paragraph p;
    const bool justify = format.align == model::Align::justify;
    auto add_box = [&](const Word* w) {
        p.items.push_back({BreakItem::Kind::box, w->width, 0, 0, 0});
        p.word_of_item.push_back(w);
    };
    auto add_glue = [&](double width) {
        // Justified: spaces may grow by half and shrink by a third (TeX's values). Ragged
        // lines use the same breaking with a wide stretch at each line end instead.
        const double stretch = justify ? width / 2 : 3 * width;
        p.items.push_back({BreakItem::Kind::glue, width, stretch, justify ? width / 3 : 0, 0});
        p.word_of_item.push_back(nullptr);
    };
    auto add_forced_break = [&] {
        p.items.push_back({BreakItem::Kind::glue, 0, 1e6, 0, 0});
        p.word_of_item.push_back(nullptr);
        p.items.push_back({BreakItem::Kind::penalty, 0, 0, 0, -forced_break});
        p.word_of_item.push_back(nullptr);
    };

    bool pending_space = false;
    double space_width = 0;
    bool have_word = false;
    for (const Token& t : tokens) {
        if (t.kind == Token::Kind::space) {
            pending_space = have_word;
            space_width = t.space_width;
        } else if (t.kind == Token::Kind::line_break) {
            add_forced_break();
            pending_space = false;
            have_word = false;
        } else {
            if (pending_space) add_glue(space_width);
            pending_space = false;
            if (t.word.width > narrowest_line) {
                const std::vector<Word> chunks = split_wide_word(t.word, narrowest_line, family);
                for (std::size_t c = 0; c < chunks.size(); ++c) {
                    if (c > 0) {
                        p.items.push_back({BreakItem::Kind::penalty, 0, 0, 0, 0});
                        p.word_of_item.push_back(nullptr);
                    }
                    p.split_words.push_back(chunks[c]);
                    add_box(&p.split_words.back());
                }
            } else {
                add_box(&t.word);
            }
            have_word = true;
        }
    }
    add_forced_break();
    return p;
}

// Lays out the items from `first` to `last` (exclusive) as one line.
SetLine set_line(const Paragraph& p, std::size_t first, std::size_t last, double width, double indent,
                 const ParagraphFormat& format, bool forced_end, const FontFamily& family) {
    // Glue and penalties at the start of a line vanish.
    while (first < last && p.items[first].kind != BreakItem::Kind::box) ++first;
    double natural = 0, stretch = 0, shrink = 0;
    for (std::size_t i = first; i < last; ++i) {
        const BreakItem& item = p.items[i];
        if (item.kind == BreakItem::Kind::penalty) continue;
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

    SetLine line;
    line.justified = stretch_spaces && ratio != 0;
    bool previous_underlined = false;
    double max_size = 0;
    for (std::size_t i = first; i < last; ++i) {
        const BreakItem& item = p.items[i];
        if (item.kind == BreakItem::Kind::glue) {
            const double w = item.width + (ratio < 0 ? ratio * item.shrink : (stretch_spaces ? ratio * item.stretch : 0));
            const Word* next = i + 1 < last ? p.word_of_item[i + 1] : nullptr;
            if (previous_underlined && next && next->pieces.front().underline)
                line.underlines.emplace_back(x, x + w);
            x += w;
        } else if (item.kind == BreakItem::Kind::box) {
            for (const Piece& piece : p.word_of_item[i]->pieces) {
                line.fragments.push_back(Fragment{piece.text, piece.face, piece.size, x, piece.width});
                if (piece.underline) line.underlines.emplace_back(x, x + piece.width);
                previous_underlined = piece.underline;
                max_size = std::max(max_size, piece.size);
                x += piece.width;
            }
        }
    }
    line.natural_right = x;
    if (max_size == 0) max_size = format.size;
    const TrueTypeFace& metrics = family.face(face_of(format.bold, format.italic));
    line.ascent = metrics.ascent() * max_size;
    line.descent = metrics.descent() * max_size;
    line.height = metrics.line_height() * max_size * format.line_spacing;
    return line;
}

} // namespace

double text_width(const TrueTypeFace& face, std::string_view utf8) {
    double width = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) width += face.advance(text::next_code_point(utf8, pos));
    return width;
}

ParagraphFormat format_of(const model::TextStyle& style, double width) {
    ParagraphFormat f;
    f.width = width;
    f.first_indent = style.first_line_indent_mm * points_per_mm;
    f.left_indent = style.left_indent_mm * points_per_mm;
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
    const std::vector<Token> tokens = tokenize(runs, format, family);
    const double full = std::max(1.0, format.width - format.left_indent);
    const double first = std::max(1.0, full - format.first_indent);
    const Paragraph p = build_items(tokens, format, family, std::min(full, first));
    const auto line_width = [&](std::size_t line) { return line == 0 ? first : full; };
    const std::vector<std::size_t> breaks = break_lines(p.items, line_width);

    std::vector<SetLine> lines;
    std::size_t start = 0;
    for (std::size_t b : breaks) {
        const bool forced = p.items[b].kind == BreakItem::Kind::penalty && p.items[b].penalty <= -forced_break;
        // A forced break is preceded by its fill glue, which belongs to no line.
        std::size_t end = b;
        if (forced && end > start && p.items[end - 1].kind == BreakItem::Kind::glue && p.items[end - 1].stretch >= 1e6)
            --end;
        const double indent = format.left_indent + (lines.empty() ? format.first_indent : 0);
        lines.push_back(set_line(p, start, end, line_width(lines.size()), indent, format, forced, family));
        start = b + 1;
    }
    if (lines.empty()) lines.push_back(set_line(p, 0, 0, full, format.left_indent, format, true, family));
    return lines;
}

} // namespace vanban::layout
