#include "pdf/images.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <png.h>

#include "pdf/deflate.hpp"
#include "vanban/error.hpp"

namespace vanban::pdf {

namespace {

constexpr std::string_view png_signature{"\x89PNG\r\n\x1a\n", 8};
// Pixels are deflated at libdeflate's level 6: images are rare and small, so size wins.
constexpr int image_compression_level = 6;

std::uint32_t big_endian(std::string_view bytes, std::size_t at) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
}

Message not_png() { return msg("pdf.png-not-png", "it is not a PNG file"); }
Message cut_short() { return msg("pdf.png-cut-short", "the PNG file is cut short"); }
Message no_header() { return msg("pdf.png-no-header", "the PNG file has no header (IHDR)"); }

// IHDR (which the PNG format puts first) and pHYs, read from the chunk list.
std::optional<Message> read_chunks(std::string_view bytes, PngFacts& facts) {
    if (bytes.size() < png_signature.size() || bytes.substr(0, png_signature.size()) != png_signature)
        return not_png();
    std::size_t at = png_signature.size();
    bool header = false;
    while (at + 12 <= bytes.size()) {
        const std::uint32_t length = big_endian(bytes, at);
        const std::string_view type = bytes.substr(at + 4, 4);
        if (length > bytes.size() - at - 12) return cut_short();
        const std::size_t data = at + 8;
        if (!header) {
            if (type != "IHDR" || length < 8) return no_header();
            facts.width = static_cast<int>(std::min<std::uint32_t>(big_endian(bytes, data), 1u << 30));
            facts.height = static_cast<int>(std::min<std::uint32_t>(big_endian(bytes, data + 4), 1u << 30));
            header = true;
        } else if (type == "pHYs" && length >= 9 && bytes[data + 8] == 1) { // unit 1: the metre
            facts.pixels_per_mm_x = big_endian(bytes, data) / 1000.0;
            facts.pixels_per_mm_y = big_endian(bytes, data + 4) / 1000.0;
        } else if (type == "IEND") {
            return std::nullopt;
        }
        at = data + length + 4; // the data and its CRC
    }
    return header ? cut_short() : no_header();
}

struct ImageFree {
    void operator()(png_image* image) const { png_image_free(image); }
};

[[noreturn]] void refuse(const std::string& source, const std::string& json_path, Message reason) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = msg("pdf.bad-image", "the image {source} cannot be used: {reason}",
                        {{"source", source}, {"reason", std::move(reason)}});
    error.json_path = json_path;
    throw Failure(std::move(error));
}

} // namespace

std::optional<Message> png_problem(std::string_view bytes, PngFacts& facts) {
    facts = {};
    if (std::optional<Message> problem = read_chunks(bytes, facts)) return problem;
    if (facts.width < 1 || facts.height < 1) return msg("pdf.png-empty", "the PNG image is empty");
    if (facts.width > max_png_side || facts.height > max_png_side)
        return msg("pdf.png-too-large", "the PNG image is {width} x {height} pixels, more than {limit} on a side",
                   {{"width", facts.width}, {"height", facts.height}, {"limit", max_png_side}});
    return std::nullopt;
}

DecodedPng decode_png(std::string_view bytes, const std::string& source, const std::string& json_path) {
    PngFacts facts;
    if (std::optional<Message> problem = png_problem(bytes, facts)) refuse(source, json_path, std::move(*problem));
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    std::unique_ptr<png_image, ImageFree> owner(&image);
    // libpng's own words (English): what it found wrong.
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        refuse(source, json_path, Message::verbatim(image.message));
    image.format = PNG_FORMAT_RGBA;
    std::string rgba(PNG_IMAGE_SIZE(image), '\0');
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr))
        refuse(source, json_path, Message::verbatim(image.message));
    owner.release(); // finish_read freed it

    DecodedPng out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    const std::size_t pixels = static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height);
    out.rgb.resize(3 * pixels);
    out.alpha.resize(pixels);
    bool opaque = true;
    for (std::size_t i = 0; i < pixels; ++i) {
        std::memcpy(&out.rgb[3 * i], &rgba[4 * i], 3);
        out.alpha[i] = rgba[4 * i + 3];
        opaque = opaque && static_cast<unsigned char>(out.alpha[i]) == 255;
    }
    if (opaque) out.alpha.clear();
    return out;
}

std::string image_entries(const DecodedPng& image, unsigned soft_mask_object) {
    std::string out = "/Type /XObject\n/Subtype /Image\n/Width " + std::to_string(image.width) + "\n/Height " +
                      std::to_string(image.height) +
                      "\n/ColorSpace /DeviceRGB\n/BitsPerComponent 8\n/Filter /FlateDecode\n";
    if (soft_mask_object != 0) out += "/SMask " + std::to_string(soft_mask_object) + " 0 R\n";
    return out;
}

std::string soft_mask_entries(const DecodedPng& image) {
    return "/Type /XObject\n/Subtype /Image\n/Width " + std::to_string(image.width) + "\n/Height " +
           std::to_string(image.height) + "\n/ColorSpace /DeviceGray\n/BitsPerComponent 8\n/Filter /FlateDecode\n";
}

std::string deflate_pixels(std::string_view pixels) { return deflate_zlib(pixels, image_compression_level); }

void append_image_drawing(std::string& content, const std::string& name, double x, double y, double width,
                          double height) {
    char line[160];
    std::snprintf(line, sizeof line, "q\n%.2f 0 0 %.2f %.2f %.2f cm\n/%s Do\nQ\n", width, height, x, y, name.c_str());
    content += line;
}

} // namespace vanban::pdf
