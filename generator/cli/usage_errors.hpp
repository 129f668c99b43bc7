// The command line's own mistakes (an unknown option, a missing argument, a bad value), as
// CLI11 reports them, turned into vanban messages in the user's language.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "vanban/message.hpp"

namespace vanban::cli {

// What went wrong, from CLI11's exception: its kind and the names and values in its text.
Message usage_message(const CLI::ParseError& error);

// The first option of the command line, in the app or the commands chosen, that was given an
// empty text (--appendix "", --profile=): the mistake of a user whose value went missing
// (an unset shell variable), never a way to ask for the default, which leaving the option out
// gives. Its name ("--appendix"), or nullopt. Flags and arguments are not options here.
std::optional<std::string> option_given_empty(const CLI::App& app);
// The same mistake written "--appendix=", found in the words before CLI11 reads them: CLI11
// 2.1 would take the next word as the value instead ("--appendix= -o x.pdf": appendix "-o").
// The option's name, when it is an option of the app or of one of its commands.
std::optional<std::string> option_given_empty(const CLI::App& app, int argc, const char* const* argv);

} // namespace vanban::cli
