// vanban generate: the man pages and the bash completion, made from the program's own
// definitions (help_export.hpp). The build runs it; it is not listed in --help.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "help_export.hpp"

namespace vanban::cli {

namespace {

struct GenerateArgs {
    std::string what;    // "man" or "completion"
    std::string command; // man: the command ("" for vanban(1))
    std::string into;    // man: write every page, in both languages, into this folder
};

// Writes FOLDER/man1/vanban*.1 (English) and FOLDER/vi/man1/vanban*.1 (Vietnamese). The
// help texts of the app are in the language it was made in, so each language needs an app
// of its own: the program runs itself once per language (`--lang`).
int write_all_pages(const CLI::App& app, const std::string& folder) {
    namespace fs = std::filesystem;
    const Language language = current_language();
    const fs::path dir = language == Language::vi ? fs::path(folder) / "vi" / "man1" : fs::path(folder) / "man1";
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::vector<std::string> pages = command_names(app);
    pages.insert(pages.begin(), "");
    std::vector<OutputFile> files;
    for (const std::string& command : pages) {
        std::string page = command.empty() ? "vanban" : "vanban-" + command; // "vanban-batch-merge-manifests"
        std::replace(page.begin(), page.end(), ' ', '-');
        files.push_back({(dir / (page + ".1")).string(), man_page(app, command, language)});
    }
    if (std::optional<Error> error = write_all_or_nothing(files)) return report(*error);
    return 0;
}

} // namespace

Command add_generate_command(CLI::App& app) {
    auto args = std::make_shared<GenerateArgs>();
    CLI::App* command = app.add_subcommand("generate", "Print a man page (man [COMMAND]) or the bash completion script");
    command->group(""); // not listed: the build runs it
    command->add_option("what", args->what, "man or completion")->required()->check(CLI::IsMember({"man", "completion"}));
    command->add_option("command", args->command, "The command whose man page to print; none: vanban(1)");
    command->add_option("--into", args->into, "Write into this folder: every man page of the current language (man1/, vi/man1/), or the completion script (vanban)");
    return {command, [&app, args] {
        if (args->what == "man" && !args->into.empty()) return write_all_pages(app, args->into);
        if (args->what == "completion" && !args->into.empty()) {
            if (std::optional<Error> error = write_all_or_nothing(
                    {{(std::filesystem::path(args->into) / "vanban").string(), bash_completion(app)}}))
                return report(*error);
            return 0;
        }
        const std::string text = args->what == "man" ? man_page(app, args->command, current_language())
                                                     : bash_completion(app);
        if (text.empty()) return report(ErrorKind::usage, msg("cli.unknown-command", "no command '{command}'",
                                                                 {{"command", args->command}}));
        std::cout << text;
        return 0;
    }};
}

} // namespace vanban::cli
