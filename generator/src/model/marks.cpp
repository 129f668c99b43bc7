#include "model/marks.hpp"

#include <array>

namespace vanban::model {

namespace {

struct StampSize {
    std::string_view text;
    double width_mm;
    Stamp stamp;
};

// Both tone-mark placements, as data may write either ("HỎA" / "HOẢ").
constexpr std::array<StampSize, 7> stamps{{
    {"KHẨN", 20, Stamp::urgency},
    {"THƯỢNG KHẨN", 40, Stamp::urgency},
    {"HỎA TỐC", 30, Stamp::urgency},
    {"HOẢ TỐC", 30, Stamp::urgency},
    {"MẬT", 20, Stamp::secrecy},
    {"TỐI MẬT", 30, Stamp::secrecy},
    {"TUYỆT MẬT", 40, Stamp::secrecy},
}};

} // namespace

MarkBox mark_box(std::string_view text) {
    for (const StampSize& s : stamps)
        if (text == s.text) return MarkBox{s.width_mm, 8, s.stamp, s.stamp == Stamp::secrecy};
    return MarkBox{};
}

const std::string& mark_colour(const HeaderStyle& style, const MarkBox& box) {
    static const std::string black = "#000000";
    switch (box.stamp) {
    case Stamp::urgency: return style.urgency_mark_colour;
    case Stamp::secrecy: return style.secrecy_mark_colour;
    case Stamp::none: break;
    }
    return black;
}

} // namespace vanban::model
