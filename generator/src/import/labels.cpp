#include "import/labels.hpp"

#include <array>

#include "text/utf8.hpp"
#include "text/vietnamese.hpp"

namespace vanban::import {

namespace {

constexpr long max_arabic = 199; // "2019." starting a paragraph is a year, not a label
constexpr long max_roman = 50;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// 1-based place of a letter in the Vietnamese point sequence a b c d đ e g h i k l m n o p
// q r s t u v x y; Latin letters that sequence lacks (f j w z) count in Latin order after y.
long point_value(char32_t lower) {
    static constexpr std::array<char32_t, 23> points = {U'a', U'b', U'c', U'd', U'đ', U'e', U'g', U'h',
                                                        U'i', U'k', U'l', U'm', U'n', U'o', U'p', U'q',
                                                        U'r', U's', U't', U'u', U'v', U'x', U'y'};
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i] == lower) return static_cast<long>(i) + 1;
    if (lower == U'f') return 24;
    if (lower == U'j') return 25;
    if (lower == U'w') return 26;
    if (lower == U'z') return 27;
    return 0;
}

std::optional<long> roman_value(std::string_view s) {
    if (s.empty() || s.size() > 7) return std::nullopt;
    long value = 0, previous = 0;
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        long v = 0;
        switch (*it) {
        case 'I': case 'i': v = 1; break;
        case 'V': case 'v': v = 5; break;
        case 'X': case 'x': v = 10; break;
        case 'L': case 'l': v = 50; break;
        case 'C': case 'c': v = 100; break;
        default: return std::nullopt;
        }
        value += v < previous ? -v : v;
        previous = std::max(previous, v);
    }
    // Only the canonical spelling counts ("IIII" and "VX" are not numerals).
    const std::optional<std::string> canonical = text::to_roman(value);
    if (!canonical || value > max_roman) return std::nullopt;
    std::string upper(s);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (upper != *canonical) return std::nullopt;
    return value;
}

// What may follow a label: white space, the end, or the start of a word (people type
// "1-Tổ chức"); never a digit ("1.000", "3-5").
bool label_may_end_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || is_space(text[pos])) return true;
    const char c = text[pos];
    return !is_digit(c) && c != '.' && c != '-' && c != ')' && c != '/' && c != ',';
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    return pos;
}

// The punctuation after a number or letter: '-' (maybe after a space: "2.9 -"), '.', ')'.
// Returns the position after it, or npos.
std::size_t read_punct(std::string_view text, std::size_t pos, char& punct) {
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ')' || text[pos] == '-')) {
        punct = text[pos];
        return pos + 1;
    }
    if (pos + 1 < text.size() && text[pos] == ' ' && text[pos + 1] == '-' &&
        (pos + 2 >= text.size() || text[pos + 2] == ' ')) {
        punct = '-';
        return pos + 2;
    }
    return std::string_view::npos;
}

std::optional<Label> finish(Label label, std::string_view text, std::size_t end, std::size_t* consumed) {
    if (!label_may_end_at(text, end)) return std::nullopt;
    label.text = std::string(text.substr(0, end));
    if (consumed) *consumed = skip_spaces(text, end);
    return label;
}

std::optional<Label> parse_numbers(std::string_view text, std::size_t* consumed) {
    std::size_t pos = 0;
    std::string prefix;
    long last = 0;
    int components = 0;
    for (;;) {
        const std::size_t start = pos;
        while (pos < text.size() && is_digit(text[pos]) && pos - start < 4) ++pos;
        if (pos == start) return std::nullopt;
        const long value = std::stol(std::string(text.substr(start, pos - start)));
        ++components;
        // Another component follows only as ".digit".
        if (pos + 1 < text.size() && text[pos] == '.' && is_digit(text[pos + 1])) {
            prefix += (prefix.empty() ? "" : ".") + std::string(text.substr(start, pos - start));
            ++pos;
            continue;
        }
        last = value;
        break;
    }
    if (last < 1 || last > max_arabic) return std::nullopt;
    Label label;
    label.kind = components > 1 ? LabelKind::dotted : LabelKind::arabic;
    label.value = last;
    label.prefix = prefix;
    label.components = components;
    char punct = 0;
    const std::size_t after = read_punct(text, pos, punct);
    if (after == std::string_view::npos) {
        // "1.2 Tổ chức": dotted numbers need no punctuation; a lone number does.
        if (components < 2 || pos >= text.size() || text[pos] != ' ') return std::nullopt;
        return finish(label, text, pos, consumed);
    }
    label.punct = punct;
    return finish(label, text, after, consumed);
}

std::optional<Label> parse_letters(std::string_view text, std::size_t* consumed) {
    // A Roman numeral of up to seven letters, or one letter (Vietnamese đ/Đ included).
    std::size_t pos = 0;
    while (pos < text.size() && pos < 7 && std::string_view("IVXLCivxlc").find(text[pos]) != std::string_view::npos) ++pos;
    char punct = 0;
    if (pos > 0) {
        const std::size_t after = read_punct(text, pos, punct);
        if (after != std::string_view::npos)
            if (const std::optional<long> value = roman_value(text.substr(0, pos))) {
                const bool upper = text[0] >= 'A' && text[0] <= 'Z';
                Label label;
                label.kind = upper ? LabelKind::roman : LabelKind::lower_letter;
                label.punct = punct;
                label.value = *value;
                if (pos == 1) {
                    const char32_t lower = static_cast<char32_t>(upper ? text[0] - 'A' + 'a' : text[0]);
                    label.letter_value = point_value(lower);
                }
                // Lower-case Roman numerals are rare in plans: "i)", "v)" are letters.
                if (!upper) {
                    if (pos != 1) return std::nullopt;
                    label.value = label.letter_value;
                    label.letter_value = 0;
                }
                if (auto done = finish(label, text, after, consumed)) return done;
            }
    }
    std::size_t next = 0;
    const char32_t cp = text::next_code_point(text, next);
    const std::string lower_text = text::to_lower(text.substr(0, next));
    std::size_t lower_pos = 0;
    const char32_t lower = text::next_code_point(lower_text, lower_pos);
    const long value = point_value(lower);
    if (value == 0) return std::nullopt;
    const std::size_t after = read_punct(text, next, punct);
    if (after == std::string_view::npos) return std::nullopt;
    Label label;
    label.kind = cp == lower ? LabelKind::lower_letter : LabelKind::upper_letter;
    label.punct = punct;
    label.value = value;
    return finish(label, text, after, consumed);
}

bool starts_with_capital(std::string_view text) {
    if (text.empty()) return false;
    std::size_t next = 0;
    const char32_t cp = text::next_code_point(text, next);
    const std::string first(text.substr(0, next));
    return cp > 0x40 && text::to_lower(first) != first;
}

std::optional<Label> parse_bullet(std::string_view text, std::size_t* consumed) {
    static constexpr std::array<std::string_view, 4> dashes = {"-", "–", "—", "−"};
    static constexpr std::array<std::string_view, 8> bullets = {"•", "●", "▪", "■", "○", "◦", "·", "*"};
    auto try_mark = [&](std::string_view mark, LabelKind kind) -> std::optional<Label> {
        if (mark.empty() || text.substr(0, mark.size()) != mark) return std::nullopt;
        const std::size_t end = mark.size();
        // "- Text", and "-Text" typed without the space (a capital letter follows); never
        // "-----" or "-5".
        const bool spaced = end < text.size() && (text[end] == ' ' || text[end] == '\t');
        if (!spaced && !(kind == LabelKind::dash && starts_with_capital(text.substr(end)))) return std::nullopt;
        Label label;
        label.kind = kind;
        label.text = std::string(mark);
        const std::size_t after = skip_spaces(text, end);
        if (after >= text.size()) return std::nullopt; // a mark with nothing after it
        if (consumed) *consumed = after;
        return label;
    };
    for (std::string_view d : dashes)
        if (auto label = try_mark(d, LabelKind::dash)) return label;
    if (auto label = try_mark("+", LabelKind::plus)) return label;
    for (std::string_view b : bullets)
        if (auto label = try_mark(b, LabelKind::bullet)) return label;
    return std::nullopt;
}

} // namespace

std::optional<Label> parse_label(std::string_view text, std::size_t* consumed) {
    if (text.empty()) return std::nullopt;
    if (is_digit(text[0])) return parse_numbers(text, consumed);
    if (auto bullet = parse_bullet(text, consumed)) return bullet;
    return parse_letters(text, consumed);
}

std::optional<Label> parse_label_alone(std::string_view label) {
    const std::string trimmed(label.substr(0, label.find_last_not_of(" \t") + 1));
    if (trimmed.empty()) return std::nullopt;
    std::optional<Label> parsed = parse_label(trimmed + " x");
    if (parsed && parsed->text.size() != trimmed.size()) return std::nullopt; // "1. Điều" is not a label alone
    return parsed;
}

Label as_letter(const Label& label) {
    Label letter = label;
    if (label.kind == LabelKind::roman && label.letter_value > 0) {
        letter.kind = LabelKind::upper_letter;
        letter.value = label.letter_value;
    }
    return letter;
}

std::string numbering_style(const Label& label) {
    const std::string punct = label.punct ? std::string(1, label.punct) : std::string(".");
    switch (label.kind) {
    case LabelKind::roman: return "I" + punct;
    case LabelKind::upper_letter: return "A" + punct;
    case LabelKind::lower_letter: return "a" + punct;
    case LabelKind::arabic: return "1" + punct;
    case LabelKind::dotted: return "1.1" + punct;
    case LabelKind::dash: return "-";
    case LabelKind::plus: return "+";
    case LabelKind::bullet: return "•";
    }
    return "-";
}

std::string level_key(const Label& label) {
    std::string key = numbering_style(label);
    if (label.kind == LabelKind::dotted) key += "/" + std::to_string(label.components);
    return key;
}

std::string template_label(const std::string& style, long index, const std::string& parent_base, std::string& base) {
    base = parent_base;
    const std::string_view head = std::string_view(style).substr(0, style.size() > 0 ? style.size() - 1 : 0);
    const char last = style.empty() ? 0 : style.back();
    const bool numbered = (last == '-' || last == '.' || last == ')') &&
                          (head == "I" || head == "A" || head == "a" || head == "1" || head == "1.1");
    if (!numbered) return style;
    if (head == "I") base = text::to_roman(index).value_or(std::to_string(index));
    else if (head == "A") base = text::to_upper(text::point_letter(index).value_or(""));
    else if (head == "a") base = text::point_letter(index).value_or("");
    else if (head == "1" || parent_base.empty()) base = std::to_string(index);
    else base = parent_base + "." + std::to_string(index);
    return base + last;
}

} // namespace vanban::import
