// The package around the document: content types, relationships, settings, document
// properties, and the zip archive that holds them (libzip, in memory).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "vanban/model.hpp"

namespace vanban::docx {

struct Part {
    std::string name; // path inside the zip, e.g. "word/document.xml"
    std::string xml;
    // Made from the profile and options alone (styles, settings, relationships, headers):
    // its deflated form is kept and reused while the text is unchanged.
    bool same_for_every_document = true;
};

// `png`: the package holds PNG images (the signature pictures). `charts`: how many chart
// parts the document has (word/charts/chart1.xml …, each with its workbook in word/embeddings/).
std::string content_types_xml(bool headers, bool first_page_header, bool numbering = false, bool png = false,
                              std::size_t charts = 0);
std::string package_relationships_xml();
// `images`: relationship id and target ("rId6", "media/signature.png") of each picture.
std::string document_relationships_xml(bool headers, bool first_page_header, bool numbering = false,
                                       const std::vector<std::pair<std::string, std::string>>& images = {},
                                       std::size_t charts = 0);
std::string settings_xml(const model::Profile& profile);
std::string core_properties_xml(const model::Document& doc, const std::string& created_w3cdtf);
std::string app_properties_xml();

// The zip archive of the parts, in order, deflated, each entry dated `zip_time` (see
// zip_time_for). Throws vanban::Failure (ErrorKind::internal) when libzip fails.
std::string zip_parts(const std::vector<Part>& parts, std::int64_t zip_time);

} // namespace vanban::docx
