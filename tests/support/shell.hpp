// The POSIX shell from a test: quoting a word, running a command.
#pragma once

#include <cstdlib>
#include <string>
#include <sys/wait.h>

namespace vanban::testing {

// `text` as one word for the shell, whatever characters it holds.
inline std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// Runs `command` with the shell; its exit code, or -1 when it did not exit normally.
inline int run_shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace vanban::testing
