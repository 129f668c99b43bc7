// What one imported document may cost. A DOCX is a zip of XML parts: a small file can claim
// to inflate to gigabytes (a zip bomb), or hold a million paragraphs. Past a limit the import
// stops with ErrorKind::limit and says which limit; nothing is half read.
#pragma once

#include <cstddef>

namespace vanban::import {

struct ReadLimits {
    std::size_t max_input_bytes = 64u << 20;     // the file as given
    std::size_t max_part_bytes = 64u << 20;      // one part once inflated (word/document.xml)
    std::size_t max_inflated_bytes = 128u << 20; // every part read, inflated, together
    std::size_t max_zip_entries = 10'000;        // entries the zip's directory may list
    std::size_t max_paragraphs = 100'000;        // paragraphs of the document, cells included
    std::size_t max_table_cells = 200'000;       // cells of all its tables
    int max_nesting = 32;                        // tables in tables, content controls in those…
};

} // namespace vanban::import
