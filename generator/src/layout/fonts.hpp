// Fonts: which files serve a family (fonts/fonts.json), where they are found, and the faces
// loaded from them. A FontSet is loaded once per engine, is immutable afterwards and is
// shared by every thread that lays out or writes a document.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "layout/truetype.hpp"

namespace vanban::layout {

enum class Face : std::uint8_t { regular = 0, bold = 1, italic = 2, bold_italic = 3 };
constexpr std::size_t face_count = 4;
inline Face face_of(bool bold, bool italic) {
    return static_cast<Face>((bold ? 1 : 0) + (italic ? 2 : 0));
}
const char* face_name(Face face); // "regular", "bold", "italic", "bold_italic"

// Where fonts are looked for, in this order:
//   1. font_dirs, in order (the caller's configured folders; the build puts reduced fonts
//      in one of these);
//   2. the folder of config_file (the repository's fonts/ folder);
//   3. the config's system_dirs (/usr/share/fonts/truetype/croscore, …liberation2).
// config_file is fonts/fonts.json; when empty, the same settings built into the library
// are used, so an installed library works without the repository.
struct FontConfig {
    std::vector<std::filesystem::path> font_dirs;
    std::filesystem::path config_file;
};

// The four faces of one family.
struct FontFamily {
    std::string name;
    std::array<std::shared_ptr<const TrueTypeFace>, face_count> faces;
    const TrueTypeFace& face(Face f) const { return *faces[static_cast<std::size_t>(f)]; }
};

class FontSet {
public:
    explicit FontSet(std::vector<FontFamily> families) : families_(std::move(families)) {}
    // The family of that name; the first family when the name is unknown (a profile asking
    // for "Times New Roman" gets its metric-compatible stand-in).
    const FontFamily& family(const std::string& name) const;
    const std::vector<FontFamily>& families() const { return families_; }

private:
    std::vector<FontFamily> families_;
};

// Loads every family of the config. A face no folder holds is an error
// (ErrorKind::resource) naming the files and the folders that were searched.
std::shared_ptr<const FontSet> load_font_set(const FontConfig& config);

} // namespace vanban::layout
