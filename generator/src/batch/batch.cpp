// A batch run: one thread reads the records and prepares each (its output name and keys),
// `workers` threads merge, render and write them with the one shared engine, and a collector
// journals each record as it finishes and puts the results back in record order for the
// manifest and the callbacks.
//
//   reader ──> bounded queue ──> workers ──> collector ──> journal (as they finish)
//                                                     └──> manifest, callbacks (record order)
//
// The queue is bounded, so a batch holds only the records in flight: memory does not grow
// with the number of records. The journal (journal.hpp) makes a kill lose only the records
// in flight; the first output that cannot be written stops the batch (exit code 8).
#include "vanban/batch.hpp"

#include <atomic>
#include <chrono>
#include <malloc.h>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "batch/claimed_names.hpp"
#include "batch/fields.hpp"
#include "batch/journal.hpp"
#include "batch/manifest.hpp"
#include "batch/queues.hpp"
#include "batch/records.hpp"
#include "batch/settings.hpp"
#include "batch/sha256.hpp"
#include "engine/data_reader.hpp"
#include "engine/output_files.hpp"
#include "engine/parsed_data.hpp"

namespace vanban {

namespace fs = std::filesystem;

// ------------------------------------------------------------------- small public helpers

const char* status_name(RecordStatus status) {
    switch (status) {
    case RecordStatus::written: return "written";
    case RecordStatus::skipped: return "skipped";
    case RecordStatus::failed: return "failed";
    }
    return "failed";
}

bool parse_records_format(std::string_view name, RecordsFormat& format) {
    if (name == "auto") format = RecordsFormat::automatic;
    else if (name == "json") format = RecordsFormat::json_array;
    else if (name == "jsonl" || name == "ndjson") format = RecordsFormat::json_lines;
    else if (name == "csv") format = RecordsFormat::csv;
    else return false;
    return true;
}

std::string RecordReport::name(Language language) const {
    std::string text = msg("format.record", "record {number}", {{"number", record}}).text(language);
    if (keys.empty()) return text;
    text += " (";
    for (std::size_t i = 0; i < keys.size(); ++i) text += (i ? ", " : "") + keys[i].first + "=" + keys[i].second;
    return text + ")";
}

std::string RecordReport::problem(Language language) const {
    if (status != RecordStatus::failed) return status_name(status);
    std::string text;
    // The place only when it says more than "this record": a template or a line of the file.
    if (!error.where.file.empty() && error.where.known()) {
        text += error.where.file + ":" + std::to_string(error.where.line);
        if (error.where.column) text += ":" + std::to_string(error.where.column);
        text += ": ";
    }
    const std::string message = error.message.text(language);
    text += message;
    if (!error.json_path.empty() && message.find(error.json_path) == std::string::npos)
        text += " (" + msg("format.data-path", "data: {path}", {{"path", error.json_path}}).text(language) + ")";
    return text;
}

std::string RecordReport::describe(Language language) const { return name(language) + ": " + problem(language); }

int BatchSummary::exit_code() const {
    if (!ok) return vanban::exit_code(error.kind);
    if (cancelled) return 130; // as a shell reports a command stopped by Ctrl-C
    return counts.failed > 0 ? kExitSomeRecordsFailed : 0;
}

namespace {

using batch::Job;
using batch::JobQueue;
using Clock = std::chrono::steady_clock;

// The longest name of a file or folder on the file systems a batch writes to, in bytes.
constexpr std::size_t kMaxNameBytes = 255;

Error internal_error(const std::exception& e) {
    return Failure(ErrorKind::internal, msg("internal.exception", "internal error: {what}", {{"what", Message::verbatim(e.what())}}))
        .error();
}

// ------------------------------------------------------------------- stopping

// The first output that could not be written (a full disk, a folder that cannot be
// written): the batch stops there rather than fail every record after it the same way.
class OutputFailure {
public:
    bool happened() const { return happened_; }

    void note(const Error& error) {
        std::lock_guard lock(mutex_);
        if (first_) return;
        first_ = error;
        happened_ = true;
    }

    std::optional<Error> first() const {
        std::lock_guard lock(mutex_);
        return first_;
    }

    // What the batch reports: where it stopped, why, and what to do.
    std::optional<Error> as_batch_error() const {
        std::optional<Error> error = first();
        if (!error) return std::nullopt;
        Error stopped = *error;
        stopped.message = error->record >= 0
                              ? msg("batch.stopped-at-record", "the batch stopped: an output could not be written (record {record}): {problem}",
                                    {{"record", error->record}, {"problem", error->message}})
                              : msg("batch.stopped", "the batch stopped: an output could not be written: {problem}",
                                    {{"problem", error->message}});
        stopped.record = -1;
        stopped.hint = msg("batch.stopped-hint", "what was written is kept: make room or fix the folder, then run the same command with --resume");
        return stopped;
    }

private:
    std::atomic<bool> happened_{false};
    mutable std::mutex mutex_;
    std::optional<Error> first_;
};

// ------------------------------------------------------------------- collecting

// Takes finished records in any order: journals each at once, and hands them on to the
// manifest and the callbacks in record order.
class Collector {
public:
    Collector(batch::ManifestWriter& manifest, batch::Journal& journal, OutputFailure& output_failure,
              const BatchOptions& options, Clock::time_point start, std::size_t total)
        : manifest_(manifest), journal_(journal), output_failure_(output_failure), options_(options), start_(start) {
        counts_.total = total;
    }

    // A record's end. Journaled now, so that a kill from here on does not lose it (a skipped
    // record is in the journal or the manifest already).
    void finish(std::size_t sequence, RecordReport report, std::string input_sha256) {
        if (report.status != RecordStatus::skipped) {
            try {
                journal_.append(report, input_sha256);
            } catch (const Failure& failure) {
                output_failure_.note(failure.error());
            }
        }
        add(sequence, Finished{std::move(report), std::move(input_sha256), true});
    }

    // A record the batch did not get to (it stopped): its place is passed over.
    void pass_over(std::size_t sequence) { add(sequence, Finished{{}, {}, false}); }

    // The total may be learned while reading (standard input).
    void set_total(std::size_t total) {
        std::lock_guard lock(mutex_);
        counts_.total = total;
    }

    BatchProgress counts() const {
        std::lock_guard lock(mutex_);
        return counts_;
    }

private:
    struct Finished {
        RecordReport report;
        std::string input_sha256;
        bool done = true;
    };

    void add(std::size_t sequence, Finished finished) {
        std::lock_guard lock(mutex_);
        waiting_.emplace(sequence, std::move(finished));
        for (auto next = waiting_.find(next_); next != waiting_.end(); next = waiting_.find(next_)) {
            if (next->second.done) hand_on(next->second);
            waiting_.erase(next);
            ++next_;
        }
    }

    void hand_on(const Finished& finished) {
        const RecordReport& report = finished.report;
        if (!output_failure_.happened()) {
            try {
                manifest_.add(report, finished.input_sha256);
            } catch (const Failure& failure) {
                output_failure_.note(failure.error());
            }
        }
        ++counts_.done;
        if (report.status == RecordStatus::written) ++counts_.written;
        else if (report.status == RecordStatus::skipped) ++counts_.skipped;
        else ++counts_.failed;
        if (counts_.total > 0) counts_.total = std::max(counts_.total, counts_.done); // 0: not known yet
        counts_.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start_).count();
        if (options_.on_record) options_.on_record(report);
        if (options_.on_progress) options_.on_progress(counts_);
    }

    mutable std::mutex mutex_;
    batch::ManifestWriter& manifest_;
    batch::Journal& journal_;
    OutputFailure& output_failure_;
    const BatchOptions& options_;
    Clock::time_point start_;
    std::map<std::size_t, Finished> waiting_;
    std::size_t next_ = 0;
    BatchProgress counts_;
};

// ------------------------------------------------------------------- leftovers

// After a run that did not end (killed), the hidden temporary files it may have left — where
// the file system has no unnamed files, or in the moment between writing and naming — are
// removed from each folder this run writes into, the first time it does.
class LeftoverCleaner {
public:
    LeftoverCleaner(bool active, std::string owner_tag) : active_(active), owner_tag_(std::move(owner_tag)) {}

    void before_writing(const fs::path& file) {
        if (!active_) return;
        const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
        std::lock_guard lock(mutex_);
        if (cleaned_.insert(folder.lexically_normal().string()).second) engine::remove_temporaries(folder, owner_tag_);
    }

private:
    bool active_;
    std::string owner_tag_;
    std::mutex mutex_;
    std::set<std::string> cleaned_;
};

// ------------------------------------------------------------------- one run

// What --resume trusts of earlier runs: the last manifest, and over it the journal of a run
// that did not end.
std::map<std::size_t, batch::PreviousRecord> previous_records(const fs::path& manifest, const batch::Journal& journal,
                                                              std::vector<Message>& warnings) {
    std::map<std::size_t, batch::PreviousRecord> previous;
    try {
        previous = batch::read_previous_manifest(manifest);
    } catch (const Failure& failure) {
        warnings.push_back(msg("batch.resume-unreadable", "--resume: {problem}", {{"problem", failure.error().message}}));
    }
    for (const auto& [number, record] : journal.previous()) previous[number] = record;
    // A record the journal says failed since: the manifest's older word about it does not stand.
    for (std::size_t number : journal.failed()) previous.erase(number);
    if (previous.empty())
        warnings.push_back(msg("batch.resume-nothing", "--resume: no finished record in {manifest} or its journal: every record is rendered",
                               {{"manifest", manifest.string()}}));
    return previous;
}

class Run {
public:
    Run(const Engine& engine, const BatchOptions& options, batch::RunSettings& settings,
        const std::atomic<bool>& cancelled)
        : engine_(engine), options_(options), settings_(settings), cancelled_(cancelled) {}

    BatchSummary execute() {
        const auto start = Clock::now();
        // What can refuse to start comes first, so that a batch that cannot start leaves nothing.
        const batch::RecordSettings record_settings{options_.render.input_encoding, engine::data_limits(engine_.options())};
        std::unique_ptr<batch::RecordReader> reader =
            batch::open_records(options_.records, options_.records_format, record_settings);
        batch::ManifestWriter manifest(settings_.manifest, batch::manifest_about(options_, settings_), output_options());
        batch::Journal journal(settings_.manifest, options_.resume);
        LeftoverCleaner cleaner(journal.left_by_unfinished_run(), settings_.owner_tag);
        cleaner_ = &cleaner;
        cleaner.before_writing(settings_.manifest);
        if (options_.resume) previous_ = previous_records(settings_.manifest, journal, settings_.warnings);
        const std::size_t total = reader->total() ? batch::records_in_shard(*reader->total(), options_) : 0;
        Collector collector(manifest, journal, output_failure_, options_, start, total);
        JobQueue queue(2 * settings_.workers);

        std::vector<std::thread> workers = start_workers(queue, collector);
        std::optional<Error> read_error;
        try {
            read_all(*reader, queue, collector);
        } catch (const Failure& failure) {
            read_error = failure.error();
        } catch (const std::exception& e) {
            read_error = internal_error(e); // whatever happens, the workers are stopped and joined below
        }
        queue.close();
        for (std::thread& worker : workers) worker.join();
        return summarise(manifest, journal, collector, read_error, start);
    }

private:
    engine::OutputOptions output_options() const { return {.make_folders = true, .owner_tag = settings_.owner_tag}; }

    std::vector<std::thread> start_workers(JobQueue& queue, Collector& collector) {
        std::vector<std::thread> workers;
        for (unsigned i = 0; i < settings_.workers; ++i) {
            try {
                workers.emplace_back([&] { work(queue, collector); });
            } catch (const std::system_error& e) {
                // The system has no more threads to give: go on with those there are.
                if (workers.empty())
                    throw Failure(ErrorKind::limit, msg("batch.no-thread", "cannot start a rendering thread: {reason}",
                                                        {{"reason", Message::verbatim(e.what())}}));
                if (options_.on_warning)
                    options_.on_warning(msg("batch.fewer-threads", "{count} rendering threads: the system gives no more",
                                            {{"count", workers.size()}}));
                break;
            }
        }
        return workers;
    }

    BatchSummary summarise(batch::ManifestWriter& manifest, batch::Journal& journal, const Collector& collector,
                           const std::optional<Error>& read_error, Clock::time_point start) {
        BatchSummary summary;
        summary.ok = true;
        summary.counts = collector.counts();
        summary.counts.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
        summary.cancelled = cancelled_ && !read_error;
        if (std::optional<Error> stopped = output_failure_.as_batch_error()) {
            summary.ok = false;
            summary.error = *stopped;
        } else if (read_error) {
            summary.ok = false;
            summary.error = *read_error;
        }
        summary.warnings = settings_.warnings;
        if (output_failure_.happened()) return summary; // the journal keeps what was done, for --resume
        try {
            // null: records from a pipe, stopped before its end, have no known total.
            const nlohmann::ordered_json records =
                summary.counts.total || !summary.cancelled ? nlohmann::ordered_json(summary.counts.total) : nullptr;
            nlohmann::ordered_json about_run{{"records", records},
                                             {"written", summary.counts.written},
                                             {"skipped", summary.counts.skipped},
                                             {"failed", summary.counts.failed},
                                             {"complete", summary.ok && !summary.cancelled},
                                             {"seconds", summary.counts.elapsed_seconds}};
            // Every shard reads the whole records file: merging shards checks they read the same.
            if (records_sha256_) about_run["records_sha256"] = *records_sha256_;
            manifest.finish(about_run);
        } catch (const Failure& failure) {
            output_failure_.note(failure.error());
            summary.ok = false;
            summary.error = *output_failure_.as_batch_error();
            return summary;
        }
        journal.remove(); // the manifest holds all it said
        summary.manifest = manifest.path();
        return summary;
    }

    // The reader's side: every record of this shard, prepared and queued in order.
    void read_all(batch::RecordReader& reader, JobQueue& queue, Collector& collector) {
        std::size_t sequence = 0, seen = 0;
        batch::Record record;
        while (!cancelled_ && !output_failure_.happened() && reader.next(record)) {
            ++seen;
            if ((record.number - 1) % options_.shard_count != options_.shard_index - 1) continue;
            Job job;
            job.sequence = sequence++;
            job.report.record = record.number;
            if (prepare(record, job)) queue.push(std::move(job));
            else collector.finish(job.sequence, std::move(job.report), std::move(job.input_sha256));
        }
        if (!reader.total() && !cancelled_ && !output_failure_.happened())
            collector.set_total(batch::records_in_shard(seen, options_));
        records_sha256_ = reader.sha256(); // when read to the end
    }

    // Name and key one record. False when it fails here (the report says why).
    bool prepare(batch::Record& record, Job& job) {
        RecordReport& report = job.report;
        report.warnings = std::move(record.warnings);
        if (record.error) return fail(report, std::move(*record.error));
        try {
            // The record with what it is merged over (settings_.inputs) is the whole input.
            job.input_sha256 = batch::Sha256().add(settings_.inputs).add(record.data.dump()).hex();
            // Named from the fields the pattern and the keys read; merged whole when rendered.
            const nlohmann::json naming = batch::merge_record_fields(settings_.shared, record.data, settings_.naming_roots);
            report.keys = batch::key_values(naming, settings_.key_fields);
            const std::string path = settings_.pattern->evaluate(naming, record.number);
            if (!claim_outputs(path, report)) return false;
            job.record = std::move(record.data);
            return true;
        } catch (const Failure& failure) {
            return fail(report, failure.error());
        }
    }

    // Takes the record's output paths, unless they cannot be names or an earlier record has
    // them. A record's files differ only by extension, so the path without it names them all.
    bool claim_outputs(const std::string& path, RecordReport& report) {
        const bool several = settings_.formats.size() > 1;
        for (Format format : settings_.formats)
            report.outputs.push_back(OutputReport{format, batch::path_for_format(path, format, several), 0, {}});
        for (const OutputReport& output : report.outputs)
            if (std::optional<Message> problem = name_problem(output.path)) return fail(report, data_error(std::move(*problem)));
        const std::string& first = report.outputs.front().path;
        const std::string name = several ? first.substr(0, first.rfind('.')) : first;
        if (const std::size_t owner = claimed_.claim(name, report.record))
            return fail(report, data_error(msg("batch.output-taken", "the output {file} is already record {owner}'s",
                                               {{"file", first}, {"owner", owner}})));
        return true;
    }

    // Why an output path cannot be used, checked before anything is written: the manifest's
    // own name, a file name with nothing before its extension, a name too long in bytes.
    std::optional<Message> name_problem(const std::string& path) const {
        if (fs::path(path).lexically_normal() == settings_.manifest.lexically_normal())
            return msg("batch.output-is-manifest", "the output {file} is the manifest", {{"file", path}});
        const std::string file_name = fs::path(path).filename().string();
        if (format_for_path(file_name) && file_name.find('.') == 0)
            return msg("batch.output-name-empty", "output name \"{file}\": the file name is empty before its extension (an empty field?)",
                       {{"file", path}});
        for (const fs::path& part : fs::path(path))
            if (part.string().size() > kMaxNameBytes)
                return msg("batch.output-name-too-long",
                           "output name \"{file}\": the name \"{name}\" is {bytes} bytes long; file systems take at most {limit}",
                           {{"file", path}, {"name", part.string()}, {"bytes", part.string().size()}, {"limit", kMaxNameBytes}});
        return std::nullopt;
    }

    static Error data_error(Message message) { return Failure(ErrorKind::data, std::move(message)).error(); }

    static bool fail(RecordReport& report, Error error) {
        report.status = RecordStatus::failed;
        report.error = std::move(error);
        report.error.record = static_cast<std::int64_t>(report.record);
        return false;
    }

    // A worker's side: render, write, report, until the queue is closed and empty. After an
    // output failure the records still queued are passed over: they would fail the same way.
    void work(JobQueue& queue, Collector& collector) {
        Job job;
        while (queue.pop(job)) {
            if (output_failure_.happened()) {
                collector.pass_over(job.sequence);
                continue;
            }
            try {
                if (!skip_unchanged(job.report, job.input_sha256)) render(job);
            } catch (const Failure& failure) {
                fail(job.report, failure.error());
                if (failure.error().kind == ErrorKind::output) output_failure_.note(job.report.error);
            } catch (const std::bad_alloc&) {
                fail(job.report, Failure(ErrorKind::limit, msg("limit.out-of-memory", "out of memory")).error());
            } catch (const std::exception& e) {
                fail(job.report, internal_error(e));
            }
            collector.finish(job.sequence, std::move(job.report), std::move(job.input_sha256));
        }
    }

    // --resume: the outputs an earlier run wrote are still there, whole (their size, then
    // their SHA-256, as it recorded them), and were made from the same inputs.
    bool skip_unchanged(RecordReport& report, const std::string& input_sha256) const {
        if (!options_.resume) return false;
        auto previous = previous_.find(report.record);
        if (previous == previous_.end() || previous->second.input_sha256 != input_sha256) return false;
        if (previous->second.outputs.size() != report.outputs.size()) return false;
        std::vector<OutputReport> found = report.outputs;
        for (std::size_t i = 0; i < found.size(); ++i) {
            const OutputReport& before = previous->second.outputs[i];
            if (before.path != found[i].path || before.format != found[i].format) return false;
            std::error_code ec;
            if (fs::file_size(found[i].path, ec) != before.size || ec) return false;
            std::optional<batch::FileDigest> digest = batch::sha256_of_file(found[i].path);
            if (!digest || digest->sha256 != before.sha256 || digest->size != before.size) return false;
            found[i].size = digest->size;
            found[i].sha256 = digest->sha256;
        }
        report.outputs = std::move(found);
        report.status = RecordStatus::skipped;
        return true;
    }

    void render(Job& job) {
        RenderOptions render_options = options_.render;
        render_options.data_name = "record " + std::to_string(job.report.record);
        // The record was decoded when it was read (and its warnings told then): the merged
        // data is UTF-8, checked again only as a whole document (size, values, nesting).
        render_options.input_encoding = InputEncoding::utf8;
        batch::DataSlots::Taken slot(data_slots_);
        nlohmann::json merged = batch::merge_record(settings_.shared, job.record);
        job.record = nullptr;
        for (const std::string& field : options_.strip_fields) batch::remove_field(merged, field);
        // Taken over, so freed before the documents exist.
        ModelResult model = engine::build_model_parsed(engine_, options_.template_name, std::move(merged), render_options);
        slot.release();
        // Each thread allocates from an arena of its own, which keeps what was freed: without
        // giving a large merged record's memory back, every worker would keep one copy.
        if (settings_.data_slots < settings_.workers) malloc_trim(0);
        if (!model) throw Failure(std::move(model.error));
        std::vector<engine::FileToWrite> files;
        for (OutputReport& output : job.report.outputs) {
            RenderResult document = engine_.write(model.document, output.format);
            if (!document) throw Failure(std::move(document.error));
            for (Warning& warning : document.warnings) job.report.warnings.push_back(std::move(warning));
            output.size = document.bytes.size();
            output.sha256 = batch::sha256_hex(document.bytes);
            files.push_back({output.path, std::move(document.bytes)});
        }
        for (const engine::FileToWrite& file : files) cleaner_->before_writing(file.path);
        engine::write_files_atomically(files, output_options());
        job.report.status = RecordStatus::written;
    }

    const Engine& engine_;
    const BatchOptions& options_;
    batch::RunSettings& settings_;
    const std::atomic<bool>& cancelled_;
    std::map<std::size_t, batch::PreviousRecord> previous_; // --resume
    std::optional<std::string> records_sha256_;             // the records file's, once read to its end
    OutputFailure output_failure_;
    LeftoverCleaner* cleaner_ = nullptr;
    batch::ClaimedNames claimed_; // reader thread only
    batch::DataSlots data_slots_{settings_.data_slots};
};

} // namespace

// ------------------------------------------------------------------- BatchJob

BatchJob::BatchJob(const Engine& engine, BatchOptions options) : engine_(engine), options_(std::move(options)) {}
BatchJob::~BatchJob() = default;

void BatchJob::cancel() { cancelled_ = true; }

BatchSummary BatchJob::run() {
    BatchSummary summary;
    try {
        batch::RunSettings settings = batch::make_settings(engine_, options_);
        if (options_.on_warning)
            for (const Message& warning : settings.warnings) options_.on_warning(warning);
        const std::size_t told = settings.warnings.size();
        summary = Run(engine_, options_, settings, cancelled_).execute();
        // Warnings found while the run started (--resume's) are told now.
        if (options_.on_warning)
            for (std::size_t i = told; i < summary.warnings.size(); ++i) options_.on_warning(summary.warnings[i]);
    } catch (const Failure& failure) {
        summary.ok = false;
        summary.error = failure.error();
    } catch (const std::bad_alloc&) {
        summary.ok = false;
        summary.error = Failure(ErrorKind::limit, msg("limit.out-of-memory", "out of memory")).error();
    } catch (const std::exception& e) {
        summary.ok = false;
        summary.error = internal_error(e);
    }
    return summary;
}

} // namespace vanban
