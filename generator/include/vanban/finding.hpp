// A finding: something `vanban import` or `vanban check` tells about one place of a document
// (a paragraph of a DOCX, a line of a text file, a field of the data), with a stable code.
#pragma once

#include <string>

#include "vanban/message.hpp"

namespace vanban {

enum class Severity {
    error,   // must be fixed before the document is issued: `vanban check` exits with 11
    warning, // worth a look; does not change the exit code
};

const char* severity_name(Severity severity); // "error", "warning"

struct Finding {
    Severity severity = Severity::warning;
    Message message;        // one line, without the place, in either language
    int paragraph = 0;      // 1-based paragraph of a DOCX, or line of a text file; 0 when none
    bool line = false;      // `paragraph` counts the lines of a text file
    std::string quote;      // the start of that paragraph's text
    std::string json_path;  // the field of the data it is about, when there is one

    // The stable code: "check.number-colon-party", "import.closing-line" (docs/check.md,
    // docs/import.md); it never changes when the wording does.
    const std::string& code() const { return message.code(); }
    // "plan.docx: paragraph 12 “Số: 19-KH/CB”: error: MESSAGE [check.number-colon-party]";
    // in Vietnamese "plan.docx: đoạn 12 “…”: lỗi: …".
    std::string format(const std::string& source, Language language = Language::en) const;
};

} // namespace vanban
