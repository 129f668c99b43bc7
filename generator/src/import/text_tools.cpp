#include "import/text_tools.hpp"

#include "text/utf8.hpp"

namespace vanban::import {

namespace {

bool is_blank_at(std::string_view text, std::size_t i, std::size_t& width) {
    width = 1;
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') return true;
    if (text.substr(i, 2) == "\xC2\xA0") { // no-break space
        width = 2;
        return true;
    }
    return false;
}

bool is_letter_cp(char32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

} // namespace

std::string squeeze(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t width = 1;
        if (is_blank_at(text, i, width)) {
            pending_space = !out.empty();
            i += width;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += text[i];
        ++i;
    }
    return out;
}

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\n' || text[begin] == '\r')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    return std::string(text.substr(begin, end - begin));
}

std::string folded(std::string_view text) { return text::to_lower(squeeze(text)); }

bool starts_with_folded(std::string_view text, std::string_view prefix_folded) {
    const std::string f = folded(text.substr(0, prefix_folded.size() * 2 + 8));
    return f.compare(0, prefix_folded.size(), prefix_folded) == 0;
}

bool is_upper_text(std::string_view text) {
    bool letters = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = text::next_code_point(text, pos);
        if (!is_letter_cp(cp)) continue;
        letters = true;
        const std::string one(text.substr(start, pos - start));
        if (text::to_upper(one) != one) return false;
    }
    return letters;
}

bool is_title_case(std::string_view text) {
    bool any = false;
    bool word_start = true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        const char32_t cp = text::next_code_point(text, pos);
        if (cp == ' ') {
            word_start = true;
            continue;
        }
        if (word_start) {
            if (!is_letter_cp(cp)) return false;
            const std::string one(text.substr(start, pos - start));
            if (text::to_lower(one) == one) return false;
            any = true;
        }
        word_start = false;
    }
    return any;
}

std::size_t word_count(std::string_view text) {
    std::size_t count = 0;
    bool in_word = false;
    for (char c : text) {
        const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!blank && !in_word) ++count;
        in_word = !blank;
    }
    return count;
}

std::vector<std::string> columns(std::string_view line) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string piece = squeeze(current);
        if (!piece.empty()) out.push_back(std::move(piece));
        current.clear();
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\t') {
            flush();
            continue;
        }
        // Three spaces or more part columns, except the room a draft leaves in its date
        // ("ngày      tháng      năm 2026").
        std::string_view so_far = current;
        while (!so_far.empty() && so_far.back() == ' ') so_far.remove_suffix(1);
        const bool date_gap = ends_with(so_far, "ngày") || ends_with(so_far, "tháng");
        if (line[i] == ' ' && line.substr(i, 3) == "   " && !date_gap) {
            flush();
            while (i + 1 < line.size() && line[i + 1] == ' ') ++i;
            continue;
        }
        current += line[i];
    }
    flush();
    return out;
}

std::string quote(std::string_view text) {
    const std::string s = squeeze(text);
    if (text::count_code_points(s) <= 60) return s;
    std::string out;
    std::size_t pos = 0, count = 0, last_space = 0;
    while (pos < s.size() && count < 57) {
        if (s[pos] == ' ') last_space = pos;
        text::next_code_point(s, pos);
        ++count;
    }
    out = s.substr(0, last_space > 20 ? last_space : pos);
    return out + "…";
}

bool ends_with_any(std::string_view text, std::string_view characters) {
    const std::string t = trim(text);
    return !t.empty() && characters.find(t.back()) != std::string_view::npos;
}

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6"; // …

// The length of the run of fill characters at `at` (dots count only two or more together).
std::size_t fill_run(std::string_view text, std::size_t at) {
    std::size_t end = at, dots = 0;
    while (end < text.size()) {
        if (text[end] == '_') ++end;
        else if (text[end] == '.') ++end, ++dots;
        else if (text.substr(end, kEllipsis.size()) == kEllipsis) end += kEllipsis.size(), dots += 2;
        else break;
    }
    const bool only_one_dot = dots == 1 && end - at == 1;
    return only_one_dot ? 0 : end - at;
}

} // namespace

std::string blanks_as_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t run = fill_run(text, i)) {
            out += ' ';
            i += run;
        } else {
            out += text[i++];
        }
    }
    return out;
}

bool is_blank_fill(std::string_view word) { return !word.empty() && fill_run(word, 0) == word.size(); }

} // namespace vanban::import
