#include "text/xml_escape.hpp"

#include "text/bytes.hpp"

namespace vanban::text {

namespace {

// Whether one of & < > ", a control character or the lead byte of U+FFFE / U+FFFF is among
// the eight bytes at `at`.
bool may_need_escape(const char* at) {
    const std::uint64_t word = bytes::load8(at);
    return bytes::any_equal(word, '&') | bytes::any_equal(word, '<') | bytes::any_equal(word, '>') |
           bytes::any_equal(word, '"') | bytes::any_below(word, 0x20) | bytes::any_equal(word, 0xEF);
}

// The length of what XML cannot hold at text[at]: 1 for a control character but tab, line
// feed and carriage return, 3 for U+FFFE or U+FFFF; 0 for anything else.
std::size_t not_in_xml_length(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x20) return bytes::is_xml_control(c) ? 0 : 1;
    return c == 0xEF && bytes::find_xml_noncharacter(text.substr(at, 3)) == 0 ? 3 : 0;
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
        while (at < end) {
            const char* escape = escape_of(text[at]);
            const std::size_t left_out = escape ? 0 : not_in_xml_length(text, at);
            if (!escape && left_out == 0) {
                ++at;
                continue;
            }
            flush(at);
            if (escape) out += escape;
            at += escape ? 1 : left_out;
            clean_from = at;
        }
    }
    flush(text.size());
}

} // namespace vanban::text
