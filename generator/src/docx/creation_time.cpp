#include "docx/creation_time.hpp"

#include <chrono>
#include <ctime>

#include "text/iso8601.hpp"
#include "vanban/error.hpp"

namespace vanban::docx {
namespace {

[[noreturn]] void bad_date(std::string_view text) {
    throw Failure(ErrorKind::usage, msg("usage.bad-creation-date",
                                        "invalid creation date '{date}': expected ISO 8601 such as 2019-03-25 or 2019-03-25T08:00:00Z",
                                        {{"date", std::string(text)}}));
}

} // namespace

std::int64_t parse_iso8601(std::string_view text) {
    const std::optional<text::Moment> moment = text::parse_iso8601(text);
    if (!moment) bad_date(text);
    return moment->unix_seconds();
}

std::int64_t current_unix_time() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_w3cdtf(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::int64_t zip_time_for(std::int64_t unix_seconds) {
    constexpr std::int64_t dos_epoch = 315532800; // 1980-01-01T00:00:00Z
    constexpr std::int64_t dos_end = 4354819199;  // 2107-12-31T23:59:59Z
    std::int64_t wanted = unix_seconds < dos_epoch ? dos_epoch : unix_seconds > dos_end ? dos_end : unix_seconds;
    // Find t with localtime(t) == gmtime(wanted): shift by the zone offset, then check the
    // offset at the shifted time (it differs across a daylight-saving change).
    std::time_t t = static_cast<std::time_t>(wanted);
    std::tm local{};
    localtime_r(&t, &local);
    std::time_t shifted = t - local.tm_gmtoff;
    localtime_r(&shifted, &local);
    return static_cast<std::int64_t>(t - local.tm_gmtoff);
}

} // namespace vanban::docx
