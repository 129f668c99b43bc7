#include "batch/journal.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vanban/error.hpp"
#include "vanban/message.hpp"

namespace vanban::batch {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void cannot_use(const fs::path& path, int error_number) {
    throw Failure(ErrorKind::output, msg("batch.journal-failed", "cannot write the batch's journal {file}: {reason}",
                                         {{"file", path.string()}, {"reason", Message::verbatim(std::strerror(error_number))}}));
}

// Another run that opened the journal may have removed it (at its end) between our open and
// our lock: the lock then guards a file that no longer has the name. Compared by inode.
bool still_named(int fd, const fs::path& path) {
    struct stat opened {}, named {};
    return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &named) == 0 && opened.st_ino == named.st_ino &&
           opened.st_dev == named.st_dev;
}

} // namespace

fs::path journal_path(const fs::path& manifest) {
    fs::path journal = manifest;
    journal += ".journal";
    return journal;
}

Journal::Journal(const fs::path& manifest, bool keep) : path_(journal_path(manifest)) {
    std::error_code ec;
    if (path_.has_parent_path()) fs::create_directories(path_.parent_path(), ec);
    lock();
    read_and_repair(keep);
}

Journal::~Journal() {
    if (fd_ >= 0) ::close(fd_); // releases the lock
}

void Journal::lock() {
    for (int attempt = 0; attempt < 8; ++attempt) {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
        if (fd_ < 0) cannot_use(path_, errno);
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            const int error_number = errno;
            ::close(fd_);
            fd_ = -1;
            if (error_number != EWOULDBLOCK) cannot_use(path_, error_number);
            Error error;
            error.kind = ErrorKind::output;
            error.message = msg("batch.locked", "another batch is writing with this manifest: {file} is locked",
                                {{"file", path_.string()}});
            error.hint = msg("batch.locked-hint", "wait for it to end, or give this batch a manifest of its own (--manifest, or --shard)");
            throw Failure(std::move(error));
        }
        if (still_named(fd_, path_)) return;
        ::close(fd_);
        fd_ = -1;
    }
    cannot_use(path_, EBUSY);
}

void Journal::read_and_repair(bool keep) {
    struct stat info {};
    if (::fstat(fd_, &info) != 0) cannot_use(path_, errno);
    std::string text(static_cast<std::size_t>(info.st_size), '\0');
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t got = ::pread(fd_, text.data() + done, text.size() - done, static_cast<off_t>(done));
        if (got <= 0) {
            if (got < 0 && errno == EINTR) continue;
            text.resize(done);
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    left_by_unfinished_run_ = !text.empty();
    // A kill in the middle of an append leaves a line without its end: it is dropped, so that
    // the next line does not join it.
    const std::size_t whole = keep ? text.rfind('\n') + 1 : 0; // npos + 1 == 0: no whole line
    if (whole != text.size() && ::ftruncate(fd_, static_cast<off_t>(whole)) != 0) cannot_use(path_, errno);
    if (!keep) return;
    for (std::size_t start = 0; start < whole;) {
        const std::size_t end = text.find('\n', start);
        const nlohmann::json entry = nlohmann::json::parse(text.begin() + static_cast<std::ptrdiff_t>(start),
                                                           text.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
        start = end + 1;
        const std::optional<std::size_t> number = record_number(entry);
        if (!number) continue; // a line the kill cut, then the next run's append completed: dropped
        if (std::optional<PreviousRecord> record = previous_record(entry)) {
            previous_[*number] = std::move(*record);
            failed_.erase(*number);
        } else {
            previous_.erase(*number); // it failed since: not to be skipped
            failed_.insert(*number);
        }
    }
}

void Journal::append(const RecordReport& report, const std::string& input_sha256) {
    const std::string line = manifest_entry(report, input_sha256).dump() + "\n";
    // One write() of an O_APPEND file: lines of several threads never interleave, and a kill
    // leaves at most the last one cut short.
    const ssize_t written = ::write(fd_, line.data(), line.size());
    if (written < 0) cannot_use(path_, errno);
    if (static_cast<std::size_t>(written) != line.size()) cannot_use(path_, ENOSPC);
}

void Journal::remove() {
    std::error_code ignored;
    fs::remove(path_, ignored);
}

} // namespace vanban::batch
