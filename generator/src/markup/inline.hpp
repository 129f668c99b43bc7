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

#include <cstdint>
#include <string_view>
#include <unordered_map>
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

    // The open runs looked at while pairing the last line's runs: at most a few per run,
    // whatever the line (tests check the match is linear with it).
    std::size_t openers_examined() const { return openers_examined_; }

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

    // Open runs are found through lists kept per kind of run, so that finding the opener of
    // a closing run costs no more than the open runs it passes over for good: the whole
    // match is linear in the length of the line. (A scan of every open run per closing run
    // is quadratic: 1 MiB of "*a_**b__ " in a data value took minutes.)
    //
    // A kind is the runs that may pair with each other, the delimiter and the piece class
    // (template, or one data value), with either one count of unused characters or any.
    struct OpenerKind {
        char delimiter = 0;
        std::uint32_t piece_class = 0; // kTemplateClass, or the source of a data value
        int unused = 0;                // kAnyUnused, or the run's count of unused characters
        bool operator==(const OpenerKind&) const = default;
    };
    struct OpenerKindHash {
        std::size_t operator()(const OpenerKind& kind) const noexcept;
    };
    // One entry of a kind's list: the open run at openers_[position], or, once that run has
    // left the stack or its unused count has changed, a stale entry skipped (for good) when
    // it is met. `below` is the entry pushed onto the same list before it.
    struct OpenerEntry {
        std::size_t position;
        std::size_t token;
        std::size_t below;
    };
    static constexpr std::uint32_t kTemplateClass = UINT32_MAX;
    static constexpr int kAnyUnused = -1;
    static constexpr std::size_t kNoEntry = SIZE_MAX;

    void tokenize(const Line& line, Range range);
    void match_delimiters();
    OpenerKind kind_of(const Token& token, int unused) const;
    void list_opener(std::size_t position, int unused);
    void push_opener(std::size_t token);
    std::size_t find_opener(const Token& closer);
    std::size_t top_of(const OpenerKind& kind);
    void close_with(Token& closer);
    void emit(model::Inline& out) const;

    std::vector<Token> tokens_;
    std::vector<std::size_t> openers_; // indexes into tokens_: runs that may still open
    std::vector<OpenerEntry> entries_;
    std::unordered_map<OpenerKind, std::size_t, OpenerKindHash> kind_tops_; // the top entry of each kind
    std::size_t openers_examined_ = 0;
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
