// A stream read in chunks of what it has (up to 64 KiB), with look-ahead: the batch's record
// readers and the CSV parser peek at the first bytes (to tell the format, to skip a
// byte-order mark) before reading, which a plain std::istream on standard input cannot give
// back.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace vanban::text {

class ByteSource {
public:
    // `watch`, when given, is shown every byte the stream gives, as it is read (the batch
    // digests its records file so).
    explicit ByteSource(std::istream& in, std::function<void(std::string_view)> watch = {})
        : in_(in), watch_(std::move(watch)) {}

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
    bool failed() const { return read_error_; }

    // The stream was read to its end, without a read error.
    bool read_to_end() const { return ended_ && !read_error_; }

    // Skips a UTF-8 byte-order mark, which spreadsheets and Notepad write before the text.
    void skip_utf8_bom() {
        if (peek() == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF)
            for (int i = 0; i < 3; ++i) get();
    }

private:
    // Makes `need` bytes available from pos_, if the stream has them.
    bool fill(std::size_t need) {
        while (buffer_.size() - pos_ < need) {
            if (ended_) return false;
            buffer_.erase(0, pos_);
            pos_ = 0;
            try {
                ended_ = !read_some();
            } catch (const std::exception&) { // libstdc++'s filebuf throws on a read error
                ended_ = read_error_ = true;
            }
        }
        return true;
    }

    // Appends what the stream has now, up to kChunk bytes, waiting only for the first: the
    // records of a pipe are taken as they come, not once 64 KiB of them have arrived (a
    // producer that writes a record now and then would have nothing rendered meanwhile, and
    // a batch stopped then would lose what had come). False at the end.
    bool read_some() {
        using Traits = std::istream::traits_type;
        std::streambuf& source = *in_.rdbuf();
        if (Traits::eq_int_type(source.sgetc(), Traits::eof())) return false; // waits for a byte
        // What can be had without waiting: buffered bytes and, for a file or a pipe, what the
        // system holds (FIONREAD); at least the byte just seen.
        const std::streamsize ready = std::clamp<std::streamsize>(source.in_avail(), 1, kChunk);
        const std::size_t old = buffer_.size();
        buffer_.resize(old + static_cast<std::size_t>(ready));
        const std::streamsize got = source.sgetn(buffer_.data() + old, ready);
        buffer_.resize(old + static_cast<std::size_t>(std::max<std::streamsize>(got, 0)));
        if (watch_) watch_(std::string_view(buffer_).substr(old));
        return got > 0;
    }

    static constexpr std::size_t kChunk = 64 * 1024;
    std::istream& in_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool ended_ = false;
    bool read_error_ = false;
    std::function<void(std::string_view)> watch_;
};

} // namespace vanban::text
