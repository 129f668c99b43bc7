#include "serve/batch_stream.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

namespace vanban::serve {

namespace fs = std::filesystem;

namespace {

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace

bool BytePipe::write(const char* data, std::size_t size) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return reader_gone_ || held_ == 0 || held_ + size <= capacity_; });
    if (reader_gone_) return false;
    chunks_.emplace_back(data, size);
    held_ += size;
    changed_.notify_all();
    return true;
}

std::optional<std::string> BytePipe::read() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !chunks_.empty() || writer_done_; });
    if (chunks_.empty()) return std::nullopt;
    std::string chunk = std::move(chunks_.front());
    chunks_.pop_front();
    held_ -= chunk.size();
    changed_.notify_all();
    return chunk;
}

void BytePipe::end_writing() {
    std::lock_guard lock(mutex_);
    writer_done_ = true;
    changed_.notify_all();
}

void BytePipe::end_reading() {
    std::lock_guard lock(mutex_);
    reader_gone_ = true;
    chunks_.clear();
    held_ = 0;
    changed_.notify_all();
}

BatchStream::BatchStream(const Engine& engine, BatchOptions options, fs::path folder)
    : options_(std::move(options)), folder_(std::move(folder)),
      job_(engine, [this] {
          BatchOptions with_hooks = options_;
          with_hooks.on_record = [this](const RecordReport& report) { add_record(report); };
          return with_hooks;
      }()),
      zip_([this](const char* data, std::size_t size) { return pipe_.write(data, size); }) {}

BatchStream::~BatchStream() {
    cancel();
    if (thread_.joinable()) thread_.join();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

std::optional<Error> BatchStream::start() {
    thread_ = std::thread([this] { run(); });
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] { return first_record_done_ || ended_; });
    if (!first_record_done_ && !summary_.ok) return summary_.error;
    return std::nullopt;
}

void BatchStream::cancel() {
    job_.cancel();
    pipe_.end_reading();
}

void BatchStream::run() {
    BatchSummary summary = job_.run();
    if (summary.ok || first_record_done_) {
        add_manifest(summary);
        zip_.finish();
    }
    pipe_.end_writing();
    std::lock_guard lock(mutex_);
    summary_ = std::move(summary);
    ended_ = true;
    started_.notify_all();
}

// Called by the batch in record order, under its lock: the record's files go into the ZIP
// (and off the disk) before the next record's.
void BatchStream::add_record(const RecordReport& report) {
    if (report.status == RecordStatus::written) {
        for (const OutputReport& output : report.outputs) {
            zip_.add(name_in_zip(output.path), read_whole(output.path));
            std::error_code ignored;
            fs::remove(output.path, ignored);
        }
    }
    std::lock_guard lock(mutex_);
    if (!first_record_done_) {
        first_record_done_ = true;
        started_.notify_all();
    }
}

// The manifest, with the paths as the client named them (no folder of this machine).
void BatchStream::add_manifest(const BatchSummary& summary) {
    if (summary.manifest.empty()) return;
    std::string manifest = read_whole(summary.manifest);
    replace_all(manifest, (folder_ / "out").string() + "/", "");
    replace_all(manifest, folder_.string() + "/", "");
    zip_.add("manifest.json", manifest);
}

std::string BatchStream::name_in_zip(const std::string& path) const {
    const std::string prefix = (folder_ / "out").string() + "/";
    return path.starts_with(prefix) ? path.substr(prefix.size()) : fs::path(path).filename().string();
}

} // namespace vanban::serve
