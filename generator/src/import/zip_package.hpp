// Reading the parts of an Office package (a zip) with libzip, with bounded memory and time:
// every part is read against its declared size and the caps of ReadLimits, so a zip bomb
// stops at the cap instead of filling the memory. An encrypted entry, a broken checksum or
// a damaged directory is an ErrorKind::data error naming the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "import/limits.hpp"
#include "vanban/message.hpp"

typedef struct zip zip_t;

namespace vanban::import {

class ZipPackage {
public:
    // `bytes` must outlive the package (libzip reads it in place). Throws vanban::Failure.
    ZipPackage(std::string_view bytes, const ReadLimits& limits, std::string source_name);
    ~ZipPackage();
    ZipPackage(const ZipPackage&) = delete;
    ZipPackage& operator=(const ZipPackage&) = delete;

    // The part's bytes, inflated; nullopt when there is no such entry. Names are matched
    // without regard to case, as the Open Packaging Conventions ask. Throws vanban::Failure
    // (data: encrypted, corrupt; limit: past a cap).
    std::optional<std::string> read(std::string_view part_name);

    // Bytes inflated so far, all parts together.
    std::size_t inflated_bytes() const { return inflated_; }

private:
    std::string read_entry(long long index, std::string_view name);
    [[noreturn]] void fail_corrupt(Message why) const;

    zip_t* archive_ = nullptr;
    ReadLimits limits_;
    std::string source_;
    std::size_t inflated_ = 0;
};

} // namespace vanban::import
