#include "usage_errors.hpp"

#include <regex>

namespace vanban::cli {

namespace {

// CLI11 2.1 words its errors in English (CLI/Error.hpp); the names and values in them are
// taken out and put into our own messages. A text of a shape not listed here is shown as
// CLI11 wrote it.
std::optional<std::smatch> match(const std::string& text, const char* pattern) {
    std::smatch found;
    if (std::regex_match(text, found, std::regex(pattern))) return found;
    return std::nullopt;
}

Message required(const std::string& text) {
    if (text == "A subcommand is required") return msg("cli.command-required", "a command is required");
    if (auto m = match(text, "(.+) is required"))
        return msg("cli.argument-required", "{argument} is required", {{"argument", (*m)[1].str()}});
    return Message::verbatim(text);
}

Message mismatch(const std::string& text) {
    if (auto m = match(text, "(.+): [0-9]+ required .* missing"))
        return msg("cli.value-missing", "{option} needs a value", {{"option", (*m)[1].str()}});
    if (auto m = match(text, "(.+): At Most ([0-9]+) required but received ([0-9]+)"))
        return msg("cli.too-many-values", "{option} takes at most {count} values, not {given}",
                   {{"option", (*m)[1].str()}, {"count", (*m)[2].str()}, {"given", (*m)[3].str()}});
    return Message::verbatim(text);
}

Message invalid_value(const std::string& text) {
    if (auto m = match(text, "(.+): (.+) not in \\{(.*)\\}"))
        return msg("cli.not-one-of", "{option}: '{value}' is not one of {choices}",
                   {{"option", (*m)[1].str()}, {"value", (*m)[2].str()}, {"choices", (*m)[3].str()}});
    if (auto m = match(text, "(.+): Directory does not exist: (.*)"))
        return msg("cli.no-folder", "{option}: no folder {path}", {{"option", (*m)[1].str()}, {"path", (*m)[2].str()}});
    if (auto m = match(text, "(.+): (.*)"))
        return msg("cli.invalid-value", "{option}: {problem}",
                   {{"option", (*m)[1].str()}, {"problem", Message::verbatim((*m)[2].str())}});
    return Message::verbatim(text);
}

Message conversion(const std::string& text) {
    if (auto m = match(text, "Could not convert: (.+) = (.*)"))
        return msg("cli.bad-value", "{option}: '{value}' is not a valid value",
                   {{"option", (*m)[1].str()}, {"value", (*m)[2].str()}});
    if (auto m = match(text, "The value (.+) is not an allowed value for (.+)"))
        return msg("cli.bad-value", "{option}: '{value}' is not a valid value",
                   {{"option", (*m)[2].str()}, {"value", (*m)[1].str()}});
    return Message::verbatim(text);
}

} // namespace

Message usage_message(const CLI::ParseError& error) {
    const std::string text = error.what();
    if (dynamic_cast<const CLI::RequiredError*>(&error)) return required(text);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) return mismatch(text);
    if (dynamic_cast<const CLI::ValidationError*>(&error)) return invalid_value(text);
    if (dynamic_cast<const CLI::ConversionError*>(&error)) return conversion(text);
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        if (auto m = match(text, "The following arguments? (?:was|were) not expected: (.*)"))
            return msg("cli.unexpected", "unexpected argument: {arguments}", {{"arguments", (*m)[1].str()}});
    }
    if (auto m = match(text, "(.+) excludes (.+)"))
        return msg("cli.excludes", "{first} cannot be given with {second}", {{"first", (*m)[1].str()}, {"second", (*m)[2].str()}});
    if (auto m = match(text, "(.+) requires (.+)"))
        return msg("cli.requires", "{first} needs {second}", {{"first", (*m)[1].str()}, {"second", (*m)[2].str()}});
    return Message::verbatim(text);
}

std::optional<std::string> option_given_empty(const CLI::App& app) {
    for (const CLI::Option* option : app.get_options()) {
        const bool takes_text = option->get_type_size_max() > 0 && !option->get_positional();
        if (!takes_text) continue;
        for (const std::string& value : option->results())
            if (value.empty()) return option->get_name();
    }
    for (const CLI::App* command : app.get_subcommands())
        if (command->parsed())
            if (std::optional<std::string> name = option_given_empty(*command)) return name;
    return std::nullopt;
}

namespace {

bool has_option(const CLI::App& app, const std::string& name) {
    if (app.get_option_no_throw(name)) return true;
    for (const CLI::App* command : app.get_subcommands({}))
        if (has_option(*command, name)) return true;
    return false;
}

} // namespace

std::optional<std::string> option_given_empty(const CLI::App& app, int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") break; // what follows is arguments, not options
        if (word.size() < 4 || !word.starts_with("--") || !word.ends_with("=")) continue;
        const std::string name = word.substr(0, word.size() - 1);
        if (name.find('=') == std::string::npos && has_option(app, name)) return name;
    }
    return std::nullopt;
}

} // namespace vanban::cli
