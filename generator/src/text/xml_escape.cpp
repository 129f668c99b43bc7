#include "text/xml_escape.hpp"

namespace vanban::text {

void append_xml_escaped(std::string& out, std::string_view text) {
    for (std::size_t start = 0;;) {
        const std::size_t special = text.find_first_of("&<>\"", start);
        out.append(text.substr(start, special - start));
        if (special == std::string_view::npos) return;
        switch (text[special]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += "&quot;";
        }
        start = special + 1;
    }
}

} // namespace vanban::text
