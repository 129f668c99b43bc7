#include "serve/download_name.hpp"

#include <cstdlib>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace vanban::serve {

namespace {

constexpr std::size_t kMaxStemBytes = 120;

bool refused_in_file_names(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || cp == '/' || cp == '\\' || cp == ':' || cp == '*' || cp == '?' || cp == '"' ||
           cp == '<' || cp == '>' || cp == '|';
}

// Refused characters replaced, runs of spaces made one, the ends trimmed, the length capped.
std::string clean_stem(std::string_view text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t cp = text::next_code_point(text, pos);
        if (cp == '\t' || cp == '\n' || cp == '\r') cp = ' ';
        else if (refused_in_file_names(cp)) cp = '-';
        if (cp == ' ' && (out.empty() || out.back() == ' ')) continue;
        std::string next;
        text::append_utf8(next, cp);
        if (out.size() + next.size() > kMaxStemBytes) break;
        out += next;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out;
}

// "Số 19-KH/CB" -> "số 19-KH/CB".
std::string lower_first_word(const std::string& text) {
    const std::size_t space = text.find(' ');
    if (space == std::string::npos) return text::to_lower(text);
    return text::to_lower(text.substr(0, space)) + text.substr(space);
}

} // namespace

std::string document_file_stem(const model::Document& document, std::string_view fallback) {
    std::string stem;
    if (document.title && !document.title->type_name.empty())
        stem = text::capitalize_first(text::to_lower(document.title->type_name));
    if (document.header && !document.header->number_line.empty()) {
        // "Số 19-KH/CB" (Party) or "Số: 15/KH-UBND" (State) -> "số 19-KH-CB", "số 15-KH-UBND".
        std::string number = document.header->number_line;
        if (const std::size_t colon = number.find(':'); colon != std::string::npos) number.erase(colon, 1);
        stem += stem.empty() ? number : " " + lower_first_word(number);
    }
    stem = clean_stem(stem);
    return stem.empty() ? clean_stem(fallback) : stem;
}

std::string ascii_file_name(std::string_view file_name) {
    utf8proc_uint8_t* folded = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(file_name.data()),
                                     static_cast<utf8proc_ssize_t>(file_name.size()), &folded,
                                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
    const std::string decomposed = length < 0 ? std::string(file_name)
                                              : std::string(reinterpret_cast<char*>(folded), static_cast<std::size_t>(length));
    std::free(folded);
    std::string out;
    for (std::size_t pos = 0; pos < decomposed.size();) {
        const char32_t cp = text::next_code_point(decomposed, pos);
        if (cp == U'đ') out += 'd';
        else if (cp == U'Đ') out += 'D';
        else if (cp < 0x80 && cp != '"' && cp != '\\' && cp >= 0x20) out += static_cast<char>(cp);
        else out += '_';
    }
    return out;
}

std::string content_disposition(std::string_view file_name) {
    // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    static const std::string_view kAttrChars = "!#$&+-.^_`|~";
    std::string encoded;
    for (unsigned char c : file_name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           kAttrChars.find(static_cast<char>(c)) != std::string_view::npos;
        if (plain) {
            encoded += static_cast<char>(c);
        } else {
            static const char kHex[] = "0123456789ABCDEF";
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 15];
        }
    }
    return "attachment; filename=\"" + ascii_file_name(file_name) + "\"; filename*=UTF-8''" + encoded;
}

} // namespace vanban::serve
