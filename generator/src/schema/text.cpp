#include "schema/text.hpp"

#include <array>

namespace vanban::schema::detail {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Decodes the code point starting at text[i] and moves i past it. A byte that does not
// start a well-formed sequence becomes U+FFFD on its own.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[i + k]);
        if (!is_continuation(next)) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    i += length;
    return cp;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` digits at text[at…] as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return -1;
    int value = 0;
    for (std::size_t k = at; k < at + count; ++k) {
        if (!is_digit(text[k])) return -1;
        value = value * 10 + (text[k] - '0');
    }
    return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

} // namespace

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        next_code_point(text, i);
        ++count;
    }
    return count;
}

std::wstring to_utf32(std::string_view text) {
    static_assert(sizeof(wchar_t) == 4, "patterns match UTF-32 text: wchar_t must hold a code point");
    std::wstring out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) out.push_back(static_cast<wchar_t>(next_code_point(text, i)));
    return out;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return days[static_cast<std::size_t>(month - 1)];
}

Message month_name(int month) {
    switch (month) {
    case 1: return msg("schema.month-1", "January");
    case 2: return msg("schema.month-2", "February");
    case 3: return msg("schema.month-3", "March");
    case 4: return msg("schema.month-4", "April");
    case 5: return msg("schema.month-5", "May");
    case 6: return msg("schema.month-6", "June");
    case 7: return msg("schema.month-7", "July");
    case 8: return msg("schema.month-8", "August");
    case 9: return msg("schema.month-9", "September");
    case 10: return msg("schema.month-10", "October");
    case 11: return msg("schema.month-11", "November");
    case 12: return msg("schema.month-12", "December");
    default: return Message::verbatim("?");
    }
}

DateCheck check_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return DateCheck::bad_shape;
    int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) return DateCheck::bad_shape;
    if (month < 1 || month > 12) return DateCheck::bad_month;
    if (day < 1 || day > days_in_month(year, month)) return DateCheck::bad_day;
    return DateCheck::ok;
}

bool is_date_time(std::string_view text) {
    // date "T" hh ":" mm ":" ss [ "." 1*digit ] ( "Z" / ("+" / "-") hh ":" mm )
    if (text.size() < 20 || check_date(text.substr(0, 10)) != DateCheck::ok) return false;
    if (text[10] != 'T' && text[10] != 't') return false;
    int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
    if (text[13] != ':' || text[16] != ':' || hour < 0 || minute < 0 || second < 0) return false;
    if (hour > 23 || minute > 59 || second > 60) return false;
    std::size_t i = 19;
    if (i < text.size() && text[i] == '.') {
        std::size_t first = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == first) return false;
    }
    if (i >= text.size()) return false;
    int offset_minutes = 0;
    if (text[i] == 'Z' || text[i] == 'z') {
        ++i;
    } else if (text[i] == '+' || text[i] == '-') {
        int offset_hour = digits(text, i + 1, 2), offset_minute = digits(text, i + 4, 2);
        if (i + 6 != text.size() || text[i + 3] != ':' || offset_hour < 0 || offset_minute < 0) return false;
        if (offset_hour > 23 || offset_minute > 59) return false;
        offset_minutes = (offset_hour * 60 + offset_minute) * (text[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return false;
    }
    if (i != text.size()) return false;
    if (second == 60) {
        // Leap seconds are inserted at the end of a UTC day only.
        int utc_minutes = ((hour * 60 + minute - offset_minutes) % 1440 + 1440) % 1440;
        if (utc_minutes != 23 * 60 + 59) return false;
    }
    return true;
}

std::string quote(const nlohmann::json& value, std::size_t max_chars) {
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (count_code_points(text) <= max_chars) return text;
    // Cut on a code point boundary and show that something was left out.
    std::size_t i = 0;
    for (std::size_t kept = 0; kept + 1 < max_chars && i < text.size(); ++kept) next_code_point(text, i);
    std::string shortened = text.substr(0, i) + "…";
    if (value.is_string()) shortened += '"';
    return shortened;
}

} // namespace vanban::schema::detail
