#include "markup/inline.hpp"

#include <cctype>

#include "text/bytes.hpp"

namespace vanban::markup {

namespace {

// What stands next to a delimiter run; a line's ends count as white space.
enum class Neighbour { space, punctuation, other };

Neighbour neighbour(std::string_view text, std::size_t pos, std::size_t limit, int step) {
    if (step < 0 ? pos <= limit : pos + 1 >= limit) return Neighbour::space;
    const char c = text[step < 0 ? pos - 1 : pos + 1];
    if (is_space(c)) return Neighbour::space;
    const auto u = static_cast<unsigned char>(c);
    // Non-ASCII bytes belong to letters (Vietnamese) as far as emphasis is concerned.
    if (u < 0x80 && std::ispunct(u)) return Neighbour::punctuation;
    return Neighbour::other;
}

bool is_escapable(char c) { return c == '\\' || c == '*' || c == '_'; }

// The characters tokenize() looks at; every other byte is plain text.
bool may_start_token(char c) { return c == '\\' || c == '\r' || c == '*' || c == '_'; }

// The next byte from `pos` (before `end`) that may start a token; `end` if none. Plain text,
// nearly all of a document, is passed over eight bytes at a time.
std::size_t next_token_start(std::string_view text, std::size_t pos, std::size_t end) {
    using namespace text::bytes;
    for (; pos + 8 <= end; pos += 8) {
        const std::uint64_t word = load8(text.data() + pos);
        if (any_equal(word, '\\') | any_equal(word, '\r') | any_equal(word, '*') | any_equal(word, '_')) break;
    }
    while (pos < end && !may_start_token(text[pos])) ++pos;
    return pos;
}

// Characters of a run needed for one pairing: '_' only works in pairs ("__").
int minimum_use(char delimiter) { return delimiter == '_' ? 2 : 1; }

void append_styled(model::Inline& out, std::string_view text, bool bold, bool italic,
                   bool underline) {
    if (text.empty()) return;
    if (!out.empty()) {
        model::Run& last = out.back();
        if (last.bold == bold && last.italic == italic && last.underline == underline) {
            last.text.append(text);
            return;
        }
    }
    model::Run run;
    run.text.assign(text);
    run.bold = bold;
    run.italic = italic;
    run.underline = underline;
    out.push_back(std::move(run));
}

} // namespace

model::Inline InlineParser::parse(const Line& line, Range range) {
    model::Inline out;
    if (range.empty()) return out;
    tokenize(line, range);
    match_delimiters();
    emit(out);
    return out;
}

void InlineParser::tokenize(const Line& line, Range range) {
    tokens_.clear();
    const std::string_view text(line.text);
    std::size_t segment = 0; // index of the segment holding `pos`
    auto segment_end = [&](std::size_t index) {
        const std::size_t next = index + 1 < line.segments.size() ? line.segments[index + 1].begin
                                                                  : text.size();
        return std::min(next, range.end);
    };
    while (segment + 1 < line.segments.size() && line.segments[segment + 1].begin <= range.begin)
        ++segment;

    std::size_t text_start = range.begin;
    auto flush_text = [&](std::size_t upto) {
        if (upto > text_start) {
            Token token;
            token.text = text.substr(text_start, upto - text_start);
            tokens_.push_back(token);
        }
    };
    auto push_literal = [&](std::string_view literal) {
        Token token;
        token.text = literal;
        tokens_.push_back(token);
    };

    std::size_t pos = range.begin;
    while (pos < range.end) {
        while (segment + 1 < line.segments.size() && line.segments[segment + 1].begin <= pos)
            ++segment;
        const Segment& seg = line.segments[segment];
        const std::size_t end = segment_end(segment);
        const char c = text[pos];

        if (c == '\\' && pos + 1 < end && is_escapable(text[pos + 1])) {
            flush_text(pos);
            push_literal(text.substr(pos + 1, 1));
            pos += 2;
            text_start = pos;
            continue;
        }
        if (c == '\r' && !seg.from_template) {
            flush_text(pos);
            push_literal("\n");
            pos += (pos + 1 < end && text[pos + 1] == '\n') ? 2 : 1;
            text_start = pos;
            continue;
        }
        if (c == '*' || c == '_') {
            std::size_t run_end = pos;
            while (run_end < end && text[run_end] == c) ++run_end;
            const int length = static_cast<int>(run_end - pos);
            if (length < minimum_use(c)) { // a lone '_' is just a character
                pos = run_end;
                continue;
            }
            flush_text(pos);
            Token token;
            token.text = text.substr(pos, run_end - pos);
            token.delimiter = c;
            const Neighbour before = neighbour(text, pos, range.begin, -1);
            const Neighbour after = neighbour(text, run_end - 1, range.end, +1);
            // CommonMark's flanking rules: in "(*a*)" the first star can only open and the
            // second only close, so "**(*a*)**" nests instead of pairing the wrong stars.
            token.can_open = after == Neighbour::other ||
                             (after == Neighbour::punctuation && before != Neighbour::other);
            token.can_close = before == Neighbour::other ||
                              (before == Neighbour::punctuation && after != Neighbour::other);
            token.from_template = seg.from_template;
            token.source = seg.source;
            tokens_.push_back(token);
            pos = run_end;
            text_start = pos;
            continue;
        }
        // Skip the plain characters that follow in one go: only the four characters above
        // can start a token, and the segment cannot change before `end`.
        pos = next_token_start(text, pos + 1, end);
    }
    flush_text(range.end);
}

std::size_t InlineParser::OpenerKindHash::operator()(const OpenerKind& kind) const noexcept {
    const std::uint64_t packed = (std::uint64_t(kind.piece_class) << 32) ^
                                 (std::uint64_t(std::uint32_t(kind.unused)) << 1) ^
                                 std::uint64_t(kind.delimiter == '_');
    return std::hash<std::uint64_t>{}(packed);
}

void InlineParser::match_delimiters() {
    openers_.clear();
    entries_.clear();
    openers_examined_ = 0;
    // A hash map's clear() costs its bucket count: after a line with many kinds of runs,
    // start afresh rather than pay for those buckets on every later line.
    if (kind_tops_.bucket_count() > 64) decltype(kind_tops_)().swap(kind_tops_);
    else kind_tops_.clear();
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        Token& token = tokens_[i];
        if (token.delimiter == 0) continue;
        if (token.can_close) close_with(token);
        if (token.can_open && token.unused() >= minimum_use(token.delimiter)) push_opener(i);
    }
}

// Template markers pair with each other across values; a value's markers stay inside it.
InlineParser::OpenerKind InlineParser::kind_of(const Token& token, int unused) const {
    return OpenerKind{token.delimiter, token.from_template ? kTemplateClass : token.source, unused};
}

// Lists the open run at openers_[position] under its kind with `unused` characters.
void InlineParser::list_opener(std::size_t position, int unused) {
    const OpenerKind kind = kind_of(tokens_[openers_[position]], unused);
    auto [top, inserted] = kind_tops_.try_emplace(kind, kNoEntry);
    entries_.push_back(OpenerEntry{position, openers_[position], top->second});
    top->second = entries_.size() - 1;
}

void InlineParser::push_opener(std::size_t token) {
    openers_.push_back(token);
    list_opener(openers_.size() - 1, tokens_[token].unused());
    list_opener(openers_.size() - 1, kAnyUnused);
}

// The stack position of the topmost open run of `kind`, or openers_.size(). An entry that
// is stale now stays stale (runs leave the stack for good, unused counts only fall), so it
// is dropped from its list: every entry is passed over at most once.
std::size_t InlineParser::top_of(const OpenerKind& kind) {
    const auto top = kind_tops_.find(kind);
    if (top == kind_tops_.end()) return openers_.size();
    for (std::size_t e = top->second; e != kNoEntry; e = entries_[e].below) {
        ++openers_examined_;
        const OpenerEntry& entry = entries_[e];
        const bool on_stack = entry.position < openers_.size() && openers_[entry.position] == entry.token;
        if (on_stack && (kind.unused == kAnyUnused || tokens_[entry.token].unused() == kind.unused)) {
            top->second = e;
            return entry.position;
        }
    }
    kind_tops_.erase(top);
    return openers_.size();
}

// The open run a closing run pairs with: the nearest one of the same length if there is one
// ("**a *b**" is bold "a *b", not italic "b"), else the nearest one.
std::size_t InlineParser::find_opener(const Token& closer) {
    const std::size_t same_length = top_of(kind_of(closer, closer.unused()));
    if (same_length != openers_.size()) return same_length;
    return top_of(kind_of(closer, kAnyUnused));
}

// Pairs the closing run with open runs, innermost first, while it has characters to give.
void InlineParser::close_with(Token& closer) {
    const int minimum = minimum_use(closer.delimiter);
    while (closer.unused() >= minimum) {
        const std::size_t found = find_opener(closer);
        if (found == openers_.size()) return;
        // Runs opened inside the pair and never closed stay literal.
        openers_.resize(found + 1);
        Token& opener = tokens_[openers_[found]];

        int use = 2;
        if (closer.delimiter == '*' && (closer.unused() < 2 || opener.unused() < 2)) use = 1;
        opener.opened_chars += use;
        closer.closed_chars += use;
        if (closer.delimiter == '_') {
            ++opener.underline;
            ++closer.end_underline;
        } else if (use == 2) {
            ++opener.bold;
            ++closer.end_bold;
        } else {
            ++opener.italic;
            ++closer.end_italic;
        }
        if (opener.unused() < minimum) openers_.pop_back();
        else list_opener(found, opener.unused()); // still open, now with fewer characters
    }
}

void InlineParser::emit(model::Inline& out) const {
    int bold = 0, italic = 0, underline = 0; // nesting depth of each style
    auto append = [&](std::string_view text) {
        append_styled(out, text, bold > 0, italic > 0, underline > 0);
    };
    for (const Token& token : tokens_) {
        if (token.delimiter == 0) {
            append(token.text);
            continue;
        }
        // A run closes first (its characters next to the text before it), then whatever it
        // did not use is printed, then it opens (its characters next to the text after it).
        bold -= token.end_bold;
        italic -= token.end_italic;
        underline -= token.end_underline;
        append(token.text.substr(0, static_cast<std::size_t>(token.unused())));
        bold += token.bold;
        italic += token.italic;
        underline += token.underline;
    }
}

model::Inline parse_inline(std::string_view template_text) {
    return parse_inline(std::vector<Piece>{Piece{template_text, true}});
}

model::Inline parse_inline(const std::vector<Piece>& pieces) {
    Line line;
    for (std::size_t i = 0; i < pieces.size(); ++i)
        line.append(pieces[i].text, pieces[i].from_template, static_cast<std::uint32_t>(i), {});
    InlineParser parser;
    return parser.parse(line, Range{0, line.text.size()});
}

} // namespace vanban::markup
