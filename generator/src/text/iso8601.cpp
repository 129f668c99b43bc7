#include "text/iso8601.hpp"

#include <ctime>

namespace vanban::text {
namespace {

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}
    bool at_end() const { return pos_ == text_.size(); }
    bool accept(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
        return false;
    }
    // Exactly `count` digits, or nullopt.
    std::optional<int> digits(int count) {
        int value = 0;
        for (int i = 0; i < count; ++i, ++pos_) {
            if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') return std::nullopt;
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

bool read_date(Reader& in, Date& date) {
    const auto year = in.digits(4);
    if (!year || !in.accept('-')) return false;
    const auto month = in.digits(2);
    if (!month || !in.accept('-')) return false;
    const auto day = in.digits(2);
    if (!day) return false;
    date = Date{*year, *month, *day};
    return is_valid_date(date);
}

bool read_time(Reader& in, Moment& moment) {
    const auto hour = in.digits(2);
    if (!hour || !in.accept(':')) return false;
    const auto minute = in.digits(2);
    if (!minute) return false;
    std::optional<int> second = 0;
    if (in.accept(':')) {
        second = in.digits(2);
        if (!second) return false;
        if (in.accept('.') || in.accept(',')) in.skip_digits();
    }
    if (*hour > 23 || *minute > 59 || *second > 60) return false;
    moment.hour = *hour;
    moment.minute = *minute;
    moment.second = *second == 60 ? 59 : *second;
    return true;
}

// "Z", "+07:00", "+0700", "+07"; nothing at all is no zone.
bool read_zone(Reader& in, Moment& moment) {
    if (in.at_end()) return true;
    if (in.accept('Z')) return moment.zone = 'Z', true;
    const char sign = in.accept('+') ? '+' : in.accept('-') ? '-' : 0;
    if (!sign) return false;
    const auto hours = in.digits(2);
    std::optional<int> minutes = 0;
    if (!in.at_end()) {
        in.accept(':');
        minutes = in.digits(2);
    }
    if (!hours || !minutes || *hours > 14 || *minutes > 59) return false;
    moment.zone = sign;
    moment.zone_minutes = (sign == '-' ? -1 : 1) * (*hours * 60 + *minutes);
    return true;
}

} // namespace

std::int64_t Moment::unix_seconds() const {
    std::tm tm{};
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month - 1;
    tm.tm_mday = date.day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<std::int64_t>(timegm(&tm)) - std::int64_t{zone_minutes} * 60;
}

std::optional<Moment> parse_iso8601(std::string_view text) {
    Reader in(text);
    Moment moment;
    if (!read_date(in, moment.date)) return std::nullopt;
    if (in.accept('T') || in.accept(' '))
        if (!read_time(in, moment) || !read_zone(in, moment)) return std::nullopt;
    if (!in.at_end()) return std::nullopt;
    return moment;
}

} // namespace vanban::text
