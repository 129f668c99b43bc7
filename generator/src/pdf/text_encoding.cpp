#include "pdf/text_encoding.hpp"

#include <algorithm>
#include <cstdio>

#include "text/utf8.hpp"

namespace vanban::pdf {
namespace {

std::string hex(unsigned value, int digits) {
    char buffer[12];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, value);
    return buffer;
}

bool one_byte(char32_t cp) { return cp >= 0x01 && cp <= 0x7F; }

// The blocks of 256 code points beyond ASCII that a document uses: CMap ranges may only
// vary in their last byte (PDF 9.7.5.4), so there is one range per block.
std::vector<char32_t> blocks_of(const std::vector<char32_t>& code_points) {
    std::vector<char32_t> blocks;
    for (char32_t cp : code_points)
        if (!one_byte(cp) && (blocks.empty() || blocks.back() != (cp & 0xFF00))) blocks.push_back(cp & 0xFF00);
    return blocks;
}

// Codes of the block: three bytes 00 hi lo, from its first to its last.
std::string block_range(char32_t block) {
    return "<00" + hex(static_cast<unsigned>(block), 4) + "> <00" + hex(static_cast<unsigned>(block) + 0xFF, 4) + ">";
}

const char* const codespace = "2 begincodespacerange\n<01> <7F>\n<000000> <00FFFF>\nendcodespacerange\n";

// "n begin<kind>\n lines end<kind>\n", at most 100 lines a section (PDF 9.7.5.4).
void append_sections(std::string& out, const char* kind, const std::vector<std::string>& lines) {
    for (std::size_t i = 0; i < lines.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, lines.size() - i);
        out += std::to_string(n) + " begin" + kind + "\n";
        for (std::size_t k = i; k < i + n; ++k) out += lines[k];
        out += std::string("end") + kind + "\n";
    }
}

std::string cmap(const char* ordering, const char* name, int type, const char* kind,
                 const std::vector<std::string>& lines) {
    std::string out = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (";
    out += ordering;
    out += ") /Supplement 0 >> def\n/CMapName /";
    out += name;
    out += " def\n/CMapType " + std::to_string(type) + " def\n";
    out += codespace;
    append_sections(out, kind, lines);
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

} // namespace

std::string encoding_cmap(const std::vector<char32_t>& code_points) {
    std::vector<std::string> lines{"<01> <7F> 1\n"};
    for (char32_t block : blocks_of(code_points))
        lines.push_back(block_range(block) + " " + std::to_string(block) + "\n");
    return cmap("Identity", "VanBan-UCS-H", 1, "cidrange", lines);
}

std::string to_unicode_cmap(const std::vector<char32_t>& code_points) {
    std::vector<std::string> lines{"<01> <7F> <0001>\n"};
    for (char32_t block : blocks_of(code_points))
        lines.push_back(block_range(block) + " <" + hex(static_cast<unsigned>(block), 4) + ">\n");
    return cmap("UCS", "Adobe-Identity-UCS", 2, "bfrange", lines);
}

} // namespace vanban::pdf
