// Output names: the -o pattern, written in the template language, evaluated over each
// record ("out/{{ branch.code }}-ke-hoach.pdf" -> "out/HC05-ke-hoach.pdf").
//
// Folders are what the pattern's own text says; what comes out of a {{ }} tag is a piece of
// a name and can never add a folder, climb out of one, or make the path absolute: '/' and
// '\' in it, and every character Windows or Linux refuses in a file name (< > : " | ? *
// and control characters), become '_'. A name that data leaves as "." or ".." or empty is
// refused. (The length of each name is checked by the batch, once the format's extension is
// in place.)
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/engine.hpp"

namespace vanban::tmpl {
class Template;
class Library;
} // namespace vanban::tmpl

namespace vanban::batch {

class OutputPattern {
public:
    // Parses the pattern once. Throws Failure: template_syntax at the pattern's column, or
    // usage for an empty pattern or one with a line break.
    explicit OutputPattern(const std::string& pattern);
    ~OutputPattern();
    OutputPattern(OutputPattern&&) noexcept;

    // The path for one record (before any format extension is changed). Safe to call from
    // several threads. Throws Failure: template_eval or data for what the template language
    // reports ("missing field branch.code"), output for a name that data makes unsafe.
    std::string evaluate(const nlohmann::json& data, std::size_t record_number) const;

    // The data fields the pattern reads, as JSON paths ("branch.code"), in order
    // (tmpl::data_paths).
    const std::vector<std::string>& fields() const { return fields_; }

    // The folder every output lies under: the pattern's text before its first tag, up to
    // its last '/' ("out/{{ x }}.pdf" -> "out"; "{{ x }}.pdf" -> ".").
    std::filesystem::path base_folder() const;

    // The format the pattern's extension names (vanban::format_for_path), if any.
    std::optional<Format> format_from_extension() const;

private:
    std::string text_;
    std::shared_ptr<const tmpl::Template> template_;
    std::unique_ptr<tmpl::Library> library_;
    std::vector<std::string> fields_;
};

// A piece of a file name made from data, made safe for Windows and Linux.
std::string sanitise_name_piece(std::string_view text);

// "out/HC05.pdf" for `format`: when the batch writes several formats, the extension
// (.pdf, .docx or .json, in any case: vanban::format_for_path) is replaced by, or else
// followed by, the format's own.
std::string path_for_format(const std::string& path, Format format, bool several_formats);

} // namespace vanban::batch
