// What a batch run works with, worked out once before its first record: the options
// checked, the formats, the output pattern parsed, the shared data read, the manifest and
// its owner tag, the digests --resume compares, and how many threads. A mistake found here
// stops the batch before anything is written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/output_name.hpp"
#include "vanban/batch.hpp"

namespace vanban::batch {

struct RunSettings {
    std::vector<Format> formats;
    std::optional<OutputPattern> pattern;
    nlohmann::json shared;                 // the shared data, read as a document's data is
    std::vector<std::string> key_fields;   // the fields that name a record
    std::vector<std::string> naming_roots; // top-level keys the output pattern and the keys read
    std::size_t data_slots = 1;            // workers that may hold a merged record at once
    std::filesystem::path manifest;
    std::string owner_tag;                 // names this batch's temporary files: its manifest's path, hashed
    std::string fingerprint;               // the template files and options (batch/fingerprint.hpp)
    std::string shared_sha256;             // digest of the shared data as read (decoded, NFC)
    std::string inputs;                    // digest of fingerprint, shared data and --strip: all but the record
    std::vector<Message> warnings;         // about the run as a whole
    unsigned workers = 1;                  // rendering threads, capped to what the machine has
};

// Throws Failure: usage for the command line, data or limit for the shared data, the
// template's own error kinds.
RunSettings make_settings(const Engine& engine, const BatchOptions& options);

// The fields written at the top of the manifest.
nlohmann::ordered_json manifest_about(const BatchOptions& options, const RunSettings& settings);

// How many of `total` records belong to this shard.
std::size_t records_in_shard(std::size_t total, const BatchOptions& options);

} // namespace vanban::batch
