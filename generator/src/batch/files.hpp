// Writing an output whole or not at all: the bytes go to a temporary file beside the final
// one, which is renamed over it only once complete. A reader of the output folder (or a
// batch stopped half-way) never sees a half-written document under its real name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::batch {

struct FileToWrite {
    std::filesystem::path path;
    std::string bytes;
};

// Writes every file under its temporary name first, then renames them all: the files of one
// record (its PDF and its DOCX) appear together or not at all. Creates the folders on the
// way. Throws Failure (kind output) saying why it could not, and leaves no temporary file.
// `random` names the temporary files; each thread passes its own generator.
void write_files_atomically(const std::vector<FileToWrite>& files, std::mt19937_64& random);

// The temporary name of `path`: ".NAME.vanban-tmp-XXXXXXXX" in the same folder, hidden, so
// that a listing of outputs or a glob such as out/*.pdf does not pick it up.
std::filesystem::path temporary_name(const std::filesystem::path& path, std::uint64_t tag);

// Whether `name` is such a temporary name.
bool is_temporary_name(std::string_view name);

} // namespace vanban::batch
