#include "help_export.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace vanban::cli {

namespace {

// The commands a user runs (not `generate`, which makes these files), or the commands of
// one of them (`batch merge-manifests`). Option groups have no name.
std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty() && !sub->get_name().empty(); });
}

// Every command and command of a command, with its full name ("batch merge-manifests").
std::vector<std::pair<std::string, const CLI::App*>> all_commands(const CLI::App& app) {
    std::vector<std::pair<std::string, const CLI::App*>> all;
    for (const CLI::App* sub : visible_commands(app)) {
        all.emplace_back(sub->get_name(), sub);
        for (const CLI::App* nested : visible_commands(*sub)) all.emplace_back(sub->get_name() + " " + nested->get_name(), nested);
    }
    return all;
}

// "batch merge-manifests" -> "batch-merge-manifests", as in the page's name.
std::string dashed(std::string name) {
    std::replace(name.begin(), name.end(), ' ', '-');
    return name;
}

// By its full name, with a space or a dash between a command and its own command.
const CLI::App* command_named(const CLI::App& app, const std::string& name) {
    for (const auto& [full_name, command] : all_commands(app))
        if (full_name == name || dashed(full_name) == name) return command;
    return nullptr;
}

// Text as roff reads it: a backslash is \e; a line starting with '.' or '\'' would be a
// request, so it starts with the zero-width \&; '-' in option names is \- (a hyphen that
// copy-paste keeps as the ASCII minus).
std::string roff(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string option_names(const CLI::Option& option) {
    std::string names;
    for (const std::string& s : option.get_snames()) names += (names.empty() ? "" : ", ") + ("\\fB\\-" + s + "\\fR");
    for (const std::string& l : option.get_lnames()) names += (names.empty() ? "" : ", ") + ("\\fB\\-\\-" + l + "\\fR");
    if (option.get_items_expected_max() > 0) {
        const std::string type = option.get_type_name();
        names += " \\fI" + roff(type.empty() ? std::string("VALUE") : type) + "\\fR";
    }
    return names;
}

void man_options(std::ostringstream& out, const CLI::App& app, Language language) {
    bool positionals = false;
    for (const CLI::Option* option : app.get_options()) {
        if (!option->get_positional()) continue;
        if (!positionals) out << ".SH " << msg("man.arguments", "ARGUMENTS").text(language) << "\n";
        positionals = true;
        out << ".TP\n\\fI" << roff(option->get_name(true)) << "\\fR\n" << roff(option->get_description()) << "\n";
    }
    out << ".SH " << msg("man.options", "OPTIONS").text(language) << "\n";
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_positional() || option->get_group().empty()) continue;
        out << ".TP\n" << option_names(*option) << "\n" << roff(option->get_description()) << "\n";
    }
}

// The footer of a command's --help: examples, exit codes, notes; shown as it is written.
void man_notes(std::ostringstream& out, const std::string& footer, Language language) {
    std::string text = footer;
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.erase(text.begin());
    if (text.empty()) return;
    out << ".SH " << msg("man.notes", "NOTES").text(language) << "\n.nf\n" << roff(text) << "\n.fi\n";
}

std::string upper_ascii(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

} // namespace

std::string man_page(const CLI::App& app, const std::string& command, Language language) {
    const CLI::App* page = command.empty() ? &app : command_named(app, command);
    if (!page) return {};
    std::string full_name; // "batch merge-manifests", also when asked as "batch-merge-manifests"
    for (const auto& [each, sub] : all_commands(app))
        if (sub == page) full_name = each;
    const std::string name = command.empty() ? "vanban" : "vanban-" + dashed(full_name);
    std::string description = page->get_description();
    if (const auto newline = description.find('\n'); newline != std::string::npos && !command.empty())
        description.erase(newline);
    std::ostringstream out;
    out << ".\\\" " << msg("man.generated", "Made by 'vanban generate man' from the program's own help: do not edit.").text(language)
        << "\n.TH " << upper_ascii(name) << " 1 \"\" \"vanban " << VANBAN_VERSION << "\" \"vanban\"\n";
    out << ".SH " << msg("man.name", "NAME").text(language) << "\n" << roff(name) << " \\- "
        << roff(command.empty() ? msg("man.program-summary", "Vietnamese plans and reports as PDF and DOCX").text(language)
                                : description)
        << "\n";
    out << ".SH " << msg("man.synopsis", "SYNOPSIS").text(language) << "\n.B vanban\n";
    if (command.empty()) out << "[\\fI" << roff(msg("man.options-word", "OPTIONS").text(language)) << "\\fR] \\fICOMMAND\\fR ...\n";
    else {
        out << ".B " << roff(full_name) << "\n[\\fI" << roff(msg("man.options-word", "OPTIONS").text(language)) << "\\fR]";
        for (const CLI::Option* option : page->get_options())
            if (option->get_positional()) out << " \\fI" << roff(option->get_name(true)) << "\\fR";
        out << "\n";
    }
    out << ".SH " << msg("man.description", "DESCRIPTION").text(language) << "\n" << roff(page->get_description()) << "\n";
    if (command.empty()) {
        out << ".SH " << msg("man.commands", "COMMANDS").text(language) << "\n";
        for (const auto& [each, sub] : all_commands(app))
            out << ".TP\n\\fBvanban " << roff(each) << "\\fR (vanban\\-" << roff(dashed(each)) << "(1))\n"
                << roff(sub->get_description()) << "\n";
    }
    if (!command.empty() && !visible_commands(*page).empty()) { // batch: merge-manifests
        out << ".SH " << msg("man.commands", "COMMANDS").text(language) << "\n";
        for (const CLI::App* nested : visible_commands(*page))
            out << ".TP\n\\fBvanban " << roff(full_name + " " + nested->get_name()) << "\\fR (vanban\\-"
                << roff(dashed(full_name + " " + nested->get_name())) << "(1))\n"
                << roff(nested->get_description()) << "\n";
    }
    man_options(out, *page, language);
    man_notes(out, page->get_footer(), language);
    out << ".SH " << msg("man.environment", "ENVIRONMENT").text(language) << "\n"
        << ".TP\n.B VANBAN_LANG\n"
        << roff(msg("man.env-lang", "The language of messages (vi or en), when --lang is not given; then LANGUAGE, LC_ALL, "
                                    "LC_MESSAGES, LANG.").text(language))
        << "\n.TP\n.B VANBAN_TEMPLATES\n"
        << roff(msg("man.env-templates", "Template folders, separated by ':', searched after --templates.").text(language))
        << "\n.TP\n.B NO_COLOR\n"
        << roff(msg("man.env-no-color", "When set, messages are never coloured.").text(language)) << "\n";
    out << ".SH " << msg("man.see-also", "SEE ALSO").text(language) << "\n";
    std::string see_also = command.empty() ? "" : "\\fBvanban\\fR(1)";
    for (const auto& [each, sub] : all_commands(app))
        if (sub != page)
            see_also += (see_also.empty() ? "" : ", ") + ("\\fBvanban\\-" + roff(dashed(each)) + "\\fR(1)");
    out << see_also << "\n";
    return out.str();
}

namespace {

// What the value of an option is, for completion.
std::string value_kind(const CLI::Option& option) {
    static const std::map<std::string, std::string> kinds = {
        {"format", "formats"},   {"profile", "profiles"},    {"input-encoding", "encodings"}, {"from", "legacy"},
        {"lang", "languages"},   {"templates", "folders"},   {"fonts", "folders"},            {"records-format", "records"},
    };
    static const std::vector<std::string> file_options = {"output", "manifest", "metadata", "token-file", "csv"};
    for (const std::string& name : option.get_lnames()) {
        if (auto it = kinds.find(name); it != kinds.end()) return it->second;
        if (std::find(file_options.begin(), file_options.end(), name) != file_options.end()) return "files";
    }
    return "none"; // a free value: a date, a number, a field name

}

} // namespace

namespace {

bool takes_value(const CLI::Option& option) { return !option.get_positional() && option.get_items_expected_max() > 0; }

std::string joined(const std::vector<std::string>& list, const char* separator) {
    std::string out;
    for (const std::string& item : list) out += (out.empty() ? "" : separator) + item;
    return out;
}

// "--output -o" for the options of a command.
std::vector<std::string> option_words(const CLI::App& command) {
    std::vector<std::string> out;
    for (const CLI::Option* option : command.get_options()) {
        if (option->get_positional()) continue;
        for (const std::string& l : option->get_lnames()) out.push_back("--" + l);
        for (const std::string& s : option->get_snames()) out.push_back("-" + s);
    }
    return out;
}

} // namespace

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto& [name, command] : all_commands(app)) names.push_back(name);
    return names;
}

std::string bash_completion(const CLI::App& app) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : visible_commands(app)) commands.push_back(sub->get_name());
    // Options that take a value, by what the value is (the same name means the same in
    // every command).
    std::map<std::string, std::vector<std::string>> by_kind;
    std::vector<std::string> with_values;
    const auto add = [&](const CLI::App& from) {
        for (const CLI::Option* option : from.get_options()) {
            if (!takes_value(*option)) continue;
            std::vector<std::string> names;
            for (const std::string& s : option->get_snames()) names.push_back("-" + s);
            for (const std::string& l : option->get_lnames()) names.push_back("--" + l);
            for (const std::string& name : names) {
                if (std::find(with_values.begin(), with_values.end(), name) != with_values.end()) continue;
                with_values.push_back(name);
                by_kind[value_kind(*option)].push_back(name);
            }
        }
    };
    add(app);
    for (const auto& [name, command] : all_commands(app)) add(*command);

    std::ostringstream out;
    out << "# bash completion for vanban. Made by 'vanban generate completion' from the program's own\n"
           "# definitions: do not edit.\n\n"
           "# Folders holding templates: $VANBAN_TEMPLATES, ./templates, and the installed ones\n"
           "# (share/vanban/templates beside the program's bin/, as the program finds them).\n"
           "_vanban_template_dirs() {\n"
           "    local dirs dir program installed=\n"
           "    IFS=: read -ra dirs <<< \"${VANBAN_TEMPLATES:-}\"\n"
           "    program=$(type -P vanban) && installed=${program%/*}/../share/vanban/templates\n"
           "    for dir in \"${dirs[@]}\" templates \"$installed\"; do\n"
           "        [[ -n $dir && -d $dir ]] && printf '%s\\n' \"$dir\"\n"
           "    done\n"
           "}\n"
           "_vanban_templates() {\n"
           "    local dir main\n"
           "    while read -r dir; do\n"
           "        for main in \"$dir\"/*/main.vbt; do [[ -e $main ]] && basename \"${main%/main.vbt}\"; done\n"
           "    done < <(_vanban_template_dirs)\n"
           "}\n"
           "_vanban_profiles() {\n"
           "    local dir profile\n"
           "    while read -r dir; do\n"
           "        for profile in \"$dir\"/_profiles/*.json; do [[ -e $profile ]] && basename \"$profile\" .json; done\n"
           "    done < <(_vanban_template_dirs)\n"
           "}\n\n"
           "_vanban() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
           "    local command= at=0 i\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        case ${COMP_WORDS[i]} in\n"
           "            " << joined(commands, "|") << ") command=${COMP_WORDS[i]}; at=$i; break ;;\n"
           "        esac\n"
           "    done\n"
           "    # A command's own command (batch merge-manifests): the word right after the command.\n"
           "    case $command in\n";
    for (const CLI::App* sub : visible_commands(app)) {
        std::vector<std::string> nested;
        for (const CLI::App* n : visible_commands(*sub)) nested.push_back(n->get_name());
        if (nested.empty()) continue;
        out << "        " << sub->get_name() << ") case ${COMP_WORDS[at+1]} in " << joined(nested, "|")
            << ") if ((COMP_CWORD > at + 1)); then command=\"$command ${COMP_WORDS[at+1]}\"; at=$((at + 1)); fi ;; esac ;;\n";
    }
    out << "    esac\n"
           "    local kind=\n"
           "    case $prev in\n";
    for (const auto& [kind, names] : by_kind) out << "        " << joined(names, "|") << ") kind=" << kind << " ;;\n";
    out << "    esac\n"
           "    case $kind in\n"
           "        formats) COMPREPLY=($(compgen -W 'pdf docx model fields metadata metadata-xml both' -- \"$cur\")); return ;;\n"
           "        profiles) COMPREPLY=($(compgen -W \"$(_vanban_profiles)\" -- \"$cur\")); return ;;\n"
           "        encodings) COMPREPLY=($(compgen -W 'utf-8 tcvn3 vni cp1258' -- \"$cur\")); return ;;\n"
           "        legacy) COMPREPLY=($(compgen -W 'tcvn3 vni cp1258' -- \"$cur\")); return ;;\n"
           "        languages) COMPREPLY=($(compgen -W 'vi en' -- \"$cur\")); return ;;\n"
           "        records) COMPREPLY=($(compgen -W 'auto json jsonl csv' -- \"$cur\")); return ;;\n"
           "        folders) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
           "        files) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
           "        none) COMPREPLY=(); return ;;\n"
           "    esac\n"
           "    if [[ -z $command ]]; then\n"
           "        COMPREPLY=($(compgen -W '" << joined(commands, " ") << " " << joined(option_words(app), " ")
        << "' -- \"$cur\")); return\n"
           "    fi\n"
           "    # The words after the command that are neither options nor their values.\n"
           "    local positional=0\n"
           "    for ((i = at + 1; i < COMP_CWORD; i++)); do\n"
           "        case ${COMP_WORDS[i]} in\n"
           "            -*) ;;\n"
           "            *) case ${COMP_WORDS[i-1]} in " << (with_values.empty() ? "--" : joined(with_values, "|"))
        << ") ;; *) ((positional++)) ;; esac ;;\n"
           "        esac\n"
           "    done\n"
           "    case $command in\n";
    for (const auto& [name, sub] : all_commands(app)) {
        bool template_first = false;
        for (const CLI::Option* option : sub->get_options())
            if (option->get_positional()) {
                template_first = option->get_name(true) == "template";
                break;
            }
        std::vector<std::string> first_words; // its own commands, then template names
        for (const CLI::App* nested : visible_commands(*sub)) first_words.push_back(nested->get_name());
        if (template_first) first_words.push_back("$(_vanban_templates)");
        out << "        " << (name.find(' ') == std::string::npos ? name : "'" + name + "'") << ")\n"
            << "            if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" << joined(option_words(*sub), " ")
            << "' -- \"$cur\")); return; fi\n";
        if (!first_words.empty())
            out << "            if ((positional == 0)); then COMPREPLY=($(compgen -W \"" << joined(first_words, " ")
                << "\" -- \"$cur\")); return; fi\n";
        out << "            ;;\n";
    }
    out << "    esac\n"
           "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "}\n"
           "complete -o filenames -F _vanban vanban\n";
    return out.str();
}

} // namespace vanban::cli
