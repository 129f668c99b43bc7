// Whether two JSON values are the same value of the same type all the way down. nlohmann's
// operator== takes 5u == 5 and 1 == 1.0, which would hide a reader that typed numbers
// differently; here a double's sign (-0.0) counts too. Used by the JSON reader's tests and by
// the data fuzz target.
#pragma once

#include <cmath>

#include <nlohmann/json.hpp>

namespace vanban::testing {

inline bool json_identical(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
            if (ia.key() != ib.key() || !json_identical(ia.value(), ib.value())) return false;
        return true;
    }
    if (a.is_array()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!json_identical(a[i], b[i])) return false;
        return true;
    }
    if (a.is_number_float()) {
        const double x = a.get<double>(), y = b.get<double>();
        return x == y && std::signbit(x) == std::signbit(y);
    }
    return a == b;
}

} // namespace vanban::testing
