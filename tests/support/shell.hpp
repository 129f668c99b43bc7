// The POSIX shell from a test: quoting a word, running a command, reading what it prints.
#pragma once

#include <cstdio>
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

// A command's exit code (-1 when it did not exit normally or could not be started) and all
// it printed on its standard output.
struct CommandResult {
    int exit_code = -1;
    std::string output;
};

// Runs `command` with the shell and reads its standard output to the end (redirect 2>&1 in
// `command` to have standard error too).
inline CommandResult read_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace vanban::testing
