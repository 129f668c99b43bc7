// Checking a document's format and content (docs/check.md): a DOCX or text draft, or JSON
// data. Each finding names its place (paragraph and quote, or JSON path).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/engine.hpp"
#include "vanban/finding.hpp"

namespace vanban {

struct CheckOptions {
    std::string template_name;            // for JSON data: "" tries ke-hoach, then bao-cao
    std::string profile;                  // "party", "state"; "" as the document says
    std::string source_name = "document";
    // JSON data: the data file's folder, where its tables' CSV files are (RenderOptions::data_dir).
    std::filesystem::path data_dir;
    // The day the document is judged on (YYYY-MM-DD) for the names the 2025 reform changed;
    // "" uses the document's own date, else today.
    std::string as_of;
};

struct CheckResult {
    bool ok = false;               // the check ran (false: the input could not be read)
    std::string template_name, profile;
    std::vector<Finding> findings; // errors first, then warnings, each in document order
    bool text_input = false;
    Error error;                   // when !ok
    bool must_fix() const;         // some finding is an error
    // 0 nothing to fix, 11 something must be fixed, or the error's code (docs/errors.md).
    int exit_code() const;
    explicit operator bool() const { return ok; }
};

// `bytes` is a DOCX, a text draft or JSON data (told by their first bytes).
CheckResult check_document(const Engine& engine, std::string_view bytes, const CheckOptions& options = {});

} // namespace vanban
