// Every file vanban writes — the documents of render and batch, the text of convert, a
// batch's manifest — is written by this one helper, whole or not at all: its bytes go to a
// file with no name in the folder (O_TMPFILE), which is given its name only when complete.
// Nothing half-written is ever seen under the real name, nor left behind when the process is
// killed: an unnamed file vanishes with it. Where the file system has no unnamed files (NFS),
// a hidden temporary name beside the file stands in (".NAME.vanban-tmp-TAG-…"), renamed when
// complete; one a killed batch left is removed by the batch's next run (remove_temporaries).
//
// Nothing is synced to the disk: a kill leaves complete files complete; after a power loss a
// batch's --resume checks every output's size and SHA-256 before trusting it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::engine {

struct OutputOptions {
    // Make missing folders (a batch's pattern names them), or refuse (vanban render: a folder
    // that does not exist is a typo).
    bool make_folders = false;
    // Names the run in temporary names, so that the next run can tell its own leftovers; a
    // batch gives one per manifest. Letters, digits and '-'; empty: "0".
    std::string owner_tag;
};

// One file being written. Throws vanban::Failure (ErrorKind::output) saying why it cannot.
class AtomicFile {
public:
    // Checks the place (the folder exists or is made; the path is not a folder, a device or a
    // pipe) and opens the file with no name.
    explicit AtomicFile(std::filesystem::path path, const OutputOptions& options = {});
    // Not committed: the bytes are dropped, nothing is left.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    // The file appears under its name, whole, replacing what was there.
    void commit();

    const std::filesystem::path& path() const { return path_; }

private:
    void link_into_place();

    std::filesystem::path path_;
    std::filesystem::path temporary_; // the hidden name, where the file system has no unnamed files
    std::string owner_tag_;
    int fd_ = -1;
};

struct FileToWrite {
    std::filesystem::path path;
    std::string bytes;
};

// Writes every file, then gives them their names together: a failure while writing (a full
// disk) leaves none of them. The files of one render or one batch record appear together.
void write_files_atomically(const std::vector<FileToWrite>& files, const OutputOptions& options = {});

// Whether `name` is a hidden temporary name of this helper.
bool is_temporary_name(std::string_view name);

// Removes the hidden temporary files a run with `owner_tag` left in `folder` (a batch killed
// between writing and naming a file); returns how many. Call it only when no run with that
// tag is alive (a batch holds its manifest's lock).
std::size_t remove_temporaries(const std::filesystem::path& folder, const std::string& owner_tag);

} // namespace vanban::engine
