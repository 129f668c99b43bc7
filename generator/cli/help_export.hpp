// Man pages and bash completion made from the command line's own definitions (the CLI11
// app: its commands, options and help texts, in the chosen language), so that they never
// disagree with --help. The build runs `vanban generate man|completion` to make the files
// `cmake --install` and the Debian package install (docs/messages.md, docs/cli.md).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "vanban/message.hpp"

namespace vanban::cli {

// The man page of the program (`command` empty: vanban(1)) or of one of its commands
// (vanban-render(1)…), in roff, in the language the app's texts were made in.
std::string man_page(const CLI::App& app, const std::string& command, Language language);

// The commands a user runs, as `vanban --help` lists them.
std::vector<std::string> command_names(const CLI::App& app);

// A bash completion script for the program: commands, options, and the values the options
// take (formats, profiles, encodings, languages, template names, files and folders).
std::string bash_completion(const CLI::App& app);

} // namespace vanban::cli
