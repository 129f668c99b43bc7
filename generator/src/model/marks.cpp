#include "model/marks.hpp"

#include <array>
#include <utility>

namespace vanban::model {

MarkBox mark_box(std::string_view text) {
    // Both tone-mark placements, as data may write either ("HỎA" / "HOẢ").
    static constexpr std::array<std::pair<std::string_view, double>, 4> urgency{{
        {"KHẨN", 20}, {"THƯỢNG KHẨN", 40}, {"HỎA TỐC", 30}, {"HOẢ TỐC", 30},
    }};
    for (const auto& [name, width] : urgency)
        if (text == name) return MarkBox{width, 8};
    return MarkBox{0, 8};
}

} // namespace vanban::model
