// Where an installed vanban keeps its data (templates/, fonts/), so that the installed
// program and library work without being told: a package installed under any prefix
// (/usr, /usr/local, /opt/vanban, a temporary folder in the tests) finds its own files.
#pragma once

#include <filesystem>
#include <optional>

namespace vanban::engine {

// share/vanban of the installation this code was loaded from: beside the shared library
// (lib/../share/vanban) when vanban runs as one, else beside the program (bin/../share/vanban).
// nullopt when that folder does not exist, e.g. when running from a build tree.
std::optional<std::filesystem::path> data_dir_beside_code();

// The same folder as chosen at build time (CMAKE_INSTALL_FULL_DATADIR/vanban).
std::filesystem::path configured_data_dir();

// data_dir_beside_code(), else configured_data_dir().
std::filesystem::path installed_data_dir();

} // namespace vanban::engine
