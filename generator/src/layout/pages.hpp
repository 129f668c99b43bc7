// The result of layout: what the PDF writer draws, already positioned. Coordinates are PDF
// points with the origin at the bottom-left corner of the page; y of a text is its baseline.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "layout/fonts.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// A run of text on one baseline in one face: words separated by single spaces. When
// `justified`, its spaces are stretched (or shrunk) evenly so that it spans exactly `width`;
// otherwise they keep their natural width and `width` is the natural width.
struct TextItem {
    double x = 0, y = 0;
    Face face = Face::regular;
    double size = 14;
    std::string text; // UTF-8, NFC
    double width = 0; // points, from x to the end of the last glyph
    bool justified = false;
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

struct Page {
    std::vector<TextItem> texts;
    std::vector<RuleItem> rules;
    std::vector<ImageItem> images;
    std::vector<FieldItem> fields;
};

// One entry of the PDF outline (from a heading).
struct Bookmark {
    int level = 1;
    std::string title;
    std::size_t page = 0; // 0-based
    double y = 0;         // top of the heading
};

struct PageLayout {
    double width = 595.28, height = 841.89;
    const FontFamily* family = nullptr; // the faces every TextItem refers to
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
};

} // namespace vanban::layout
