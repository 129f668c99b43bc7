// DOCX (any WordprocessingML package: Word, LibreOffice, Google Docs, vanban) -> Draft.
#pragma once

#include <string>
#include <string_view>

#include "import/draft.hpp"
#include "import/limits.hpp"

namespace vanban::import {

// Reads the body of the main document part: paragraphs with their runs' look, tables,
// Word's automatic numbering resolved, fields shown by their result, text boxes read after
// their paragraph, tracked changes taken as accepted. Headers, footers, footnotes and
// comments are not the document's text and are not read. Throws vanban::Failure: data for a
// package that is not a readable DOCX, limit for one past `limits`.
Draft read_docx(std::string_view bytes, const ReadLimits& limits, const std::string& source_name);

} // namespace vanban::import
