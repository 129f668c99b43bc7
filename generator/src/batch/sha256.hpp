// SHA-256 from nettle (Debian package nettle-dev), as lower-case hex: the manifest records
// the digest of every output, and --resume compares them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::batch {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    Sha256& add(std::string_view bytes);
    // The digest of everything added; the object starts over afterwards.
    std::string hex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);

// The digest and size of a file, or nullopt when it cannot be read.
struct FileDigest {
    std::string sha256;
    std::uint64_t size = 0;
};
std::optional<FileDigest> sha256_of_file(const std::filesystem::path& path);

} // namespace vanban::batch
