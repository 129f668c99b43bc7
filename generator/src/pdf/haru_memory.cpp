#include "pdf/haru_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <vector>

namespace vanban::pdf {
namespace {

// One thread's arena: chunks of memory handed out front to back.
class Arena {
public:
    void* allocate(std::size_t size) {
        size = (size + alignment - 1) / alignment * alignment;
        if (size > chunk_size / 4) return own_block(size); // a large block gets a chunk of its own
        if (size > left_ && !next_chunk()) return nullptr;
        void* block = next_;
        next_ += size;
        left_ -= size;
        return block;
    }

    void document_opened() { ++documents_; }

    // Empties the arena when no document of this thread is left; the first chunk stays for
    // the next document, the rest is given back.
    void document_closed() {
        if (--documents_ > 0) return;
        large_.clear();
        chunks_.resize(std::min<std::size_t>(chunks_.size(), 1));
        used_ = 0;
        next_ = nullptr;
        left_ = 0;
    }

private:
    static constexpr std::size_t alignment = alignof(std::max_align_t);
    static constexpr std::size_t chunk_size = 64 * 1024;
    using Chunk = std::unique_ptr<std::byte[]>;

    // Moves to the next chunk, reusing one kept from an earlier document if there is one.
    bool next_chunk() {
        if (used_ == chunks_.size()) {
            Chunk chunk(new (std::nothrow) std::byte[chunk_size]);
            if (!chunk) return false;
            chunks_.push_back(std::move(chunk));
        }
        next_ = chunks_[used_++].get();
        left_ = chunk_size;
        return true;
    }

    void* own_block(std::size_t size) {
        Chunk block(new (std::nothrow) std::byte[size]);
        if (!block) return nullptr;
        large_.push_back(std::move(block));
        return large_.back().get();
    }

    std::vector<Chunk> chunks_;   // chunks_[0, used_) are in use by the open documents
    std::size_t used_ = 0;
    std::vector<Chunk> large_;
    std::byte* next_ = nullptr;
    std::size_t left_ = 0;
    int documents_ = 0;
};

thread_local Arena arena;

// libharu's allocation functions: C callbacks, which must not throw.
void* HPDF_STDCALL allocate(HPDF_UINT size) noexcept {
    try {
        return arena.allocate(size);
    } catch (...) { // the vectors that keep the chunks could not grow
        return nullptr;
    }
}

void HPDF_STDCALL release(void*) noexcept {} // everything goes when the arena is emptied

} // namespace

void HaruDocumentDeleter::operator()(HPDF_Doc pdf) const {
    HPDF_Free(pdf);
    arena.document_closed();
}

HaruDocument new_haru_document(HPDF_Error_Handler on_error, void* user_data) {
    arena.document_opened();
    HPDF_Doc pdf = HPDF_NewEx(on_error, allocate, release, 0, user_data);
    if (!pdf) {
        arena.document_closed();
        return nullptr;
    }
    return HaruDocument(pdf);
}

} // namespace vanban::pdf
