#include "batch/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "vanban/error.hpp"

namespace vanban::batch {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTemporaryMark = ".vanban-tmp-";

[[noreturn]] void cannot_write(const fs::path& path, const std::string& why) {
    throw Failure(ErrorKind::output, "cannot write " + path.string() + ": " + why);
}

void make_folder(const fs::path& folder, const fs::path& for_file) {
    if (folder.empty()) return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    // Two workers may create the same folder at once: what matters is that it exists now.
    if (!fs::is_directory(folder)) cannot_write(for_file, "the folder " + folder.string() + " cannot be made (" + ec.message() + ")");
}

} // namespace

fs::path temporary_name(const fs::path& path, std::uint64_t tag) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(tag));
    return path.parent_path() / ("." + path.filename().string() + std::string(kTemporaryMark) + hex);
}

bool is_temporary_name(std::string_view name) { return name.find(kTemporaryMark) != std::string_view::npos; }

namespace {

// Writes `bytes` to `temporary`; on failure removes it and says why.
void write_temporary(const fs::path& temporary, const fs::path& final_path, std::string_view bytes) {
    // stdio rather than a stream: fclose reports a full disk, which an ofstream hides.
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) cannot_write(final_path, std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        cannot_write(final_path, std::strerror(written ? errno : write_errno));
    }
}

} // namespace

void write_files_atomically(const std::vector<FileToWrite>& files, std::mt19937_64& random) {
    std::vector<fs::path> temporaries;
    auto discard = [&temporaries] {
        std::error_code ignored;
        for (const fs::path& temporary : temporaries) fs::remove(temporary, ignored);
    };
    try {
        for (const FileToWrite& file : files) {
            make_folder(file.path.parent_path(), file.path);
            const fs::path temporary = temporary_name(file.path, random());
            write_temporary(temporary, file.path, file.bytes);
            temporaries.push_back(temporary);
        }
    } catch (...) {
        discard();
        throw;
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        fs::rename(temporaries[i], files[i].path, ec);
        if (ec) {
            temporaries.erase(temporaries.begin(), temporaries.begin() + static_cast<std::ptrdiff_t>(i));
            discard();
            cannot_write(files[i].path, ec.message());
        }
    }
}

} // namespace vanban::batch
