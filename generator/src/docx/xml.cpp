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

bool needs_cleaning(std::string_view text) {
    bool ascii = true;
    for (unsigned char c : text) {
        if (c < 0x20 && !allowed_control(c)) return true;
        if (c >= 0x80) ascii = false;
    }
    if (ascii) return false;
    return text::find_invalid_utf8(text).has_value() || text.find("\xEF\xBF\xBE") != std::string_view::npos ||
           text.find("\xEF\xBF\xBF") != std::string_view::npos;
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
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        // next_code_point gives U+FFFD for ill-formed bytes.
        char32_t cp = text::next_code_point(text, pos);
        bool forbidden = (cp < 0x20 && !allowed_control(static_cast<unsigned char>(cp))) ||
                         cp == 0xFFFE || cp == 0xFFFF;
        text::append_utf8(out, forbidden ? char32_t{0xFFFD} : cp);
    }
    return out;
}

} // namespace vanban::docx::xml
