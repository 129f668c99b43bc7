#include "import/inline_markup.hpp"

#include "import/text_tools.hpp"
#include "markup/inline.hpp"

namespace vanban::import {

namespace {

struct Style {
    bool bold = false, italic = false, underline = false;
    bool operator==(const Style&) const = default;
};

// One character (or a squeezed space, or a line break) with its style. The text points
// into the spans (or at a literal): the spans outlive the pieces.
struct Piece {
    std::string_view text;
    Style style;
    bool space = false;
    bool line_break = false;
};

bool is_blank_byte(std::string_view s, std::size_t i, std::size_t& width) {
    width = 1;
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') return true;
    if (s.substr(i, 2) == "\xC2\xA0") {
        width = 2;
        return true;
    }
    return false;
}

// The spans as pieces: white space squeezed and trimmed, a space styled as what both its
// neighbours share, so that emphasis never starts or ends on a space.
std::vector<Piece> pieces_of(const std::vector<Span>& spans, Emphasis drop, bool line_breaks) {
    std::vector<Piece> pieces;
    std::size_t bytes = 0;
    for (const Span& span : spans) bytes += span.text.size();
    pieces.reserve(bytes);
    for (const Span& span : spans) {
        const Style style{span.bold && !drop.bold, span.italic && !drop.italic, span.underline && !drop.underline};
        const std::string_view t = span.text;
        for (std::size_t i = 0; i < t.size();) {
            std::size_t width = 1;
            const bool newline = t[i] == '\n';
            if (is_blank_byte(t, i, width) || (newline && !line_breaks)) {
                if (!pieces.empty() && !pieces.back().space && !pieces.back().line_break)
                    pieces.push_back({" ", {}, true, false});
                i += width;
                continue;
            }
            if (newline) {
                while (!pieces.empty() && pieces.back().space) pieces.pop_back();
                if (!pieces.empty()) pieces.push_back({"\n", {}, false, true});
                ++i;
                continue;
            }
            const std::size_t start = i++;
            while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++i;
            pieces.push_back({t.substr(start, i - start), style, false, false});
        }
    }
    while (!pieces.empty() && (pieces.back().space || pieces.back().line_break)) pieces.pop_back();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (!pieces[i].space) continue;
        const Style& a = pieces[i - 1].style;
        const Style& b = i + 1 < pieces.size() ? pieces[i + 1].style : Style{};
        pieces[i].style = {a.bold && b.bold, a.italic && b.italic, a.underline && b.underline};
    }
    return pieces;
}

void append_escaped(std::string& out, std::string_view text) {
    if (text == "\\" || text == "*" || text == "_") out += '\\';
    out += text;
}

// Writes the pieces with the fewest marker changes: styles open in the order underline,
// bold, italic and close in the reverse; a style that must close while one opened after
// it stays open is closed and reopened.
std::string write_markup(const std::vector<Piece>& pieces) {
    std::string out;
    std::vector<char> open; // 'u', 'b', 'i'
    auto marker = [](char s) { return s == 'u' ? "__" : s == 'b' ? "**" : "*"; };
    auto wanted = [](const Style& st, char s) { return s == 'u' ? st.underline : s == 'b' ? st.bold : st.italic; };
    auto close_to = [&](std::size_t keep) {
        while (open.size() > keep) {
            out += marker(open.back());
            open.pop_back();
        }
    };
    for (const Piece& piece : pieces) {
        const Style st = piece.line_break ? Style{} : piece.style;
        std::size_t keep = 0;
        while (keep < open.size() && wanted(st, open[keep])) ++keep;
        close_to(keep);
        for (char s : {'u', 'b', 'i'}) {
            bool is_open = false;
            for (char o : open) is_open = is_open || o == s;
            if (wanted(st, s) && !is_open) {
                out += marker(s);
                open.push_back(s);
            }
        }
        append_escaped(out, piece.text);
    }
    close_to(0);
    return out;
}

model::Inline expected_runs(const std::vector<Piece>& pieces) {
    model::Inline runs;
    for (const Piece& piece : pieces) {
        const Style st = piece.line_break ? Style{} : piece.style;
        if (!runs.empty() && runs.back().bold == st.bold && runs.back().italic == st.italic &&
            runs.back().underline == st.underline) {
            runs.back().text += piece.text;
            continue;
        }
        runs.push_back({std::string(piece.text), st.bold, st.italic, st.underline});
    }
    return runs;
}

std::string plain_of(const std::vector<Piece>& pieces) {
    std::string out;
    for (const Piece& piece : pieces) append_escaped(out, piece.text);
    return out;
}

} // namespace

std::string escape_markup(std::string_view plain) {
    std::string out;
    out.reserve(plain.size());
    for (char c : plain) {
        if (c == '\\' || c == '*' || c == '_') out += '\\';
        out += c;
    }
    return out;
}

Encoded encode_spans(const std::vector<Span>& spans, Emphasis drop, bool line_breaks) {
    const std::vector<Piece> pieces = pieces_of(spans, drop, line_breaks);
    Encoded encoded;
    encoded.text = write_markup(pieces);
    // Read back as the templates will read it; a mismatch keeps the text without emphasis.
    const model::Inline read = markup::parse_inline({markup::Piece{encoded.text, false}});
    if (read == expected_runs(pieces)) return encoded;
    encoded.text = plain_of(pieces);
    encoded.emphasis_lost = true;
    return encoded;
}

Emphasis common_emphasis(const std::vector<Span>& spans) {
    Emphasis all{true, true, true};
    bool any = false;
    for (const Span& span : spans) {
        if (trim(span.text).empty()) continue;
        any = true;
        all.bold = all.bold && span.bold;
        all.italic = all.italic && span.italic;
        all.underline = all.underline && span.underline;
    }
    return any ? all : Emphasis{};
}

std::string plain_text(const std::vector<Span>& spans, bool line_breaks) {
    // The pieces' text without their styles: white space squeezed, ends trimmed.
    std::string out;
    bool pending_space = false;
    for (const Span& span : spans) {
        const std::string_view t = span.text;
        for (std::size_t i = 0; i < t.size();) {
            std::size_t width = 1;
            const bool newline = t[i] == '\n';
            if (is_blank_byte(t, i, width) || (newline && !line_breaks)) {
                pending_space = !out.empty() && out.back() != '\n';
                i += width;
                continue;
            }
            if (newline) {
                pending_space = false;
                if (!out.empty() && out.back() != '\n') out += '\n';
                ++i;
                continue;
            }
            if (pending_space) out += ' ';
            pending_space = false;
            out += t[i++];
        }
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::vector<Span> spans_from(const std::vector<Span>& spans, std::size_t from) {
    std::vector<Span> out;
    std::size_t at = 0;
    for (const Span& span : spans) {
        const std::size_t end = at + span.text.size();
        if (end > from) {
            Span piece = span;
            if (from > at) piece.text = span.text.substr(from - at);
            out.push_back(std::move(piece));
        }
        at = end;
    }
    return out;
}

std::vector<Span> spans_until(const std::vector<Span>& spans, std::size_t to) {
    std::vector<Span> out;
    std::size_t at = 0;
    for (const Span& span : spans) {
        if (at >= to) break;
        Span piece = span;
        if (at + span.text.size() > to) piece.text = span.text.substr(0, to - at);
        out.push_back(std::move(piece));
        at += span.text.size();
    }
    return out;
}

std::vector<std::vector<Span>> split_lines(const std::vector<Span>& spans) {
    std::vector<std::vector<Span>> lines(1);
    for (const Span& span : spans) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t stop = span.text.find('\n', start);
            Span piece = span;
            piece.text = span.text.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
            if (!piece.text.empty()) lines.back().push_back(std::move(piece));
            if (stop == std::string::npos) break;
            lines.emplace_back();
            start = stop + 1;
        }
    }
    return lines;
}

} // namespace vanban::import
