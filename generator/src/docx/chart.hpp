// Charts in the DOCX (docs/docx.md, "Charts"): a chart part word/charts/chartN.xml (DrawingML
// c:chartSpace) with its figures cached, so that Word and LibreOffice draw it as they open the
// file, and an embedded workbook holding the same figures, so that "Edit Data" works in Word
// as in LibreOffice. Colours, order, the value axis (model::chart_scale) and the figures'
// format follow the PDF's drawing.
#pragma once

#include <cstdint>
#include <string>

#include "docx/xml.hpp"

#include "vanban/model.hpp"

namespace vanban::docx {

// word/charts/chartN.xml; its workbook is the relationship `workbook_rel_id` of the part.
std::string chart_xml(const model::Chart& chart, const model::Profile& profile, const char* workbook_rel_id);
// word/charts/_rels/chartN.xml.rels: the embedded workbook.
std::string chart_relationships_xml(const char* workbook_rel_id, const std::string& workbook_name);
// The workbook (an .xlsx package, zipped) with the chart's figures: categories in column A,
// one column per series, its name in row 1.
std::string chart_workbook(const model::Chart& chart, std::int64_t zip_time);

// The inline drawing in a paragraph that shows chart number `number` (1-based), whose part
// is the document's relationship `rel_id`, `width` × `height` twips.
void add_chart_drawing(xml::Node paragraph, const std::string& rel_id, std::size_t number, long width,
                       long height, const std::string& title);

} // namespace vanban::docx
