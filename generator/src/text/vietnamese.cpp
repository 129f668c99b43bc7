// Dates, Roman numerals, point letters and numbers as official Vietnamese documents write them.
#include "text/vietnamese.hpp"

#include "text/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include <utf8proc.h>

namespace vanban::text {

// ---------------------------------------------------------------------------------------------
// Dates

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return days[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(const Date& date) {
    return date.year >= 1 && date.year <= 9999 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

namespace {

// Reads text[pos .. pos+count) as an unsigned decimal number; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string zero_padded(int value, std::size_t width) {
    std::string digits = std::to_string(value);
    if (value >= 0 && digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return digits;
}

// The zero rule: days 1..9 and months 1..2 take a leading zero ("05", "02"), months 3..12
// do not ("3"). The rule exists so that a handwritten digit cannot be added in front of a
// one-digit day or of the month 1 or 2 (1 -> 11, 12).
std::string day_with_zero_rule(int day) { return zero_padded(day, 2); }
std::string month_with_zero_rule(int month) {
    return month >= 1 && month <= 2 ? zero_padded(month, 2) : std::to_string(month);
}

bool is_word_character(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return true;
    default:
        return false;
    }
}

// Replaces the word when it is made only of date tokens ("DD", "DDMMYYYY"), longest token
// first; nullopt when it is an ordinary word, such as a place name ("Dương", "Mỹ Tho").
std::optional<std::string> expand_date_tokens(std::string_view word, const Date& date) {
    std::string out;
    std::size_t pos = 0;
    while (pos < word.size()) {
        const std::string_view rest = word.substr(pos);
        if (rest.starts_with("YYYY")) {
            out += zero_padded(date.year, 4);
            pos += 4;
        } else if (rest.starts_with("DD")) {
            out += day_with_zero_rule(date.day);
            pos += 2;
        } else if (rest.starts_with("MM")) {
            out += month_with_zero_rule(date.month);
            pos += 2;
        } else if (rest.starts_with("D")) {
            out += std::to_string(date.day);
            pos += 1;
        } else if (rest.starts_with("M")) {
            out += std::to_string(date.month);
            pos += 1;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

} // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = read_digits(text, 0, 4);
    const auto month = read_digits(text, 5, 2);
    const auto day = read_digits(text, 8, 2);
    if (!year || !month || !day) return std::nullopt;
    const Date date{*year, *month, *day};
    if (!is_valid_date(date)) return std::nullopt;
    return date;
}

std::string format_date(const Date& date, std::string_view pattern) {
    // Tokens count only as whole words: the pattern is cut into runs of letters, and a run is
    // replaced only if it consists of tokens. Thus "Bình Dương, DD/MM/YYYY" keeps its "D".
    std::string out;
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const std::size_t word_start = pos;
        std::size_t word_end = pos;
        while (word_end < pattern.size()) {
            std::size_t next = word_end;
            if (!is_word_character(next_code_point(pattern, next))) break;
            word_end = next;
        }
        if (word_end == word_start) { // not a letter: copy the code point (or stray byte)
            next_code_point(pattern, pos);
            out.append(pattern.substr(word_start, pos - word_start));
            continue;
        }
        const std::string_view word = pattern.substr(word_start, word_end - word_start);
        const auto expanded = expand_date_tokens(word, date);
        out.append(expanded ? std::string_view(*expanded) : word);
        pos = word_end;
    }
    return out;
}

std::string format_iso_date(const Date& date) {
    return zero_padded(date.year, 4) + '-' + zero_padded(date.month, 2) + '-' +
           zero_padded(date.day, 2);
}

// ---------------------------------------------------------------------------------------------
// Roman numerals and point letters

std::optional<std::string> to_roman(long n) {
    if (n < 1 || n > 3999) return std::nullopt;
    struct Symbol {
        long value;
        const char* text;
    };
    static constexpr std::array<Symbol, 13> symbols = {{{1000, "M"}, {900, "CM"}, {500, "D"},
        {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"},
        {5, "V"}, {4, "IV"}, {1, "I"}}};
    std::string out;
    for (const auto& symbol : symbols) {
        while (n >= symbol.value) {
            out += symbol.text;
            n -= symbol.value;
        }
    }
    return out;
}

std::optional<std::string> point_letter(long n) {
    // The Vietnamese alphabet without the letters that are not in it (f, j, w, z).
    static constexpr std::array<std::string_view, 23> letters = {"a", "b", "c", "d", "đ", "e",
        "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    if (n < 1) return std::nullopt;
    // Past "y" we count like spreadsheet columns (bijective base 23): 24 -> "aa", 25 -> "ab",
    // 46 -> "ay", 47 -> "ba", 552 -> "yy", 553 -> "aaa". No official rule covers so many points.
    std::vector<std::string_view> parts; // least significant letter first
    unsigned long remaining = static_cast<unsigned long>(n);
    while (remaining > 0) {
        const unsigned long index = (remaining - 1) % letters.size();
        parts.push_back(letters[index]);
        remaining = (remaining - 1) / letters.size();
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out.append(*it);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers
//
// How rounding stays right: the double nearest to 2.675 is 2.67499999999999982236431605997…,
// so rounding the binary value gives "2,67" where the author wrote 2.675 and expects "2,68". We therefore take the
// shortest decimal text that reads back as the same double (std::to_chars: "2.675", i.e. what
// the JSON said) and round THAT decimal text, half away from zero, digit by digit. Percentages
// shift that decimal text by two places instead of multiplying by 100 in binary.

namespace {

constexpr int max_decimals = 20; // more is never meaningful for a double; caps the output size
constexpr int shortest_max_decimals = 6;

// A finite number as decimal digits: value = 0.d1 d2 d3 ... × 10^point.
struct DecimalText {
    bool negative = false;
    std::string digits; // no leading zeros unless the value is zero ("0")
    int point = 0;
};

DecimalText to_decimal_text(double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                      std::abs(value), std::chars_format::scientific);
    // "d.ddde+XX": the digits, then the exponent of the first digit.
    const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
    const std::size_t e = text.find('e');
    DecimalText decimal;
    decimal.negative = std::signbit(value);
    for (const char c : text.substr(0, e))
        if (c != '.') decimal.digits.push_back(c);
    int exponent = 0;
    std::string_view exponent_text = text.substr(e + 1);
    if (!exponent_text.empty() && exponent_text.front() == '+') exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    decimal.point = exponent + 1;
    return decimal;
}

// Adds one unit to the last digit of a digit string; may grow it by one ("99" -> "100").
void increment_digits(std::string& digits) {
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it != '9') {
            ++*it;
            return;
        }
        *it = '0';
    }
    digits.insert(digits.begin(), '1');
}

// "1234567" -> "1.234.567".
std::string group_thousands(std::string_view integer_digits) {
    std::string out;
    const std::size_t size = integer_digits.size();
    for (std::size_t i = 0; i < size; ++i) {
        if (i > 0 && (size - i) % 3 == 0) out.push_back('.');
        out.push_back(integer_digits[i]);
    }
    return out;
}

// Writes the decimal text rounded to `decimals` places, half away from zero. With
// trim_zeros, trailing zeros of the fraction (and a comma left alone) are dropped.
std::string render(const DecimalText& decimal, int decimals, bool trim_zeros) {
    const auto digit_at_weight = [&](int weight) { // weight 0 = units, -1 = tenths, ...
        const int index = decimal.point - 1 - weight;
        return index >= 0 && index < static_cast<int>(decimal.digits.size())
                   ? decimal.digits[static_cast<std::size_t>(index)]
                   : '0';
    };
    std::string kept; // integer digits then `decimals` fraction digits
    for (int weight = std::max(decimal.point - 1, 0); weight >= -decimals; --weight)
        kept.push_back(digit_at_weight(weight));
    // Half away from zero: we work on the magnitude, so a first dropped digit >= 5 rounds up.
    if (digit_at_weight(-decimals - 1) >= '5') increment_digits(kept);

    const std::size_t integer_length = kept.size() - static_cast<std::size_t>(decimals);
    std::string integer_part = kept.substr(0, integer_length);
    std::string fraction = kept.substr(integer_length);
    if (trim_zeros) {
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
    const bool is_zero = kept.find_first_not_of('0') == std::string::npos;
    std::string out = decimal.negative && !is_zero ? "-" : ""; // never print "-0"
    out += group_thousands(integer_part);
    if (!fraction.empty()) out += ',' + fraction;
    return out;
}

// Non-finite values cannot come from JSON, only from arithmetic (1/0). Callers that print
// numbers for people should refuse them first; here they get a plain, visible text.
std::optional<std::string> non_finite_text(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
    return std::nullopt;
}

std::string format_decimal_text(const DecimalText& decimal, int decimals) {
    if (decimals < 0) return render(decimal, shortest_max_decimals, true);
    return render(decimal, std::min(decimals, max_decimals), false);
}

} // namespace

std::string format_number(double value, int decimals) {
    if (auto text = non_finite_text(value)) return *text;
    return format_decimal_text(to_decimal_text(value), decimals);
}

std::string format_percent(double ratio, int decimals) {
    if (auto text = non_finite_text(ratio)) return *text + "%";
    DecimalText decimal = to_decimal_text(ratio);
    // × 100, exactly, in decimal. Zero has no significant digit to move ("0" stays "0").
    if (decimal.digits != "0") decimal.point += 2;
    return format_decimal_text(decimal, decimals) + "%";
}

} // namespace vanban::text
