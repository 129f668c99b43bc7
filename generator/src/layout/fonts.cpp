#include "layout/fonts.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vanban/error.hpp"

namespace vanban::layout {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The settings of fonts/fonts.json, built in for when no config file is given. Keep the two
// in step (a test compares them).
constexpr const char* builtin_config = R"({
  "families": {
    "Times New Roman": {
      "regular":     ["Tinos-Regular.ttf",    "LiberationSerif-Regular.ttf"],
      "bold":        ["Tinos-Bold.ttf",       "LiberationSerif-Bold.ttf"],
      "italic":      ["Tinos-Italic.ttf",     "LiberationSerif-Italic.ttf"],
      "bold_italic": ["Tinos-BoldItalic.ttf", "LiberationSerif-BoldItalic.ttf"]
    }
  },
  "system_dirs": [
    "/usr/share/fonts/truetype/croscore",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation"
  ]
})";

[[noreturn]] void fail(Message message) { throw Failure(ErrorKind::resource, std::move(message)); }

json read_config(const FontConfig& config) {
    if (config.config_file.empty()) return json::parse(builtin_config);
    std::ifstream in(config.config_file, std::ios::binary);
    if (!in) fail(msg("font.config-unreadable", "cannot read font configuration {file}", {{"file", config.config_file.string()}}));
    std::stringstream buffer;
    buffer << in.rdbuf();
    json parsed = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("families") ||
        !parsed["families"].is_object())
        fail(msg("font.config-invalid", "font configuration {file} is not valid (it needs a \"families\" object)",
                 {{"file", config.config_file.string()}}));
    return parsed;
}

std::vector<fs::path> search_order(const FontConfig& config, const json& settings) {
    std::vector<fs::path> dirs = config.font_dirs;
    if (!config.config_file.empty()) dirs.push_back(config.config_file.parent_path());
    if (settings.contains("system_dirs") && settings["system_dirs"].is_array())
        for (const json& dir : settings["system_dirs"])
            if (dir.is_string()) dirs.emplace_back(dir.get<std::string>());
    return dirs;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(msg("font.file-unreadable", "cannot read font file {file}", {{"file", path.string()}}));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::shared_ptr<const TrueTypeFace> load_face(const std::string& family, Face face,
                                              const json& names, const std::vector<fs::path>& dirs) {
    std::string tried_names;
    if (names.is_array()) {
        for (const json& name : names) {
            if (!name.is_string()) continue;
            const std::string file = name.get<std::string>();
            tried_names += (tried_names.empty() ? "" : ", ") + file;
            for (const fs::path& dir : dirs) {
                std::error_code ec;
                const fs::path candidate = dir / file;
                if (fs::is_regular_file(candidate, ec))
                    return std::make_shared<TrueTypeFace>(read_file(candidate), candidate.string());
            }
        }
    }
    std::string tried_dirs;
    for (const fs::path& dir : dirs) tried_dirs += (tried_dirs.empty() ? "" : ", ") + dir.string();
    const Message names_tried = tried_names.empty() ? msg("font.no-names", "(no file names configured)")
                                                    : Message::verbatim(tried_names);
    const Message dirs_tried = tried_dirs.empty() ? msg("font.no-folders", "(no folders)") : Message::verbatim(tried_dirs);
    fail(msg("font.not-found", "no font file for {family} {face}: looked for {names} in {folders}",
             {{"family", family}, {"face", face_name(face)}, {"names", names_tried}, {"folders", dirs_tried}}));
}

} // namespace

const char* face_name(Face face) {
    switch (face) {
    case Face::regular: return "regular";
    case Face::bold: return "bold";
    case Face::italic: return "italic";
    case Face::bold_italic: return "bold_italic";
    }
    return "regular";
}

const FontFamily& FontSet::family(const std::string& name) const {
    for (const FontFamily& f : families_)
        if (f.name == name) return f;
    return families_.front();
}

std::shared_ptr<const FontSet> load_font_set(const FontConfig& config) {
    const json settings = read_config(config);
    const std::vector<fs::path> dirs = search_order(config, settings);
    std::vector<FontFamily> families;
    for (auto it = settings["families"].begin(); it != settings["families"].end(); ++it) {
        FontFamily family;
        family.name = it.key();
        for (std::size_t f = 0; f < face_count; ++f) {
            const Face face = static_cast<Face>(f);
            const json names = it->is_object() && it->contains(face_name(face)) ? (*it)[face_name(face)] : json();
            family.faces[f] = load_face(family.name, face, names, dirs);
        }
        families.push_back(std::move(family));
    }
    if (families.empty()) fail(msg("font.no-family", "the font configuration names no font family"));
    return std::make_shared<const FontSet>(std::move(families));
}

} // namespace vanban::layout
