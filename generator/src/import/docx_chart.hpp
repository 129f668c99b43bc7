// A DOCX's charts: the chart parts (word/charts/chartN.xml) its drawings point at, read for
// the figures they cache, so that a chart vanban drew (or Word, or LibreOffice) comes back as
// data (docs/import.md, "Tables and charts").
#pragma once

#include <optional>
#include <string>

#include <pugixml.hpp>

#include "import/draft.hpp"

namespace vanban::import {

// The chart part's r:id a drawing (w:drawing, or a choice of mc:AlternateContent) points at,
// or "" when it draws no chart. Its height (wp:extent) in millimetres goes to `height_mm`.
std::string chart_reference(pugi::xml_node drawing, double& height_mm);

// What a chart part shows. Elements are matched by their local names (c:, a: or any other
// prefix); a chart of several kinds at once (a combination) has kind "".
// Throws vanban::Failure (data) naming the part when it is not well-formed XML.
DrawnChart read_chart_part(const std::string& bytes, const std::string& source, const std::string& part);

} // namespace vanban::import
