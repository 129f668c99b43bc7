// PNG images in the PDF: the signer's signature and the agency's seal (docs/electronic.md).
// A PNG becomes an image XObject in DeviceRGB, its alpha channel a soft mask (an SMask,
// which PDF/A-2 allows), both deflated. The engine checks each PNG with read_png_facts and
// decode_png before anything is written, so a bad image stops the render with its JSON path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vanban/message.hpp"

namespace vanban::pdf {

// What a PNG says about itself without decoding its pixels.
struct PngFacts {
    int width = 0, height = 0;
    double pixels_per_mm_x = 0, pixels_per_mm_y = 0; // from pHYs in metres; 0 when it has none
};

// The pixels, 8 bits per component: `rgb` 3 bytes a pixel, `alpha` 1 (empty when opaque).
struct DecodedPng {
    int width = 0, height = 0;
    std::string rgb, alpha;
};

// Limits: a PNG larger than this many pixels on a side is refused before decoding.
inline constexpr int max_png_side = 8000;

// The facts, or why these bytes are no PNG vanban can use (nothing when they are): not a
// PNG, cut short, too large.
std::optional<Message> png_problem(std::string_view bytes, PngFacts& facts);

// The pixels, or throws vanban::Failure(ErrorKind::data) naming `json_path` and `source`.
DecodedPng decode_png(std::string_view bytes, const std::string& source, const std::string& json_path);

// The image XObject's and its soft mask's dictionary entries (the streams are deflated).
std::string image_entries(const DecodedPng& image, unsigned soft_mask_object);
std::string soft_mask_entries(const DecodedPng& image);

// The pixels of a stream, deflated.
std::string deflate_pixels(std::string_view pixels);

// Content stream operators that draw image /Name into the box (points).
void append_image_drawing(std::string& content, const std::string& name, double x, double y, double width,
                          double height);

} // namespace vanban::pdf
