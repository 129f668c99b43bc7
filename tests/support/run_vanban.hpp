// Running the built vanban program as a user runs it from a shell, for the tests of the
// program itself (exit codes, messages, files): tests/cli and tests/catalogue.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

namespace vanban::testing {

// What a run of the program left: its exit code and all it wrote to each output stream.
struct CliRun {
    int exit_code = -1;
    std::string out, err;
};

// The program's standard streams. Standard input is a file holding `stdin_text` (never a
// terminal); standard output is captured, unless `stdout_to` names where it goes instead
// (e.g. /dev/full, for a full disk). Standard error is always captured.
struct CliStreams {
    std::string stdin_text;
    std::string stdout_to;
    // VANBAN_LANG for the run; "" keeps the test's own VANBAN_LANG, else English, so that the
    // tests do not depend on the machine's locale.
    std::string language;
};

// Runs vanban with `args` (shell words: quote what needs it) in the folder `dir`, with the
// repository's templates as VANBAN_TEMPLATES. The streams' files live in a folder of their
// own, so the program sees in `dir` only what the test put there, and the test sees there
// only what the program wrote.
inline CliRun run_vanban(const std::string& args, const TempDir& dir, const CliStreams& streams = {}) {
    const TempDir io;
    const auto in = io.write("stdin", streams.stdin_text), out = io.path() / "stdout", err = io.path() / "stderr";
    const std::string stdout_to = streams.stdout_to.empty() ? out.string() : streams.stdout_to;
    const std::string templates = std::string(VANBAN_SOURCE_DIR) + "/templates";
    const char* inherited = std::getenv("VANBAN_LANG");
    const std::string language = !streams.language.empty() ? streams.language : inherited ? inherited : "en";
    const std::string command = "cd " + shell_quote(dir.path().string()) + " && VANBAN_LANG=" +
                                shell_quote(language) + " VANBAN_TEMPLATES=" +
                                shell_quote(templates) + " " + shell_quote(VANBAN_CLI_PATH) + " " + args + " <" +
                                shell_quote(in.string()) + " >" + shell_quote(stdout_to) + " 2>" +
                                shell_quote(err.string());
    CliRun run;
    run.exit_code = run_shell(command);
    run.out = read_file(out);
    run.err = read_file(err);
    return run;
}

// The same with `stdin_text` as standard input.
inline CliRun run_vanban(const std::string& args, const TempDir& dir, const std::string& stdin_text) {
    return run_vanban(args, dir, CliStreams{.stdin_text = stdin_text});
}

} // namespace vanban::testing
