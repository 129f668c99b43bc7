// What the tests of electronic documents share (docs/electronic.md): rendering the example
// plans through the engine in either profile, with or without the signature images, and
// reading a PDF back with independent tools (qpdf, poppler).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"

namespace vanban::testing {

inline const std::string fixed_date = "2026-03-05T09:30:00+07:00";

inline Engine& edoc_engine() {
    static Engine engine({.template_dirs = {std::string(VANBAN_SOURCE_DIR) + "/templates"},
                          .fixed_creation_date = fixed_date});
    return engine;
}

// The ke-hoach example in `profile` ("party" or "state"), as data.
inline nlohmann::json example_plan(const std::string& profile) {
    nlohmann::json data =
        nlohmann::json::parse(read_file(std::string(VANBAN_SOURCE_DIR) + "/templates/ke-hoach/example.json"));
    data["profile"] = profile;
    if (profile == "state") {
        data["header"]["number"] = "19/KH-UBND";
        data["header"]["superior"] = {"UBND QUẬN HẢI CHÂU"};
        data["header"]["issuer"] = {"ỦY BAN NHÂN DÂN", "PHƯỜNG THẠCH THANG"};
        data["signature"]["authority"] = {"TM. ỦY BAN NHÂN DÂN"};
        data["signature"]["position"] = {"CHỦ TỊCH"};
    }
    return data;
}

// The test images (scripts/signature-images) in `dir`: signature.png and seal.png.
inline void make_signature_images(const TempDir& dir) {
    const std::string script = std::string(VANBAN_SOURCE_DIR) + "/scripts/signature-images";
    if (run_shell(shell_quote(script) + " " + shell_quote(dir.path().string())) != 0)
        throw std::runtime_error("scripts/signature-images failed");
}

inline RenderResult render_plan(const nlohmann::json& data, Format format, const std::filesystem::path& data_dir = {},
                                bool draft = false) {
    RenderOptions options;
    options.data_dir = data_dir;
    options.draft = draft;
    return edoc_engine().render(std::string("ke-hoach"), data.dump(), format, options);
}

// A file of the temporary folder holding `bytes`.
inline std::string saved(const TempDir& dir, const std::string& name, const std::string& bytes) {
    return dir.write(name, bytes).string();
}

// What `command` prints, standard error dropped.
inline std::string output_of(const std::string& command) { return read_command(command + " 2>/dev/null").output; }

} // namespace vanban::testing
