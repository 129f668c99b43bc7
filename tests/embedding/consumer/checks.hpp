// What the consumer programs share: checks that count what failed, and their exit.
#pragma once

#include <iostream>
#include <string>

namespace consumer {

inline int failures = 0;

inline void check(bool ok, const std::string& what) {
    if (!ok) {
        ++failures;
        std::cerr << "FAILED: " << what << "\n";
    }
}

// The program's exit code: 0 when every check passed.
inline int finish(const char* program) {
    if (failures == 0) std::cout << program << ": all good\n";
    return failures == 0 ? 0 : 1;
}

} // namespace consumer
