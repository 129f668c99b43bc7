// The markup stage: evaluated template output -> document model.
//
// Reads the fragments line by line (docs/template-language.md, "The markup layer"): lines
// that start with a directive written by the template author ("@h1", "@table", "- ", "| …")
// make structure; every other line, and every character that came from data, is content.
#pragma once

#include <cstddef>
#include <vector>

#include "figures/figures.hpp"
#include "template/output.hpp"
#include "vanban/model.hpp"

namespace vanban::markup {

struct BuildOptions {
    const figures::DataFiles* files = nullptr; // where a table's CSV file is read; none: refused
    std::size_t max_table_rows = 10'000;       // refused as soon as a table passes them
    std::size_t max_table_columns = 64;
};

// Builds the document. The profile is copied into it, and gives the number prefix ("Số " /
// "Số: ") and the default recipients label. Throws vanban::Failure with
// ErrorKind::template_syntax and the template position (file, line, column) of the
// offending markup; Error::source_line is left empty for the caller to fill.
// Safe to call from several threads at once.
// Tables and charts of figures ("@table {{ t }}", "@chart {{ c }}") come from the figures
// stage, whose errors about the data are ErrorKind::data with the JSON path (or CSV line).
model::Document build_document(const std::vector<tmpl::Fragment>& fragments, const model::Profile& profile,
                               const BuildOptions& options = {});

} // namespace vanban::markup
