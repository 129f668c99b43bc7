// Writes styled runs as HTML-like text ("<b>bold</b> <i>italic</i>"), so that tests read
// like the markup they check. Each run is one chunk: adjacent chunks with the same tags
// would mean the runs were not merged.
#pragma once

#include <string>

#include "vanban/model.hpp"

namespace vanban::markup::test {

inline std::string show(const model::Inline& runs) {
    std::string out;
    for (const model::Run& run : runs) {
        if (run.bold) out += "<b>";
        if (run.italic) out += "<i>";
        if (run.underline) out += "<u>";
        out += run.text;
        if (run.underline) out += "</u>";
        if (run.italic) out += "</i>";
        if (run.bold) out += "</b>";
        out += "|";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

} // namespace vanban::markup::test
