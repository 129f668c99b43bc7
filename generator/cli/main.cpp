// The vanban command line: a thin layer over vanban::Engine. Each subcommand is in its own
// file (commands.hpp); this file only builds the app and runs the chosen command.
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"
#include "language.hpp"

namespace {
const char* const kDescription =
    "vanban fills Vietnamese templates (kế hoạch, báo cáo) with JSON data and writes them in the\n"
    "official format of Party (Hướng dẫn 36-HD/VPTW) or State (Nghị định 30/2020/NĐ-CP) documents,\n"
    "as PDF and DOCX.\n";
}

int main(int argc, char** argv) {
    using namespace vanban::cli;
    choose_language(argc, argv); // first: the help texts are made in it
    CLI::App app{kDescription, "vanban"};
    std::string language; // read by choose_language; declared so that CLI11 accepts it
    app.add_option("--lang", language, "Language of messages: vi (Vietnamese) or en (English); default: $VANBAN_LANG, then the locale")
        ->check(CLI::IsMember({"vi", "en"}));
    app.set_version_flag("-V,--version", std::string("vanban ") + VANBAN_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'vanban COMMAND --help' for the options of a command. Docs: README.md, docs/.");

    const std::vector<Command> commands = {
        add_render_command(app),
        add_validate_command(app),
        add_batch_command(app),
        add_convert_command(app),
        add_generate_command(app),
    };
    for (const Command& command : commands) command.app->fallthrough(); // --lang after the command too

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : vanban::exit_code(vanban::ErrorKind::usage);
    }
    try {
        for (const Command& command : commands)
            if (command.app->parsed()) return command.run();
    } catch (const std::exception& e) {
        return report(vanban::ErrorKind::internal, std::string("internal error: ") + e.what());
    }
    return 0;
}
