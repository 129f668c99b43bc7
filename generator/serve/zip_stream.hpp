// A ZIP archive written while it is made, its bytes handed in order to a sink (a streamed
// HTTP response): libarchive's ZIP writer, which never seeks back (each entry's sizes and
// CRC follow its data in a data descriptor), so nothing is held but the entry being added.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

struct archive;

namespace vanban::serve {

class ZipStream {
public:
    // Takes the archive's next bytes; false stops the archive (the reader went away).
    using Sink = std::function<bool(const char* data, std::size_t size)>;

    explicit ZipStream(Sink sink);
    ~ZipStream();
    ZipStream(const ZipStream&) = delete;
    ZipStream& operator=(const ZipStream&) = delete;

    // Adds a file named `name` (UTF-8, '/' between folders), deflated. False once the sink
    // has refused bytes or libarchive failed.
    bool add(const std::string& name, std::string_view bytes);
    // Writes the central directory. False as for add().
    bool finish();

private:
    static long write_bytes(struct archive*, void* self, const void* data, std::size_t size);

    struct archive* archive_ = nullptr;
    Sink sink_;
    bool failed_ = false;
    bool finished_ = false;
    bool abandoned_ = false; // being destroyed unfinished: no more bytes to the sink
};

} // namespace vanban::serve
