#include "template/directory_loader.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace vanban::tmpl {

namespace fs = std::filesystem;

namespace {

// Whether `path` is `root` or lies under it; both canonical.
bool is_inside(const fs::path& path, const fs::path& root) {
    auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    // A trailing empty component ("dir/") matches anything.
    return root_end == root.end() || (std::next(root_end) == root.end() && root_end->empty());
}

} // namespace

DirectoryLoader::DirectoryLoader(std::vector<fs::path> roots) {
    for (fs::path& root : roots) {
        std::error_code error;
        fs::path canonical = fs::weakly_canonical(root, error);
        roots_.push_back(error ? std::move(root) : std::move(canonical));
    }
}

std::optional<std::string> DirectoryLoader::read(const std::string& name) const {
    if (std::optional<NameProblem> problem = template_name_problem(name))
        throw Failure(problem->error(ErrorKind::resource));
    for (const fs::path& root : roots_) {
        std::error_code error;
        fs::path candidate = root / fs::path(name);
        if (!fs::exists(candidate, error)) continue;
        fs::path real = fs::weakly_canonical(candidate, error);
        if (error || !is_inside(real, root))
            throw Failure(ErrorKind::resource, msg("template.file-outside-folder",
                                                   "the template '{name}' leads outside its template folder",
                                                   {{"name", name}}));
        if (!fs::is_regular_file(real, error))
            throw Failure(ErrorKind::resource,
                          msg("template.file-not-regular", "the template '{name}' is not a file", {{"name", name}}));
        std::uintmax_t size = fs::file_size(real, error);
        if (error || size > max_file_bytes)
            throw Failure(ErrorKind::resource,
                          msg("template.file-too-large", "the template '{name}' is larger than 16 MiB",
                              {{"name", name}}));
        std::ifstream in(real, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        if (!in.good() && !in.eof())
            throw Failure(ErrorKind::resource,
                          msg("template.file-unreadable", "cannot read the template '{name}'", {{"name", name}}));
        return bytes;
    }
    return std::nullopt;
}

} // namespace vanban::tmpl
