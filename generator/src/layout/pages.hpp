// The result of layout: what the PDF writer draws, already positioned. Coordinates are PDF
// points with the origin at the bottom-left corner of the page; y of a text is its baseline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layout/fonts.hpp"
#include "model/furniture.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// A colour in sRGB (the PDF's output intent); black by default.
struct Colour {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Colour&) const = default;
};

// A profile's colour, "#rrggbb" (checked when the profile was read).
inline Colour colour_of(const std::string& hex) {
    const model::Rgb rgb = model::rgb_of(hex);
    return Colour{rgb.r, rgb.g, rgb.b};
}

// The bytes of a layout's texts, one text after another in blocks that never move. A text
// item views its text here instead of owning a string: a long table's texts are not tens of
// thousands of small allocations spread over the heap, and the PDF writer reads them in the
// order they were made. Moving the store keeps the views valid.
class TextStore {
public:
    TextStore() = default;
    TextStore(TextStore&& other) noexcept { *this = std::move(other); }
    TextStore& operator=(TextStore&& other) noexcept {
        blocks_ = std::move(other.blocks_);
        start_ = std::exchange(other.start_, nullptr);
        at_ = std::exchange(other.at_, nullptr);
        end_ = std::exchange(other.end_, nullptr);
        return *this;
    }
    // A text kept as it is.
    std::string_view keep(std::string_view text) {
        begin(text.size());
        append(text);
        return made();
    }
    // A text made piece by piece: begin() with the room it will likely need, append() its
    // pieces, made() the text so far (it moves if it outgrows its room; views of earlier
    // texts stay valid).
    void begin(std::size_t room);
    void append(std::string_view bytes);
    void append(std::size_t count, char c);
    std::string_view made() const { return {start_, static_cast<std::size_t>(at_ - start_)}; }

private:
    void make_room(std::size_t more);
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* start_ = nullptr; // of the text being made
    char* at_ = nullptr;    // its end
    char* end_ = nullptr;   // of the block
};

// A run of text on one baseline in one face: words separated by single spaces. When
// `justified`, its spaces are stretched (or shrunk) evenly so that it spans exactly `width`;
// otherwise they keep their natural width and `width` is the natural width.
struct TextItem {
    double x = 0, y = 0;
    Face face = Face::regular;
    double size = 14;
    std::string_view text; // UTF-8, NFC; in the layout's TextStore (or a literal)
    double width = 0; // points, from x to the end of the last glyph
    bool justified = false;
    Colour colour{};  // black
};

// A straight line: rules of the header, table borders, underlines.
struct RuleItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
};

// A rectangle in PDF points, (x, y) its bottom-left corner.
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

// An image of the model (a signature, a seal), drawn into its box after the text.
struct ImageItem {
    const model::Image* image = nullptr; // owned by the document laid out
    Box box;
};

// An unsigned signature field (docs/electronic.md): the signing tools fill it by its name.
struct FieldItem {
    std::string name; // "signer", "agency"
    Box box;
};

// A path, filled or stroked or both: the bars, lines, slices and grid of a chart.
struct ShapeItem {
    enum class Op : std::uint8_t { move, line, curve, close }; // curve: a cubic Bézier, three points
    struct Step {
        Op op = Op::move;
        double x[3] = {0, 0, 0}, y[3] = {0, 0, 0};
    };
    std::vector<Step> steps;
    std::optional<Colour> fill;
    std::optional<Colour> stroke;
    double stroke_width = 0.5;

    ShapeItem& move_to(double x, double y) { return add({Op::move, {x, 0, 0}, {y, 0, 0}}); }
    ShapeItem& line_to(double x, double y) { return add({Op::line, {x, 0, 0}, {y, 0, 0}}); }
    ShapeItem& curve_to(double x1, double y1, double x2, double y2, double x3, double y3) {
        return add({Op::curve, {x1, x2, x3}, {y1, y2, y3}});
    }
    ShapeItem& close() { return add({Op::close, {}, {}}); }
    // The same shape with every y turned into origin - y (from a unit's top-down
    // coordinates to the page's bottom-up ones).
    ShapeItem flipped(double origin) const {
        ShapeItem out = *this;
        for (Step& step : out.steps)
            for (double& y : step.y) y = origin - y;
        return out;
    }

private:
    ShapeItem& add(Step step) {
        steps.push_back(step);
        return *this;
    }
};

struct Page {
    std::vector<TextItem> texts;
    std::vector<RuleItem> rules;
    std::vector<ImageItem> images;
    std::vector<FieldItem> fields;
    std::vector<ShapeItem> shapes; // drawn first, under the rules and the text
    double width = 0, height = 0;  // points
    bool landscape = false;
};

// One entry of the PDF outline (from a heading).
struct Bookmark {
    int level = 1;
    std::string title;
    std::size_t page = 0; // 0-based
    double y = 0;         // top of the heading
};

struct PageLayout {
    double width = 595.28, height = 841.89; // of a portrait page; each Page has its own
    const FontFamily* family = nullptr; // the faces every TextItem refers to
    TextStore texts;                    // the bytes every TextItem views
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
};

} // namespace vanban::layout
