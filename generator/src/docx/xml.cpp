#include "docx/xml.hpp"

#include "text/utf8.hpp"

namespace vanban::docx::xml {
namespace {

class StringWriter : public pugi::xml_writer {
public:
    explicit StringWriter(std::string& out) : out_(out) {}
    void write(const void* data, size_t size) override {
        out_.append(static_cast<const char*>(data), size);
    }

private:
    std::string& out_;
};

bool allowed_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

// Length of the character at text[i] if XML may hold it: well-formed UTF-8 (no overlong
// forms, surrogates or values past U+10FFFF), not a forbidden control character, not
// U+FFFE or U+FFFF. Zero otherwise. Every text of the document passes here, so this is one
// pass over the bytes rather than a call per character.
std::size_t allowed_length(std::string_view text, std::size_t i) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return lead >= 0x20 || allowed_control(lead) ? 1 : 0;
    std::size_t length;
    char32_t cp, smallest;
    if ((lead & 0xE0) == 0xC0) length = 2, cp = lead & 0x1F, smallest = 0x80;
    else if ((lead & 0xF0) == 0xE0) length = 3, cp = lead & 0x0F, smallest = 0x800;
    else if ((lead & 0xF8) == 0xF0) length = 4, cp = lead & 0x07, smallest = 0x10000;
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        unsigned char next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    bool bad = cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF;
    return bad ? 0 : length;
}

// Whether the text holds something XML cannot: a control character other than tab, line
// feed and carriage return, ill-formed UTF-8, or U+FFFE / U+FFFF (EF BF BE, EF BF BF). Each
// is looked for with a fast whole-text check; clean_text decodes character by character only
// for the rare text that fails one.
bool needs_cleaning(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && !allowed_control(byte)) return true;
    }
    if (!text::is_valid_utf8(text)) return true;
    for (std::size_t i = text.find('\xEF'); i != std::string_view::npos; i = text.find('\xEF', i + 1)) {
        if (i + 2 < text.size() && text[i + 1] == '\xBF' && (text[i + 2] == '\xBE' || text[i + 2] == '\xBF'))
            return true;
    }
    return false;
}

} // namespace

std::string serialize(const pugi::xml_document& document) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    StringWriter writer(out);
    document.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return out;
}

std::string clean_text(std::string_view text) {
    if (!needs_cleaning(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = allowed_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for the one byte that cannot be kept
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

} // namespace vanban::docx::xml
