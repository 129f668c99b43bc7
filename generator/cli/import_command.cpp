// vanban import: a Word draft (DOCX) or a text file -> the JSON data of a template, ready for
// vanban render, validate and batch. See docs/import.md.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "commands.hpp"
#include "language.hpp"
#include "vanban/import.hpp"

namespace fs = std::filesystem;

namespace vanban::cli {

namespace {

const char* const kImportFooter =
    "\nExamples:\n"
    "  vanban import ke-hoach-nam-2024.docx                 # writes ke-hoach-nam-2024.json here\n"
    "  vanban import bao-cao.docx --template bao-cao -o bao-cao.json\n"
    "  vanban import du-thao.txt -o - | vanban render ke-hoach - -o ke-hoach.pdf\n"
    "\nIt reads DOCX (Word, LibreOffice) and UTF-8 text. What it cannot place is kept as a\n"
    "paragraph where it stood, with a warning naming the paragraph; at the end it says how many\n"
    "of the input's words the rendered document keeps.\n"
    "\nExit codes: 0 done (warnings may be printed); 2 usage; 5 not readable (not a DOCX, damaged,\n"
    "password-protected, no text); 8 output not written; 9 limit passed (zip bomb, huge document);\n"
    "70 internal error. See docs/import.md.\n";

struct ImportArgs {
    CommonOptions common;
    std::string input;
    std::string output;
    std::string template_name;
    bool quiet = false;
};

std::string with_thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

void print_survival(const ImportResult& result, const std::string& source, Language language) {
    const WordSurvival& s = result.survival;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.1f", 100.0 * s.ratio());
    std::cerr << source << ": "
              << msg("cli.import-survival", "the rendered document keeps {kept} of {words} words ({percent}%)",
                     {{"kept", with_thousands(s.kept_words)}, {"words", with_thousands(s.input_words)}, {"percent", percent}})
                     .text(language)
              << "\n";
    for (const LostWords& lost : s.lost) {
        const Message place = result.text_input ? msg("finding.line", "line {number}", {{"number", lost.paragraph}})
                                                : msg("finding.paragraph", "paragraph {number}", {{"number", lost.paragraph}});
        std::cerr << "  "
                  << msg("cli.import-lost", "not in it: {place} “{words}”", {{"place", place}, {"words", lost.words}}).text(language)
                  << "\n";
    }
}

int run_import(const ImportArgs& args) {
    const Language language = current_language();
    if (!args.template_name.empty() && args.template_name != "ke-hoach" && args.template_name != "bao-cao")
        return report(ErrorKind::usage, msg("cli.import-template", "unknown template for import '{name}' (use ke-hoach or bao-cao)", {{"name", args.template_name}}));
    DraftInput draft;
    if (int exit = read_draft(args.input, args.common, draft)) return exit;
    const std::string& source = draft.source;
    const std::string output = !args.output.empty() ? args.output
                               : args.input == "-" ? "-"
                                                   : fs::path(args.input).stem().string() + ".json";
    if (std::optional<Error> error = output_over_input(output, args.input)) return report(*error);

    Engine engine(engine_options(args.common));
    ImportResult result = import_document(
        engine, draft.bytes, {.template_name = args.template_name, .profile = args.common.profile, .source_name = source});
    if (!result) return report(result.error);
    for (const Finding& warning : result.warnings) std::cerr << warning.format(source, language) << "\n";
    if (std::optional<Error> error = write_all_or_nothing({{output, result.data_json + "\n"}})) return report(*error);
    if (!args.quiet) {
        print_survival(result, source, language);
        if (output != "-")
            std::cerr << msg("cli.import-wrote", "wrote {file} (template {template}, profile {profile}); next: vanban render {template} {file}",
                             {{"file", output}, {"template", result.template_name}, {"profile", result.profile}})
                             .text(language)
                      << "\n";
    }
    return 0;
}

} // namespace

Command add_import_command(CLI::App& app) {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* command = app.add_subcommand(
        "import", "Read a Word draft (DOCX) or a text file into the JSON data of a template (ke-hoach, bao-cao)");
    command->add_option("input", args->input, "DOCX or UTF-8 text file, or - for standard input")->required();
    command->add_option("-o,--output", args->output, "The JSON data file to write (default: INPUT's name with .json, here); - is standard output");
    command->add_option("--template", args->template_name, "ke-hoach or bao-cao; default: by the document's type (BÁO CÁO -> bao-cao)");
    command->add_flag("-q,--quiet", args->quiet, "Print only warnings");
    add_common_options(*command, args->common);
    command->footer(kImportFooter);
    return {command, [args] { return run_import(*args); }};
}

} // namespace vanban::cli
