#include "engine/data_folder.hpp"

#include <system_error>

#include "engine/data_file.hpp"
#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(ErrorKind kind, Message message) { throw Failure(kind, std::move(message)); }

// A name written inside the folder: relative, with no ".." and no backslash (a Windows
// separator would name another file on another system).
bool written_inside(const std::string& name) {
    if (name.empty() || name.find('\\') != std::string::npos || name.find('\0') != std::string::npos) return false;
    const fs::path path(name);
    if (path.is_absolute() || path.has_root_name()) return false;
    for (const fs::path& part : path)
        if (part == "..") return false;
    return true;
}

// Whether `path` lies in `folder` (both made absolute, links followed).
bool lies_in(const fs::path& path, const fs::path& folder) {
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p)
        if (p == path.end() || *p != *f) return false;
    return true;
}

} // namespace

std::string DataFolder::read(const std::string& name) const {
    if (folder_.empty())
        refuse(ErrorKind::data, msg("data-folder.none",
                                    "the data names the file \"{file}\", but it was not read from a file, so there "
                                    "is no folder to find it in",
                                    {{"file", name}}));
    if (!written_inside(name))
        refuse(ErrorKind::data, msg("data-folder.outside",
                                    "the file name \"{file}\" must name a file in the data's folder (no \"..\", no "
                                    "folder from the root)",
                                    {{"file", name}}));
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(folder_, error);
    const fs::path path = fs::weakly_canonical(folder_ / name, error);
    if (error || !lies_in(path, folder))
        refuse(ErrorKind::data, msg("data-folder.link-outside", "the file \"{file}\" leads outside the data's folder",
                                    {{"file", name}}));
    std::string bytes = read_data_file(path.string(), max_bytes_);
    if (bytes.size() > max_bytes_)
        refuse(ErrorKind::limit, msg("data-folder.too-large", "the file \"{file}\" is larger than {max} bytes "
                                                              "(max_data_bytes)",
                                     {{"file", name}, {"max", max_bytes_}}));
    return bytes;
}

} // namespace vanban::engine
