#include "batch/sha256.hpp"

#include <array>
#include <fstream>

#include <nettle/sha2.h>

namespace vanban::batch {

struct Sha256::Context {
    sha256_ctx state;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) { sha256_init(&context_->state); }
Sha256::~Sha256() = default;

Sha256& Sha256::add(std::string_view bytes) {
    sha256_update(&context_->state, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return *this;
}

std::string Sha256::hex() {
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&context_->state, digest.size(), digest.data()); // also resets the state
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(2 * digest.size());
    for (std::uint8_t byte : digest) {
        text += kHex[byte >> 4];
        text += kHex[byte & 15];
    }
    return text;
}

std::string sha256_hex(std::string_view bytes) { return Sha256().add(bytes).hex(); }

std::optional<FileDigest> sha256_of_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    Sha256 hash;
    FileDigest digest;
    std::array<char, 64 * 1024> buffer;
    while (in) {
        in.read(buffer.data(), buffer.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        hash.add(std::string_view(buffer.data(), got));
        digest.size += got;
    }
    if (in.bad()) return std::nullopt;
    digest.sha256 = hash.hex();
    return digest;
}

} // namespace vanban::batch
