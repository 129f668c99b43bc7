// Batch generation: one template, shared data, and a list of records (one per branch), each
// merged over the shared data and rendered to its own files.
//
//   vanban::Engine engine({.template_dirs = {"templates"}});
//   vanban::BatchOptions options;
//   options.template_name = "ke-hoach";
//   options.shared_data = "data/000-quang-nam-ke-hoach-28.json";
//   options.records = "branches.csv";
//   options.output_pattern = "out/{{ branch.code }}-ke-hoach.pdf";
//   options.formats = {vanban::Format::pdf, vanban::Format::docx};
//   options.strip_fields = {"branch"};           // names files, not printed (see docs/batch.md)
//   vanban::BatchSummary summary = vanban::BatchJob(engine, options).run();
//   return summary.exit_code();                  // 0, 10 when some records failed, …
//
// Records are read once, one at a time, whatever the format (a pipe or standard input as
// well as a file), rendered by `workers` threads that share the one engine, and each file
// written whole before it gets its name. A record that fails is reported and the others go
// on; an output that cannot be written stops the batch. A journal keeps every finished
// record (a batch killed at any moment loses only those in flight), and a manifest (JSON)
// lists every record of the run. See docs/batch.md.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "vanban/engine.hpp"
#include "vanban/error.hpp"

namespace vanban {

// The exit code of a batch in which some records failed and the others were written
// (docs/errors.md). A batch that cannot start exits with the code of its error's kind.
constexpr int kExitSomeRecordsFailed = 10;

enum class RecordsFormat {
    automatic,  // from the extension: .json array, .jsonl/.ndjson lines, .csv; else by the first character
    json_array, // [ {…}, {…} ]
    json_lines, // one JSON object per line; blank lines are ignored
    csv,        // RFC 4180 with a header row; "branch.code" and "header.issuer[0]" build nested fields
};
bool parse_records_format(std::string_view name, RecordsFormat& format); // "json", "jsonl", "csv", "auto"

enum class RecordStatus {
    written, // rendered and written
    skipped, // --resume: the outputs are complete and the inputs unchanged since the last run
    failed,  // the record's error says why; its outputs were not written
};
const char* status_name(RecordStatus status);

// Progress of a running batch; handed to BatchOptions::on_progress after every record.
struct BatchProgress {
    std::size_t total = 0;      // records of this shard; 0 while not known (records from a pipe)
    std::size_t done = 0;       // written + skipped + failed
    std::size_t written = 0;
    std::size_t skipped = 0;
    std::size_t failed = 0;
    double elapsed_seconds = 0;
};

struct OutputReport {
    Format format = Format::pdf;
    std::string path;
    std::uint64_t size = 0;
    std::string sha256; // lower-case hex
};

// One finished record; handed to BatchOptions::on_record in record order.
struct RecordReport {
    std::size_t record = 0;          // 1-based number in the records file (data rows for CSV)
    RecordStatus status = RecordStatus::failed;
    std::vector<std::pair<std::string, std::string>> keys; // {"branch.code", "HC05"}
    std::vector<OutputReport> outputs; // written or skipped: one per format
    Error error;                     // failed: why (error.record is set)
    std::vector<Warning> warnings;   // about the record's data (legacy-looking text), also when it failed

    // "record 17 (branch.code=HC05)"; "bản ghi 17 (…)" in Vietnamese
    std::string name(Language language = Language::en) const;
    // "templates/ke-hoach/main.vbt:3:5: missing field header.date" (or the status's name)
    std::string problem(Language language = Language::en) const;
    // name() + ": " + problem()
    std::string describe(Language language = Language::en) const;
};

struct BatchOptions {
    std::string template_name;             // as for Engine::render ("ke-hoach")
    // The profile, and the encoding of the shared data and of every record (read as the data
    // of Engine::render is: the same limits and warnings). data_name is set per record.
    RenderOptions render;

    // The shared data: a JSON file (must hold an object; "-" reads standard input), else
    // `shared_json`, else {}.
    std::filesystem::path shared_data;
    std::string shared_json;

    // The records: a file, or "-" for standard input (then `records_format` cannot be
    // guessed from an extension and is read from the first character).
    std::filesystem::path records;
    RecordsFormat records_format = RecordsFormat::automatic;

    // Where each record goes: a template-language text over the merged record, e.g.
    // "out/{{ branch.code }}-ke-hoach.pdf". `vanban.record` is the record number. Text
    // from the data cannot leave the folders the pattern names (see docs/batch.md).
    std::string output_pattern;
    // The formats to write; empty: the one the pattern's extension names. With more than one,
    // the pattern's extension (if .pdf, .docx or .json) is replaced by each format's.
    std::vector<Format> formats;

    // Rendering threads, all sharing the one engine; 0: the number of cores.
    unsigned workers = 0;

    // This run renders records whose number n has (n - 1) % shard_count == shard_index - 1.
    unsigned shard_index = 1; // 1 … shard_count
    unsigned shard_count = 1;

    // Skip records whose outputs still have the sha256 the previous manifest recorded and
    // whose inputs (merged record, template files, profiles, options) hash the same.
    bool resume = false;
    // The manifest; empty: beside the outputs (the pattern's folder before its first "{{"),
    // "manifest.json", or "manifest-K-of-N.json" for a shard.
    std::filesystem::path manifest;

    // Fields (dotted paths) that name a record in messages and in the manifest; empty: the
    // data fields the output pattern reads.
    std::vector<std::string> key_fields;
    // Fields (dotted paths) removed from each merged record after its output name is made,
    // before rendering: fields that only name files, for templates whose schema refuses them.
    std::vector<std::string> strip_fields;

    // Called under a lock, from the batch's threads: keep them short. on_progress after
    // every record; on_record for every record, in record order.
    std::function<void(const BatchProgress&)> on_progress;
    std::function<void(const RecordReport&)> on_record;
    // Called before the first record with each warning about the run as a whole (the shared
    // data's, --resume's); BatchSummary::warnings repeats them.
    std::function<void(const Message&)> on_warning;
};

struct BatchSummary {
    bool ok = false;          // the batch ran through its records (some may have failed)
    Error error;              // !ok: what stopped it (nothing was rendered when it could not start)
    bool cancelled = false;   // BatchJob::cancel() stopped it early
    BatchProgress counts;     // the final figures
    std::filesystem::path manifest; // empty when none was written
    std::vector<Message> warnings;     // e.g. --resume found no previous manifest

    // 0 all records written or skipped; kExitSomeRecordsFailed when some failed; the error's
    // exit code when !ok; 130 when cancelled.
    int exit_code() const;
};

// One run of a batch. The engine must outlive the job and may serve other work meanwhile.
class BatchJob {
public:
    BatchJob(const Engine& engine, BatchOptions options);
    ~BatchJob();
    BatchJob(const BatchJob&) = delete;
    BatchJob& operator=(const BatchJob&) = delete;

    // Runs the batch to the end; blocks. Never throws for bad input: see BatchSummary.
    BatchSummary run();

    // From any thread (e.g. on Ctrl-C): read no more records; the records already taken
    // are finished and the manifest is written.
    void cancel();

private:
    const Engine& engine_;
    BatchOptions options_;
    std::atomic<bool> cancelled_{false};
};

// ------------------------------------------------------------------- merging shards

// What merge_manifests made of the manifests of a batch's shards.
struct MergeSummary {
    bool ok = false;
    Error error;                    // !ok: why nothing was written (a shard missing or given
                                    // twice, a manifest of another batch or of an unfinished shard…)
    unsigned shards = 0;            // how many manifests were merged
    BatchProgress counts;           // the merged manifest's records: total, written, skipped, failed
    std::vector<RecordReport> clashes; // records of different shards that wrote the same output
                                       // file: failed in the merged manifest (docs/batch.md)
    std::filesystem::path manifest; // the merged manifest, once written

    // 0 every record written or skipped; kExitSomeRecordsFailed when the merged manifest
    // lists failed records; the error's exit code when !ok (5 for the manifests, 8 when the
    // merged one cannot be written, 2 when it would replace one of them).
    int exit_code() const;
};

// Merges the manifests of the shards of one batch (--shard K/N writes manifest-K-of-N.json)
// into the manifest that one run without --shard would have written: the records in record
// order, the summary over all of them. Nothing is written unless every shard 1…N is there
// exactly once, finished, and of the same batch — the template and its files, the profile,
// the options that change the output, the records file (its name and SHA-256), the output
// pattern, the formats, the shared data and --strip, as the manifests record them — and
// every record of the records file is listed once, by its own shard. `output` empty:
// manifest.json beside the first manifest. Written whole or not at all. Never throws for
// bad input.
MergeSummary merge_manifests(const std::vector<std::filesystem::path>& manifests,
                             const std::filesystem::path& output = {});

} // namespace vanban
