#include "help_format.hpp"

namespace vanban::cli {

namespace {

// Code points, which is what a terminal shows of Vietnamese text in precomposed form (NFC).
std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++width;
    return width;
}

// "  name        description", the description starting at `column` (on the next line when
// the name is too long) and each of its further lines indented to it.
std::string help_line(const std::string& name, const std::string& description, std::size_t column) {
    std::string line = "  " + name;
    const std::size_t width = display_width(line);
    if (!description.empty()) {
        if (width >= column) line += "\n" + std::string(column, ' ');
        else line += std::string(column - width, ' ');
        for (char c : description) {
            line += c;
            if (c == '\n') line += std::string(column, ' ');
        }
    }
    return line + "\n";
}

} // namespace

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
    return help_line(make_option_name(option, is_positional) + make_option_opts(option), make_option_desc(option),
                     get_column_width());
}

std::string HelpFormatter::make_subcommand(const CLI::App* command) const {
    return help_line(command->get_display_name(true), command->get_description(), get_column_width());
}

} // namespace vanban::cli
