// The journal of a batch: one line of JSON per finished record, appended the moment the
// record's files have their names, so that a batch killed at any moment (kill -9, a pod
// evicted, a node lost) loses only the records that were in flight. --resume reads it with
// the last manifest; the batch removes it once its manifest is written.
//
// It is also the batch's lock: a second batch with the same manifest (writing into the
// same folder) finds it locked and is refused, instead of both overwriting one manifest.
//
//   out/manifest.json            the last finished run's manifest (written whole at the end)
//   out/manifest.json.journal    while a run goes on, and after one was killed
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "batch/manifest.hpp"

namespace vanban::batch {

class Journal {
public:
    // Opens and locks the journal beside `manifest`. Throws Failure (kind output) when another
    // batch holds it, or when it cannot be made. `keep` (--resume): what it holds stays, and
    // is read into previous(); otherwise it starts empty. A last line that a kill cut short
    // is dropped.
    Journal(const std::filesystem::path& manifest, bool keep);
    ~Journal(); // unlocks; the file stays (a run that did not end keeps it for --resume)
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Whether the journal held records when opened: a run before this one did not end.
    bool left_by_unfinished_run() const { return left_by_unfinished_run_; }
    // The written and skipped records it held (keep only), by record number; a later line
    // about a record replaces an earlier one.
    const std::map<std::size_t, PreviousRecord>& previous() const { return previous_; }
    // The records whose last line says they failed (keep only).
    const std::set<std::size_t>& failed() const { return failed_; }

    // Appends one record's entry as one line, in one write. Safe from several threads.
    // Throws Failure (kind output) when the disk refuses.
    void append(const RecordReport& report, const std::string& input_sha256);

    // Removes the journal, once the manifest that holds all it said is written.
    void remove();

    const std::filesystem::path& path() const { return path_; }

private:
    void lock();
    void read_and_repair(bool keep);

    std::filesystem::path path_;
    int fd_ = -1;
    bool left_by_unfinished_run_ = false;
    std::map<std::size_t, PreviousRecord> previous_;
    std::set<std::size_t> failed_;
};

// The journal's path for a manifest: "out/manifest.json.journal".
std::filesystem::path journal_path(const std::filesystem::path& manifest);

} // namespace vanban::batch
