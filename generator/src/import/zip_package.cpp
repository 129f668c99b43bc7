#include "import/zip_package.hpp"

#include <zip.h>

#include "import/failure.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

Message password_hint() {
    return msg("import.hint-password", "remove the password in Word (File, Info, Protect Document) and save it again");
}

std::string zip_error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

} // namespace

ZipPackage::ZipPackage(std::string_view bytes, const ReadLimits& limits, std::string source_name)
    : limits_(limits), source_(std::move(source_name)) {
    zip_error_t error;
    zip_error_init(&error);
    // The buffer is read in place (freep 0): the caller keeps the bytes alive.
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive_) {
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        if (source) zip_source_free(source);
        fail(ErrorKind::data, source_,
             msg("import.zip-damaged", "not a readable DOCX: the zip is damaged ({reason})", {{"reason", zip_error_text(code)}}),
             resave_hint());
    }
    zip_error_fini(&error);
    const zip_int64_t entries = zip_get_num_entries(archive_, 0);
    if (entries < 0 || static_cast<std::size_t>(entries) > limits_.max_zip_entries) {
        zip_discard(archive_);
        archive_ = nullptr;
        fail(ErrorKind::limit, source_,
             msg("import.zip-entries", "the zip lists {count} entries; a DOCX has a few dozen (limit {limit})",
                 {{"count", static_cast<long long>(entries)}, {"limit", limits_.max_zip_entries}}));
    }
}

ZipPackage::~ZipPackage() {
    if (archive_) zip_discard(archive_);
}

std::optional<std::string> ZipPackage::read(std::string_view part_name) {
    const std::string name(part_name);
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    return read_entry(index, name);
}

void ZipPackage::fail_corrupt(Message why) const { fail(ErrorKind::data, source_, std::move(why), resave_hint()); }

std::string ZipPackage::read_entry(long long index, std::string_view name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
        fail_corrupt(msg("import.part-unreadable", "not a readable DOCX: its part {part} cannot be read ({reason})",
                         {{"part", std::string(name)}, {"reason", zip_strerror(archive_)}}));
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
        fail(ErrorKind::data, source_,
             msg("import.encrypted-part", "the DOCX is password-protected (its part {part} is encrypted)",
                 {{"part", std::string(name)}}),
             password_hint());
    if (!(stat.valid & ZIP_STAT_SIZE))
        fail_corrupt(msg("import.part-no-size", "not a readable DOCX: its part {part} does not declare its size",
                         {{"part", std::string(name)}}));
    // The declared size is checked before anything is inflated, and again while reading
    // (below), since a forged header may declare less than the stream holds.
    const std::size_t cap = std::min(limits_.max_part_bytes, limits_.max_inflated_bytes - inflated_);
    if (stat.size > cap)
        fail(ErrorKind::limit, source_,
             msg("import.part-too-large",
                 "its part {part} would inflate to {size} bytes, past the limit of {limit} MB (a zip bomb, or a document far too large)",
                 {{"part", std::string(name)}, {"size", static_cast<unsigned long long>(stat.size)}, {"limit", cap >> 20}}));

    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(archive_));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            fail(ErrorKind::data, source_, msg("import.encrypted", "the DOCX is password-protected"), password_hint());
        fail_corrupt(msg("import.part-not-opened", "not a readable DOCX: its part {part} cannot be opened ({reason})",
                         {{"part", std::string(name)}, {"reason", zip_error_text(code)}}));
    }
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(stat.size));
    std::size_t got = 0;
    char spill[64];
    for (;;) {
        // One byte more than declared is asked for at the end: a stream that still gives
        // some is longer than its header says.
        char* into = got < bytes.size() ? bytes.data() + got : spill;
        const std::size_t room = got < bytes.size() ? bytes.size() - got : sizeof spill;
        const zip_int64_t n = zip_fread(file, into, room);
        if (n < 0) {
            const std::string why = zip_file_strerror(file);
            zip_fclose(file);
            fail_corrupt(msg("import.part-damaged", "not a readable DOCX: its part {part} is damaged ({reason})",
                             {{"part", std::string(name)}, {"reason", why}}));
        }
        if (n == 0) break;
        if (got >= bytes.size()) {
            zip_fclose(file);
            fail(ErrorKind::limit, source_,
                 msg("import.part-longer", "its part {part} inflates to more than the {size} bytes its header declares (a zip bomb?)",
                     {{"part", std::string(name)}, {"size", static_cast<unsigned long long>(stat.size)}}));
        }
        got += static_cast<std::size_t>(n);
    }
    zip_fclose(file);
    if (got != bytes.size())
        fail_corrupt(msg("import.part-shorter", "not a readable DOCX: its part {part} is shorter than its header declares",
                         {{"part", std::string(name)}}));
    inflated_ += got;
    return bytes;
}

} // namespace vanban::import
