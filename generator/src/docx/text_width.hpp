// An estimate of how wide a line of text prints in Times New Roman, used only to size the
// short rules of the header and the summary (a rule "as long as the title"). The DOCX writer
// has no font files; the advance widths below are Times New Roman's, as measured on
// Liberation Serif (same metrics), in 1/1000 em.
#pragma once

#include <string_view>

namespace vanban::docx {

// Width in points of `text` set in Times New Roman (bold or regular) at size_pt. Vietnamese
// letters take the width of their base letter; characters outside Latin take half an em.
double estimate_text_width_pt(std::string_view text, double size_pt, bool bold);

} // namespace vanban::docx
