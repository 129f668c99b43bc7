#include "text/iso8601.hpp"

#include <catch2/catch.hpp>

using namespace vanban::text;

TEST_CASE("parse_iso8601 reads a date, a time and a zone as written", "[date][iso8601]") {
    const auto date_only = parse_iso8601("2026-02-05");
    REQUIRE(date_only);
    CHECK(date_only->date.year == 2026);
    CHECK(date_only->date.month == 2);
    CHECK(date_only->date.day == 5);
    CHECK(date_only->zone == 0);
    CHECK(date_only->unix_seconds() == 1770249600); // 2026-02-05T00:00:00Z

    const auto hanoi = parse_iso8601("2019-03-25T15:00:00+07:00");
    REQUIRE(hanoi);
    CHECK(hanoi->hour == 15);
    CHECK(hanoi->zone == '+');
    CHECK(hanoi->zone_minutes == 420);
    CHECK(hanoi->unix_seconds() == 1553500800); // 2019-03-25T08:00:00Z

    for (const char* same : {"2019-03-25T08:00:00Z", "2019-03-25T08:00Z", "2019-03-25 08:00:00", "2019-03-25T08:00:00.75Z",
                             "2019-03-25T15:00+0700", "2019-03-25T15:00+07", "2019-03-25T03:00:00-05:00"}) {
        INFO(same);
        const auto moment = parse_iso8601(same);
        REQUIRE(moment);
        CHECK(moment->unix_seconds() == 1553500800);
    }
    const auto west = parse_iso8601("2019-03-25T03:00:00-05:30");
    REQUIRE(west);
    CHECK(west->zone == '-');
    CHECK(west->zone_minutes == -330);
}

TEST_CASE("parse_iso8601 refuses what is not a moment", "[date][iso8601]") {
    for (const char* bad : {"", "25/03/2019", "2019-3-25", "2019-13-01", "2019-02-29", "2019-02-30", "0000-01-01",
                            "2019-03-25T25:00", "2019-03-25T08:60", "2019-03-25T08", "2019-03-25Tx", "2019-03-25Z",
                            "2019-03-25T08:00:00+7", "2019-03-25T08:00:00+15:00", "2019-03-25T08:00:00 ", "tomorrow"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601(bad));
    }
}

TEST_CASE("a leap second is read as the second before it", "[date][iso8601]") {
    const auto moment = parse_iso8601("2016-12-31T23:59:60Z");
    REQUIRE(moment);
    CHECK(moment->second == 59);
}
