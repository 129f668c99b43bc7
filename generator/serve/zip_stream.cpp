#include "serve/zip_stream.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <ctime>
#include <memory>

namespace vanban::serve {

ZipStream::ZipStream(Sink sink) : archive_(archive_write_new()), sink_(std::move(sink)) {
    archive_write_set_format_zip(archive_);
    // Names are UTF-8 and marked so (the ZIP's language encoding flag), whatever the locale.
    archive_write_set_options(archive_, "zip:hdrcharset=UTF-8");
    // Every entry deflated, PDF and DOCX too, though they are compressed already: an entry
    // written as it streams has its sizes and CRC after its data (a data descriptor), and
    // readers that read a ZIP as a stream (Java's ZipInputStream) accept that only for
    // deflated entries. Level 1: the bytes barely shrink, the time is a fraction of a render.
    archive_write_zip_set_compression_deflate(archive_);
    archive_write_set_options(archive_, "zip:compression-level=1");
    // Every byte goes to the sink as it is made: no blocks, no padding after the end.
    archive_write_set_bytes_per_block(archive_, 0);
    archive_write_set_bytes_in_last_block(archive_, 1);
    failed_ = archive_write_open2(archive_, this, nullptr, &ZipStream::write_bytes, nullptr, nullptr) != ARCHIVE_OK;
}

ZipStream::~ZipStream() {
    // An archive left unfinished gets no central directory: the sink is refused every byte
    // from here on, and closing only frees what libarchive holds (archive_write_fail would
    // leave the ZIP writer's own state unfreed).
    abandoned_ = true;
    if (!finished_) archive_write_close(archive_);
    archive_write_free(archive_);
}

long ZipStream::write_bytes(struct archive*, void* self, const void* data, std::size_t size) {
    auto* zip = static_cast<ZipStream*>(self);
    if (zip->abandoned_ || !zip->sink_(static_cast<const char*>(data), size)) return -1;
    return static_cast<long>(size);
}

bool ZipStream::add(const std::string& name, std::string_view bytes) {
    if (failed_ || finished_) return false;
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname_utf8(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
    failed_ = archive_write_header(archive_, entry.get()) != ARCHIVE_OK ||
              archive_write_data(archive_, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size()) ||
              archive_write_finish_entry(archive_) != ARCHIVE_OK;
    return !failed_;
}

bool ZipStream::finish() {
    if (failed_ || finished_) return false;
    finished_ = true;
    failed_ = archive_write_close(archive_) != ARCHIVE_OK;
    return !failed_;
}

} // namespace vanban::serve
