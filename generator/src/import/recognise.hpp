// Draft -> the data of a template (ke-hoach or bao-cao): the import stage's entry point.
// What it cannot place it keeps as a paragraph where it stood and reports, so that no text
// is dropped without a notice.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/closing.hpp"
#include "import/draft.hpp"
#include "import/header.hpp"
#include "import/notice.hpp"
#include "import/outline.hpp"

namespace vanban::import {

struct RecogniseOptions {
    std::string template_name; // "ke-hoach", "bao-cao"; "" chooses by the document type
    std::string profile;       // "party", "state"; "" tells from the header
};

// The pieces found, kept beside the data for `vanban check` to judge.
struct SummaryLine {
    std::string text; // squeezed
    int paragraph = 0;
};

// A text the import kept away from the block it stood in: it prints elsewhere.
struct MovedText {
    int paragraph = 0;
    std::string text;
};

struct Recognised {
    std::string template_name;
    std::string profile;
    nlohmann::ordered_json data;
    std::vector<Notice> notices;
    int header_end = 0;                 // first paragraph after the header block
    int closing_begin = 0;              // first paragraph of the closing block (recipients, signature, appendix)
    int body_begin = 0;                 // first paragraph after the type, summary and separator
    std::vector<MovedText> to_opening;  // header lines that fit no part: the first opening paragraphs
    std::vector<MovedText> to_closing;  // lines of the closing block or appendix kept as closing paragraphs of the body
    int type_paragraph = 0;
    std::string type;
    std::vector<SummaryLine> summary;
    Header header;
    Closing closing;
    Outline outline;                    // with numbering assigned
    bool task_table = false;
};

// Throws vanban::Failure (data) when the draft has no text at all.
Recognised recognise(const Draft& draft, const RecogniseOptions& options, const std::string& source_name);

} // namespace vanban::import
