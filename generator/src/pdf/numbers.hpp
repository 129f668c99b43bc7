// Numbers as the PDF writer writes them into content streams and dictionaries: integers in
// hundredths (or thousandths) of a unit, without trailing zeros ("340.2", "12", "0.753");
// no printf, whose locale-aware formatting costs a thousand instructions a number.
#pragma once

#include <charconv>
#include <cmath>
#include <string>

namespace vanban::pdf {

inline void append_fixed(std::string& out, long value, int decimals) {
    if (value < 0) out += '-';
    unsigned long a = static_cast<unsigned long>(value < 0 ? -value : value);
    const unsigned long scale = decimals == 3 ? 1000 : 100;
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, a / scale).ptr);
    unsigned long frac = a % scale;
    if (frac == 0) return;
    out += '.';
    for (unsigned long digit = scale / 10; digit > 0 && frac > 0; digit /= 10) {
        out += static_cast<char>('0' + frac / digit);
        frac %= digit;
    }
}

inline long hundredths(double v) { return std::lround(v * 100); }

// `v` to the hundredth: "340.2".
inline void append_number(std::string& out, double v) { append_fixed(out, hundredths(v), 2); }

} // namespace vanban::pdf
