#include "layout/pages.hpp"

#include <algorithm>
#include <cstring>

namespace vanban::layout {
namespace {
// Small blocks, as the texts of a page or two: glibc consolidates its free lists whenever a
// chunk of 64 KB or more is freed, and with blocks of 64 KB the frees of one document's
// blocks cost the next document a millisecond (measured with vanban_bench_tables).
constexpr std::size_t block_bytes = 4 * 1024;
} // namespace

void TextStore::begin(std::size_t room) {
    if (static_cast<std::size_t>(end_ - at_) < room) {
        start_ = at_; // nothing to carry over
        make_room(room);
    }
    start_ = at_;
}

void TextStore::append(std::string_view bytes) {
    make_room(bytes.size());
    if (!bytes.empty()) std::memcpy(at_, bytes.data(), bytes.size());
    at_ += bytes.size();
}

void TextStore::append(std::size_t count, char c) {
    make_room(count);
    std::memset(at_, c, count);
    at_ += count;
}

// A new block when the text being made would outgrow this one; the text moves to it.
void TextStore::make_room(std::size_t more) {
    if (static_cast<std::size_t>(end_ - at_) >= more) return;
    const std::size_t made = static_cast<std::size_t>(at_ - start_);
    const std::size_t size = std::max(block_bytes, made + more);
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
    char* block = blocks_.back().get();
    if (made > 0) std::memcpy(block, start_, made);
    start_ = block;
    at_ = block + made;
    end_ = block + size;
}

} // namespace vanban::layout
