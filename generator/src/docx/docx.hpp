// The DOCX writer: the document model as WordprocessingML (Office Open XML), zipped in memory.
//
// Every measure comes from doc.profile, the same style sheet the PDF writer uses, so the two
// outputs agree page for page. The result is meant to be edited by office staff: each element
// has a named style (body, headings, type, summary, recipients, signature…), runs exist only
// where the formatting changes, and there are no empty paragraphs used as spacing.
#pragma once

#include <string>

#include "vanban/model.hpp"

namespace vanban::docx {

struct DocxOptions {
    // ISO 8601 date or date-time ("2019-03-25", "2019-03-25T08:00:00Z", "…+07:00") used for
    // docProps/core.xml and every zip entry's time, so the same input gives the same bytes.
    // Empty: doc.metadata.created if set, otherwise the current time.
    std::string fixed_creation_date;
};

// The .docx file's bytes. Throws vanban::Failure: ErrorKind::usage for a creation date that is
// not ISO 8601, ErrorKind::internal if libzip fails. Safe to call from several threads at once.
std::string render_docx(const model::Document& doc, const DocxOptions& options);

} // namespace vanban::docx
