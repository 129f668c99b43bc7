// Helpers shared by the libFuzzer targets (docs/hardening.md).
//
// A target feeds its bytes to one stage the way the stage's real caller would, and lets
// anything but the stage's documented error (vanban::Failure) escape: libFuzzer reports an
// escaped exception as a crash, and so do the sanitizers for memory errors, leaks and
// undefined behaviour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vanban::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The input cut at each NUL byte. NUL never occurs in templates, JSON or CSV, so it can
// separate the parts of an input (template | data) without stealing a character they use.
inline std::vector<std::string_view> split_at_nul(std::string_view text) {
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t nul = text.find('\0');
        parts.push_back(text.substr(0, nul));
        if (nul == std::string_view::npos) return parts;
        text.remove_prefix(nul + 1);
    }
}

// Aborts (a finding) when a property a stage promises does not hold.
[[noreturn]] void property_failed(const char* what, std::string_view detail);

inline void check(bool holds, const char* what, std::string_view detail = {}) {
    if (!holds) property_failed(what, detail);
}

} // namespace vanban::fuzz
