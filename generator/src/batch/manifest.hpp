// The manifest of a batch: a JSON file listing every record of the run (its number, the
// fields that name it, its status, its outputs with their size and sha256, its error), for
// people, for scripts, and for --resume. Its form is documented in docs/batch.md.
//
// It is written as the batch goes, record by record in record order, to a file with no
// name (engine/output_files.hpp) that is named when the batch ends: memory does not grow
// with the number of records, and a manifest under its real name is always complete. Until
// then the journal (journal.hpp) keeps what each finished record did.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/output_files.hpp"
#include "vanban/batch.hpp"

namespace vanban::batch {

constexpr int kManifestVersion = 1;

class ManifestWriter {
public:
    // `about` holds the fields written before the records (template, pattern, shard…).
    // Throws Failure (kind output) when the file cannot be created.
    ManifestWriter(std::filesystem::path path, const nlohmann::ordered_json& about, const engine::OutputOptions& options);
    ~ManifestWriter(); // without finish(): nothing is left
    ManifestWriter(const ManifestWriter&) = delete;
    ManifestWriter& operator=(const ManifestWriter&) = delete;

    // Throws Failure (kind output) when the disk refuses.
    void add(const RecordReport& report, const std::string& input_sha256);
    // An entry made already (manifest_entry), e.g. taken from a shard's manifest.
    void add_entry(const nlohmann::ordered_json& entry);
    // Writes the summary, closes, and renames the file to its real name.
    void finish(const nlohmann::ordered_json& summary);

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    std::unique_ptr<engine::AtomicFile> file_; // null once finished
    bool first_record_ = true;
};

// The JSON entry of one record.
nlohmann::ordered_json manifest_entry(const RecordReport& report, const std::string& input_sha256);

// What --resume needs of a previous run's record.
struct PreviousRecord {
    std::string input_sha256;
    std::vector<OutputReport> outputs;
};

// The record number of a manifest or journal entry, if it has one.
std::optional<std::size_t> record_number(const nlohmann::json& entry);
// What --resume needs of an entry whose record was written or skipped; nullopt for a failed
// record (or an entry that says neither).
std::optional<PreviousRecord> previous_record(const nlohmann::json& entry);

// The records a previous manifest lists as written or skipped, by record number. Throws
// Failure (kind data) when the file is not a vanban manifest.
std::map<std::size_t, PreviousRecord> read_previous_manifest(const std::filesystem::path& path);

} // namespace vanban::batch
