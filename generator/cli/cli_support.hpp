// What every vanban command shares: engine options from the command line and environment,
// error reporting with exit codes, reading inputs, and writing outputs atomically.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vanban/engine.hpp"
#include "vanban/error.hpp"

namespace vanban::cli {

// A subcommand: its CLI11 app, and what runs when the user chose it.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

struct CommonOptions {
    std::vector<std::string> template_dirs;
    std::vector<std::string> font_dirs;
    std::string profile;
    std::string fixed_date;
};

// -q/--quiet and -v/--verbose, as a command understands them.
struct Verbosity {
    bool quiet = false;
    bool verbose = false;
};

// Adds --templates and --profile to a command.
void add_common_options(CLI::App& command, CommonOptions& common);
// The TEMPLATE and DATA arguments of render, validate and batch.
void add_template_argument(CLI::App& command, std::string& name);
void add_data_argument(CLI::App& command, std::string& path);
// -q/--quiet with what it leaves out; -v/--verbose with what it adds (none when empty).
void add_verbosity_options(CLI::App& command, Verbosity& verbosity, const Message& quiet, const Message& verbose);
// "templates, /usr/share/vanban/templates": folders for a message.
std::string folder_list(const std::vector<std::filesystem::path>& dirs);
// Adds --fonts and --fixed-date (commands that write documents).
void add_output_options(CLI::App& command, CommonOptions& common);

// Template folders: --templates, then $VANBAN_TEMPLATES (':'-separated), then ./templates
// when it exists, else the installed templates (vanban::installed_template_dir()).
std::vector<std::filesystem::path> template_dirs(const CommonOptions& common);
EngineOptions engine_options(const CommonOptions& common);

// Prints the error (with its location and caret) and returns its exit code.
int report(const Error& error);
int report(ErrorKind kind, Message message);

// The folder of the data file, where the files it names are read (RenderOptions::data_dir:
// images, a table's CSV file); for data on standard input ("-"), the current folder.
std::filesystem::path data_dir_of(const std::string& data_path);

// The bytes of a data file, or of standard input for "-", read as the engine reads data
// (engine/data_file.hpp): at most max_bytes + 1 bytes, so that data past its limit is told
// without being held. The error says why it could not (missing, a folder, a pipe or
// device, unreadable).
std::optional<Error> read_data_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes);

// The input of vanban import and vanban check: a DOCX, text or JSON file, or "-" for standard
// input, read whole (at most 64 MiB: the import's reader refuses more, limit, exit 9).
struct DraftInput {
    std::string bytes;
    std::string source; // how messages name it: the path, or <stdin>
};
// Checks the --profile the two commands take (party, state, or none given), then reads the
// input. 0 when `draft` holds it; else the exit code, after reporting why.
int read_draft(const std::string& path, const CommonOptions& common, DraftInput& draft);
// A usage error when `output` names the file `input` is, which writing would destroy.
std::optional<Error> output_over_input(const std::string& output, const std::string& input);

// --input-encoding, as render, validate and batch take it.
void add_input_encoding_option(CLI::App& command, std::string& name);
// utf-8 (the default, also for an empty name), tcvn3, vni or cp1258; false with `problem`.
bool input_encoding(const std::string& name, InputEncoding& encoding, Message& problem);

// One render setting from the command line, by the name vanban serve's query gives it
// ("input_encoding" for --input-encoding; engine/render_settings.hpp).
struct RenderSetting {
    const char* name;
    std::string value;
};
// Reads the settings into `options` with the function vanban serve reads its query with, so
// that the command and the server take the same values in the same words. Empty values are
// left out: they are options not given, since an option given an empty value is refused
// before any command runs (option_given_empty, usage_errors.hpp). The usage error when one is
// refused.
std::optional<Error> read_render_settings(const std::vector<RenderSetting>& given, RenderOptions& options);
// "plan.json: warning: header.issuer: looks like TCVN3 text shown as Latin-1; …" (one line
// each, in the user's language)
void print_warnings(const std::string& data_name, const std::vector<Warning>& warnings);

// A file to write: its path ("-" is standard output) and its bytes.
struct OutputFile {
    std::string path;
    std::string bytes;
};

// Writes every file or none (engine/output_files.hpp: each appears under its name only when
// all are complete; nothing is left behind by a failure or a kill). Missing folders are made
// (and removed again when the command fails). Standard output ("-") is written last. The
// error says why it could not.
std::optional<Error> write_all_or_nothing(const std::vector<OutputFile>& files);

} // namespace vanban::cli
