// vanban check: the format and content of a DOCX or text draft, or of JSON data; with --fix,
// the draft imported and rendered in the official format. See docs/check.md.
#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"
#include "language.hpp"
#include "vanban/check.hpp"
#include "vanban/import.hpp"

namespace vanban::cli {

namespace {

const char* const kCheckFooter =
    "\nExamples:\n"
    "  vanban check ke-hoach.docx                       # the findings, each with its paragraph\n"
    "  vanban check ke-hoach.json --profile state       # data: content, form of its fields\n"
    "  vanban check du-thao.docx --date 2026-01-01      # names the 2025 reform ended, as of that day\n"
    "  vanban check --fix du-thao.docx -o ke-hoach.pdf -o ke-hoach.docx\n"
    "\nFindings are printed on standard error, one a line: FILE: paragraph N \"quote\": error|warning: message [code].\n"
    "Errors must be fixed before the document is issued; warnings are worth a look.\n"
    "\nExit codes: 0 no error found (warnings may be printed); 11 something must be fixed;\n"
    "2 usage; 5 not readable; 6 the data does not match the template's schema; 8 output not\n"
    "written (--fix); 9 limit passed; 70 internal error. See docs/check.md.\n";

struct CheckArgs {
    CommonOptions common;
    std::string input;
    std::string template_name;
    std::string date;
    bool fix = false;
    std::vector<std::string> outputs;
    bool quiet = false;
};

void print_findings(const std::vector<Finding>& findings, const std::string& source, Language language) {
    for (const Finding& f : findings) std::cerr << f.format(source, language) << "\n";
}

void print_summary(const std::vector<Finding>& findings, const std::string& source, Language language) {
    std::size_t errors = 0, warnings = 0;
    for (const Finding& f : findings) (f.severity == Severity::error ? errors : warnings) += 1;
    const Message counted = msg("cli.check-summary", "{errors}, {warnings}",
                                {{"errors", msg_n("cli.check-errors", "{count} error", "{count} errors", errors)},
                                 {"warnings", msg_n("cli.check-warnings", "{count} warning", "{count} warnings", warnings)}});
    std::cerr << source << ": " << counted.text(language);
    if (errors) std::cerr << " " << msg("cli.check-to-fix", "(to fix before it is issued)").text(language);
    std::cerr << "\n";
}

// --fix: import, render every output, then list what the new document still has to fix.
int run_fix(const CheckArgs& args, const Engine& engine, const std::string& bytes, const std::string& source, Language language) {
    if (args.outputs.empty()) return report(ErrorKind::usage, msg("cli.fix-needs-output", "--fix writes the document: give -o out.pdf and/or -o out.docx"));
    std::vector<std::pair<std::string, Format>> targets;
    for (const std::string& path : args.outputs) {
        const std::optional<Format> format = format_for_path(path);
        if (!format)
            return report(ErrorKind::usage, msg("cli.fix-format", "cannot tell the format of {file}: name it .pdf or .docx", {{"file", path}}));
        if (std::optional<Error> error = output_over_input(path, args.input)) return report(*error);
        targets.emplace_back(path, *format);
    }
    const ImportResult imported = import_document(
        engine, bytes, {.template_name = args.template_name, .profile = args.common.profile, .source_name = source});
    if (!imported) return report(imported.error);
    RenderOptions render_options;
    render_options.profile = imported.profile;
    render_options.data_name = source;
    const ModelResult model = engine.build_model(imported.template_name, imported.data_json, render_options);
    if (!model) return report(model.error);
    std::vector<OutputFile> files;
    for (const auto& [path, format] : targets) {
        RenderResult rendered = engine.write(model.document, format);
        if (!rendered) return report(rendered.error);
        files.push_back({path, std::move(rendered.bytes)});
    }
    if (std::optional<Error> error = write_all_or_nothing(files)) return report(*error);
    // What rendering cannot fix: the content, and what the import had to leave as it was.
    CheckResult left =
        check_document(engine, imported.data_json, {.template_name = imported.template_name,
                                                     .profile = imported.profile,
                                                     .source_name = source,
                                                     .data_dir = {}, // an imported draft's figures are in its data
                                                     .as_of = args.date});
    if (!left) return report(left.error);
    std::vector<Finding> findings = imported.warnings;
    findings.insert(findings.end(), left.findings.begin(), left.findings.end());
    print_findings(findings, source, language);
    if (!args.quiet) {
        for (const OutputFile& f : files)
            std::cerr << msg("cli.fix-wrote", "wrote {file} ({bytes} bytes)", {{"file", f.path}, {"bytes", f.bytes.size()}}).text(language)
                      << "\n";
        print_summary(findings, source, language);
    }
    return left.exit_code();
}

int run_check(const CheckArgs& args) {
    const Language language = current_language();
    if (!args.fix && !args.outputs.empty())
        return report(ErrorKind::usage, msg("cli.check-output-without-fix", "-o is for --fix: vanban check --fix FILE -o out.pdf"));
    DraftInput draft;
    if (int exit = read_draft(args.input, args.common, draft)) return exit;
    Engine engine(engine_options(args.common));
    if (args.fix) return run_fix(args, engine, draft.bytes, draft.source, language);
    const CheckResult result = check_document(engine, draft.bytes,
                                              {.template_name = args.template_name,
                                               .profile = args.common.profile,
                                               .source_name = draft.source,
                                               .data_dir = data_dir_of(args.input),
                                               .as_of = args.date});
    if (!result) return report(result.error);
    print_findings(result.findings, draft.source, language);
    if (!args.quiet) print_summary(result.findings, draft.source, language);
    return result.exit_code();
}

} // namespace

Command add_check_command(CLI::App& app) {
    auto args = std::make_shared<CheckArgs>();
    CLI::App* command = app.add_subcommand(
        "check", "Check the format and content of a DOCX or text draft, or of JSON data (--fix: import and render it)");
    command->add_option("input", args->input, "DOCX, UTF-8 text or JSON data file, or - for standard input")->required();
    command->add_option("--template", args->template_name, "ke-hoach or bao-cao; default: as the document is");
    command->add_option("--date", args->date,
                        "Judge the names of bodies the 2025 reform ended as of this day (YYYY-MM-DD); default: the document's date, else today");
    command->add_flag("--fix", args->fix, "Import the draft and write it in the official format (-o out.pdf -o out.docx)");
    command->add_option("-o,--output", args->outputs, "With --fix: a file to write (.pdf, .docx); repeatable")->allow_extra_args(false);
    command->add_flag("-q,--quiet", args->quiet, "Print the findings only, without the summary line");
    add_output_options(*command, args->common);
    add_common_options(*command, args->common);
    command->footer(kCheckFooter);
    return {command, [args] { return run_check(*args); }};
}

} // namespace vanban::cli
