// POST /v1/batch/{name}: one vanban::BatchJob whose outputs are streamed to the client as a
// ZIP while the batch runs (docs/serve.md, "Batches"). The job writes each record's files
// into a private temporary folder; as each record finishes (in record order), its files
// are added to the ZIP and removed; the manifest comes last. The ZIP's bytes go through a
// bounded pipe to the HTTP thread: a slow client slows the batch instead of filling the
// memory, and a client that goes away cancels it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "serve/zip_stream.hpp"
#include "vanban/batch.hpp"

namespace vanban::serve {

// Bytes handed from one thread to another, at most `capacity` waiting at once.
class BytePipe {
public:
    explicit BytePipe(std::size_t capacity) : capacity_(capacity) {}
    // Blocks while the pipe is full. False once the reader has gone.
    bool write(const char* data, std::size_t size);
    // The next bytes; blocks until there are some; nullopt once the writer has ended and
    // everything was read.
    std::optional<std::string> read();
    void end_writing();
    void end_reading();

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> chunks_;
    std::size_t held_ = 0;
    const std::size_t capacity_;
    bool writer_done_ = false;
    bool reader_gone_ = false;
};

class BatchStream {
public:
    // `folder`: a new empty folder of its own, removed when the stream is destroyed.
    // options.output_pattern is relative to it; options.records and the manifest are in it.
    BatchStream(const Engine& engine, BatchOptions options, std::filesystem::path folder);
    ~BatchStream();
    BatchStream(const BatchStream&) = delete;
    BatchStream& operator=(const BatchStream&) = delete;

    // Starts the batch on a thread of its own and waits until its first record is done or
    // the batch has ended. The error when it ended without a record (it could not start).
    std::optional<Error> start();
    // The ZIP's next bytes for the response; nullopt at its end.
    std::optional<std::string> next_bytes() { return pipe_.read(); }
    // The client went away: stop reading records and drop what the batch still writes.
    void cancel();

private:
    void run();
    void add_record(const RecordReport& report);
    void add_manifest(const BatchSummary& summary);
    std::string name_in_zip(const std::string& path) const;

    BatchOptions options_;
    std::filesystem::path folder_;
    BatchJob job_;
    BytePipe pipe_{8u << 20};
    ZipStream zip_;
    std::thread thread_;

    std::mutex mutex_;
    std::condition_variable started_;
    bool first_record_done_ = false;
    bool ended_ = false;
    BatchSummary summary_;
};

} // namespace vanban::serve
