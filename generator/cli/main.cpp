// The vanban command line: a thin layer over vanban::Engine. Each subcommand is in its own
// file (commands.hpp); this file only builds the app, in the user's language, and runs the
// chosen command.
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "help_format.hpp"
#include "language.hpp"
#include "usage_errors.hpp"

namespace {

using namespace vanban;
using namespace vanban::cli;

// CLI11's own words in --help ("Usage", "Options" …), in the user's language. Subcommands
// take the formatter of the app they are added to, so this is done before adding them.
void translate_help_labels(CLI::App& app) {
    const auto formatter = std::make_shared<HelpFormatter>();
    app.formatter(formatter);
    formatter->label("Usage", tr(msg("cli.label.usage", "Usage")));
    formatter->label("OPTIONS", tr(msg("cli.label.options-badge", "OPTIONS")));
    formatter->label("SUBCOMMAND", tr(msg("cli.label.command-badge", "COMMAND")));
    formatter->label("Positionals", tr(msg("cli.label.arguments", "Arguments")));
    formatter->label("REQUIRED", tr(msg("cli.label.required", "REQUIRED")));
    formatter->label("TEXT", tr(msg("cli.label.text", "TEXT")));
    formatter->label("UINT", tr(msg("cli.label.number", "NUMBER")));
    formatter->label("TEXT:DIR", tr(msg("cli.label.folder", "FOLDER")));
    formatter->label("TEXT ...", tr(msg("cli.label.texts", "TEXT ...")));
    formatter->label("TEXT:DIR ...", tr(msg("cli.label.folders", "FOLDER ...")));
    // The titles of the lists of options and commands are their groups' names.
    app.option_defaults()->group(tr(msg("cli.label.options", "Options")));
}

// What a command-line mistake is reported as: "vanban: error: …", and where to look (the
// command's --help, unless `hint` says better).
int report_usage(const CLI::App& app, Message message, std::optional<Message> hint = std::nullopt) {
    Error error;
    error.kind = ErrorKind::usage;
    error.message = std::move(message);
    // "vanban batch merge-manifests": the command and the command of it that were given.
    std::string command;
    for (const CLI::App* level = &app; level;) {
        const CLI::App* chosen = nullptr;
        for (const CLI::App* sub : level->get_subcommands())
            if (sub->parsed() && !sub->get_name().empty()) chosen = sub;
        if (chosen) command += " " + chosen->get_name();
        level = chosen;
    }
    error.hint = hint ? std::move(*hint)
                      : msg("cli.see-help", "run 'vanban{command} --help' for the options", {{"command", command}});
    return report(error);
}

// An option given an empty value (usage_errors.hpp): a mistake, never its default.
int report_empty(const CLI::App& app, const std::string& option) {
    return report_usage(app, msg("cli.empty-value", "{option} is given an empty value", {{"option", option}}),
                        msg("cli.empty-value.hint", "give {option} a value, or leave it out for its default",
                            {{"option", option}}));
}

// A command's own command (`vanban batch merge-manifests`) stands in place of the command's
// arguments: they are not required then. CLI11 2.1 would otherwise read the word as the
// command's first required argument (a template named "merge-manifests").
void give_way_to_nested_command(CLI::App& app, int argc, char** argv) {
    const auto named = [](CLI::App* sub) { return !sub->get_name().empty(); };
    for (int i = 1; i + 1 < argc; ++i) {
        for (CLI::App* command : app.get_subcommands(named)) {
            if (command->get_name() != argv[i]) continue;
            for (CLI::App* nested : command->get_subcommands(named))
                if (nested->get_name() == argv[i + 1])
                    for (CLI::Option* option : command->get_options([](CLI::Option*) { return true; })) option->required(false);
            return; // the first command word decides
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    choose_language(argc, argv); // first: the help texts are made in it
    CLI::App app{tr(msg("cli.description",
                        "vanban fills Vietnamese templates (kế hoạch, báo cáo) with JSON data and writes them in the\n"
                        "official format of Party (Hướng dẫn 36-HD/VPTW) or State (Nghị định 30/2020/NĐ-CP) documents,\n"
                        "as PDF and DOCX.\n")),
                 "vanban"};
    translate_help_labels(app);
    app.set_help_flag("-h,--help", tr(msg("cli.help", "Print this help and exit")));
    std::string language; // read by choose_language; declared so that CLI11 accepts it
    app.add_option("--lang", language,
                   tr(msg("cli.lang", "Language of messages: vi (Vietnamese) or en (English); default: $VANBAN_LANG, "
                                      "then the locale")))
        ->check(CLI::IsMember({"vi", "en"}).description(""))
        ->type_name("vi|en");
    app.set_version_flag("-V,--version", std::string("vanban ") + VANBAN_VERSION,
                         tr(msg("cli.version", "Print the version and exit")));
    app.require_subcommand(1);
    app.footer(tr(msg("cli.footer", "Run 'vanban COMMAND --help' for the options of a command. Docs: README.md, docs/.")));

    const std::vector<Command> commands = {
        add_render_command(app),
        add_validate_command(app),
        add_batch_command(app),
        add_convert_command(app),
        add_import_command(app),
        add_check_command(app),
        add_serve_command(app),
        add_generate_command(app),
    };
    for (const Command& command : commands) {
        command.app->fallthrough(); // --lang after the command too
        if (!command.app->get_group().empty()) command.app->group(tr(msg("cli.label.commands", "Commands")));
        command.app->set_help_flag("-h,--help", tr(msg("cli.help", "Print this help and exit")));
    }

    give_way_to_nested_command(app, argc, argv);
    if (std::optional<std::string> option = option_given_empty(app, argc, argv)) return report_empty(app, *option);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        return app.exit(CLI::CallForHelp());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e); // --help of a command, --version
        return report_usage(app, usage_message(e));
    }
    if (std::optional<std::string> option = option_given_empty(app)) return report_empty(app, *option);
    try {
        for (const Command& command : commands)
            if (command.app->parsed()) return command.run();
    } catch (const std::bad_alloc&) {
        return report(ErrorKind::limit, msg("cli.out-of-memory", "out of memory"));
    } catch (const std::exception& e) {
        return report(ErrorKind::internal, msg("cli.internal", "internal error: {detail}", {{"detail", e.what()}}));
    }
    return 0;
}
