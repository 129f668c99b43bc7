#include "engine/output_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <random>
#include <unistd.h>

#include "vanban/error.hpp"
#include "vanban/message.hpp"

namespace vanban::engine {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTemporaryMark = ".vanban-tmp-";

[[noreturn]] void cannot_write(const fs::path& path, Message why, Message hint = {}) {
    Error error;
    error.kind = ErrorKind::output;
    error.message = msg("output.cannot-write", "cannot write {file}: {reason}", {{"file", path.string()}, {"reason", std::move(why)}});
    error.hint = std::move(hint);
    throw Failure(std::move(error));
}

[[noreturn]] void cannot_write_errno(const fs::path& path, int error_number) {
    cannot_write(path, Message::verbatim(std::strerror(error_number)));
}

fs::path folder_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

void prepare_folder(const fs::path& path, const OutputOptions& options) {
    const fs::path folder = folder_of(path);
    std::error_code ec;
    if (fs::is_directory(folder, ec)) return;
    if (!options.make_folders)
        cannot_write(path, msg("output.no-folder", "the folder {folder} does not exist", {{"folder", folder.string()}}));
    fs::create_directories(folder, ec);
    // Two workers may make the same folder at once: what matters is that it exists now.
    if (!fs::is_directory(folder))
        cannot_write(path, msg("output.folder-not-made", "the folder {folder} cannot be made ({reason})",
                               {{"folder", folder.string()}, {"reason", Message::verbatim(ec.message())}}));
}

// Renaming over a folder fails; over a device or a pipe it would replace it (for root, even
// /dev/full): refused first.
void check_not_special(const fs::path& path) {
    std::error_code ec;
    const fs::file_status existing = fs::status(path, ec);
    if (!fs::exists(existing) || fs::is_regular_file(existing)) return;
    if (fs::is_directory(existing)) cannot_write(path, msg("output.is-folder", "it is a folder"));
    cannot_write(path, msg("output.not-regular", "it is not a regular file (a device or a pipe)"),
                 msg("output.not-regular-hint", "use -o - for standard output"));
}

std::string random_hex() {
    thread_local std::mt19937_64 random(std::random_device{}());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
    return hex;
}

fs::path temporary_name(const fs::path& path, const std::string& owner_tag) {
    return folder_of(path) / ("." + path.filename().string() + std::string(kTemporaryMark) +
                              (owner_tag.empty() ? "0" : owner_tag) + "-" + random_hex());
}

// File systems without unnamed files say so in one of these ways.
bool no_unnamed_files(int error_number) {
    return error_number == EOPNOTSUPP || error_number == EISDIR || error_number == EINVAL;
}

} // namespace

AtomicFile::AtomicFile(fs::path path, const OutputOptions& options) : path_(std::move(path)), owner_tag_(options.owner_tag) {
    prepare_folder(path_, options);
    check_not_special(path_);
    fd_ = ::open(folder_of(path_).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd_ >= 0) return;
    if (!no_unnamed_files(errno)) cannot_write_errno(path_, errno);
    temporary_ = temporary_name(path_, owner_tag_);
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        const int error_number = errno;
        temporary_.clear();
        cannot_write_errno(path_, error_number);
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            cannot_write_errno(path_, errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void AtomicFile::commit() {
    if (temporary_.empty()) {
        link_into_place();
    } else {
        // close() is where a network file system reports the writes it could not make.
        const int closed = ::close(fd_);
        fd_ = -1;
        if (closed != 0) cannot_write_errno(path_, errno);
        if (::rename(temporary_.c_str(), path_.c_str()) != 0) cannot_write_errno(path_, errno);
        temporary_.clear();
    }
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

// An unnamed file gets its name by a link from /proc/self/fd (or, where /proc is missing, by
// AT_EMPTY_PATH, which root may use). A file already there is replaced: the new one is
// linked under a hidden name, then renamed over it.
void AtomicFile::link_into_place() {
    const std::string by_proc = "/proc/self/fd/" + std::to_string(fd_);
    const auto link_to = [&](const fs::path& name) {
        if (::linkat(AT_FDCWD, by_proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return 0;
        if (errno != ENOENT) return errno;
        return ::linkat(fd_, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0 ? 0 : errno;
    };
    int error_number = link_to(path_);
    if (error_number == 0) return;
    if (error_number != EEXIST) cannot_write_errno(path_, error_number);
    const fs::path hidden = temporary_name(path_, owner_tag_);
    error_number = link_to(hidden);
    if (error_number != 0) cannot_write_errno(path_, error_number);
    if (::rename(hidden.c_str(), path_.c_str()) != 0) {
        error_number = errno;
        ::unlink(hidden.c_str());
        cannot_write_errno(path_, error_number);
    }
}

void write_files_atomically(const std::vector<FileToWrite>& files, const OutputOptions& options) {
    std::vector<std::unique_ptr<AtomicFile>> written;
    for (const FileToWrite& file : files) {
        written.push_back(std::make_unique<AtomicFile>(file.path, options));
        written.back()->write(file.bytes);
    }
    // Only now, when every file is complete, do they get their names. (A name that cannot be
    // given now — the folder removed meanwhile — leaves the ones named before it.)
    for (const auto& file : written) file->commit();
}

bool is_temporary_name(std::string_view name) {
    return !name.empty() && name.front() == '.' && name.find(kTemporaryMark) != std::string_view::npos;
}

std::size_t remove_temporaries(const fs::path& folder, const std::string& owner_tag) {
    const std::string mark = std::string(kTemporaryMark) + (owner_tag.empty() ? "0" : owner_tag) + "-";
    std::size_t removed = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.front() == '.' && name.find(mark) != std::string::npos && it->is_regular_file(ec)) {
            std::error_code ignored;
            if (fs::remove(it->path(), ignored)) ++removed;
        }
    }
    return removed;
}

} // namespace vanban::engine
