// The vanban command line: a thin layer over vanban::Engine. It parses arguments, reads
// files, and writes outputs atomically; everything else is the library's.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vanban/engine.hpp"
#include "vanban/error.hpp"

namespace fs = std::filesystem;

namespace {

const char* const kDescription =
    "vanban fills Vietnamese templates (kế hoạch, báo cáo) with JSON data and writes them in the\n"
    "official format of Party (Hướng dẫn 36-HD/VPTW) or State (Nghị định 30/2020/NĐ-CP) documents,\n"
    "as PDF and DOCX.\n";

const char* const kRenderExamples =
    "\nExamples:\n"
    "  vanban render ke-hoach data/001-chi-bo-tran-phu-ke-hoach.json -o out/ke-hoach.pdf -o out/ke-hoach.docx\n"
    "  vanban render ke-hoach plan.json                 # writes plan.pdf and plan.docx here\n"
    "  vanban render ke-hoach plan.json --profile state # State format (Nghị định 30)\n"
    "  vanban render ke-hoach plan.json --format model  # the document model as JSON, on stdout\n"
    "  cat plan.json | vanban render ke-hoach - -f pdf -o - > plan.pdf\n"
    "\nExit codes: 0 done; 2 usage; 3 template syntax; 4 template evaluation; 5 data;\n"
    "6 validation; 7 missing template, profile or font; 8 output not written; 9 limit passed;\n"
    "70 internal error. See docs/errors.md.\n";

struct CommonOptions {
    std::vector<std::string> template_dirs;
    std::vector<std::string> font_dirs;
    std::string profile;
    std::string fixed_date;
};

// Template folders: --templates, then $VANBAN_TEMPLATES (':'-separated), then ./templates.
std::vector<fs::path> template_dirs(const CommonOptions& common) {
    std::vector<fs::path> dirs(common.template_dirs.begin(), common.template_dirs.end());
    if (const char* env = std::getenv("VANBAN_TEMPLATES")) {
        std::stringstream list(env);
        for (std::string dir; std::getline(list, dir, ':');)
            if (!dir.empty()) dirs.emplace_back(dir);
    }
    if (dirs.empty()) dirs.emplace_back("templates");
    return dirs;
}

vanban::EngineOptions engine_options(const CommonOptions& common) {
    vanban::EngineOptions options;
    options.template_dirs = template_dirs(common);
    options.font_dirs.assign(common.font_dirs.begin(), common.font_dirs.end());
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && common.fixed_date.empty()) {
        // Reproducible builds convention: a fixed time as seconds since 1970.
        std::time_t seconds = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
        char buffer[32];
        std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&seconds));
        options.fixed_creation_date = buffer;
    } else {
        options.fixed_creation_date = common.fixed_date;
    }
    return options;
}

int report(const vanban::Error& error) {
    std::cerr << error.format();
    if (error.format().empty() || error.format().back() != '\n') std::cerr << '\n';
    return vanban::exit_code(error.kind);
}

int report(vanban::ErrorKind kind, const std::string& message) {
    vanban::Error error;
    error.kind = kind;
    error.message = message;
    return report(error);
}

bool read_input(const std::string& name, std::string& text, std::string& problem) {
    if (name == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::error_code ec;
    if (!fs::exists(name, ec)) {
        problem = "no such file: " + name;
        return false;
    }
    if (fs::is_directory(name, ec)) {
        problem = name + " is a folder, not a data file";
        return false;
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) {
        problem = "cannot read " + name;
        return false;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
        problem = "cannot read " + name;
        return false;
    }
    return true;
}

// One output the user asked for.
struct Target {
    std::string path;           // "-" for standard output
    vanban::Format format = vanban::Format::pdf;
    std::string bytes;
};

bool format_from_extension(const std::string& path, vanban::Format& format) {
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".pdf") format = vanban::Format::pdf;
    else if (ext == ".docx") format = vanban::Format::docx;
    else if (ext == ".json") format = vanban::Format::model;
    else return false;
    return true;
}

// Writes every target, or none: each goes to a temporary file beside it, and the temporary
// files are renamed only when all were written.
bool write_all(std::vector<Target>& targets, std::string& problem) {
    std::vector<std::pair<fs::path, fs::path>> staged; // temporary, final
    auto discard = [&] {
        std::error_code ignored;
        for (auto& [temp, final_path] : staged) fs::remove(temp, ignored);
    };
    std::random_device seed;
    for (Target& target : targets) {
        if (target.path == "-") continue;
        const fs::path final_path(target.path);
        const fs::path folder = final_path.has_parent_path() ? final_path.parent_path() : fs::path(".");
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            problem = "cannot write " + target.path + ": the folder " + folder.string() + " does not exist";
            discard();
            return false;
        }
        fs::path temp = final_path;
        temp += ".tmp-" + std::to_string(seed());
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (out) out.write(target.bytes.data(), static_cast<std::streamsize>(target.bytes.size()));
        if (out) out.close();
        staged.emplace_back(temp, final_path);
        if (!out) {
            problem = "cannot write " + target.path + " (permission, or the disk is full?)";
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
    for (Target& target : targets) {
        if (target.path != "-") continue;
        std::cout.write(target.bytes.data(), static_cast<std::streamsize>(target.bytes.size()));
        std::cout.flush();
    }
    return true;
}

struct RenderCommand {
    std::string template_name;
    std::string data_path;
    std::vector<std::string> outputs;
    std::string format;
    bool quiet = false;
};

// Decides the files to write: -o paths (format from --format or the extension), or, with
// no -o, DATA.pdf and DATA.docx in the current folder ("--format model" alone prints).
bool plan_targets(const RenderCommand& cmd, std::vector<Target>& targets, std::string& problem) {
    vanban::Format forced{};
    const bool has_forced = !cmd.format.empty();
    if (has_forced && !vanban::parse_format(cmd.format, forced)) {
        problem = "unknown format '" + cmd.format + "' (use pdf, docx or model)";
        return false;
    }
    if (cmd.outputs.empty()) {
        if (has_forced && forced == vanban::Format::model) {
            targets.push_back({"-", forced, {}});
            return true;
        }
        if (cmd.data_path == "-") {
            problem = "reading data from standard input needs -o (and -f when -o is -)";
            return false;
        }
        const std::string stem = fs::path(cmd.data_path).stem().string();
        if (has_forced) targets.push_back({stem + "." + (forced == vanban::Format::docx ? "docx" : "pdf"), forced, {}});
        else {
            targets.push_back({stem + ".pdf", vanban::Format::pdf, {}});
            targets.push_back({stem + ".docx", vanban::Format::docx, {}});
        }
        return true;
    }
    for (const std::string& path : cmd.outputs) {
        Target target{path, vanban::Format::pdf, {}};
        if (has_forced) target.format = forced;
        else if (!format_from_extension(path, target.format)) {
            problem = "cannot tell the format of " + path + ": name it .pdf, .docx or .json, or give -f";
            return false;
        }
        targets.push_back(std::move(target));
    }
    return true;
}

int run_render(const RenderCommand& cmd, const CommonOptions& common) {
    std::vector<Target> targets;
    std::string problem;
    if (!plan_targets(cmd, targets, problem)) return report(vanban::ErrorKind::usage, problem);
    std::string data;
    if (!read_input(cmd.data_path, data, problem)) return report(vanban::ErrorKind::data, problem);

    vanban::Engine engine(engine_options(common));
    vanban::RenderOptions options;
    options.profile = common.profile;
    options.data_name = cmd.data_path == "-" ? "<stdin>" : cmd.data_path;

    // One model, every format: the writers all read the same document.
    vanban::ModelResult model = engine.build_model(cmd.template_name, data, options);
    if (!model) return report(model.error);
    for (Target& target : targets) {
        vanban::RenderResult result = engine.write(model.document, target.format);
        if (!result) return report(result.error);
        target.bytes = std::move(result.bytes);
    }
    if (!write_all(targets, problem)) return report(vanban::ErrorKind::output, problem);
    if (!cmd.quiet)
        for (const Target& target : targets)
            if (target.path != "-")
                std::cerr << "wrote " << target.path << " (" << target.bytes.size() << " bytes)\n";
    return 0;
}

int run_validate(const std::string& template_name, const std::string& data_path,
                 const CommonOptions& common) {
    std::string data, problem;
    if (!read_input(data_path, data, problem)) return report(vanban::ErrorKind::data, problem);
    vanban::Engine engine(engine_options(common));
    vanban::RenderOptions options;
    options.profile = common.profile;
    options.data_name = data_path == "-" ? "<stdin>" : data_path;
    vanban::ValidationResult result = engine.validate(template_name, data, options);
    if (result.problems.empty()) {
        if (!result) return report(result.error);
        std::cerr << options.data_name << ": valid for template " << template_name << "\n";
        return 0;
    }
    // Every schema problem, one line each, so the whole file can be fixed in one pass.
    for (const vanban::DataProblem& problem : result.problems)
        std::cerr << options.data_name << ": " << (problem.json_path.empty() ? "(the data)" : problem.json_path)
                  << ": " << problem.message << "\n";
    std::cerr << result.problems.size() << " problem" << (result.problems.size() == 1 ? "" : "s")
              << " in " << options.data_name << "\n";
    return vanban::exit_code(vanban::ErrorKind::validation);
}

void add_common(CLI::App* command, CommonOptions& common) {
    command->add_option("-t,--templates", common.template_dirs,
                        "Template folder (repeatable); default: $VANBAN_TEMPLATES, else ./templates")
        ->allow_extra_args(false);
    command->add_option("--profile", common.profile,
                        "Style profile: party (HD36) or state (NĐ30); default: the data's \"profile\", else party");
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{kDescription, "vanban"};
    app.set_version_flag("-V,--version", std::string("vanban ") + VANBAN_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'vanban COMMAND --help' for the options of a command. Docs: README.md, docs/.");

    CommonOptions common;
    RenderCommand render_cmd;
    CLI::App* render = app.add_subcommand("render", "Render a template with JSON data to PDF, DOCX or the document model");
    render->add_option("template", render_cmd.template_name, "Template name (a folder of templates/, e.g. ke-hoach)")->required();
    render->add_option("data", render_cmd.data_path, "JSON data file, or - for standard input")->required();
    render->add_option("-o,--output", render_cmd.outputs,
                       "Output file (repeatable); the extension (.pdf, .docx, .json) gives the format; - is standard output")
        ->allow_extra_args(false);
    render->add_option("-f,--format", render_cmd.format, "pdf, docx or model (the document model as JSON)");
    render->add_option("--fonts", common.font_dirs, "Extra folder to search for fonts (repeatable)")
        ->allow_extra_args(false);
    render->add_option("--fixed-date", common.fixed_date,
                       "Creation date written into the files (ISO 8601), for byte-identical output");
    render->add_flag("-q,--quiet", render_cmd.quiet, "Do not list the files written");
    add_common(render, common);
    render->footer(kRenderExamples);

    std::string validate_template, validate_data;
    CLI::App* validate = app.add_subcommand("validate", "Check data against a template without writing anything");
    validate->add_option("template", validate_template, "Template name")->required();
    validate->add_option("data", validate_data, "JSON data file, or - for standard input")->required();
    add_common(validate, common);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : vanban::exit_code(vanban::ErrorKind::usage);
    }

    try {
        if (*render) return run_render(render_cmd, common);
        if (*validate) return run_validate(validate_template, validate_data, common);
    } catch (const std::exception& e) {
        return report(vanban::ErrorKind::internal, std::string("internal error: ") + e.what());
    }
    return 0;
}
