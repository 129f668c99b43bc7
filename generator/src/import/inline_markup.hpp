// Styled spans -> a data string as the templates read it: **bold**, *italic*, __underline__,
// with "\", "*" and "_" escaped, white space squeezed. What is written is read back with the
// markup stage's own parser and compared; emphasis that cannot be written so that it reads
// back the same is dropped (the text itself always is kept) and the caller is told.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/draft.hpp"

namespace vanban::import {

// Emphasis to leave out: what the paragraph's style or the profile gives anyway (a bold
// heading, an italic place-date line).
struct Emphasis {
    bool bold = false, italic = false, underline = false;
};

// The escaped plain text ("a*b" -> "a\*b").
std::string escape_markup(std::string_view plain);

struct Encoded {
    std::string text;
    bool emphasis_lost = false; // the spans' emphasis could not be written; the text is plain
};

// `drop` is left out of every span; with `line_breaks` false a "\n" becomes a space.
Encoded encode_spans(const std::vector<Span>& spans, Emphasis drop, bool line_breaks = true);

// Whether every non-blank span has the emphasis (the whole text is bold …).
Emphasis common_emphasis(const std::vector<Span>& spans);

// The spans' plain text, squeezed (line breaks kept as "\n" when asked).
std::string plain_text(const std::vector<Span>& spans, bool line_breaks = false);

// The spans from byte `from` of their joined text on (a label cut off).
std::vector<Span> spans_from(const std::vector<Span>& spans, std::size_t from);
// The spans up to byte `to` of their joined text.
std::vector<Span> spans_until(const std::vector<Span>& spans, std::size_t to);
// The spans split at each "\n".
std::vector<std::vector<Span>> split_lines(const std::vector<Span>& spans);

} // namespace vanban::import
