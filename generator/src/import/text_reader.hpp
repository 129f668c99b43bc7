// Plain text, or Markdown-like text (as text extracted from a Word file often is) -> Draft.
#pragma once

#include <string>
#include <string_view>

#include "import/draft.hpp"
#include "import/limits.hpp"

namespace vanban::import {

// One paragraph per line, numbered by its line. Leading spaces and tabs are kept as the
// line's indentation (a tab counts 8 columns); tabs inside a line are kept (header lines
// often put the two columns on one line, split by tabs). Markdown-like marks are read:
// "#" heading marks (the outline level), **bold**, *italic*, __underline__, backslash
// escapes, <sup>…</sup> (Unicode superscript digits). The text must be valid UTF-8; it
// is brought to NFC. Throws vanban::Failure (data, limit).
Draft read_text(std::string_view text, const ReadLimits& limits, const std::string& source_name);

// A DOCX whose runs and styles carry no bold, italic or underline at all is text in a DOCX
// (pasted into Word, or a .txt that LibreOffice opened and saved): its paragraphs are read
// again as lines of text ("#" marks, **bold** …), each keeping its number and the font of
// most of its text, and the draft is marked read_as_text. Any other draft is left as it is.
void reread_as_text(Draft& draft);

} // namespace vanban::import
