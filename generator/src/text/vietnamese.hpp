// Vietnamese conventions of official documents: dates, Roman numerals, point letters,
// number formatting. See ../shared format notes, summarised in docs/template-language.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanban::text {

struct Date {
    int year = 0, month = 0, day = 0;
};

// Parses "YYYY-MM-DD" (ISO 8601 calendar date) and checks the day exists; nullopt otherwise.
// Exactly 10 characters, years 0001..9999 (Gregorian leap years: 2019-02-29 is refused).
std::optional<Date> parse_iso_date(std::string_view text);

bool is_leap_year(int year);
int days_in_month(int year, int month); // 0 when month is not 1..12
bool is_valid_date(const Date& date);   // year 1..9999, month 1..12, the day exists
// "2026-02-05"; the inverse of parse_iso_date.
std::string format_iso_date(const Date& date);

// Formats with the official zero rule (NĐ30 Phụ lục I, II.4.b): days below 10 and the
// months 1 and 2 take a leading zero, months 3–12 do not. Pattern tokens:
//   DD day with the zero rule   D  day without zero
//   MM month with the zero rule M  month without zero
//   YYYY year
// Anything else is copied. The default pattern gives "ngày 05 tháng 02 năm 2026".
// Tokens are recognised only as whole words: a run of letters is replaced when it is made
// only of tokens ("DD", "MM", "DDMMYYYY"), longest token first; any other word is copied,
// so "Bình Dương, DD/MM/YYYY" keeps the "D" of "Dương". The date is not validated here.
inline constexpr std::string_view official_date_pattern = "ngày DD tháng MM năm YYYY";
std::string format_date(const Date& date, std::string_view pattern = official_date_pattern);

// 1 -> "I", 4 -> "IV", 1999 -> "MCMXCIX"; n must be in 1..3999.
std::optional<std::string> to_roman(long n);

// The 23-letter sequence of points (điểm): a b c d đ e g h i k l m n o p q r s t u v x y;
// after y: aa, ab, … 1-based (bijective base 23, like spreadsheet columns: 46 -> "ay",
// 47 -> "ba", 552 -> "yy", 553 -> "aaa"). nullopt for n < 1.
std::optional<std::string> point_letter(long n);

// Vietnamese number format: "." groups thousands, "," is the decimal mark.
// format_number(1234567.5, 1) == "1.234.567,5"; decimals < 0 means "as few as needed,
// at most 6" (1234567.5 -> "1.234.567,5", 3.0 -> "3"). Negative: "-1.234"; never "-0".
// Rounding is half away from zero on the shortest decimal text of the double (what the JSON
// said): 2.675 -> "2,68", -2.5 with 0 decimals -> "-3". decimals above 20 count as 20.
// NaN and infinities print as "NaN", "∞", "-∞": callers that print for people (the template
// filters) should refuse non-finite numbers before calling.
std::string format_number(double value, int decimals = -1);
// format_percent(0.256, 1) == "25,6%" (the value is a ratio).
std::string format_percent(double ratio, int decimals = 1);

} // namespace vanban::text
