// The markup stage: evaluated template output -> document model.
//
// Reads the fragments line by line (docs/template-language.md, "The markup layer"): lines
// that start with a directive written by the template author ("@h1", "@table", "- ", "| …")
// make structure; every other line, and every character that came from data, is content.
#pragma once

#include <vector>

#include "template/output.hpp"
#include "vanban/model.hpp"

namespace vanban::markup {

// Builds the document. The profile is copied into it, and gives the number prefix ("Số " /
// "Số: ") and the default recipients label. Throws vanban::Failure with
// ErrorKind::template_syntax and the template position (file, line, column) of the
// offending markup; Error::source_line is left empty for the caller to fill.
// Safe to call from several threads at once.
model::Document build_document(const std::vector<tmpl::Fragment>& fragments,
                               const model::Profile& profile);

} // namespace vanban::markup
