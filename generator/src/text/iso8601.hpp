// Moments written in ISO 8601, as options and models give a creation date. One reader for
// every writer: the PDF's dates, the DOCX's core properties and zip times, and the engine's
// check of --fixed-date accept exactly the same texts.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "text/vietnamese.hpp"

namespace vanban::text {

struct Moment {
    Date date;
    int hour = 0, minute = 0, second = 0;
    // The zone as written: 0 when none was given (read as UTC), 'Z', '+' or '-'.
    char zone = 0;
    int zone_minutes = 0; // east of UTC, signed: +07:00 is 420

    // Seconds since 1970-01-01T00:00:00Z.
    std::int64_t unix_seconds() const;
};

// "2019-03-25", "2019-03-25T08:30", "2019-03-25T08:30:00" (a space may replace the T), with a
// fraction of a second (ignored) and a zone "Z", "+07:00", "+0700" or "+07". The day must
// exist (2019-02-29 is refused); a leap second (:60) is read as :59, since neither a PDF date
// nor a zip time can say it. nullopt for anything else.
std::optional<Moment> parse_iso8601(std::string_view text);

} // namespace vanban::text
