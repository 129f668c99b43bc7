// The language and colours of what the command line prints (docs/messages.md).
#pragma once

#include <cstdio>

#include "vanban/message.hpp"

namespace vanban::cli {

// Decides the language once, before the commands and their help are made: --lang vi|en
// (or --lang=vi) anywhere on the command line, else the environment
// (language_from_environment()). An unknown --lang value is left for the option's own check.
void choose_language(int argc, char** argv);
Language current_language();

// The text of a message in the current language.
inline std::string tr(const Message& message) { return message.text(current_language()); }

// Whether to colour what goes to `stream`: only a terminal, and never when NO_COLOR is set
// (https://no-color.org) or TERM is "dumb".
bool colour_for(std::FILE* stream);

} // namespace vanban::cli
