#include "text/vietnamese.hpp"

#include <catch2/catch.hpp>

#include <climits>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace vanban::text;

namespace {

Date date(int year, int month, int day) { return Date{year, month, day}; }

} // namespace

TEST_CASE("parse_iso_date accepts real dates", "[date]") {
    const auto d = parse_iso_date("2026-02-05");
    REQUIRE(d);
    CHECK(d->year == 2026);
    CHECK(d->month == 2);
    CHECK(d->day == 5);
    CHECK(parse_iso_date("2020-02-29"));  // leap year
    CHECK(parse_iso_date("2000-02-29"));  // divisible by 400
    CHECK(parse_iso_date("2019-12-31"));
    CHECK(parse_iso_date("2019-04-30"));
    CHECK(parse_iso_date("0001-01-01"));
    CHECK(parse_iso_date("9999-12-31"));
}

TEST_CASE("parse_iso_date refuses days that do not exist and other shapes", "[date]") {
    for (const char* text : {"2019-02-29", "1900-02-29", "2019-04-31", "2019-06-31",
                             "2019-09-31", "2019-11-31", "2019-01-32", "2019-13-01",
                             "2019-00-10", "2019-01-00", "0000-01-01", "2019-1-01",
                             "2019-01-1", "2019/01/01", "2019-01-01T00:00", " 2019-01-01",
                             "+019-01-01", "2019-0a-01", "", "20190101"}) {
        INFO(text);
        CHECK_FALSE(parse_iso_date(text));
    }
}

TEST_CASE("calendar helpers", "[date]") {
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(2000));
    CHECK_FALSE(is_leap_year(1900));
    CHECK_FALSE(is_leap_year(2019));
    CHECK(days_in_month(2019, 2) == 28);
    CHECK(days_in_month(2020, 2) == 29);
    CHECK(days_in_month(2019, 4) == 30);
    CHECK(days_in_month(2019, 12) == 31);
    CHECK(days_in_month(2019, 0) == 0);
    CHECK(days_in_month(2019, 13) == 0);
    CHECK(is_valid_date(date(2019, 3, 25)));
    CHECK_FALSE(is_valid_date(date(2019, 2, 29)));
    CHECK(format_iso_date(date(2026, 2, 5)) == "2026-02-05");
    CHECK(format_iso_date(*parse_iso_date("2019-11-30")) == "2019-11-30");
}

TEST_CASE("format_date with the official pattern", "[date]") {
    CHECK(format_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026");
    CHECK(format_date(date(2019, 3, 25)) == "ngày 25 tháng 3 năm 2019");
    CHECK(format_date(date(2018, 4, 3)) == "ngày 03 tháng 4 năm 2018");
    CHECK(format_date(date(2026, 1, 9)) == "ngày 09 tháng 01 năm 2026");
    CHECK(format_date(date(2020, 12, 10)) == "ngày 10 tháng 12 năm 2020");
}

TEST_CASE("format_date zero rule for every month", "[date]") {
    const std::vector<std::pair<int, std::string>> months = {
        {1, "01"}, {2, "02"}, {3, "3"}, {4, "4"}, {5, "5"}, {6, "6"},
        {7, "7"}, {8, "8"}, {9, "9"}, {10, "10"}, {11, "11"}, {12, "12"}};
    for (const auto& [month, text] : months) {
        INFO("month " << month);
        CHECK(format_date(date(2019, month, 9)) == "ngày 09 tháng " + text + " năm 2019");
        CHECK(format_date(date(2019, month, 9), "MM") == text);
        CHECK(format_date(date(2019, month, 9), "M") == std::to_string(month));
    }
}

TEST_CASE("format_date zero rule for days", "[date]") {
    CHECK(format_date(date(2019, 5, 1), "DD") == "01");
    CHECK(format_date(date(2019, 5, 9), "DD") == "09");
    CHECK(format_date(date(2019, 5, 10), "DD") == "10");
    CHECK(format_date(date(2019, 5, 31), "DD") == "31");
    CHECK(format_date(date(2019, 5, 1), "D") == "1");
    CHECK(format_date(date(2019, 5, 31), "D") == "31");
}

TEST_CASE("format_date with custom patterns", "[date]") {
    CHECK(format_date(date(2019, 5, 19), "DD/MM/YYYY") == "19/5/2019");
    CHECK(format_date(date(2019, 1, 21), "DD/MM/YYYY") == "21/01/2019");
    CHECK(format_date(date(2026, 2, 5), "D/M/YYYY") == "5/2/2026");
    CHECK(format_date(date(2026, 2, 5), "DDMMYYYY") == "05022026");
    CHECK(format_date(date(2026, 2, 5), "YYYY-MM-DD") == "2026-02-05");
    CHECK(format_date(date(2026, 2, 5), "Hà Nội, DD/MM/YYYY") == "Hà Nội, 05/02/2026");
    // Words that contain D, M or Y but are not tokens are copied, place names above all.
    CHECK(format_date(date(2026, 2, 5), "Bình Dương, ngày DD tháng MM năm YYYY") ==
          "Bình Dương, ngày 05 tháng 02 năm 2026");
    CHECK(format_date(date(2026, 3, 5), "Mỹ Tho, Cà Mau, Yên Bái: D-M") ==
          "Mỹ Tho, Cà Mau, Yên Bái: 5-3");
    CHECK(format_date(date(2026, 3, 5), "My\u0303 Tho D") == "My\u0303 Tho 5"); // NFD word
    CHECK(format_date(date(2026, 3, 5), "YY Dd MMy") == "YY Dd MMy");
    CHECK(format_date(date(2026, 3, 5), "(D)") == "(5)");
    CHECK(format_date(date(2026, 3, 5), "") == "");
    CHECK(format_date(date(987, 3, 5), "YYYY") == "0987");
}

TEST_CASE("to_roman", "[roman]") {
    const std::vector<std::pair<long, std::string>> cases = {
        {1, "I"}, {2, "II"}, {3, "III"}, {4, "IV"}, {5, "V"}, {6, "VI"}, {9, "IX"},
        {10, "X"}, {14, "XIV"}, {19, "XIX"}, {40, "XL"}, {49, "XLIX"}, {90, "XC"},
        {400, "CD"}, {444, "CDXLIV"}, {900, "CM"}, {1999, "MCMXCIX"}, {2026, "MMXXVI"},
        {3999, "MMMCMXCIX"}};
    for (const auto& [n, text] : cases) {
        INFO(n);
        CHECK(to_roman(n) == text);
    }
    CHECK_FALSE(to_roman(0));
    CHECK_FALSE(to_roman(-1));
    CHECK_FALSE(to_roman(4000));
    CHECK_FALSE(to_roman(LONG_MAX));
}

TEST_CASE("point_letter", "[letter]") {
    const std::vector<std::string> letters = {"a", "b", "c", "d", "đ", "e", "g", "h",
        "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    for (std::size_t i = 0; i < letters.size(); ++i) {
        INFO(i + 1);
        CHECK(point_letter(static_cast<long>(i + 1)) == letters[i]);
    }
    CHECK(point_letter(24) == "aa");
    CHECK(point_letter(25) == "ab");
    CHECK(point_letter(28) == "ađ");
    CHECK(point_letter(46) == "ay");
    CHECK(point_letter(47) == "ba");
    CHECK(point_letter(552) == "yy");
    CHECK(point_letter(553) == "aaa");
    CHECK_FALSE(point_letter(0));
    CHECK_FALSE(point_letter(-3));
    CHECK(point_letter(LONG_MAX)); // large but finite
}

TEST_CASE("format_number groups thousands with '.' and uses ',' for decimals", "[number]") {
    CHECK(format_number(0) == "0");
    CHECK(format_number(7) == "7");
    CHECK(format_number(123) == "123");
    CHECK(format_number(1234) == "1.234");
    CHECK(format_number(123456) == "123.456");
    CHECK(format_number(1234567) == "1.234.567");
    CHECK(format_number(1234567.5) == "1.234.567,5");
    CHECK(format_number(1234567.5, 1) == "1.234.567,5");
    CHECK(format_number(3.0) == "3");
    CHECK(format_number(2.5, 2) == "2,50");
    CHECK(format_number(1234, 0) == "1.234");
    CHECK(format_number(0.5, 3) == "0,500");
    CHECK(format_number(-1234) == "-1.234");
    CHECK(format_number(-1234567.25, 1) == "-1.234.567,3");
    CHECK(format_number(1e21) == "1.000.000.000.000.000.000.000");
}

TEST_CASE("format_number shortest form", "[number]") {
    CHECK(format_number(0.1 + 0.2) == "0,3");            // 0.30000000000000004
    CHECK(format_number(12.5) == "12,5");
    CHECK(format_number(0.000001) == "0,000001");
    CHECK(format_number(0.0000004) == "0");              // below 6 decimals
    CHECK(format_number(0.0000005) == "0,000001");
    CHECK(format_number(999.9999996) == "1.000");        // the carry reaches the integer
    CHECK(format_number(1.23456789) == "1,234568");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(-0.0000001) == "0");             // never "-0"
}

TEST_CASE("format_number rounds half away from zero on the decimal text", "[number]") {
    CHECK(format_number(2.675, 2) == "2,68");   // binary 2.67499999… but written 2.675
    CHECK(format_number(1.005, 2) == "1,01");
    CHECK(format_number(0.5, 0) == "1");
    CHECK(format_number(1.5, 0) == "2");
    CHECK(format_number(2.5, 0) == "3");        // not banker's rounding
    CHECK(format_number(-2.5, 0) == "-3");
    CHECK(format_number(-0.4, 0) == "0");
    CHECK(format_number(9999.95, 1) == "10.000,0");
    CHECK(format_number(2.345, 2) == "2,35");
    CHECK(format_number(0.0049, 2) == "0,00");
}

TEST_CASE("format_number limits and non-finite values", "[number]") {
    const std::string many = format_number(1.0 / 3.0, 1000);
    CHECK(many.size() == 2 + 20); // capped at 20 decimals
    CHECK(many.starts_with("0,33333333333333"));
    CHECK(format_number(1e300).size() == 301 + 100); // 301 digits, 100 dots
    CHECK(format_number(std::numeric_limits<double>::denorm_min()) == "0");
    CHECK(format_number(std::nan("")) == "NaN");
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "∞");
    CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-∞");
}

TEST_CASE("format_percent", "[number]") {
    CHECK(format_percent(0.256, 1) == "25,6%");
    CHECK(format_percent(0.256) == "25,6%");
    // Zero is "0%", not "000%" (a ratio of nothing is common in report tables).
    CHECK(format_percent(0.0, 1) == "0,0%");
    CHECK(format_percent(0.0, 0) == "0%");
    CHECK(format_percent(-0.0, 2) == "0,00%");
    CHECK(format_percent(1) == "100,0%");
    CHECK(format_percent(0.5, 0) == "50%");
    CHECK(format_percent(0.125, 0) == "13%");
    CHECK(format_percent(0.285, 0) == "29%");    // 0.285 * 100 is 28.499999999999996 in binary
    CHECK(format_percent(0.00005, 2) == "0,01%");
    CHECK(format_percent(-0.256) == "-25,6%");
    CHECK(format_percent(12.345, 1) == "1.234,5%");
    CHECK(format_percent(0.1234, -1) == "12,34%");
    CHECK(format_percent(std::nan("")) == "NaN%");
}
