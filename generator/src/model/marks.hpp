// The boxed marks of the first page, shared by both writers so that they draw the same
// boxes: the urgency and secrecy stamps and the circulation notes under the number, and the
// draft mark (docs/electronic.md, "Drafts and marks").
#pragma once

#include <string>
#include <string_view>

#include "vanban/model.hpp"

namespace vanban::model {

enum class Stamp { none, urgency, secrecy };

// A mark's box.
// - Urgency stamps (NĐ30 Phụ lục I, III.2.b): rectangles of 20 × 8 mm (KHẨN), 40 × 8 mm
//   (THƯỢNG KHẨN) and 30 × 8 mm (HOẢ TỐC), "khung hình chữ nhật viền đơn": one frame.
// - Secrecy stamps (III.2.a leaves them to the law on state secrets; Thông tư 24/2020/TT-BCA,
//   Mẫu số 01, as reported: docs/electronic.md): 40 × 8 mm (TUYỆT MẬT), 30 × 8 mm (TỐI MẬT),
//   20 × 8 mm (MẬT), with two frames 1 mm apart.
// - Every other mark ("XEM XONG TRẢ LẠI", "DỰ THẢO"…) sits in a single-line box with one
//   frame, fitted to its text (III.2.c: "trình bày cân đối trong một khung hình chữ nhật viền
//   đơn").
struct MarkBox {
    double width_mm = 0;  // 0: as wide as the text and its padding
    double height_mm = 8;
    Stamp stamp = Stamp::none;
    bool double_frame = false;
};
MarkBox mark_box(std::string_view text);

// The ink of a mark, text and frame, "#rrggbb": the profile's urgency or secrecy colour for
// a stamp, black for every other mark.
const std::string& mark_colour(const HeaderStyle& style, const MarkBox& box);

// Space between the text and the box on each side, the box's stroke, and the space between
// the two frames of a secrecy stamp.
inline constexpr double mark_padding_pt = 4;
inline constexpr double mark_border_pt = 0.75;
inline constexpr double mark_frame_gap_mm = 1;

} // namespace vanban::model
