#include "engine/install_paths.hpp"

#include <dlfcn.h>
#include <link.h>

#include <system_error>

// Set by the build (generator/install/install.cmake) from CMake's install directories.
#ifndef VANBAN_INSTALL_DATADIR
#define VANBAN_INSTALL_DATADIR "/usr/local/share/vanban"
#endif
#ifndef VANBAN_DATADIR_FROM_BINDIR
#define VANBAN_DATADIR_FROM_BINDIR "../share/vanban"
#endif
#ifndef VANBAN_DATADIR_FROM_LIBDIR
#define VANBAN_DATADIR_FROM_LIBDIR "../share/vanban"
#endif

namespace fs = std::filesystem;

namespace vanban::engine {

namespace {

// Anything defined in this file will do to ask the dynamic loader where the file is.
constexpr char kThisObject = 0;

// The shared library holding this code, when it is one. The loader's record of the main
// program has an empty name, so a program linked statically with vanban gets nullopt.
std::optional<fs::path> shared_library_file() {
    Dl_info info{};
    link_map* map = nullptr;
    if (dladdr1(&kThisObject, &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) == 0) return std::nullopt;
    if (map == nullptr || map->l_name == nullptr || map->l_name[0] == '\0') return std::nullopt;
    return fs::path(map->l_name);
}

std::optional<fs::path> existing_folder(const fs::path& path) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(path, ec);
    if (ec || !fs::is_directory(resolved, ec)) return std::nullopt;
    return resolved;
}

} // namespace

std::optional<fs::path> data_dir_beside_code() {
    std::error_code ec;
    if (std::optional<fs::path> library = shared_library_file()) {
        const fs::path file = fs::weakly_canonical(fs::absolute(*library, ec), ec);
        if (!ec) return existing_folder(file.parent_path() / VANBAN_DATADIR_FROM_LIBDIR);
        return std::nullopt;
    }
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    return existing_folder(program.parent_path() / VANBAN_DATADIR_FROM_BINDIR);
}

fs::path configured_data_dir() { return fs::path(VANBAN_INSTALL_DATADIR); }

fs::path installed_data_dir() {
    if (std::optional<fs::path> beside = data_dir_beside_code()) return *beside;
    return configured_data_dir();
}

} // namespace vanban::engine
