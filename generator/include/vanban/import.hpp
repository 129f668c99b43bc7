// Word drafts in (docs/import.md): a DOCX or a text file -> the JSON data of a template, which
// renders, validates and batches like any data.
//
//   vanban::Engine engine({.template_dirs = {"templates"}});
//   vanban::ImportResult r = vanban::import_document(engine, docx_bytes, {.source_name = "plan.docx"});
//   if (r) write(r.template_name, r.data_json);   // also r.warnings, r.survival
//   else std::cerr << r.error.format();
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vanban/engine.hpp"
#include "vanban/finding.hpp"

namespace vanban {

struct ImportOptions {
    std::string template_name;            // "ke-hoach", "bao-cao"; "" chooses by the document type
    std::string profile;                  // "party", "state"; "" tells from the header
    std::string source_name = "document"; // how messages name the input
};

// Where words of the input did not come out of the rendered document.
struct LostWords {
    int paragraph = 0;  // paragraph (DOCX) or line (text) of the input
    std::string words;  // the first words lost there
};

// The input's words against those of the document the data renders: the header block as a
// bag of words (its two columns are read in any order), the rest word for word in order.
struct WordSurvival {
    std::size_t input_words = 0;
    std::size_t kept_words = 0;
    std::vector<LostWords> lost; // the first five places
    double ratio() const { return input_words == 0 ? 1.0 : double(kept_words) / double(input_words); }
};

struct ImportResult {
    bool ok = false;
    std::string template_name;     // the template the data is for
    std::string profile;           // "party" or "state", as the data says
    std::string data_json;         // UTF-8, indented; valid against the template's schema
    std::vector<Finding> warnings; // what could not be placed, filled in, or kept as it was
    WordSurvival survival;
    bool text_input = false;       // the input was text: warnings count lines, not paragraphs
    Error error;                   // when !ok: data (not readable), limit (too large), usage
    explicit operator bool() const { return ok; }
};

// Reads the document (DOCX, or UTF-8 text; told by its first bytes), recognises its parts and
// checks the data against the template's schema by building its model with `engine`.
ImportResult import_document(const Engine& engine, std::string_view bytes, const ImportOptions& options = {});

} // namespace vanban
