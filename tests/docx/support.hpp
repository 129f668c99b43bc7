// Helpers for the DOCX tests: unzip with libzip, parse parts with pugixml, run the outside
// tools (python-docx, LibreOffice, poppler) in a scratch directory with a time limit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "support/shell.hpp"
#include "vanban/model.hpp"

namespace vanban::docx_test {

struct Entry {
    std::string name;
    std::string data;
    long long mtime = 0; // as libzip reads it
    std::uint32_t crc = 0; // as the archive's directory records it
    int method = 0;        // ZIP_CM_STORE or ZIP_CM_DEFLATE
    std::uint64_t compressed_size = 0;
};

// The archive's entries in their stored order; fails the test if libzip cannot read it.
std::vector<Entry> unzip(const std::string& bytes);
const Entry* find_entry(const std::vector<Entry>& entries, const std::string& name);

// Parses a part; fails the test (with pugixml's message) unless it is well-formed XML.
void parse_part(pugi::xml_document& document, const std::string& xml, const std::string& name);

// Renders with a fixed date and returns the named part, parsed.
void render_part(pugi::xml_document& document, const model::Document& doc, const std::string& part);

// All text of the w:t elements under `node`, with w:br and w:tab as "\n" and "\t".
std::string text_of(pugi::xml_node node);

// Scratch folders, reading files, quoting for the shell, squeezing white space: tests/support/
// (TempDir, read_file, shell_quote, squeeze_spaces), shared with the other stages' tests.

void write_file(const std::filesystem::path& path, const std::string& bytes);

using vanban::testing::CommandResult; // tests/support/shell.hpp

// Runs a shell command with `timeout`; its output is standard output and standard error
// together; exit code 124 means it took too long.
CommandResult run_command(const std::string& command, int timeout_seconds);

// Whether an executable exists at `path` (an absolute path) or on PATH (a bare name).
bool have_program(const std::string& program);

} // namespace vanban::docx_test
