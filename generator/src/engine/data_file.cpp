#include "engine/data_file.hpp"

#include <array>
#include <filesystem>
#include <cerrno>
#include <iostream>
#include <system_error>
#include <unistd.h>

#include "vanban/error.hpp"
#include "vanban/message.hpp"

namespace vanban::engine {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void cannot_read(Message message, Message hint = {}) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = std::move(message);
    error.hint = std::move(hint);
    throw Failure(std::move(error));
}

// Reads at most max_bytes + 1 bytes: enough to tell data past its limit, without holding a
// file of any size in memory.
void read_capped(std::istream& in, std::string& text, std::size_t max_bytes) {
    std::array<char, 1 << 16> buffer;
    while (text.size() <= max_bytes) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        text.append(buffer.data(), std::min(got, max_bytes - text.size() + 1));
    }
}

// Standard input by its file descriptor: each read takes what the pipe or terminal holds,
// up to the buffer's size, so that in_avail() tells a reader how much it may take without
// waiting. A read error throws, which std::istream turns into badbit.
class StandardInputBuffer : public std::streambuf {
protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        ssize_t got = 0;
        do got = ::read(STDIN_FILENO, buffer_.data(), buffer_.size());
        while (got < 0 && errno == EINTR);
        if (got < 0) throw std::system_error(errno, std::generic_category(), "reading standard input");
        if (got == 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::array<char, 1 << 16> buffer_{};
};

} // namespace

DataStream open_data(const std::string& path, Pipes pipes) {
    DataStream stream;
    if (path == "-") {
        stream.buffer_ = std::make_unique<StandardInputBuffer>();
        stream.in_ = std::make_unique<std::istream>(stream.buffer_.get());
        return stream;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) cannot_read(msg("data.no-such-file", "no such file: {file}", {{"file", path}}));
    if (fs::is_directory(status))
        cannot_read(msg("data.is-folder", "{file} is a folder, not a data file", {{"file", path}}));
    stream.regular_ = fs::is_regular_file(status);
    if (!stream.regular_ && !(pipes == Pipes::allowed && fs::is_fifo(status)))
        cannot_read(msg("data.not-regular-file", "{file} is not a regular file (a pipe or a device?)", {{"file", path}}),
                    msg("data.not-regular-file-hint", "give - to read standard input"));
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) cannot_read(msg("data.unreadable", "cannot read {file} (no permission?)", {{"file", path}}));
    stream.in_ = std::move(file);
    return stream;
}

std::string read_data_file(const std::string& path, std::size_t max_bytes) {
    const DataStream stream = open_data(path, Pipes::refused);
    std::string text;
    read_capped(stream.in(), text, max_bytes);
    if (stream.in().bad()) cannot_read(msg("data.read-failed", "cannot read {file} to its end", {{"file", path}}));
    return text;
}

} // namespace vanban::engine
