// Small text helpers of the schema stage: code points, dates, and how values and paths are
// written in messages. The stage links nothing but nlohmann_json, so it decodes UTF-8 itself
// (the data was already checked to be valid UTF-8 at the edge; stray bytes count as one
// character each rather than failing).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vanban::schema::detail {

std::size_t count_code_points(std::string_view text);
std::wstring to_utf32(std::string_view text);

enum class DateCheck { ok, bad_shape, bad_month, bad_day };

// "YYYY-MM-DD" naming a real calendar date (29 February only in leap years).
DateCheck check_date(std::string_view text);
// RFC 3339 date-time: "2024-03-25T08:30:00+07:00", fraction optional, "Z" for UTC,
// "T" and "Z" in either case; a leap second (…:60) only at 23:59 UTC.
bool is_date_time(std::string_view text);

// The month's English name for messages: 2 -> "February".
const char* month_name(int month);
int days_in_month(int year, int month);

// A key written after a dot in a path: a name like the template language's (letters of any
// Latin script, "_", digits after the first character).
bool is_path_name(std::string_view key);
// `key` appended to `path`: "plan" + "title" -> "plan.title", + "a b" -> "plan[\"a b\"]".
void append_key(std::string& path, std::string_view key);
void append_index(std::string& path, std::size_t index);

// A value as it appears in a message: strings quoted, long values shortened with "…".
std::string quote(const nlohmann::json& value, std::size_t max_chars = 60);

} // namespace vanban::schema::detail
