// The lexer: template source -> segments (text, {{ }}, {% %}, {# #}) with the tokens of
// each tag, positions in code points, and the white space rules of the language applied.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "template/ast.hpp"
#include "vanban/error.hpp"

namespace vanban::tmpl {

// A problem found while lexing or parsing, at a position in the source. parse_template
// turns it into a vanban::Failure with the file name and the text of the line.
struct SyntaxError {
    SyntaxError(Pos at, Message what, ErrorKind error_kind = ErrorKind::template_syntax, Message what_to_do = {})
        : pos(at), message(std::move(what)), kind(error_kind), hint(std::move(what_to_do)) {}

    Pos pos;
    Message message;
    ErrorKind kind;
    Message hint; // what to do about it, when there is something to say
};

struct Token {
    enum class Kind : std::uint8_t {
        name,    // identifiers and keywords
        string,  // decoded into `string_value`
        integer, // `integer`
        number,  // a literal with a decimal point: `number`
        op,      // punctuation and operators; `text` is the spelling
        end,     // the tag's closing delimiter
    };
    Kind kind = Kind::end;
    Pos pos;
    std::string_view text; // the spelling, viewing the source
    std::string string_value;
    std::int64_t integer = 0;
    double number = 0;

    bool is_op(std::string_view spelling) const { return kind == Kind::op && text == spelling; }
    bool is_name(std::string_view word) const { return kind == Kind::name && text == word; }
};

struct Segment {
    enum class Kind : std::uint8_t { text, print, statement, comment };
    Kind kind = Kind::text;
    bool trim_before = false;       // "{{-", "{%-", "{#-"
    bool trim_after = false;        // "-}}", "-%}", "-#}"
    Pos pos;                        // text: its first character; tags: the "{"
    Pos tokens_pos;                 // print and statement tags: where their tokens start
    std::size_t begin = 0, end = 0; // text: its bytes in the source; print and statement
                                    // tags: their tokens' bytes, the closing delimiter included
};

// Splits `source` (valid UTF-8, LF line ends) into segments. White space control is
// applied: lines holding only {% %} / {# #} tags and spaces are removed with their line
// end, and the '-' markers strip white space next to their tag. Empty text segments are
// dropped. Throws SyntaxError, for a tag's tokens too.
//
// The tokens of the tags are not kept: a template of a million tags would hold several
// million tokens at once, ten times its own size. The parser reads each tag's tokens again
// with lex_tokens when it reaches the tag.
std::vector<Segment> lex(std::string_view source);

// The tokens of a print or statement segment that lex made from `source`, into `tokens`
// (cleared first); the last one is `end`.
void lex_tokens(std::string_view source, const Segment& tag, std::vector<Token>& tokens);

} // namespace vanban::tmpl
