#include "cli_support.hpp"
#include "language.hpp"

#include "engine/data_file.hpp"
#include "engine/output_files.hpp"
#include "engine/render_settings.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace vanban::cli {

void add_common_options(CLI::App& command, CommonOptions& common) {
    command.add_option("-t,--templates", common.template_dirs,
                       tr(msg("cli.templates", "Template folder (repeatable); default: $VANBAN_TEMPLATES, else ./templates, "
                                               "else the installed ones")))
        ->allow_extra_args(false);
    command.add_option("--profile", common.profile,
                       tr(msg("cli.profile", "Style profile: party (HD36) or state (NĐ30); default: the data's \"profile\", "
                                             "else party")));
}

void add_output_options(CLI::App& command, CommonOptions& common) {
    command.add_option("--fonts", common.font_dirs, tr(msg("cli.fonts", "Extra folder to search for fonts (repeatable)")))
        ->allow_extra_args(false)
        ->check(CLI::ExistingDirectory);
    command.add_option("--fixed-date", common.fixed_date,
                       tr(msg("cli.fixed-date", "Creation date written into the files (ISO 8601), for byte-identical output")));
}

void add_template_argument(CLI::App& command, std::string& name) {
    command.add_option("template", name, tr(msg("cli.template-argument", "Template name (a folder of templates/, e.g. ke-hoach)")))
        ->required();
}

void add_data_argument(CLI::App& command, std::string& path) {
    command.add_option("data", path, tr(msg("cli.data-argument", "JSON data file, or - for standard input")))->required();
}

void add_verbosity_options(CLI::App& command, Verbosity& verbosity, const Message& quiet, const Message& verbose) {
    command.add_flag("-q,--quiet", verbosity.quiet, tr(quiet));
    if (!verbose.empty()) command.add_flag("-v,--verbose", verbosity.verbose, tr(verbose))->excludes("--quiet");
}

std::string folder_list(const std::vector<fs::path>& dirs) {
    std::string list;
    for (const fs::path& dir : dirs) list += (list.empty() ? "" : ", ") + dir.string();
    return list;
}

std::vector<fs::path> template_dirs(const CommonOptions& common) {
    std::vector<fs::path> dirs(common.template_dirs.begin(), common.template_dirs.end());
    if (const char* env = std::getenv("VANBAN_TEMPLATES")) {
        std::stringstream list(env);
        for (std::string dir; std::getline(list, dir, ':');)
            if (!dir.empty()) dirs.emplace_back(dir);
    }
    // ./templates when there is one (working in a checkout), else the installed templates.
    std::error_code ec;
    if (dirs.empty()) dirs.push_back(fs::is_directory("templates", ec) ? fs::path("templates") : installed_template_dir());
    return dirs;
}

EngineOptions engine_options(const CommonOptions& common) {
    EngineOptions options;
    options.template_dirs = template_dirs(common);
    options.font_dirs.assign(common.font_dirs.begin(), common.font_dirs.end());
    options.fixed_creation_date = common.fixed_date;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && common.fixed_date.empty()) {
        // The reproducible-builds convention: a fixed time as seconds since 1970.
        const auto seconds = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
        char buffer[32];
        std::tm utc{};
        gmtime_r(&seconds, &utc);
        std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
        options.fixed_creation_date = buffer;
    }
    return options;
}

int report(const Error& error) {
    // A mistake on the command line is the program's to tell, as GNU programs do:
    // "vanban: error: …".
    const bool usage = error.kind == ErrorKind::usage && error.where.file.empty() && error.record < 0;
    std::string text = (usage ? "vanban: " : "") + error.format(current_language(), colour_for(stderr));
    if (text.empty() || text.back() != '\n') text += '\n';
    std::cerr << text;
    return exit_code(error.kind);
}

int report(ErrorKind kind, Message message) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    return report(error);
}

std::filesystem::path data_dir_of(const std::string& data_path) {
    if (data_path == "-") return ".";
    const std::filesystem::path folder = std::filesystem::path(data_path).parent_path();
    return folder.empty() ? std::filesystem::path(".") : folder;
}

std::optional<Error> read_data_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes) {
    try {
        bytes = engine::read_data_file(path, max_bytes);
        return std::nullopt;
    } catch (const Failure& failure) {
        return failure.error();
    }
}

int read_draft(const std::string& path, const CommonOptions& common, DraftInput& draft) {
    constexpr std::size_t max_draft_bytes = 64u << 20;
    if (!common.profile.empty() && common.profile != "party" && common.profile != "state")
        return report(ErrorKind::usage, msg("cli.unknown-profile", "unknown profile '{name}' (use party or state)",
                                            {{"name", common.profile}}));
    if (std::optional<Error> error = read_data_bytes(path, max_draft_bytes, draft.bytes)) return report(*error);
    draft.source = path == "-" ? "<stdin>" : path;
    return 0;
}

std::optional<Error> output_over_input(const std::string& output, const std::string& input) {
    std::error_code ec;
    if (output == "-" || input == "-" || !std::filesystem::exists(output, ec) || !std::filesystem::equivalent(output, input, ec))
        return std::nullopt;
    Error error;
    error.kind = ErrorKind::usage;
    error.message = msg("cli.output-is-input", "the output {file} is the input file; it would be overwritten", {{"file", output}});
    return error;
}

void add_input_encoding_option(CLI::App& command, std::string& name) {
    command.add_option("--input-encoding", name,
                       tr(msg("cli.input-encoding",
                              "Encoding of the data: utf-8 (default), tcvn3 (ABC, .VnTime fonts), vni (VNI-Windows) or cp1258;\n"
                              "raw legacy bytes, or legacy text shown as Latin-1 in a UTF-8 file (docs/legacy-encodings.md)")));
}

bool input_encoding(const std::string& name, InputEncoding& encoding, Message& problem) {
    RenderOptions options;
    if (std::optional<Error> error = read_render_settings({{"input_encoding", name}}, options)) {
        problem = error->message;
        return false;
    }
    encoding = options.input_encoding;
    return true;
}

std::optional<Error> read_render_settings(const std::vector<RenderSetting>& given, RenderOptions& options) {
    engine::RenderRequest request;
    request.options = options;
    for (const RenderSetting& setting : given) {
        if (setting.value.empty()) continue;
        if (std::optional<engine::SettingProblem> problem = engine::set_render_setting(setting.name, setting.value, request)) {
            Error error;
            error.kind = ErrorKind::usage;
            error.message = problem->message;
            error.hint = problem->hint;
            return error;
        }
    }
    options = std::move(request.options);
    return std::nullopt;
}

void print_warnings(const std::string& data_name, const std::vector<Warning>& warnings) {
    const bool colour = colour_for(stderr);
    for (const Warning& w : warnings)
        std::cerr << format_warning(data_name, w.json_path, w.message, current_language(), colour) << "\n";
}

namespace {

// The folders of the outputs that do not exist yet, outermost first ("out", "out/2026").
std::vector<fs::path> missing_folders(const std::vector<engine::FileToWrite>& files) {
    std::vector<fs::path> missing;
    for (const engine::FileToWrite& file : files) {
        std::vector<fs::path> chain;
        std::error_code ec;
        for (fs::path folder = file.path.parent_path(); !folder.empty() && !fs::exists(folder, ec);
             folder = folder.parent_path())
            chain.push_back(folder);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it)
            if (std::find(missing.begin(), missing.end(), *it) == missing.end()) missing.push_back(*it);
    }
    return missing;
}

// Removes the folders a command made, innermost first, when they are empty.
void remove_folders(const std::vector<fs::path>& made) {
    for (auto it = made.rbegin(); it != made.rend(); ++it) {
        std::error_code ignored;
        fs::remove(*it, ignored); // empty: only what this command made and left empty
    }
}

// Makes the folders (a user asking for out/plan.pdf wants out/ made); on failure removes the
// ones it made, so that a failed command leaves nothing behind. Returns the folders made.
std::vector<fs::path> make_folders(const std::vector<fs::path>& folders) {
    std::vector<fs::path> made;
    for (const fs::path& folder : folders) {
        std::error_code ec;
        if (fs::create_directory(folder, ec)) {
            made.push_back(folder);
            continue;
        }
        remove_folders(made);
        Error error;
        error.kind = ErrorKind::output;
        error.message = msg("output.folder-not-made", "the folder {folder} cannot be made ({reason})",
                            {{"folder", folder.string()}, {"reason", ec ? ec.message() : std::string("exists")}});
        throw Failure(std::move(error));
    }
    return made;
}

} // namespace

std::optional<Error> write_all_or_nothing(const std::vector<OutputFile>& files) {
    std::vector<engine::FileToWrite> on_disk;
    for (const OutputFile& file : files)
        if (file.path != "-") on_disk.push_back({file.path, file.bytes});
    std::vector<fs::path> made;
    try {
        made = make_folders(missing_folders(on_disk));
        engine::write_files_atomically(on_disk);
    } catch (const Failure& failure) {
        remove_folders(made);
        return failure.error();
    }
    for (const OutputFile& file : files) {
        if (file.path != "-") continue;
        std::cout.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        std::cout.flush();
        if (!std::cout) {
            Error error;
            error.kind = ErrorKind::output;
            error.message = msg("output.stdout-failed", "cannot write to standard output");
            error.hint = msg("output.stdout-failed-hint", "is the disk full, or did the reader of the output go away?");
            return error;
        }
    }
    return std::nullopt;
}

} // namespace vanban::cli
