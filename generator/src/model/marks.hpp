// The boxed marks of the first page, shared by both writers so that they draw the same
// boxes: the urgency and secrecy marks and the circulation notes under the number, and the
// draft mark (docs/electronic.md, "Drafts and marks").
#pragma once

#include <string_view>

namespace vanban::model {

// A mark's box. NĐ30 Phụ lục I, II.2.b: the urgency stamps are rectangles of 20 × 8 mm
// (KHẨN), 40 × 8 mm (THƯỢNG KHẨN) and 30 × 8 mm (HOẢ TỐC); every other mark (MẬT, TỐI MẬT,
// TUYỆT MẬT, "XEM XONG TRẢ LẠI", "DỰ THẢO"…) sits in a single-line box fitted to its text
// (II.2.c: "trình bày cân đối trong một khung hình chữ nhật viền đơn").
struct MarkBox {
    double width_mm = 0;  // 0: as wide as the text and its padding
    double height_mm = 8;
};
MarkBox mark_box(std::string_view text);

// Space between the text and the box on each side, and the box's stroke.
inline constexpr double mark_padding_pt = 4;
inline constexpr double mark_border_pt = 0.75;

} // namespace vanban::model
