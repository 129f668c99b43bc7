// The library's own way in for data it holds as JSON already, beside the JSON text of the
// public API: a batch's records merged over its shared data (src/batch), which would
// otherwise be written out and parsed again for every record.
//
// Not installed. nlohmann::json stays inside the library, so that a program is tied to no
// build of it (a JSON_DIAGNOSTICS build mangles its names differently); programs holding
// nlohmann::json values use vanban/json.hpp, which writes them out as text.
//
// The data goes through the same checks, limits and warnings as data text
// (engine/data_reader.hpp, adopt_data): strings valid UTF-8 (or decoded from the legacy
// encoding of `options`) and brought to NFC. There is no text, so errors name JSON paths
// but no line.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "vanban/engine.hpp"

namespace vanban::engine {

// Engine::build_model for parsed data; the data is taken over (std::move it in).
ModelResult build_model_parsed(const Engine& engine, const std::string& template_name, nlohmann::json data,
                               const RenderOptions& options = {});

// Engine::render for parsed data.
RenderResult render_parsed(const Engine& engine, const std::string& template_name, const nlohmann::json& data,
                           Format format, const RenderOptions& options = {});

} // namespace vanban::engine
