#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>

namespace vanban::fuzz {

void property_failed(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz property failed: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

} // namespace vanban::fuzz
