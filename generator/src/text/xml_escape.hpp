// Text in XML content or a quoted attribute: & < > " escaped, what XML 1.0 cannot hold
// (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF) left out,
// everything else as it is (UTF-8). For the XML vanban writes by hand: the PDF's XMP packet and the metadata
// sidecar. The data cannot bring such characters (the data reader refuses them); a
// template's text still could, and the file must stay well-formed.
#pragma once

#include <string>
#include <string_view>

namespace vanban::text {

void append_xml_escaped(std::string& out, std::string_view text);

} // namespace vanban::text
