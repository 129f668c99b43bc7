// Error::format, exit_code and kind_name (declared in vanban/error.hpp).
#include <string>

#include "vanban/error.hpp"

namespace vanban {

int exit_code(ErrorKind kind) { return static_cast<int>(kind); }

const char* kind_name(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::usage: return "usage";
    case ErrorKind::template_syntax: return "template_syntax";
    case ErrorKind::template_eval: return "template_eval";
    case ErrorKind::data: return "data";
    case ErrorKind::validation: return "validation";
    case ErrorKind::resource: return "resource";
    case ErrorKind::output: return "output";
    case ErrorKind::limit: return "limit";
    case ErrorKind::internal: return "internal";
    }
    return "unknown";
}

namespace {

// The caret line's indentation: one space per code point before the column, but tabs
// stay tabs so the caret lines up under the same character in a terminal.
std::string caret_padding(const std::string& line, std::uint32_t column) {
    std::string padding;
    std::uint32_t code_points = 0;
    for (std::size_t i = 0; i < line.size() && code_points + 1 < column; ++i) {
        unsigned char byte = static_cast<unsigned char>(line[i]);
        if ((byte & 0xC0) == 0x80) continue;
        padding += byte == '\t' ? '\t' : ' ';
        ++code_points;
    }
    padding.append(column > code_points + 1 ? column - code_points - 1 : 0, ' '); // a column past the end
    return padding;
}

} // namespace

// record 3: templates/ke-hoach/main.vbt:12:14: error: missing field plan.tasks[3].deadline
//    12 | Thời hạn: {{ plan.tasks[3].deadline }}
//       |              ^
// hint: …
std::string Error::format(Language language, bool colour) const {
    const char* bold = colour ? "\033[1m" : "";
    const char* red = colour ? "\033[1;31m" : "";
    const char* green = colour ? "\033[1;32m" : "";
    const char* cyan = colour ? "\033[1;36m" : "";
    const char* reset = colour ? "\033[0m" : "";
    std::string text;
    if (record >= 0)
        text += msg("format.record", "record {number}", {{"number", record}}).text(language) + ": ";
    if (!where.file.empty()) {
        text += bold + where.file;
        // "file:line:" when the column is not known (a CSV line), as GNU tools write it.
        if (where.known()) text += ":" + std::to_string(where.line);
        if (where.known() && where.column != 0) text += ":" + std::to_string(where.column);
        text += std::string(":") + reset + " ";
    }
    const std::string message_text = message.text(language);
    text += red + msg("format.error", "error").text(language) + reset + ": " + message_text;
    if (byte_offset >= 0 && message.arg("byte").empty()) {
        const std::string at_byte = msg("format.at-byte", "at byte {byte}", {{"byte", byte_offset}}).text(language);
        if (message_text.find(at_byte) == std::string::npos) text += " " + at_byte;
    }
    if (!json_path.empty() && message_text.find(json_path) == std::string::npos)
        text += " (" + msg("format.data-path", "data: {path}", {{"path", json_path}}).text(language) + ")";
    if (where.known() && !source_line.empty()) {
        // As GCC does it: the line number right-aligned in a gutter of at least 5 columns.
        std::string number = std::to_string(where.line);
        std::string gutter(number.size() < 4 ? 4 - number.size() : 0, ' ');
        text += "\n " + gutter + number + " | " + source_line;
        if (where.column != 0)
            text += "\n " + std::string(gutter.size() + number.size(), ' ') + " | " +
                    caret_padding(source_line, where.column) + green + "^" + reset;
    }
    if (!hint.empty())
        text += "\n" + std::string(cyan) + msg("format.hint", "hint").text(language) + reset + ": " + hint.text(language);
    return text;
}

std::string format_warning(const std::string& file, const std::string& json_path, const Message& message,
                           Language language, bool colour) {
    std::string text;
    if (!file.empty()) text += (colour ? "\033[1m" : "") + file + (colour ? ":\033[0m " : ": ");
    text += std::string(colour ? "\033[1;35m" : "") + msg("format.warning", "warning").text(language) +
            (colour ? "\033[0m" : "") + ": ";
    if (!json_path.empty()) text += json_path + ": ";
    return text + message.text(language);
}

} // namespace vanban
