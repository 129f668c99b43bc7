// vanban render and vanban validate: one document from a template and JSON data.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"
#include "language.hpp"

namespace fs = std::filesystem;

namespace vanban::cli {

namespace {

Message render_footer() {
    return msg("cli.render.footer",
               "\nExamples:\n"
               "  vanban render ke-hoach data/001-chi-bo-tran-phu-ke-hoach.json -o out/ke-hoach.pdf -o out/ke-hoach.docx\n"
               "  vanban render ke-hoach plan.json                 # writes plan.pdf and plan.docx here\n"
               "  vanban render ke-hoach plan.json --profile state # State format (Nghị định 30)\n"
               "  vanban render ke-hoach plan.json --format model  # the document model as JSON, on stdout\n"
               "  cat plan.json | vanban render ke-hoach - -f pdf -o - > plan.pdf\n"
               "\nExit codes: 0 done; 2 usage; 3 template syntax; 4 template evaluation; 5 data;\n"
               "6 validation; 7 missing template, profile or font; 8 output not written; 9 limit passed;\n"
               "70 internal error. See docs/errors.md.\n");
}

struct RenderArgs {
    CommonOptions common;
    std::string template_name;
    std::string data_path;
    std::vector<std::string> outputs;
    std::string format;
    std::string input_encoding;
    Verbosity verbosity;
    bool draft = false;
    std::string metadata; // --metadata FILE.json|FILE.xml
    std::string appendix; // --appendix N: that appendix alone, as a file of its own
};

// One output the user asked for.
struct Target {
    std::string path; // "-" for standard output
    Format format = Format::pdf;
};

// Whether two paths name one file: the same path once "." and ".." are resolved and links
// followed ("out.pdf" and "./out.pdf"), whether the file exists yet or not.
bool same_file(const std::string& a, const std::string& b) {
    if (a == b) return true;
    // weakly_canonical leaves a relative path whose first part does not exist relative:
    // make both absolute first.
    std::error_code ec;
    const fs::path real_a = fs::weakly_canonical(fs::absolute(a, ec), ec);
    if (ec) return false;
    const fs::path real_b = fs::weakly_canonical(fs::absolute(b, ec), ec);
    return !ec && real_a == real_b;
}

// The files to write: -o paths (format from --format or the extension), or, with no -o,
// DATA.pdf and DATA.docx in the current folder ("--format model" alone prints).
bool plan_targets(const RenderArgs& args, std::vector<Target>& targets, Message& problem) {
    Format forced{};
    const bool has_forced = !args.format.empty();
    if (has_forced && !parse_format(args.format, forced)) {
        problem = msg("cli.unknown-format", "unknown format '{format}' (use pdf, docx, model or fields)", {{"format", args.format}});
        return false;
    }
    if (args.outputs.empty()) {
        if (has_forced && (forced == Format::model || forced == Format::fields)) {
            targets.push_back({"-", forced});
            return true;
        }
        if (args.data_path == "-") {
            problem = msg("cli.stdin-needs-output", "reading data from standard input needs -o (and -f when -o is -)");
            return false;
        }
        const std::string stem = fs::path(args.data_path).stem().string();
        if (has_forced) targets.push_back({stem + format_extension(forced), forced});
        else {
            targets.push_back({stem + format_extension(Format::pdf), Format::pdf});
            targets.push_back({stem + format_extension(Format::docx), Format::docx});
        }
        return true;
    }
    for (const std::string& path : args.outputs) {
        if (path != "-" && same_file(path, args.data_path)) {
            problem = msg("cli.output-is-data", "the output {path} is the data file; it would be overwritten", {{"path", path}});
            return false;
        }
        for (const Target& earlier : targets)
            if (path != "-" && same_file(path, earlier.path)) {
                problem = msg("cli.output-twice", "the output {path} is named twice", {{"path", path}});
                return false;
            }
        Target target{path, Format::pdf};
        if (has_forced) target.format = forced;
        else if (const std::optional<Format> named = format_for_path(path)) target.format = *named;
        else {
            problem = msg("cli.output-format-unknown", "cannot tell the format of {path}: name it .pdf, .docx or .json, or give -f",
                          {{"path", path}});
            return false;
        }
        targets.push_back(target);
    }
    return true;
}

// --metadata FILE: the NĐ30 Phụ lục VI sidecar, JSON or XML by its name (docs/electronic.md).
bool plan_metadata(const RenderArgs& args, std::vector<Target>& targets, Message& problem) {
    if (args.metadata.empty()) return true;
    const std::string ext = fs::path(args.metadata).extension().string();
    if (ext != ".json" && ext != ".xml") {
        problem = msg("cli.metadata-extension", "--metadata {path}: name it .json or .xml", {{"path", args.metadata}});
        return false;
    }
    for (const Target& earlier : targets)
        if (earlier.path != "-" && same_file(args.metadata, earlier.path)) {
            problem = msg("cli.output-twice", "the output {path} is named twice", {{"path", args.metadata}});
            return false;
        }
    if (same_file(args.metadata, args.data_path)) {
        problem = msg("cli.output-is-data", "the output {path} is the data file; it would be overwritten", {{"path", args.metadata}});
        return false;
    }
    targets.push_back({args.metadata, ext == ".xml" ? Format::metadata_xml : Format::metadata});
    return true;
}

// The render's settings, read as vanban serve reads its query (cli_support.hpp), and where
// the files the data names are.
std::optional<Error> render_options(const RenderArgs& args, RenderOptions& options) {
    options.data_name = args.data_path == "-" ? "<stdin>" : args.data_path;
    // Files the data names (images, CSV tables) are read from the data file's folder.
    options.data_dir = data_dir_of(args.data_path);
    return read_render_settings({{"profile", args.common.profile},
                                 {"input_encoding", args.input_encoding},
                                 {"draft", args.draft ? "true" : ""},
                                 {"fixed_date", args.common.fixed_date},
                                 {"appendix", args.appendix}},
                                options);
}

int run_render(const RenderArgs& args) {
    std::vector<Target> targets;
    Message problem;
    if (!plan_targets(args, targets, problem) || !plan_metadata(args, targets, problem))
        return report(ErrorKind::usage, problem);
    RenderOptions options;
    if (std::optional<Error> error = render_options(args, options)) return report(*error);
    const EngineOptions engine_settings = engine_options(args.common);
    if (std::optional<Error> error = check_engine_options(engine_settings)) return report(*error);
    std::string data;
    if (std::optional<Error> error = read_data_bytes(args.data_path, engine_settings.max_data_bytes, data))
        return report(*error);

    Engine engine(engine_settings);
    // One model, every format: the writers all read the same document.
    if (args.verbosity.verbose)
        std::cerr << tr(msg("cli.render.reading", "template {template} (folders: {folders}), data {data} ({bytes} bytes)",
                            {{"template", args.template_name}, {"folders", folder_list(engine_settings.template_dirs)},
                             {"data", options.data_name}, {"bytes", data.size()}}))
                  << "\n";
    ModelResult model = engine.build_model(args.template_name, data, options);
    print_warnings(options.data_name, model.warnings);
    if (!model) return report(model.error);
    std::vector<OutputFile> files;
    for (const Target& target : targets) {
        RenderResult result = engine.write(model.document, target.format);
        print_warnings(options.data_name, result.warnings); // the writer's: characters the PDF's fonts lack
        if (!result) return report(result.error);
        files.push_back({target.path, std::move(result.bytes)});
    }
    if (std::optional<Error> error = write_all_or_nothing(files)) return report(*error);
    if (!args.verbosity.quiet)
        for (const OutputFile& file : files)
            if (file.path != "-")
                std::cerr << tr(msg("cli.wrote", "wrote {path} ({bytes} bytes)", {{"path", file.path}, {"bytes", file.bytes.size()}}))
                          << "\n";
    return 0;
}

struct ValidateArgs {
    CommonOptions common;
    std::string template_name;
    std::string data_path;
    std::string input_encoding;
    Verbosity verbosity;
};

int run_validate(const ValidateArgs& args) {
    std::string data;
    RenderOptions options;
    options.data_name = args.data_path == "-" ? "<stdin>" : args.data_path;
    if (std::optional<Error> error =
            read_render_settings({{"profile", args.common.profile}, {"input_encoding", args.input_encoding}}, options))
        return report(*error);
    const EngineOptions engine_settings = engine_options(args.common);
    if (std::optional<Error> error = read_data_bytes(args.data_path, engine_settings.max_data_bytes, data))
        return report(*error);
    Engine engine(engine_settings);
    options.data_dir = data_dir_of(args.data_path);
    ValidationResult result = engine.validate(args.template_name, data, options);
    print_warnings(options.data_name, result.warnings);
    if (result.problems.empty()) {
        if (!result) return report(result.error);
        if (!args.verbosity.quiet)
            std::cerr << tr(msg("cli.valid", "{data}: valid for template {template}",
                                {{"data", options.data_name}, {"template", args.template_name}}))
                      << "\n";
        return 0;
    }
    // Every schema problem in the one error format, so the whole file can be fixed in one pass.
    for (const DataProblem& p : result.problems) {
        Error error;
        error.kind = ErrorKind::validation;
        error.where.file = options.data_name;
        error.message = p.json_path.empty() ? msg("validation.whole-data", "the data: {problem}", {{"problem", p.message}})
                                            : msg("validation.at-path", "{path}: {problem}",
                                                  {{"path", p.json_path}, {"problem", p.message}});
        std::cerr << error.format(current_language(), colour_for(stderr)) << "\n";
    }
    if (!args.verbosity.quiet)
        std::cerr << tr(msg_n("cli.problem-count", "{count} problem in {data}", "{count} problems in {data}",
                              result.problems.size(), {{"data", options.data_name}}))
                  << "\n";
    return exit_code(ErrorKind::validation);
}

} // namespace

Command add_render_command(CLI::App& app) {
    auto args = std::make_shared<RenderArgs>();
    CLI::App* render = app.add_subcommand(
        "render", tr(msg("cli.render.about", "Render a template with JSON data to PDF, DOCX or the document model")));
    add_template_argument(*render, args->template_name);
    add_data_argument(*render, args->data_path);
    render->add_option("-o,--output", args->outputs,
                       tr(msg("cli.render.output", "Output file (repeatable); the extension (.pdf, .docx, .json) gives the "
                                                   "format; - is standard output")))
        ->allow_extra_args(false);
    render->add_option("-f,--format", args->format,
                       tr(msg("cli.render.format",
                              "pdf, docx, model (the document model as JSON) or fields (the PDF's signature fields, as JSON)")));
    add_verbosity_options(*render, args->verbosity,
                          msg("cli.render.quiet", "Do not list the files written"),
                          msg("cli.render.verbose", "Also say which template, folders and data are read"));
    add_input_encoding_option(*render, args->input_encoding);
    render->add_option("--metadata", args->metadata,
                       tr(msg("cli.render.metadata", "Also write the NĐ30 Phụ lục VI metadata of the document to FILE.json or FILE.xml")));
    render->add_flag("--draft", args->draft,
                     tr(msg("cli.render.draft",
                            "A draft: number and day and month left blank, marked DỰ THẢO (as \"draft\": true in the data)")));
    render->add_option(
        "--appendix", args->appendix,
        tr(msg("cli.render.appendix", "Only appendix N (1 for the first), as a file of its own, with the agency's "
                                      "signature field at the top right of its first page (NĐ30)")))
        ->type_name("N");
    add_output_options(*render, args->common);
    add_common_options(*render, args->common);
    render->footer(tr(render_footer()));
    return {render, [args] { return run_render(*args); }};
}

Command add_validate_command(CLI::App& app) {
    auto args = std::make_shared<ValidateArgs>();
    CLI::App* validate = app.add_subcommand(
        "validate", tr(msg("cli.validate.about",
                           "Check data against a template's schema and the template itself, without writing anything")));
    add_template_argument(*validate, args->template_name);
    add_data_argument(*validate, args->data_path);
    add_input_encoding_option(*validate, args->input_encoding);
    add_verbosity_options(*validate, args->verbosity, msg("cli.validate.quiet", "Print only the problems"), {});
    add_common_options(*validate, args->common);
    validate->footer(tr(msg("cli.validate.footer",
                            "\nEvery problem is listed with the JSON path of the field, e.g.\n"
                            "  plan.json: error: header.date: \"2019-3-25\" is not a date (YYYY-MM-DD)\n"
                            "Exit code 0 when the data is valid, 6 when it does not match the schema.\n")));
    return {validate, [args] { return run_validate(*args); }};
}

} // namespace vanban::cli
