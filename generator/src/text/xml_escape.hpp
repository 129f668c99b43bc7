// Text in XML content or a quoted attribute: & < > " escaped, everything else as it is
// (UTF-8). For the XML vanban writes by hand: the PDF's XMP packet and the metadata sidecar.
#pragma once

#include <string>
#include <string_view>

namespace vanban::text {

void append_xml_escaped(std::string& out, std::string_view text);

} // namespace vanban::text
