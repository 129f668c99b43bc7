// A stream read in large chunks, with look-ahead: the record readers peek at the first
// bytes (to tell the format, to skip a byte-order mark) before reading records, which a
// plain std::istream on standard input cannot give back.
#pragma once

#include <algorithm>
#include <cstddef>
#include <istream>
#include <string>

namespace vanban::batch {

class ByteSource {
public:
    explicit ByteSource(std::istream& in) : in_(in) {}

    // The byte `ahead` positions after the next one, or -1 past the end.
    int peek(std::size_t ahead = 0) {
        if (!fill(ahead + 1)) return -1;
        return static_cast<unsigned char>(buffer_[pos_ + ahead]);
    }

    int get() {
        const int c = peek();
        if (c >= 0) ++pos_;
        return c;
    }

    // Reads up to and without the next '\n'; false when nothing is left. Of a line longer
    // than `max_bytes`, only the first max_bytes + 1 bytes are kept (enough to tell that it
    // is too long), and the rest is skipped.
    bool read_line(std::string& line, std::size_t max_bytes = std::string::npos - 1) {
        line.clear();
        if (peek() < 0) return false;
        for (;;) {
            const std::size_t end = buffer_.find('\n', pos_);
            const std::size_t stop = end == std::string::npos ? buffer_.size() : end;
            if (line.size() <= max_bytes) line.append(buffer_, pos_, std::min(stop - pos_, max_bytes + 1 - line.size()));
            if (end != std::string::npos) {
                pos_ = end + 1;
                return true;
            }
            pos_ = buffer_.size();
            if (!fill(1)) return true;
        }
    }

    // Up to `count` bytes from the next one, without consuming them.
    std::string look_ahead(std::size_t count) {
        fill(count);
        return buffer_.substr(pos_, count);
    }

    // The stream failed for another reason than its end (a read error).
    bool failed() const { return in_.bad(); }

private:
    // Makes `need` bytes available from pos_, if the stream has them.
    bool fill(std::size_t need) {
        while (buffer_.size() - pos_ < need) {
            if (!in_.good()) return false;
            buffer_.erase(0, pos_);
            pos_ = 0;
            const std::size_t old = buffer_.size();
            buffer_.resize(old + kChunk);
            in_.read(buffer_.data() + old, static_cast<std::streamsize>(kChunk));
            buffer_.resize(old + static_cast<std::size_t>(in_.gcount()));
        }
        return true;
    }

    static constexpr std::size_t kChunk = 64 * 1024;
    std::istream& in_;
    std::string buffer_;
    std::size_t pos_ = 0;
};

} // namespace vanban::batch
