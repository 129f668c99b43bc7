// The signature images a template names (@image, @seal): read, checked and sized before
// anything is written, so that a missing or corrupt PNG stops the render with the JSON path
// of the data that named it (docs/electronic.md, "Images").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "vanban/model.hpp"

namespace vanban::engine {

struct ImageSettings {
    // Folder that image file names are relative to; empty: only inline (data:) images.
    std::filesystem::path data_dir;
    std::size_t max_bytes = 4u << 20;
    std::string data_name; // how messages name the data ("plan.json")
};

// Fills in every image of the document: its bytes, pixel size and size on paper. Throws
// vanban::Failure: data (missing, unreadable, not a PNG, corrupt) or limit (too large).
void load_images(model::Document& document, const nlohmann::json& data, const ImageSettings& settings);

} // namespace vanban::engine
