#include "batch/fingerprint.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <vector>

#include "batch/sha256.hpp"

namespace vanban::batch {

namespace fs = std::filesystem;

namespace {

// Every regular file under `folder`, sorted, so that the digest does not depend on the
// order a directory listing happens to have.
std::vector<fs::path> files_under(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
}

void add_field(Sha256& hash, std::string_view name, std::string_view value) {
    // Length-prefixed, so that no two different inputs run together into the same bytes.
    hash.add(name).add("=").add(std::to_string(value.size())).add(":").add(value).add("\n");
}

} // namespace

std::string inputs_fingerprint(const EngineOptions& engine, const std::string& template_name,
                               const RenderOptions& render) {
    Sha256 hash;
    add_field(hash, "vanban", VANBAN_VERSION);
    add_field(hash, "template", template_name);
    add_field(hash, "profile", render.profile);
    add_field(hash, "fixed_creation_date", engine.fixed_creation_date);
    for (const fs::path& dir : engine.font_dirs) add_field(hash, "font_dir", dir.string());
    const std::string folder = template_name.substr(0, template_name.find('/'));
    for (const fs::path& dir : engine.template_dirs) {
        for (const char* part : {folder.c_str(), "_shared", "_profiles"}) {
            for (const fs::path& file : files_under(dir / part)) {
                std::ifstream in(file, std::ios::binary);
                const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
                add_field(hash, "file", fs::relative(file, dir).generic_string());
                add_field(hash, "bytes", bytes);
            }
        }
    }
    return hash.hex();
}

} // namespace vanban::batch
