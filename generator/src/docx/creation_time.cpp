#include "docx/creation_time.hpp"

#include <chrono>
#include <ctime>

#include "vanban/error.hpp"

namespace vanban::docx {
namespace {

[[noreturn]] void bad_date(std::string_view text) {
    throw Failure(ErrorKind::usage, msg("usage.bad-creation-date",
                                        "invalid creation date '{date}': expected ISO 8601 such as 2019-03-25 or 2019-03-25T08:00:00Z",
                                        {{"date", std::string(text)}}));
}

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}
    bool at_end() const { return pos_ == text_.size(); }
    bool accept(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
        return false;
    }
    bool peek_is(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
    // Exactly `count` digits, or -1.
    int digits(int count) {
        int value = 0;
        for (int i = 0; i < count; ++i, ++pos_) {
            if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') return -1;
            value = value * 10 + (text_[pos_] - '0');
        }
        return value;
    }
    void skip_digits() {
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// Seconds east of UTC from "Z", "+07:00", "+0700", "-05"; 0 when there is no zone.
int read_zone(Reader& in, std::string_view text) {
    if (in.accept('Z') || in.at_end()) return 0;
    int sign = in.accept('+') ? 1 : in.accept('-') ? -1 : 0;
    if (sign == 0) bad_date(text);
    int hours = in.digits(2);
    int minutes = 0;
    if (!in.at_end()) {
        in.accept(':');
        minutes = in.digits(2);
    }
    if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59) bad_date(text);
    return sign * (hours * 3600 + minutes * 60);
}

} // namespace

std::int64_t parse_iso8601(std::string_view text) {
    Reader in(text);
    std::tm tm{};
    int year = in.digits(4), month = -1, day = -1;
    if (year >= 0 && in.accept('-')) month = in.digits(2);
    if (month >= 0 && in.accept('-')) day = in.digits(2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) bad_date(text);
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    int zone = 0;
    if (in.accept('T') || in.accept(' ')) {
        tm.tm_hour = in.digits(2);
        if (!in.accept(':')) bad_date(text);
        tm.tm_min = in.digits(2);
        if (in.accept(':')) {
            tm.tm_sec = in.digits(2);
            if (in.accept('.') || in.accept(',')) in.skip_digits();
        }
        if (tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
            tm.tm_sec > 60)
            bad_date(text);
        if (tm.tm_sec == 60) tm.tm_sec = 59; // a leap second: the zip cannot say it anyway
        zone = read_zone(in, text);
    }
    if (!in.at_end()) bad_date(text);
    std::tm normalised = tm;
    std::time_t t = timegm(&normalised);
    // timegm moves "2019-02-30" to March: such a day does not exist.
    if (normalised.tm_mday != day || normalised.tm_mon != month - 1) bad_date(text);
    return static_cast<std::int64_t>(t) - zone;
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
