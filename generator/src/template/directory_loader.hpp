// Template sources from folders on disk, confined to them.
#pragma once

#include <filesystem>
#include <vector>

#include "template/template.hpp"

namespace vanban::tmpl {

// Reads "NAME" from the first root that has it. Names are relative and may not contain
// ".." (see template_name_problem); symbolic links are followed, but the file they lead to
// must still lie inside that root. Reads the bytes only: the Library validates UTF-8,
// normalises line ends and NFC.
class DirectoryLoader final : public SourceLoader {
public:
    explicit DirectoryLoader(std::vector<std::filesystem::path> roots);

    // nullopt when no root has the file; throws Failure (resource) when the name is refused,
    // the file leads outside its root, or it cannot be read.
    std::optional<std::string> read(const std::string& name) const override;

    // Template files larger than this are refused (a template is text written by a person).
    static constexpr std::uintmax_t max_file_bytes = 16u << 20;

private:
    std::vector<std::filesystem::path> roots_; // canonical
};

} // namespace vanban::tmpl
