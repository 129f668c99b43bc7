#include "text/xml_escape.hpp"

#include "text/bytes.hpp"

namespace vanban::text {

namespace {

// Whether one of & < > " or a control character is among the eight bytes at `at`.
bool may_need_escape(const char* at) {
    const std::uint64_t word = bytes::load8(at);
    return bytes::any_equal(word, '&') | bytes::any_equal(word, '<') | bytes::any_equal(word, '>') |
           bytes::any_equal(word, '"') | bytes::any_below(word, 0x20);
}

const char* escape_of(char c) {
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    default: return nullptr;
    }
}

} // namespace

// Clean runs are appended whole; eight bytes are looked at a time (text/bytes.hpp), so a
// text with nothing to escape costs a few instructions a word, not a search of the four
// characters for each byte.
void append_xml_escaped(std::string& out, std::string_view text) {
    std::size_t clean_from = 0, at = 0;
    const auto flush = [&](std::size_t end) { out.append(text.data() + clean_from, end - clean_from); };
    while (at < text.size()) {
        if (at + 8 <= text.size() && !may_need_escape(text.data() + at)) {
            at += 8;
            continue;
        }
        const std::size_t end = at + 8 <= text.size() ? at + 8 : text.size();
        for (; at < end; ++at) {
            const auto c = static_cast<unsigned char>(text[at]);
            const char* escape = escape_of(text[at]);
            if (!escape && (c >= 0x20 || bytes::is_xml_control(c))) continue;
            flush(at);
            if (escape) out += escape;
            clean_from = at + 1;
        }
    }
    flush(text.size());
}

} // namespace vanban::text
