#include "cli_support.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace vanban::cli {

void add_common_options(CLI::App& command, CommonOptions& common) {
    command.add_option("-t,--templates", common.template_dirs,
                       "Template folder (repeatable); default: $VANBAN_TEMPLATES, else ./templates, else the installed ones")
        ->allow_extra_args(false);
    command.add_option("--profile", common.profile,
                       "Style profile: party (HD36) or state (NĐ30); default: the data's \"profile\", else party");
}

void add_output_options(CLI::App& command, CommonOptions& common) {
    command.add_option("--fonts", common.font_dirs, "Extra folder to search for fonts (repeatable)")
        ->allow_extra_args(false)
        ->check(CLI::ExistingDirectory);
    command.add_option("--fixed-date", common.fixed_date,
                       "Creation date written into the files (ISO 8601), for byte-identical output");
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
    std::string text = error.format();
    if (text.empty() || text.back() != '\n') text += '\n';
    std::cerr << text;
    return exit_code(error.kind);
}

int report(ErrorKind kind, const std::string& message) {
    Error error;
    error.kind = kind;
    error.message = message;
    return report(error);
}

namespace {

// Reads at most max_bytes + 1 bytes: enough for the engine to report data past its limit
// (EngineOptions::max_data_bytes), without holding a file of any size in memory.
void read_capped(std::istream& in, std::string& text, std::size_t max_bytes) {
    text.clear();
    std::array<char, 1 << 16> buffer;
    while (text.size() <= max_bytes) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        text.append(buffer.data(), std::min(got, max_bytes - text.size() + 1));
    }
}

} // namespace

bool read_input(const std::string& name, std::string& text, std::string& problem, std::size_t max_bytes) {
    if (name == "-") {
        read_capped(std::cin, text, max_bytes);
        return true;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(name, ec);
    if (!fs::exists(status)) {
        problem = "no such file: " + name;
        return false;
    }
    if (fs::is_directory(status)) {
        problem = name + " is a folder, not a data file";
        return false;
    }
    // A named pipe would wait for a writer forever, a device may never end: data files are
    // regular files, and streams come through standard input.
    if (!fs::is_regular_file(status)) {
        problem = name + " is not a regular file (a pipe or a device?); give - to read standard input";
        return false;
    }
    std::ifstream in(name, std::ios::binary);
    if (in) read_capped(in, text, max_bytes);
    if (!in.is_open() || in.bad()) {
        problem = "cannot read " + name + " (no permission?)";
        return false;
    }
    return true;
}

bool write_all_or_nothing(const std::vector<OutputFile>& files, std::string& problem) {
    std::vector<std::pair<fs::path, fs::path>> staged; // temporary, final
    auto discard = [&] {
        std::error_code ignored;
        for (auto& [temp, final_path] : staged) fs::remove(temp, ignored);
    };
    std::random_device seed;
    for (const OutputFile& file : files) {
        if (file.path == "-") continue;
        const fs::path final_path(file.path);
        const fs::path folder = final_path.has_parent_path() ? final_path.parent_path() : fs::path(".");
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            problem = "cannot write " + file.path + ": the folder " + folder.string() + " does not exist";
            discard();
            return false;
        }
        // Renaming over a device or a pipe would replace it (for root, even /dev/full).
        const fs::file_status existing = fs::status(final_path, ec);
        if (fs::exists(existing) && !fs::is_regular_file(existing)) {
            problem = "cannot write " + file.path +
                      (fs::is_directory(existing) ? std::string(": it is a folder")
                                                  : ": it is not a regular file (a device or a pipe); use -o - for standard output");
            discard();
            return false;
        }
        fs::path temp = final_path;
        temp += ".tmp-" + std::to_string(seed());
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (out) out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        if (out) out.close();
        staged.emplace_back(temp, final_path);
        if (!out) {
            problem = "cannot write " + file.path + " (no permission, or the disk is full?)";
            discard();
            return false;
        }
    }
    for (auto& [temp, final_path] : staged) {
        std::error_code ec;
        fs::rename(temp, final_path, ec);
        if (ec) {
            problem = "cannot write " + final_path.string() + ": " + ec.message();
            discard();
            return false;
        }
    }
    for (const OutputFile& file : files) {
        if (file.path != "-") continue;
        std::cout.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        std::cout.flush();
        if (!std::cout) {
            problem = "cannot write to standard output (the disk is full, or the reader went away?)";
            return false;
        }
    }
    return true;
}

} // namespace vanban::cli
