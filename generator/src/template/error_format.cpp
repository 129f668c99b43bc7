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
std::string Error::format() const {
    std::string text;
    if (record >= 0) text += "record " + std::to_string(record) + ": ";
    if (!where.file.empty()) {
        text += where.file;
        if (where.known()) text += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
        text += ": ";
    }
    text += "error: " + message;
    const std::string at_byte = " at byte " + std::to_string(byte_offset);
    if (byte_offset >= 0 && message.find(at_byte) == std::string::npos) text += at_byte;
    if (!json_path.empty() && message.find(json_path) == std::string::npos) text += " (data: " + json_path + ")";
    if (where.known() && !source_line.empty()) {
        // As GCC does it: the line number right-aligned in a gutter of at least 5 columns.
        std::string number = std::to_string(where.line);
        std::string gutter(number.size() < 4 ? 4 - number.size() : 0, ' ');
        text += "\n " + gutter + number + " | " + source_line;
        text += "\n " + std::string(gutter.size() + number.size(), ' ') + " | " +
                caret_padding(source_line, where.column) + "^";
    }
    return text;
}

} // namespace vanban
