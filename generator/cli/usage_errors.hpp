// The command line's own mistakes (an unknown option, a missing argument, a bad value), as
// CLI11 reports them, turned into vanban messages in the user's language.
#pragma once

#include <CLI/CLI.hpp>

#include "vanban/message.hpp"

namespace vanban::cli {

// What went wrong, from CLI11's exception: its kind and the names and values in its text.
Message usage_message(const CLI::ParseError& error);

} // namespace vanban::cli
