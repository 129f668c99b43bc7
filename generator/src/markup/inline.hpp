// Inline emphasis: **bold**, *italic*, __underline__, in template text and in data.
//
// The rules (docs/template-language.md, "Inline emphasis"):
// - A run of '*' or of two or more '_' can open emphasis when it is followed by a letter, or
//   by punctuation while it follows white space or punctuation; it can close emphasis in the
//   mirror case (CommonMark's "flanking" rule; the line's ends count as white space). So
//   "5 * 3" and a lone "_" stay as they are, and in "(*a*)" the first star opens and the
//   second closes.
// - A closing run closes the nearest open run of the same character and length, or else the
//   nearest open run of the same character; '**' pairs make bold, single '*' italic, '__'
//   underline. Runs left open, or opened but never closed, stay
//   literal text. Emphasis nests: **(*thực hiện thường xuyên*)**.
// - Template markers pair with template markers anywhere on the line, so emphasis written
//   around a value spans it: "(*" {{ deadline }} "*)". A marker inside a data value pairs
//   only with a marker of the same value: data can style itself but can neither close nor
//   open the template's emphasis.
// - "\*", "\_" and "\\" write the character itself. The backslash and the character must come
//   from the same piece, so a template backslash never escapes the first character of a value.
// - A line break inside data (also "\r\n" or "\r") becomes "\n": a forced break in the run.
#pragma once

#include <string_view>
#include <vector>

#include "markup/line.hpp"
#include "vanban/model.hpp"

namespace vanban::markup {

// Parses ranges of lines into styled runs. Keeps its working buffers between calls, so one
// parser per builder avoids allocations per line; not shared between threads.
class InlineParser {
public:
    // Adjacent runs of the result always differ in style; empty text gives no runs.
    model::Inline parse(const Line& line, Range range);

private:
    struct Token {
        std::string_view text;     // text to print, or the characters of a delimiter run
        char delimiter = 0;        // '*' or '_' for a delimiter run; 0 for plain text
        bool can_open = false;
        bool can_close = false;
        bool from_template = false;
        std::uint32_t source = 0;
        int closed_chars = 0;      // characters of the run used to close emphasis
        int opened_chars = 0;      // characters of the run used to open emphasis
        int bold = 0, italic = 0, underline = 0;             // styles this run opens
        int end_bold = 0, end_italic = 0, end_underline = 0; // styles this run closes
        int unused() const { return static_cast<int>(text.size()) - closed_chars - opened_chars; }
    };

    void tokenize(const Line& line, Range range);
    void match_delimiters();
    std::size_t find_opener(const Token& closer) const;
    void close_with(Token& closer);
    void emit(model::Inline& out) const;

    std::vector<Token> tokens_;
    std::vector<std::size_t> openers_; // indexes into tokens_: runs that may still open
};

// A piece of one line of text, as the template evaluator delivers it.
struct Piece {
    std::string_view text;
    bool from_template = true;
};

// Conveniences for callers that have no Line at hand (tests, other stages).
model::Inline parse_inline(std::string_view template_text);
model::Inline parse_inline(const std::vector<Piece>& pieces);

} // namespace vanban::markup
