// Small text helpers of the schema stage: code points, dates, and how values are written in
// messages (paths are text::JsonPath's). The stage decodes UTF-8 itself for its patterns
// (the data was already checked to be valid UTF-8 at the edge; stray bytes count as one
// character each rather than failing).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vanban/message.hpp"

namespace vanban::schema::detail {

std::size_t count_code_points(std::string_view text);
std::wstring to_utf32(std::string_view text);

enum class DateCheck { ok, bad_shape, bad_month, bad_day };

// "YYYY-MM-DD" naming a real calendar date (29 February only in leap years).
DateCheck check_date(std::string_view text);
// RFC 3339 date-time: "2024-03-25T08:30:00+07:00", fraction optional, "Z" for UTC,
// "T" and "Z" in either case; a leap second (…:60) only at 23:59 UTC.
bool is_date_time(std::string_view text);

// The month's name for messages: 2 -> "February" ("tháng 2").
Message month_name(int month);
int days_in_month(int year, int month);

// A value as it appears in a message: strings quoted, long values shortened with "…".
std::string quote(const nlohmann::json& value, std::size_t max_chars = 60);

} // namespace vanban::schema::detail
