#include "docx/text_width.hpp"

#include <array>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace vanban::docx {
namespace {

// Advance widths of U+0020..U+007E, in 1/1000 em.
constexpr std::array<short, 95> regular_widths = {
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541};
constexpr std::array<short, 95> bold_widths = {
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667,
    611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722,
    722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
    278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520};

// The letter a Vietnamese letter is built on: "Ậ" -> 'A', "đ" -> 'd'. Zero when there is none.
char32_t base_letter(char32_t cp) {
    if (cp == U'đ') return U'd';
    if (cp == U'Đ') return U'D';
    utf8proc_int32_t decomposed[4];
    int last_boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), decomposed, 4,
                                                 UTF8PROC_DECOMPOSE, &last_boundclass);
    if (n < 1) return 0;
    return static_cast<char32_t>(decomposed[0]);
}

// Ớ ớ … Ợ ợ and Ứ ứ … Ự ự (U+1EE4..U+1EE7 between them are Ụ ụ Ủ ủ, without horn).
bool horned_with_tone(char32_t cp) {
    return (cp >= 0x1EDA && cp <= 0x1EE3) || (cp >= 0x1EE8 && cp <= 0x1EF1);
}

double advance_em(char32_t cp, bool bold) {
    const auto& widths = bold ? bold_widths : regular_widths;
    char32_t base = cp < 0x80 ? cp : base_letter(cp);
    if (base < 0x20 || base > 0x7E) return 0.5;
    double width = widths[base - 0x20] / 1000.0;
    // The horn of ơ and ư makes them a little wider than o and u.
    if (cp == U'ơ' || cp == U'ư' || cp == U'Ơ' || cp == U'Ư' || horned_with_tone(cp))
        width += 0.04;
    return width;
}

} // namespace

double estimate_text_width_pt(std::string_view text, double size_pt, bool bold) {
    double em = 0;
    std::size_t pos = 0;
    while (pos < text.size()) em += advance_em(text::next_code_point(text, pos), bold);
    return em * size_pt;
}

} // namespace vanban::docx
