// The creation time of a package: parsed from ISO 8601 on request (so that the same input
// gives the same bytes), written as W3CDTF in docProps/core.xml and as DOS time in the zip.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vanban::docx {

// Seconds since 1970-01-01T00:00:00Z of "2019-03-25", "2019-03-25T08:30", "2019-03-25T08:30:00Z",
// "2019-03-25T08:30:00+07:00" (read by text::parse_iso8601: fractions of a second are ignored;
// no zone means UTC). Throws vanban::Failure (ErrorKind::usage) naming the text when it is not such a date.
std::int64_t parse_iso8601(std::string_view text);

std::int64_t current_unix_time();

// "2019-03-25T01:30:00Z"
std::string format_w3cdtf(std::int64_t unix_seconds);

// The time_t to give libzip so that the entry's DOS date and time read as the UTC date and
// time of `unix_seconds`, whatever the machine's time zone (libzip converts with localtime).
// DOS time starts in 1980: earlier times become 1980-01-01.
std::int64_t zip_time_for(std::int64_t unix_seconds);

} // namespace vanban::docx
