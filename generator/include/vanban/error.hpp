// Errors are values: every failure the library reports carries what went wrong, where
// (template file:line:column, JSON file:line:column, JSON path, byte offset, record number),
// and the process exit code the CLI uses for it. See docs/errors.md.
#pragma once

#include <cstdint>
#include <string>

#include "vanban/message.hpp"

namespace vanban {

// Each kind maps to one documented exit code (docs/errors.md). Keep the numbers stable:
// scripts test them.
enum class ErrorKind {
    usage = 2,           // bad command line
    template_syntax = 3, // the template does not parse
    template_eval = 4,   // the template parses but fails on this data (unknown filter, bad type…)
    data = 5,            // data: malformed JSON, invalid UTF-8, missing or wrongly typed field
    validation = 6,      // data does not match the template's JSON Schema
    resource = 7,        // a template, profile or font cannot be found or read
    output = 8,          // the output cannot be written
    limit = 9,           // a safety limit was passed (include depth, loop size, output size…)
    internal = 70,       // a bug in vanban: please report it
};

int exit_code(ErrorKind kind);
const char* kind_name(ErrorKind kind);

// Where in a text file something is. Lines and columns count from 1; columns count code
// points, not bytes, so the caret lines up under Vietnamese text.
struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool known() const { return line != 0; }
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    Message message;            // one line, no location, e.g. "unknown filter 'uper'"
    Message hint;               // what to do about it, when there is something to say
    SourceLocation where;       // template or JSON position, when there is one
    std::string source_line;    // the text of that line, for the caret display
    std::string json_path;      // e.g. "plan.tasks[3].deadline"
    std::int64_t byte_offset = -1; // for invalid UTF-8
    std::int64_t record = -1;   // batch: 1-based record number

    // "file:line:col: error: message" plus, when known, the source line and a caret, and
    // the hint on a line of its own; in Vietnamese "…: lỗi: …". `colour`: ANSI colours, for
    // a terminal.
    std::string format(Language language = Language::en, bool colour = false) const;
};

// A warning in the same format: "plan.json: warning: header.issuer: looks like TCVN3 text…"
// ("cảnh báo:" in Vietnamese). `file` and `json_path` may be empty.
std::string format_warning(const std::string& file, const std::string& json_path, const Message& message,
                           Language language = Language::en, bool colour = false);

// Thrown inside the library; caught at the API boundary and returned as a value.
class Failure : public std::exception {
public:
    explicit Failure(Error error) : error_(std::move(error)), what_(error_.message.text()) {}
    Failure(ErrorKind kind, Message message) : what_(message.text()) {
        error_.kind = kind;
        error_.message = std::move(message);
    }
    // The English text, for logs and debuggers; users get error().message in their language.
    const char* what() const noexcept override { return what_.c_str(); }
    const Error& error() const { return error_; }
    Error& error() { return error_; }

private:
    Error error_;
    std::string what_;
};

} // namespace vanban
