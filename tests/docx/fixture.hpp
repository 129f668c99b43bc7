// Documents for the DOCX tests and benchmark, built directly as models (the template engine
// is another stage): seed plan 000 as a Party plan, and a State variant of it.
#pragma once

#include <filesystem>
#include <vector>

#include "vanban/model.hpp"

namespace vanban::docx_fixture {

std::filesystem::path source_dir(); // VANBAN_SOURCE_DIR
model::Profile party_profile();     // templates/_profiles/party.json
model::Profile state_profile();     // templates/_profiles/state.json

// The body blocks of tests/docx/data/plan_000.txt (see the format at its top).
std::vector<model::Block> plan_000_body();

// Seed plan 000: header, type, three-line summary, headings I-/1-, list items "-" and "1.1-",
// recipients, signature, and an appendix with a heading, a table with a header row and
// merged cells (a row span and a column span), and centred and unindented paragraphs.
model::Document plan_000_party();

// The same shape as a State plan (NĐ30): superior and issuer, "Số:", the motto, a drawn rule
// under the summary, an urgency mark and a signature with a note in place of the signing.
model::Document plan_state();

// Plain text of an inline line, runs concatenated.
std::string inline_text(const model::Inline& line);

} // namespace vanban::docx_fixture
