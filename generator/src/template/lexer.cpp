#include "template/lexer.hpp"

#include <charconv>

#include "text/json_path.hpp"

namespace vanban::tmpl {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }
bool is_white(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Decodes the code point starting at s[i] (the source is valid UTF-8); sets `length`.
char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char b = byte(0);
    if (b < 0x80) { length = 1; return b; }
    if (b < 0xE0) { length = 2; return char32_t(b & 0x1F) << 6 | (byte(1) & 0x3F); }
    if (b < 0xF0) { length = 3; return char32_t(b & 0x0F) << 12 | char32_t(byte(1) & 0x3F) << 6 | (byte(2) & 0x3F); }
    length = 4;
    return char32_t(b & 0x07) << 18 | char32_t(byte(1) & 0x3F) << 12 | char32_t(byte(2) & 0x3F) << 6 |
           (byte(3) & 0x3F);
}

// Moves a position over `bytes` of source: columns count code points.
Pos advanced(Pos pos, std::string_view bytes) {
    for (char c : bytes) {
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if (!is_continuation(c)) {
            ++pos.column;
        }
    }
    return pos;
}

class Lexer {
public:
    explicit Lexer(std::string_view source) : src_(source) {}
    // A lexer placed at the tokens of `tag` (Segment::begin), to read them again.
    Lexer(std::string_view source, const Segment& tag) : src_(source), i_(tag.begin), pos_(tag.tokens_pos) {}

    std::vector<Segment> run() {
        segments_.reserve(most_segments());
        while (i_ < src_.size()) {
            std::size_t open = find_tag_start(i_);
            if (open > i_) add_text(open);
            if (open < src_.size()) lex_tag();
        }
        return std::move(segments_);
    }

private:
    std::string_view src_;
    std::size_t i_ = 0;
    Pos pos_{1, 1};
    std::vector<Segment> segments_;
    std::vector<Token> scratch_; // the tokens of the tag being lexed, to find where it ends

    // Each tag makes a segment, and at most one text segment comes before it: the segments
    // are reserved at once, without the slack of growing (a template of a million tags).
    std::size_t most_segments() const {
        std::size_t tags = 0;
        for (std::size_t k = src_.find('{'); k != std::string_view::npos; k = src_.find('{', k + 1))
            if (k + 1 < src_.size() && (src_[k + 1] == '{' || src_[k + 1] == '%' || src_[k + 1] == '#')) ++tags;
        return 2 * tags + 1;
    }

    bool at(std::size_t k, std::string_view s) const { return src_.compare(k, s.size(), s) == 0; }

    void advance(std::size_t n) {
        pos_ = advanced(pos_, src_.substr(i_, n));
        i_ += n;
    }

    // The next "{{", "{%" or "{#" at or after `from`, or the end of the source.
    std::size_t find_tag_start(std::size_t from) const {
        for (std::size_t k = src_.find('{', from); k != std::string_view::npos; k = src_.find('{', k + 1)) {
            if (k + 1 < src_.size() && (src_[k + 1] == '{' || src_[k + 1] == '%' || src_[k + 1] == '#'))
                return k;
        }
        return src_.size();
    }

    void add_text(std::size_t end) {
        Segment text;
        text.kind = Segment::Kind::text;
        text.pos = pos_;
        text.begin = i_;
        text.end = end;
        advance(end - i_);
        segments_.push_back(std::move(text));
    }

    void lex_tag() {
        Segment tag;
        tag.pos = pos_;
        char second = src_[i_ + 1];
        advance(2);
        if (i_ < src_.size() && src_[i_] == '-') {
            tag.trim_before = true;
            advance(1);
        }
        if (second == '#') {
            lex_comment(tag);
        } else {
            tag.kind = second == '{' ? Segment::Kind::print : Segment::Kind::statement;
            tag.begin = i_;
            tag.tokens_pos = pos_;
            scratch_.clear();
            lex_tag_tokens(tag, scratch_);
            tag.end = i_;
        }
        segments_.push_back(std::move(tag));
    }

    void lex_comment(Segment& tag) {
        tag.kind = Segment::Kind::comment;
        std::size_t close = src_.find("#}", i_);
        if (close == std::string_view::npos)
            throw SyntaxError{tag.pos,
                              msg("template.comment-not-closed", "this comment is never closed: expected '#}'")};
        tag.trim_after = close > i_ && src_[close - 1] == '-';
        advance(close + 2 - i_);
    }

public:
    // Lexes the tokens of `tag` up to its closing delimiter (an `end` token) into `tokens`.
    void lex_tag_tokens(Segment& tag, std::vector<Token>& tokens) {
        const bool print = tag.kind == Segment::Kind::print;
        const std::string_view close = print ? "}}" : "%}";
        const std::string_view wrong_close = print ? "%}" : "}}";
        const std::string_view open = print ? "{{" : "{%";
        for (;;) {
            while (i_ < src_.size() && is_white(src_[i_])) advance(1);
            if (i_ >= src_.size())
                throw SyntaxError{tag.pos,
                                  msg("template.tag-not-closed", "'{open}' is never closed: expected '{close}'",
                                      {{"open", open}, {"close", close}})};
            bool trim = src_[i_] == '-' && at(i_ + 1, close);
            if (at(i_, close) || trim) {
                tag.trim_after = trim;
                Token end;
                end.kind = Token::Kind::end;
                end.pos = pos_;
                end.text = src_.substr(i_, close.size() + (trim ? 1 : 0));
                advance(end.text.size());
                tokens.push_back(std::move(end));
                return;
            }
            if (at(i_, wrong_close) || (src_[i_] == '-' && at(i_ + 1, wrong_close)))
                throw SyntaxError{pos_,
                                  msg("template.tag-closed-wrongly",
                                      "'{open}' must be closed by '{close}', not '{wrong}'",
                                      {{"open", open}, {"close", close}, {"wrong", wrong_close}})};
            if (at(i_, "{{") || at(i_, "{%") || at(i_, "{#"))
                throw SyntaxError{tag.pos, msg("template.tag-not-closed-before-next",
                                               "'{open}' is not closed before the next tag: expected '{close}'",
                                               {{"open", open}, {"close", close}})};
            tokens.push_back(lex_token());
        }
    }

private:

    Token lex_token() {
        char c = src_[i_];
        if (c == '"' || c == '\'') return lex_string();
        if (is_digit(c)) return lex_number();
        std::size_t length = 0;
        if (text::is_name_code_point(decode(src_, i_, length), true)) return lex_name();
        return lex_operator();
    }

    Token lex_name() {
        Token token;
        token.kind = Token::Kind::name;
        token.pos = pos_;
        std::size_t start = i_, k = i_, length = 0;
        while (k < src_.size() && text::is_name_code_point(decode(src_, k, length), k == start)) k += length;
        token.text = src_.substr(start, k - start);
        advance(k - start);
        return token;
    }

    Token lex_number() {
        Token token;
        token.pos = pos_;
        std::size_t start = i_, k = i_;
        while (k < src_.size() && is_digit(src_[k])) ++k;
        bool fraction = k + 1 < src_.size() && src_[k] == '.' && is_digit(src_[k + 1]);
        if (fraction) {
            ++k;
            while (k < src_.size() && is_digit(src_[k])) ++k;
        }
        if (k < src_.size() && (is_ascii_letter(src_[k]) || src_[k] == '_'))
            throw SyntaxError{pos_,
                              msg("template.number-then-letter", "a number cannot be followed by a letter: '{text}'",
                                  {{"text", src_.substr(start, k + 1 - start)}})};
        token.text = src_.substr(start, k - start);
        const char* first = token.text.data();
        const char* last = first + token.text.size();
        if (fraction) {
            token.kind = Token::Kind::number;
            std::from_chars(first, last, token.number);
        } else {
            token.kind = Token::Kind::integer;
            if (std::from_chars(first, last, token.integer).ec != std::errc())
                throw SyntaxError{pos_, msg("template.number-too-large", "the number {number} is too large",
                                            {{"number", token.text}})};
        }
        advance(k - start);
        return token;
    }

    Token lex_string() {
        Token token;
        token.kind = Token::Kind::string;
        token.pos = pos_;
        const char quote = src_[i_];
        std::size_t k = i_ + 1;
        for (;;) {
            if (k >= src_.size() || src_[k] == '\n')
                throw SyntaxError{pos_, msg("template.string-not-closed",
                                            "this string is never closed: expected {quote} before the end of the line",
                                            {{"quote", std::string(1, quote)}})};
            char c = src_[k];
            if (c == quote) break;
            if (c != '\\') {
                token.string_value += c;
                ++k;
                continue;
            }
            char escaped = k + 1 < src_.size() ? src_[k + 1] : '\0';
            switch (escaped) {
            case '"': token.string_value += '"'; break;
            case '\'': token.string_value += '\''; break;
            case '\\': token.string_value += '\\'; break;
            case 'n': token.string_value += '\n'; break;
            default:
                throw SyntaxError{advanced(pos_, src_.substr(i_, k - i_)),
                                  msg("template.unknown-escape", "unknown escape in a string"),
                                  ErrorKind::template_syntax,
                                  msg("template.known-escapes", "the escapes are \\\" \\' \\\\ and \\n")};
            }
            k += 2;
        }
        token.text = src_.substr(i_, k + 1 - i_);
        advance(k + 1 - i_);
        return token;
    }

    Token lex_operator() {
        static constexpr std::string_view two_char[] = {"==", "!=", "<=", ">="};
        static constexpr std::string_view one_char = "+-*/%~<>()[],.|=:";
        Token token;
        token.kind = Token::Kind::op;
        token.pos = pos_;
        for (std::string_view op : two_char) {
            if (at(i_, op)) {
                token.text = src_.substr(i_, 2);
                advance(2);
                return token;
            }
        }
        if (one_char.find(src_[i_]) != std::string_view::npos) {
            token.text = src_.substr(i_, 1);
            advance(1);
            return token;
        }
        std::size_t length = 0;
        decode(src_, i_, length);
        throw SyntaxError{pos_, msg("template.unexpected-character", "unexpected character '{character}'",
                                    {{"character", src_.substr(i_, length)}})};
    }
};

// ---------------------------------------------------------------- white space control

// Removes the first `n` bytes of a text segment, keeping its position exact.
void drop_front(Segment& text, std::string_view source, std::size_t n) {
    text.pos = advanced(text.pos, source.substr(text.begin, n));
    text.begin += n;
}

bool only_spaces(std::string_view s) {
    for (char c : s)
        if (!is_space_or_tab(c)) return false;
    return true;
}

// A line that holds nothing but {% %} and {# #} tags and spaces disappears, its line end
// included. A "line" here ends at a line end in template text; line ends inside a tag
// (a comment over several lines) do not split it.
void remove_tag_only_lines(std::vector<Segment>& segments, std::string_view source) {
    struct Piece {
        std::size_t segment;
        std::size_t begin, end; // bytes of this line inside that text segment
    };
    std::vector<Piece> line;   // the text pieces of the current line
    bool only_blank_and_statements = true;
    bool has_statement = false;

    auto erase_line = [&] {
        if (only_blank_and_statements && has_statement) {
            for (const Piece& piece : line) {
                Segment& text = segments[piece.segment];
                if (piece.begin == text.begin) drop_front(text, source, piece.end - piece.begin);
                else text.end = piece.begin; // the piece is the segment's tail
            }
        }
        line.clear();
        only_blank_and_statements = true;
        has_statement = false;
    };

    for (std::size_t s = 0; s < segments.size(); ++s) {
        const Segment& segment = segments[s];
        if (segment.kind == Segment::Kind::print) {
            only_blank_and_statements = false;
            continue;
        }
        if (segment.kind != Segment::Kind::text) {
            has_statement = true;
            continue;
        }
        std::size_t from = segment.begin;
        const std::size_t end = segment.end; // erase_line may move segment.begin, not this
        for (;;) {
            std::size_t newline = source.find('\n', from);
            if (newline == std::string_view::npos || newline >= end) break;
            only_blank_and_statements = only_blank_and_statements && only_spaces(source.substr(from, newline - from));
            line.push_back({s, from, newline + 1});
            erase_line();
            from = newline + 1;
        }
        if (from < end) {
            only_blank_and_statements = only_blank_and_statements && only_spaces(source.substr(from, end - from));
            line.push_back({s, from, end});
        }
    }
    erase_line(); // the last line, which has no line end
}

// "{%-" strips all white space before the tag, "-%}" all white space after it.
void apply_trim_markers(std::vector<Segment>& segments, std::string_view source) {
    for (std::size_t s = 0; s < segments.size(); ++s) {
        const Segment& tag = segments[s];
        if (tag.kind == Segment::Kind::text) continue;
        if (tag.trim_before && s > 0 && segments[s - 1].kind == Segment::Kind::text) {
            Segment& text = segments[s - 1];
            while (text.end > text.begin && is_white(source[text.end - 1])) --text.end;
        }
        if (tag.trim_after && s + 1 < segments.size() && segments[s + 1].kind == Segment::Kind::text) {
            Segment& text = segments[s + 1];
            std::size_t n = 0;
            while (text.begin + n < text.end && is_white(source[text.begin + n])) ++n;
            drop_front(text, source, n);
        }
    }
}

} // namespace

void lex_tokens(std::string_view source, const Segment& tag, std::vector<Token>& tokens) {
    tokens.clear();
    Segment copy = tag;
    Lexer(source, tag).lex_tag_tokens(copy, tokens);
}

std::vector<Segment> lex(std::string_view source) {
    std::vector<Segment> segments = Lexer(source).run();
    remove_tag_only_lines(segments, source);
    apply_trim_markers(segments, source);
    std::erase_if(segments, [](const Segment& s) {
        return s.kind == Segment::Kind::comment || (s.kind == Segment::Kind::text && s.begin == s.end);
    });
    return segments;
}

} // namespace vanban::tmpl
