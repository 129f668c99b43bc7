// The bytes of data, from where users keep it: a regular file, standard input ("-"), and,
// for a batch's records, a pipe (a FIFO, <(…)). Read once: a stream read twice would be
// empty the second time.
#pragma once

#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

namespace vanban::engine {

enum class Pipes {
    refused, // a document's data: a named pipe with no writer would wait forever; "-" reads one
    allowed, // a batch's records, streamed: `vanban batch … <(make-records)`
};

// An open data stream. Standard input is read from its file descriptor, as a pipe gives its
// bytes: what has come, without waiting for a full buffer (std::cin, tied to C's stdio, can
// tell a reader nothing of what is there and would be read a byte at a time).
class DataStream {
public:
    std::istream& in() const { return *in_; }
    // A regular file: its size is known, and it may be read a second time (to count records).
    bool regular_file() const { return regular_; }

private:
    friend DataStream open_data(const std::string& path, Pipes pipes);
    std::unique_ptr<std::streambuf> buffer_; // standard input's
    std::unique_ptr<std::istream> in_;
    bool regular_ = false;
};

// Opens `path`, or standard input for "-". Throws vanban::Failure (ErrorKind::data) saying
// why it cannot: no such file, a folder, a pipe or device where they are refused, unreadable.
DataStream open_data(const std::string& path, Pipes pipes);

// The whole of a document's data ("-": standard input), but at most max_bytes + 1 bytes, so
// that data past the limit is reported (max_data_bytes) without being held. Throws as
// open_data does, and when reading fails half-way.
std::string read_data_file(const std::string& path, std::size_t max_bytes);

} // namespace vanban::engine
