// What the golden tests share: the repository's files, one engine on the repository's
// templates, and rendering one data file to PDF and DOCX.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vanban/engine.hpp"

namespace vanban::golden {

// VANBAN_SOURCE_DIR / relative.
std::filesystem::path source_path(const std::string& relative);
// The file's bytes; fails the test when it cannot be read.
std::string read_source(const std::string& relative);
nlohmann::json read_source_json(const std::string& relative);

// An engine on the repository's templates and fonts, with a fixed creation date.
const Engine& repository_engine();

struct Rendered {
    std::string pdf;
    std::string docx;
};
// Renders the data file (relative to the repository) with `template_name`, once into the
// model and then with both writers; fails the test with the engine's message on an error.
Rendered render_both(const std::string& template_name, const std::string& data_file);

} // namespace vanban::golden
