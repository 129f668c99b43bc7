// The name a rendered document is offered under (Content-Disposition, RFC 6266), made from
// the document itself: "Kế hoạch số 19-KH-CB.pdf".
#pragma once

#include <string>
#include <string_view>

#include "vanban/model.hpp"

namespace vanban::serve {

// "Kế hoạch số 19-KH-CB" from the document's type and number; `fallback` (the template's
// name) when it has neither. Characters that file systems refuse (/ \ : * ? " < > |, controls)
// become '-'; at most 120 bytes, cut between code points.
std::string document_file_stem(const model::Document& document, std::string_view fallback);

// `attachment; filename="Ke hoach so 19-KH-CB.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho…`: the
// UTF-8 name percent-encoded per RFC 8187 (filename*), and an ASCII form (tone marks dropped,
// đ -> d) for clients that do not read it.
std::string content_disposition(std::string_view file_name);

// The ASCII form: "Kế hoạch Đảng" -> "Ke hoach Dang"; other characters outside ASCII become '_'.
std::string ascii_file_name(std::string_view file_name);

} // namespace vanban::serve
