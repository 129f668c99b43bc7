// Memory for libharu's documents.
//
// libharu allocates some 850 small blocks for a document of a few pages (dictionaries,
// names, numbers, list arrays, the cross-reference table) and frees each one when the
// document is freed; in a batch, malloc and free of those blocks cost about as much as
// libharu's own work. Every block lives until its document is freed anyway, so this gives
// libharu memory from a per-thread arena instead: a block is a step forward in the arena,
// freeing one does nothing, and the arena is emptied (its first chunk kept for the next
// document) when the last document of the thread is freed.
//
// libharu's own memory pool (HPDF_NewEx with a pool size) would do the same, but it hands
// out blocks at any byte offset (its alignment switch, HPDF_ALINMENT_SIZ, is not defined by
// the build), and the writer reads libharu's structures through those pointers.
#pragma once

#include <memory>
#include <type_traits>

#include <hpdf.h>

namespace vanban::pdf {

struct HaruDocumentDeleter {
    void operator()(HPDF_Doc pdf) const;
};
using HaruDocument = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, HaruDocumentDeleter>;

// A new libharu document whose memory comes from this thread's arena; null when libharu
// could not make one. `on_error` is libharu's error handler, called with `user_data`.
HaruDocument new_haru_document(HPDF_Error_Handler on_error, void* user_data);

} // namespace vanban::pdf
