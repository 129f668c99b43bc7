// The files a document's data names beside itself (a table's "csv"), read from the data
// file's folder and nowhere else.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "figures/figures.hpp"

namespace vanban::engine {

class DataFolder final : public figures::DataFiles {
public:
    // `folder` empty: every name is refused (the data did not come from a file).
    DataFolder(std::filesystem::path folder, std::size_t max_bytes) : folder_(std::move(folder)), max_bytes_(max_bytes) {}

    // A relative name of a regular file inside the folder ("so-lieu/chi-tieu.csv"), at most
    // max_bytes long. Throws Failure: ErrorKind::data for a name that leaves the folder (by
    // "..", a root or a link) or a file that is missing or unreadable, ErrorKind::limit for
    // one too large.
    std::string read(const std::string& name) const override;

private:
    std::filesystem::path folder_;
    std::size_t max_bytes_;
};

} // namespace vanban::engine
