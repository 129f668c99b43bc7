// A batch run: one thread reads the records and prepares each (merge, output name, keys),
// `workers` threads render them with the one shared engine and write their files, and a
// collector puts the results back in record order for the manifest and the callbacks.
//
//   reader ──> bounded queue ──> workers ──> collector (record order) ──> manifest, callbacks
//
// The queue is bounded, so a batch holds only the records in flight: memory does not grow
// with the number of records.
#include "vanban/batch.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <malloc.h>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/claimed_names.hpp"
#include "batch/fields.hpp"
#include "batch/fingerprint.hpp"
#include "batch/manifest.hpp"
#include "batch/output_name.hpp"
#include "batch/records.hpp"
#include "batch/sha256.hpp"
#include "engine/data_file.hpp"
#include "engine/data_reader.hpp"
#include "engine/output_files.hpp"

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

std::string RecordReport::name() const {
    std::string text = "record " + std::to_string(record);
    if (keys.empty()) return text;
    text += " (";
    for (std::size_t i = 0; i < keys.size(); ++i) text += (i ? ", " : "") + keys[i].first + "=" + keys[i].second;
    return text + ")";
}

std::string RecordReport::problem() const {
    if (status != RecordStatus::failed) return status_name(status);
    std::string text;
    // The place only when it says more than "this record": a template or a line of the file.
    if (!error.where.file.empty() && error.where.known()) {
        text += error.where.file + ":" + std::to_string(error.where.line);
        if (error.where.column) text += ":" + std::to_string(error.where.column);
        text += ": ";
    }
    text += error.message.text();
    if (!error.json_path.empty() && error.message.text().find(error.json_path) == std::string::npos)
        text += " (data: " + error.json_path + ")";
    return text;
}

std::string RecordReport::describe() const { return name() + ": " + problem(); }

int BatchSummary::exit_code() const {
    if (!ok) return vanban::exit_code(error.kind);
    if (cancelled) return 130; // as a shell reports a command stopped by Ctrl-C
    return counts.failed > 0 ? kExitSomeRecordsFailed : 0;
}

namespace {

using batch::OutputPattern;
using Clock = std::chrono::steady_clock;

// ------------------------------------------------------------------- the pieces of a run

// One record on its way from the reader to the collector.
struct Job {
    std::size_t sequence = 0;  // its place among the records of this run
    RecordReport report;       // number, keys, and the output paths (sizes come later)
    nlohmann::json record;     // the record's own fields, merged over the shared data when rendered
    std::string input_sha256;  // of the record and everything else the output depends on
};

// A queue of jobs that makes the reader wait when the workers are behind.
class JobQueue {
public:
    explicit JobQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(Job job) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return jobs_.size() < capacity_; });
        jobs_.push_back(std::move(job));
        not_empty_.notify_one();
    }

    // False when the queue is closed and empty: the worker is done.
    bool pop(Job& job) {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !jobs_.empty() || closed_; });
        if (jobs_.empty()) return false;
        job = std::move(jobs_.front());
        jobs_.pop_front();
        not_full_.notify_one();
        return true;
    }

    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_full_, not_empty_;
    std::deque<Job> jobs_;
    std::size_t capacity_;
    bool closed_ = false;
};

// Lets at most `count` workers hold a merged record at once: each is a copy of the shared
// data, and shared data near its limits takes a hundred megabytes or more in memory.
class DataSlots {
public:
    explicit DataSlots(std::size_t count) : free_(count) {}

    class Taken {
    public:
        explicit Taken(DataSlots& slots) : slots_(&slots) {
            std::unique_lock lock(slots_->mutex_);
            slots_->freed_.wait(lock, [&] { return slots_->free_ > 0; });
            --slots_->free_;
        }
        ~Taken() { release(); }
        Taken(const Taken&) = delete;
        Taken& operator=(const Taken&) = delete;
        void release() {
            if (!slots_) return;
            {
                std::lock_guard lock(slots_->mutex_);
                ++slots_->free_;
            }
            slots_->freed_.notify_one();
            slots_ = nullptr;
        }

    private:
        DataSlots* slots_;
    };

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    std::size_t free_;
};

// Merged records in memory at once take at most this, whatever -j says (but one is always
// allowed): a batch over shared data near the data limits stays within a pod's memory.
constexpr std::size_t kMergedDataBudget = 192u << 20;

// Takes finished records in any order and hands them on in record order.
class Collector {
public:
    Collector(batch::ManifestWriter& manifest, const BatchOptions& options, Clock::time_point start,
              std::size_t total)
        : manifest_(manifest), options_(options), start_(start) {
        counts_.total = total;
    }

    void finish(std::size_t sequence, RecordReport report, std::string input_sha256) {
        std::lock_guard lock(mutex_);
        waiting_.emplace(sequence, Finished{std::move(report), std::move(input_sha256)});
        for (auto next = waiting_.find(next_); next != waiting_.end(); next = waiting_.find(next_)) {
            hand_on(next->second);
            waiting_.erase(next);
            ++next_;
        }
    }

    // The total may be learned while reading (standard input).
    void set_total(std::size_t total) {
        std::lock_guard lock(mutex_);
        counts_.total = total;
    }

    BatchProgress counts() const {
        std::lock_guard lock(mutex_);
        return counts_;
    }

    // The first manifest write that failed; the batch stops taking records after it.
    std::optional<Error> manifest_error() const {
        std::lock_guard lock(mutex_);
        return manifest_error_;
    }

private:
    struct Finished {
        RecordReport report;
        std::string input_sha256;
    };

    void hand_on(const Finished& finished) {
        const RecordReport& report = finished.report;
        if (!manifest_error_) {
            try {
                manifest_.add(report, finished.input_sha256);
            } catch (const Failure& failure) {
                manifest_error_ = failure.error();
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
    const BatchOptions& options_;
    Clock::time_point start_;
    std::map<std::size_t, Finished> waiting_;
    std::size_t next_ = 0;
    BatchProgress counts_;
    std::optional<Error> manifest_error_;
};

// ------------------------------------------------------------------- settings

// What a run works with, worked out once before the first record.
struct Plan {
    std::vector<Format> formats;
    std::optional<OutputPattern> pattern;
    nlohmann::json shared;
    std::vector<std::string> key_fields;
    std::vector<std::string> naming_roots; // top-level keys the output pattern and the keys read
    std::size_t data_slots = 1;            // workers that may hold a merged record at once
    fs::path manifest;
    std::string fingerprint;   // the template files and options (batch/fingerprint.hpp)
    std::string inputs;        // digest of fingerprint, shared data and --strip: all but the record
    std::map<std::size_t, batch::PreviousRecord> previous; // --resume
    std::vector<std::string> warnings;
    unsigned workers = 1;
};

[[noreturn]] void usage(const std::string& message) { throw Failure(ErrorKind::usage, message); }

void check_options(const BatchOptions& options) {
    if (options.template_name.empty()) usage("no template given");
    if (options.records.empty()) usage("no records file given");
    if (options.shard_count == 0 || options.shard_index == 0 || options.shard_index > options.shard_count)
        usage("shard " + std::to_string(options.shard_index) + "/" + std::to_string(options.shard_count) +
              " does not exist: shards are numbered 1/N to N/N (with a 0-based index such as "
              "JOB_COMPLETION_INDEX, give $((JOB_COMPLETION_INDEX + 1))/N)");
    const auto check_paths = [](const std::vector<std::string>& fields, const char* option) {
        for (const std::string& field : fields)
            if (!batch::is_field_path(field))
                usage(std::string(option) + " '" + field + "' is not a field path (names joined by dots, a list item as "
                                                           "name[0], any other key as name[\"a-b\"])");
    };
    check_paths(options.key_fields, "--key");
    check_paths(options.strip_fields, "--strip");
}

std::vector<Format> output_formats(const BatchOptions& options, const OutputPattern& pattern) {
    std::vector<Format> formats;
    for (Format format : options.formats)
        if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
    if (!formats.empty()) return formats;
    if (std::optional<Format> format = pattern.format_from_extension()) return {*format};
    usage("cannot tell the format from the output pattern \"" + options.output_pattern +
          "\": end it with .pdf, .docx or .json, or give the formats");
}

// The shared data, through the engine's one way in: the same encodings, limits and warnings
// as the data of `vanban render`.
std::string shared_data_name(const BatchOptions& options) {
    if (options.shared_data.empty()) return "shared data";
    return options.shared_data == "-" ? "<stdin>" : options.shared_data.string();
}

nlohmann::json read_shared_data(const Engine& engine, const BatchOptions& options, std::vector<Warning>& warnings) {
    const engine::DataLimits limits = engine::data_limits(engine.options());
    const std::string name = shared_data_name(options);
    std::string text = options.shared_json.empty() ? "{}" : options.shared_json;
    if (!options.shared_data.empty()) text = engine::read_data_file(options.shared_data.string(), limits.max_data_bytes);
    nlohmann::json shared = engine::read_data(text, {name, options.render.input_encoding}, limits, &warnings);
    if (!shared.is_object()) {
        Error error;
        error.kind = ErrorKind::data;
        error.where.file = name;
        error.message = "the shared data must be a JSON object (the fields every record starts from)";
        throw Failure(std::move(error));
    }
    return shared;
}

// "warning: shared.json: header.issuer: looks like TCVN3 text shown as Latin-1; …"
std::string warning_text(const std::string& about, const Warning& warning) {
    return about + ": " + (warning.json_path.empty() ? "" : warning.json_path + ": ") + warning.message;
}

fs::path manifest_path(const BatchOptions& options, const OutputPattern& pattern) {
    if (!options.manifest.empty()) return options.manifest;
    const std::string name = options.shard_count == 1 ? std::string("manifest.json")
                                                      : "manifest-" + std::to_string(options.shard_index) + "-of-" +
                                                            std::to_string(options.shard_count) + ".json";
    return pattern.base_folder() / name;
}

Plan make_plan(const Engine& engine, const BatchOptions& options) {
    check_options(options);
    Plan plan;
    if (std::optional<Error> problem = engine.check_template(options.template_name)) throw Failure(*problem);
    plan.pattern.emplace(options.output_pattern);
    plan.formats = output_formats(options, *plan.pattern);
    std::vector<Warning> shared_warnings;
    plan.shared = read_shared_data(engine, options, shared_warnings);
    for (const Warning& warning : shared_warnings)
        plan.warnings.push_back(warning_text(shared_data_name(options), warning));
    plan.key_fields = options.key_fields.empty() ? plan.pattern->fields() : options.key_fields;
    plan.manifest = manifest_path(options, *plan.pattern);
    plan.fingerprint = batch::inputs_fingerprint(engine.options(), options.template_name, options.render);
    batch::Sha256 inputs;
    inputs.add(plan.fingerprint).add("\n").add(plan.shared.dump()).add("\n");
    for (const std::string& field : options.strip_fields) inputs.add("strip ").add(field).add("\n");
    plan.inputs = inputs.hex();
    plan.workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
    for (const std::vector<std::string>* paths : {&plan.pattern->fields(), &std::as_const(plan.key_fields)})
        for (const std::string& path : *paths)
            if (std::string root = batch::root_of(path);
                !root.empty() && std::find(plan.naming_roots.begin(), plan.naming_roots.end(), root) == plan.naming_roots.end())
                plan.naming_roots.push_back(std::move(root));
    plan.data_slots = std::clamp<std::size_t>(kMergedDataBudget / batch::memory_estimate(plan.shared), 1, plan.workers);
    if (options.resume) {
        try {
            plan.previous = batch::read_previous_manifest(plan.manifest);
            if (plan.previous.empty())
                plan.warnings.push_back("--resume: no finished record in " + plan.manifest.string() +
                                        ": every record is rendered");
        } catch (const Failure& failure) {
            plan.warnings.push_back("--resume: " + failure.error().message.text() + ": every record is rendered");
        }
    }
    return plan;
}

nlohmann::ordered_json manifest_about(const BatchOptions& options, const Plan& plan) {
    nlohmann::ordered_json formats = nlohmann::ordered_json::array();
    for (Format format : plan.formats) formats.push_back(format_name(format));
    return {
        {"vanban_manifest", batch::kManifestVersion},
        {"vanban_version", VANBAN_VERSION},
        {"template", options.template_name},
        {"profile", options.render.profile},
        {"records_file", options.records.string()},
        {"output_pattern", options.output_pattern},
        {"formats", formats},
        {"shard", {{"index", options.shard_index}, {"count", options.shard_count}}},
        {"inputs_fingerprint", plan.fingerprint},
    };
}

std::size_t records_in_shard(std::size_t total, const BatchOptions& options) {
    if (total < options.shard_index) return 0;
    return (total - options.shard_index) / options.shard_count + 1;
}

// ------------------------------------------------------------------- one run

class Run {
public:
    Run(const Engine& engine, const BatchOptions& options, Plan& plan, const std::atomic<bool>& cancelled)
        : engine_(engine), options_(options), plan_(plan), cancelled_(cancelled) {}

    BatchSummary execute() {
        BatchSummary summary;
        summary.ok = true;
        const auto start = Clock::now();
        const batch::RecordSettings settings{options_.render.input_encoding, engine::data_limits(engine_.options())};
        std::unique_ptr<batch::RecordReader> reader =
            batch::open_records(options_.records, options_.records_format, settings);
        batch::ManifestWriter manifest(plan_.manifest, manifest_about(options_, plan_));
        const std::size_t total = reader->total() ? records_in_shard(*reader->total(), options_) : 0;
        Collector collector(manifest, options_, start, total);
        JobQueue queue(2 * plan_.workers);

        std::vector<std::thread> workers;
        for (unsigned i = 0; i < plan_.workers; ++i)
            workers.emplace_back([&] { work(queue, collector); });

        std::optional<Error> read_error;
        try {
            read_all(*reader, queue, collector);
        } catch (const Failure& failure) {
            read_error = failure.error();
        } catch (const std::exception& e) {
            // Whatever happens, the workers must be stopped and joined below.
            read_error = Failure(ErrorKind::internal, std::string("internal error: ") + e.what()).error();
        }
        queue.close();
        for (std::thread& worker : workers) worker.join();

        summary.counts = collector.counts();
        summary.counts.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
        summary.cancelled = cancelled_ && !read_error;
        if (read_error || collector.manifest_error()) {
            summary.ok = false;
            summary.error = read_error ? *read_error : *collector.manifest_error();
        }
        if (collector.manifest_error()) return summary;
        manifest.finish(nlohmann::ordered_json{{"records", summary.counts.total},
                         {"written", summary.counts.written},
                         {"skipped", summary.counts.skipped},
                         {"failed", summary.counts.failed},
                         {"complete", summary.ok && !summary.cancelled},
                         {"seconds", summary.counts.elapsed_seconds}});
        summary.manifest = manifest.path();
        return summary;
    }

private:
    // The reader's side: every record of this shard, prepared and queued in order.
    void read_all(batch::RecordReader& reader, JobQueue& queue, Collector& collector) {
        std::size_t sequence = 0, seen = 0;
        batch::Record record;
        while (!cancelled_ && !stop_for_manifest(collector) && reader.next(record)) {
            ++seen;
            if ((record.number - 1) % options_.shard_count != options_.shard_index - 1) continue;
            Job job;
            job.sequence = sequence++;
            job.report.record = record.number;
            if (prepare(record, job)) queue.push(std::move(job));
            else collector.finish(job.sequence, std::move(job.report), std::move(job.input_sha256));
        }
        if (!reader.total() && !cancelled_) collector.set_total(records_in_shard(seen, options_));
    }

    bool stop_for_manifest(const Collector& collector) const { return collector.manifest_error().has_value(); }

    // Merge, name and key one record. False when it fails here (the report says why).
    bool prepare(batch::Record& record, Job& job) {
        RecordReport& report = job.report;
        report.warnings = std::move(record.warnings);
        if (record.error) return fail(report, std::move(*record.error));
        try {
            // The record with what it is merged over (plan_.inputs) is the whole input.
            job.input_sha256 = batch::Sha256().add(plan_.inputs).add(record.data.dump()).hex();
            // Named from the fields the pattern and the keys read; merged whole when rendered.
            const nlohmann::json naming = batch::merge_record_fields(plan_.shared, record.data, plan_.naming_roots);
            report.keys = batch::key_values(naming, plan_.key_fields);
            const std::string path = plan_.pattern->evaluate(naming, record.number);
            if (!claim_outputs(path, report)) return false;
            job.record = std::move(record.data);
            return true;
        } catch (const Failure& failure) {
            return fail(report, failure.error());
        }
    }

    // Takes the record's output paths, unless an earlier record has them. A record's files
    // differ only by extension, so the path without it names them all.
    bool claim_outputs(const std::string& path, RecordReport& report) {
        const bool several = plan_.formats.size() > 1;
        for (Format format : plan_.formats)
            report.outputs.push_back(OutputReport{format, batch::path_for_format(path, format, several), 0, {}});
        for (const OutputReport& output : report.outputs)
            if (fs::path(output.path).lexically_normal() == plan_.manifest.lexically_normal())
                return fail(report, Failure(ErrorKind::output, "the output " + output.path + " is the manifest").error());
        const std::string& first = report.outputs.front().path;
        const std::string name = several ? first.substr(0, first.rfind('.')) : first;
        if (const std::size_t owner = claimed_.claim(name, report.record))
            return fail(report, Failure(ErrorKind::output, "the output " + first + " is already record " +
                                                               std::to_string(owner) + "'s")
                                    .error());
        return true;
    }

    static bool fail(RecordReport& report, Error error) {
        report.status = RecordStatus::failed;
        report.error = std::move(error);
        report.error.record = static_cast<std::int64_t>(report.record);
        return false;
    }

    // A worker's side: render, write, report, until the queue is closed and empty.
    void work(JobQueue& queue, Collector& collector) {
        Job job;
        while (queue.pop(job)) {
            try {
                if (!skip_unchanged(job.report, job.input_sha256)) render(job);
            } catch (const Failure& failure) {
                fail(job.report, failure.error());
            } catch (const std::exception& e) {
                fail(job.report, Failure(ErrorKind::internal, std::string("internal error: ") + e.what()).error());
            }
            collector.finish(job.sequence, std::move(job.report), std::move(job.input_sha256));
        }
    }

    // --resume: the outputs the last run wrote are still there, byte for byte, and were
    // made from the same inputs.
    bool skip_unchanged(RecordReport& report, const std::string& input_sha256) const {
        if (!options_.resume) return false;
        auto previous = plan_.previous.find(report.record);
        if (previous == plan_.previous.end() || previous->second.input_sha256 != input_sha256) return false;
        if (previous->second.outputs.size() != report.outputs.size()) return false;
        std::vector<OutputReport> found = report.outputs;
        for (std::size_t i = 0; i < found.size(); ++i) {
            const OutputReport& before = previous->second.outputs[i];
            if (before.path != found[i].path || before.format != found[i].format) return false;
            std::optional<batch::FileDigest> digest = batch::sha256_of_file(found[i].path);
            if (!digest || digest->sha256 != before.sha256) return false;
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
        DataSlots::Taken slot(data_slots_);
        nlohmann::json merged = batch::merge_record(plan_.shared, job.record);
        job.record = nullptr;
        for (const std::string& field : options_.strip_fields) batch::remove_field(merged, field);
        // Taken over, so freed before the documents exist.
        ModelResult model = engine_.build_model_parsed(options_.template_name, std::move(merged), render_options);
        slot.release();
        // Each thread allocates from an arena of its own, which keeps what was freed: without
        // giving a large merged record's memory back, every worker would keep one copy.
        if (plan_.data_slots < plan_.workers) malloc_trim(0);
        if (!model) throw Failure(std::move(model.error));
        std::vector<engine::FileToWrite> files;
        for (OutputReport& output : job.report.outputs) {
            RenderResult document = engine_.write(model.document, output.format);
            if (!document) throw Failure(std::move(document.error));
            output.size = document.bytes.size();
            output.sha256 = batch::sha256_hex(document.bytes);
            files.push_back({output.path, std::move(document.bytes)});
        }
        engine::write_files_atomically(files, engine::OutputOptions{.make_folders = true});
        job.report.status = RecordStatus::written;
    }

    const Engine& engine_;
    const BatchOptions& options_;
    Plan& plan_;
    const std::atomic<bool>& cancelled_;
    batch::ClaimedNames claimed_; // reader thread only
    DataSlots data_slots_{plan_.data_slots};
};

} // namespace

// ------------------------------------------------------------------- BatchJob

BatchJob::BatchJob(const Engine& engine, BatchOptions options) : engine_(engine), options_(std::move(options)) {}
BatchJob::~BatchJob() = default;

void BatchJob::cancel() { cancelled_ = true; }

BatchSummary BatchJob::run() {
    BatchSummary summary;
    try {
        Plan plan = make_plan(engine_, options_);
        if (options_.on_warning)
            for (const std::string& warning : plan.warnings) options_.on_warning(warning);
        summary = Run(engine_, options_, plan, cancelled_).execute();
        summary.warnings = std::move(plan.warnings);
    } catch (const Failure& failure) {
        summary.ok = false;
        summary.error = failure.error();
    } catch (const std::bad_alloc&) {
        summary.ok = false;
        summary.error = Failure(ErrorKind::limit, "out of memory").error();
    } catch (const std::exception& e) {
        summary.ok = false;
        summary.error = Failure(ErrorKind::internal, std::string("internal error: ") + e.what()).error();
    }
    return summary;
}

} // namespace vanban
