#include "pdf/deflate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include <libdeflate.h>

#include "vanban/error.hpp"

namespace vanban::pdf {
namespace {

// Bits of a deflate stream, least significant first (RFC 1951, 3.1.1).
class BitWriter {
public:
    explicit BitWriter(std::string& out) : out_(out) {}
    void bits(std::uint32_t value, int count) {
        buffer_ |= static_cast<std::uint64_t>(value) << filled_;
        filled_ += count;
        while (filled_ >= 8) {
            out_ += static_cast<char>(buffer_ & 0xFF);
            buffer_ >>= 8;
            filled_ -= 8;
        }
    }
    // Huffman codes are defined most significant bit first.
    void code(std::uint32_t code, int length) {
        std::uint32_t reversed = 0;
        for (int i = 0; i < length; ++i) reversed |= ((code >> i) & 1u) << (length - 1 - i);
        bits(reversed, length);
    }
    void flush() {
        if (filled_ > 0) out_ += static_cast<char>(buffer_ & 0xFF);
        buffer_ = 0;
        filled_ = 0;
    }

private:
    std::string& out_;
    std::uint64_t buffer_ = 0;
    int filled_ = 0;
};

// The fixed literal/length code of RFC 1951, 3.2.6.
void fixed_symbol(BitWriter& w, unsigned symbol) {
    if (symbol < 144) w.code(0x30 + symbol, 8);
    else if (symbol < 256) w.code(0x190 + symbol - 144, 9);
    else if (symbol < 280) w.code(symbol - 256, 7);
    else w.code(0xC0 + symbol - 280, 8);
}

// A back-reference of `length` (3..258) bytes at distance 1.
void repeat_previous(BitWriter& w, unsigned length) {
    struct LengthCode { unsigned symbol, base, extra; };
    static constexpr std::array<LengthCode, 29> codes{{
        {257, 3, 0}, {258, 4, 0}, {259, 5, 0}, {260, 6, 0}, {261, 7, 0}, {262, 8, 0}, {263, 9, 0},
        {264, 10, 0}, {265, 11, 1}, {266, 13, 1}, {267, 15, 1}, {268, 17, 1}, {269, 19, 2},
        {270, 23, 2}, {271, 27, 2}, {272, 31, 2}, {273, 35, 3}, {274, 43, 3}, {275, 51, 3},
        {276, 59, 3}, {277, 67, 4}, {278, 83, 4}, {279, 99, 4}, {280, 115, 4}, {281, 131, 5},
        {282, 163, 5}, {283, 195, 5}, {284, 227, 5}, {285, 258, 0}}};
    std::size_t i = codes.size() - 1;
    while (codes[i].base > length) --i;
    if (codes[i].symbol == 284 && length == 258) i = codes.size() - 1;
    fixed_symbol(w, codes[i].symbol);
    if (codes[i].extra) w.bits(length - codes[i].base, static_cast<int>(codes[i].extra));
    w.code(0, 5); // distance code 0: distance 1
}

void append_be32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

// libdeflate's compressor for `level`, made once per thread and kept: making one allocates
// and clears its tables, which cost more than compressing a page of text.
libdeflate_compressor* compressor_for(int level) {
    constexpr int levels = 13; // libdeflate's 0..12
    struct Kept {
        std::array<libdeflate_compressor*, levels> compressors{};
        ~Kept() {
            for (libdeflate_compressor* c : compressors) libdeflate_free_compressor(c); // accepts null
        }
    };
    thread_local Kept kept;
    const std::size_t index = static_cast<std::size_t>(std::clamp(level, 0, levels - 1));
    if (!kept.compressors[index]) kept.compressors[index] = libdeflate_alloc_compressor(static_cast<int>(index));
    return kept.compressors[index];
}

} // namespace

std::string deflate_zlib(std::string_view data, int level) {
    // libdeflate makes the same format about twice as fast as zlib, and smaller.
    libdeflate_compressor* compressor = compressor_for(level);
    if (!compressor) throw Failure(ErrorKind::internal, msg("pdf.deflate-failed", "libdeflate could not compress a PDF stream"));
    // Into a buffer of the worst case, left uninitialised and freed at once (the next stream
    // reuses it), then copied to a string of its size: a page's contents shrink to about a
    // fifth, and a document keeps them all until it is saved.
    const std::size_t bound = libdeflate_zlib_compress_bound(compressor, data.size());
    const std::unique_ptr<char[]> buffer(new char[bound]);
    const std::size_t n = libdeflate_zlib_compress(compressor, data.data(), data.size(), buffer.get(), bound);
    if (n == 0) throw Failure(ErrorKind::internal, msg("pdf.deflate-failed", "libdeflate could not compress a PDF stream"));
    return std::string(buffer.get(), n);
}

std::string deflate_runs(std::string_view data) {
    std::string out = "\x78\x01"; // zlib header: deflate, 32 KB window, fastest
    BitWriter w(out);
    w.bits(1, 1); // the final block
    w.bits(1, 2); // fixed Huffman codes
    // Adler-32 (RFC 1950) kept alongside: a run of n bytes of value v adds v*n to s1, and
    // to s2 the sum of the n running values of s1.
    constexpr std::uint64_t modulus = 65521;
    std::uint64_t s1 = 1, s2 = 0;
    for (std::size_t i = 0; i < data.size();) {
        const unsigned char value = static_cast<unsigned char>(data[i]);
        std::size_t run = 1;
        // Long runs are the point: compare eight bytes at a time.
        std::uint64_t pattern = 0x0101010101010101ull * value;
        while (i + run + 8 <= data.size()) {
            std::uint64_t chunk;
            std::memcpy(&chunk, data.data() + i + run, 8);
            if (chunk != pattern) break;
            run += 8;
        }
        while (i + run < data.size() && static_cast<unsigned char>(data[i + run]) == value) ++run;
        s2 = (s2 + run * s1 + value * (run * (run + 1) / 2)) % modulus;
        s1 = (s1 + value * run) % modulus;
        fixed_symbol(w, value);
        for (std::size_t left = run - 1; left > 0;) {
            if (left < 3) {
                fixed_symbol(w, value);
                --left;
                continue;
            }
            // Never leave a remainder of 1 or 2 after a maximal back-reference.
            std::size_t take = left > 258 ? (left - 258 < 3 ? left - 3 : 258) : left;
            repeat_previous(w, static_cast<unsigned>(take));
            left -= take;
        }
        i += run;
    }
    fixed_symbol(w, 256); // end of block
    w.flush();
    append_be32(out, static_cast<std::uint32_t>(s2 << 16 | s1));
    return out;
}

} // namespace vanban::pdf
