// Comparing texts that readers (pdftotext, LibreOffice, python-docx) give back with their own
// line breaks and spacing.
#pragma once

#include <string>

namespace vanban::testing {

// `text` with every run of white space made one space, and none at either end.
inline std::string squeeze_spaces(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

} // namespace vanban::testing
