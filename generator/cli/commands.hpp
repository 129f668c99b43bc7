// The subcommands of vanban. Each lives in its own file and registers itself with the app;
// main() runs the one the user chose.
#pragma once

#include "cli_support.hpp"
#include "language.hpp"

namespace vanban::cli {

Command add_render_command(CLI::App& app);   // render_command.cpp
Command add_validate_command(CLI::App& app); // render_command.cpp
Command add_batch_command(CLI::App& app);    // batch_command.cpp
Command add_convert_command(CLI::App& app);  // convert_command.cpp
Command add_import_command(CLI::App& app);   // import_command.cpp
Command add_check_command(CLI::App& app);    // check_command.cpp
Command add_serve_command(CLI::App& app);    // serve_command.cpp
Command add_generate_command(CLI::App& app); // generate_command.cpp: man pages, completion

} // namespace vanban::cli
