#include "engine/images.hpp"

#include <fstream>
#include <string_view>
#include <system_error>
#include <vector>

#include <nettle/base64.h>
#include <nlohmann/json.hpp>

#include "pdf/images.hpp"
#include "text/json_path.hpp"
#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

constexpr std::string_view inline_png_prefix = "data:image/png;base64,";

// The JSON path of the first string of the data equal to `text` (breadth first): where the
// data named the image the template printed. "" when the template wrote it itself.
std::string path_of_string(const nlohmann::json& data, const std::string& text) {
    struct Step {
        const nlohmann::json* node;
        text::JsonPath path;
    };
    std::vector<Step> steps{{&data, {}}};
    for (std::size_t i = 0; i < steps.size() && i < 100000; ++i) {
        const nlohmann::json& node = *steps[i].node;
        if (node.is_string() && node.get_ref<const std::string&>() == text) return steps[i].path.text();
        if (node.is_object())
            for (auto it = node.begin(); it != node.end(); ++it) steps.push_back({&*it, steps[i].path.key(it.key())});
        else if (node.is_array())
            for (std::size_t k = 0; k < node.size(); ++k) steps.push_back({&node[k], steps[i].path.index(k)});
    }
    return {};
}

[[noreturn]] void refuse(ErrorKind kind, Message message, const model::Image& image, Message hint = {}) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.hint = std::move(hint);
    error.json_path = image.json_path;
    throw Failure(std::move(error));
}

void too_large(const model::Image& image, std::size_t bytes, std::size_t limit) {
    refuse(ErrorKind::limit,
           msg("data.image-too-large", "the image {source} has {bytes} bytes, more than {limit} (max_image_bytes)",
               {{"source", image.source}, {"bytes", bytes}, {"limit", limit}}),
           image);
}

std::string decode_inline(const model::Image& image, std::size_t max_bytes) {
    const std::string_view text = std::string_view(image.source).substr(inline_png_prefix.size());
    if (text.size() / 4 * 3 > max_bytes + 3) too_large(image, text.size() / 4 * 3, max_bytes);
    std::string bytes(BASE64_DECODE_LENGTH(text.size()), '\0');
    base64_decode_ctx context;
    base64_decode_init(&context);
    std::size_t length = bytes.size();
    if (!base64_decode_update(&context, &length, reinterpret_cast<std::uint8_t*>(bytes.data()), text.size(),
                              reinterpret_cast<const char*>(text.data())) ||
        !base64_decode_final(&context))
        refuse(ErrorKind::data, msg("data.image-bad-base64", "the inline image is not valid base64"), image);
    bytes.resize(length);
    return bytes;
}

std::string read_file(const model::Image& image, const ImageSettings& settings) {
    if (image.source.rfind("data:", 0) == 0)
        refuse(ErrorKind::data, msg("data.image-not-png-uri", "an inline image must start with data:image/png;base64,"),
               image);
    if (settings.data_dir.empty())
        refuse(ErrorKind::data, msg("data.image-no-folder", "the image {source} is a file name, but the data has no folder",
                                    {{"source", image.source}}),
               image, msg("data.image-no-folder-hint", "give the image inline: \"data:image/png;base64,…\""));
    const std::filesystem::path path = settings.data_dir / std::filesystem::path(image.source);
    const Message hint = msg("data.image-relative-hint", "image file names are relative to the data file's folder");
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        refuse(ErrorKind::data, msg("data.image-unreadable", "the image {source} cannot be read: {reason}",
                                    {{"source", image.source}, {"reason", Message::verbatim(ec.message())}}),
               image, hint);
    if (!std::filesystem::is_regular_file(path, ec))
        refuse(ErrorKind::data, msg("data.image-not-a-file", "the image {source} is not a file", {{"source", image.source}}),
               image, hint);
    if (size > settings.max_bytes) too_large(image, size, settings.max_bytes);
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        refuse(ErrorKind::data, msg("data.image-not-read", "the image {source} could not be read to its end",
                                    {{"source", image.source}}),
               image);
    return bytes;
}

void load(model::Image& image, const nlohmann::json& data, const ImageSettings& settings) {
    image.json_path = path_of_string(data, image.source);
    image.png = image.source.rfind(inline_png_prefix, 0) == 0 ? decode_inline(image, settings.max_bytes)
                                                              : read_file(image, settings);
    if (image.png.size() > settings.max_bytes) too_large(image, image.png.size(), settings.max_bytes);
    // Every pixel decoded once here (decode_png names the problem of a bad file): a corrupt
    // image is found before either writer runs.
    pdf::decode_png(image.png, image.source, image.json_path);
    pdf::PngFacts facts;
    pdf::png_problem(image.png, facts);
    image.width_px = facts.width;
    image.height_px = facts.height;
    if (facts.pixels_per_mm_x > 0 && facts.pixels_per_mm_y > 0) {
        image.width_mm = facts.width / facts.pixels_per_mm_x;
        image.height_mm = facts.height / facts.pixels_per_mm_y;
    }
}

} // namespace

void load_images(model::Document& document, const nlohmann::json& data, const ImageSettings& settings) {
    if (!document.closing.signature) return;
    model::Signature& signature = *document.closing.signature;
    try {
        for (std::optional<model::Image>* image : {&signature.image, &signature.seal})
            if (*image) load(**image, data, settings);
    } catch (Failure& failure) {
        if (failure.error().where.file.empty()) failure.error().where.file = settings.data_name;
        throw;
    }
}

} // namespace vanban::engine
