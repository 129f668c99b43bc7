// Which reader a file needs, told from its first bytes rather than its name.
#pragma once

#include <string>
#include <string_view>

#include "import/draft.hpp"
#include "import/limits.hpp"

namespace vanban::import {

// A zip is read as DOCX, anything else that is UTF-8 (or UTF-16 with a byte-order mark) as
// text. Files vanban cannot read get an ErrorKind::data error that says what they are: a
// password-protected Word file (an encrypted OLE package), an old .doc, RTF, PDF, binary.
Draft read_document(std::string_view bytes, const ReadLimits& limits, const std::string& source_name);

} // namespace vanban::import
