// vanban batch: one template, shared data and a list of records, one document per record.
// The work is vanban::BatchJob's (include/vanban/batch.hpp); this file reads the command
// line, shows progress, and stops cleanly on Ctrl-C.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <set>
#include <sstream>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

#include "cli_support.hpp"
#include "commands.hpp"
#include "language.hpp"
#include "vanban/batch.hpp"

namespace vanban::cli {

namespace {

Message batch_footer() {
    return msg("cli.batch.footer",
               "\nExamples:\n"
               "  vanban batch ke-hoach data/000-quang-nam-ke-hoach-28.json branches.csv \\\n"
               "      -o 'out/{{ branch.code }}-ke-hoach.pdf' -f pdf,docx --strip branch\n"
               "  vanban batch ke-hoach shared.json branches.jsonl -o 'out/{{ header.number }}.pdf' -j 4\n"
               "  vanban batch ke-hoach shared.json branches.jsonl -o 'out/{{ vanban.record }}.pdf' --shard 2/8\n"
               "  vanban batch ke-hoach shared.json branches.jsonl -o 'out/{{ vanban.record }}.pdf' --resume\n"
               "\nRecords: a JSON array, JSON Lines (.jsonl) or CSV with a header row (\"branch.code\" makes\n"
               "{\"branch\": {\"code\": …}}); each is merged over the shared data (objects field by field,\n"
               "lists and values replaced, null removes). The manifest lists every record with its\n"
               "outputs, sizes, sha256 and error.\n"
               "\nA journal beside the manifest keeps every finished record: a batch killed at any moment\n"
               "loses only the records in flight, and --resume renders those and nothing it had finished.\n"
               "\nExit codes: 0 every record written; 10 some records failed (bad data; the others were\n"
               "written); 8 an output could not be written (a full disk, a folder that cannot be written):\n"
               "the batch stops there, what was written is kept, --resume goes on; 2 usage; 3 template\n"
               "syntax; 5 data (shared data, records file); 7 missing template; 9 a limit passed; 130\n"
               "stopped by Ctrl-C. See docs/batch.md and docs/errors.md.\n");
}

struct BatchArgs {
    CommonOptions common;
    std::string template_name;
    std::string shared_path;
    std::string records_path;
    std::string pattern;
    std::string formats;
    std::string records_format = "auto";
    std::string shard;
    std::string manifest;
    std::vector<std::string> keys;
    std::vector<std::string> strip;
    std::string input_encoding;
    bool draft = false;
    std::string appendix; // --appendix N: every record's appendix N alone
    unsigned jobs = 0;
    bool resume = false;
    bool quiet = false;
};

// "pdf", "docx", "model", "both" (pdf and docx), or a comma-separated list of them.
bool parse_formats(const std::string& text, std::vector<Format>& formats, Message& problem) {
    std::stringstream list(text);
    for (std::string name; std::getline(list, name, ',');) {
        Format format{};
        if (name == "both") {
            formats.push_back(Format::pdf);
            formats.push_back(Format::docx);
        } else if (parse_format(name, format)) {
            formats.push_back(format);
        } else {
            problem = msg("batch.unknown-format", "unknown format '{format}' (use pdf, docx, both, model, or a list: pdf,docx)",
                          {{"format", name}});
            return false;
        }
    }
    return true;
}

// "K/N" with 1 <= K <= N.
bool parse_shard(const std::string& text, unsigned& index, unsigned& count, Message& problem) {
    const auto slash = text.find('/');
    try {
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        std::size_t used = 0;
        const unsigned long k = std::stoul(text.substr(0, slash), &used);
        if (used != slash) throw std::invalid_argument("K");
        const std::string n_text = text.substr(slash + 1);
        const unsigned long n = std::stoul(n_text, &used);
        if (used != n_text.size() || n > 1'000'000 || k > n) throw std::invalid_argument("N");
        index = static_cast<unsigned>(k);
        count = static_cast<unsigned>(n);
    } catch (const std::exception&) {
        problem = msg("batch.bad-shard", "--shard takes K/N, the K-th of N slices, 1 <= K <= N (e.g. --shard 2/8), not '{shard}'",
                      {{"shard", text}});
        return false;
    }
    return true;
}

std::string clock_text(double seconds) {
    const auto total = static_cast<long>(seconds + 0.5);
    char text[32];
    if (total >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    else std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

// What the user sees while the batch runs: a bar redrawn in place on a terminal; a plain line
// every few seconds otherwise (a log file, CI); failures as they come, one line each.
// Public members lock: they are called from the batch's threads and the Ctrl-C thread.
class ProgressDisplay {
public:
    explicit ProgressDisplay(bool quiet)
        : quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1), last_(std::chrono::steady_clock::now()) {}

    void update(const BatchProgress& progress) {
        std::lock_guard lock(mutex_);
        if (quiet_) return;
        const auto now = std::chrono::steady_clock::now();
        const bool finished = progress.total > 0 && progress.done == progress.total;
        if (terminal_) {
            if (!finished && now - last_ < std::chrono::milliseconds(100)) return;
            std::cerr << "\r\x1b[K" << bar(progress) << std::flush;
            bar_shown_ = true;
        } else {
            // A line every 5 seconds, or at each tenth of the way (but not more than one a
            // second): a log gets a few lines per batch, not one per record.
            const std::size_t tenth = progress.total ? progress.done * 10 / progress.total : 0;
            const auto since = now - last_;
            if (since < std::chrono::seconds(5) && (tenth == last_tenth_ || since < std::chrono::seconds(1))) return;
            if (finished) return; // the summary says it
            last_tenth_ = tenth;
            std::cerr << "vanban batch: " << line(progress) << "\n";
        }
        last_ = now;
    }

    // A problem that is not the record's (a profile or font that cannot be read, a template
    // that fails on every record) would print the same line for each record: after a few,
    // the repeats are only counted, and the manifest still has every one.
    void record(const RecordReport& report) {
        std::lock_guard lock(mutex_);
        for (const Warning& warning : report.warnings) {
            clear_bar();
            std::cerr << format_warning(report.name(current_language()), warning.json_path, warning.message,
                                        current_language(), colour_for(stderr))
                      << "\n";
        }
        if (report.status != RecordStatus::failed) return;
        const std::string why = report.problem(current_language());
        if (why == last_why_ && ++repeats_ > kShownRepeats) {
            ++hidden_;
            return;
        }
        if (why != last_why_) {
            report_hidden();
            last_why_ = why;
            repeats_ = 1;
        }
        clear_bar();
        std::cerr << report.describe(current_language()) << "\n";
        // What to do about it, once for each kind of problem: a hint repeated under every
        // record would drown the records.
        if (!report.error.hint.empty() && hints_shown_.insert(report.error.hint.code()).second)
            std::cerr << tr(msg("format.hint", "hint")) << ": " << tr(report.error.hint) << "\n";
    }

    void message(const Message& text) { line_apart(tr(text)); }

    void warning(const Message& text) { line_apart(tr(msg("format.warning", "warning")) + ": " + tr(text)); }

    void finish(const BatchSummary& summary) {
        std::lock_guard lock(mutex_);
        report_hidden();
        clear_bar();
        if (quiet_ || !summary.ok) return;
        const BatchProgress& c = summary.counts;
        // The total is unknown when a batch reading a pipe was stopped before its end.
        Message said = c.total || !summary.cancelled
                           ? msg("batch.summary", "{written} written, {skipped} skipped (unchanged), {failed} failed, of {total} records in {time} ({rate})",
                                 {{"written", c.written}, {"skipped", c.skipped}, {"failed", c.failed}, {"total", c.total},
                                  {"time", clock_text(c.elapsed_seconds)}, {"rate", rate_text(c)}})
                           : msg("batch.summary-no-total", "{written} written, {skipped} skipped (unchanged), {failed} failed, in {time} ({rate})",
                                 {{"written", c.written}, {"skipped", c.skipped}, {"failed", c.failed},
                                  {"time", clock_text(c.elapsed_seconds)}, {"rate", rate_text(c)}});
        if (!summary.manifest.empty())
            said = msg("batch.summary-manifest", "{summary}; manifest {manifest}", {{"summary", said}, {"manifest", summary.manifest.string()}});
        if (summary.cancelled) said = msg("batch.summary-stopped", "stopped: {summary}", {{"summary", said}});
        std::cerr << tr(said) << "\n";
    }

private:
    static double rate(const BatchProgress& p) {
        return p.elapsed_seconds > 0 ? static_cast<double>(p.done) / p.elapsed_seconds : 0.0;
    }

    static Message rate_text(const BatchProgress& p) {
        char number[32];
        std::snprintf(number, sizeof number, "%.1f", rate(p));
        return msg("batch.rate", "{rate} records/s", {{"rate", number}});
    }

    // "5120/10000 records (51%), 371.2 records/s, 0:13 left, 0 failed"; without a total
    // (records from a pipe, until it ends): "1234 records, 371.2 records/s, 0 failed".
    static std::string line(const BatchProgress& p) {
        const Message failed = msg("batch.progress-failed", "{count} failed", {{"count", p.failed}});
        if (!p.total || rate(p) <= 0) {
            const Message done = p.total ? msg("batch.progress-of", "{done}/{total} records ({percent}%)",
                                               {{"done", p.done}, {"total", p.total}, {"percent", p.done * 100 / p.total}})
                                         : msg_n("batch.progress-count", "{count} record", "{count} records", p.done);
            return tr(msg("batch.progress-line", "{done}, {rate}, {failed}",
                          {{"done", done}, {"rate", rate_text(p)}, {"failed", failed}}));
        }
        const double left = static_cast<double>(p.total - p.done) / rate(p);
        return tr(msg("batch.progress-line-left", "{done}/{total} records ({percent}%), {rate}, {left} left, {failed}",
                      {{"done", p.done}, {"total", p.total}, {"percent", p.done * 100 / p.total}, {"rate", rate_text(p)},
                       {"left", clock_text(left)}, {"failed", failed}}));
    }

    static std::string bar(const BatchProgress& p) {
        if (!p.total) return line(p); // records from a pipe: no total to fill a bar towards
        constexpr int kWidth = 24;
        const int filled = p.total ? static_cast<int>(p.done * kWidth / p.total) : 0;
        std::string text = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                           std::string(static_cast<std::size_t>(kWidth - filled), '.') + "] " + line(p);
        // Never wider than the terminal: a wrapped line could not be redrawn in place.
        winsize size{};
        if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 && text.size() >= size.ws_col)
            text.resize(size.ws_col - 1);
        return text;
    }

    // A line of its own, the bar (if any) cleared first.
    void line_apart(const std::string& text) {
        std::lock_guard lock(mutex_);
        clear_bar();
        std::cerr << text << "\n";
    }

    void report_hidden() {
        if (!hidden_) return;
        clear_bar();
        std::cerr << tr(msg_n("batch.more-same-error", "… and {count} more record with the same error (all are in the manifest)",
                              "… and {count} more records with the same error (all are in the manifest)", hidden_))
                  << "\n";
        hidden_ = 0;
    }

    void clear_bar() {
        if (!bar_shown_) return;
        std::cerr << "\r\x1b[K" << std::flush;
        bar_shown_ = false;
    }

    std::mutex mutex_; // the batch's threads and the Ctrl-C thread both write here
    bool quiet_, terminal_;
    bool bar_shown_ = false;
    std::chrono::steady_clock::time_point last_;
    std::size_t last_tenth_ = 0;
    static constexpr std::size_t kShownRepeats = 3;
    std::string last_why_; // the last failure printed, without its record
    std::size_t repeats_ = 0, hidden_ = 0;
    std::set<std::string> hints_shown_; // codes of the hints printed
};

// Ctrl-C (or SIGTERM from a scheduler) asks the batch to stop taking records: the records in
// progress are finished and the manifest written. The signals are received by one thread
// with sigwait(), so no handler and no global flag are needed; a second Ctrl-C stops at once.
class StopOnSignal {
public:
    StopOnSignal(BatchJob& job, ProgressDisplay& display) {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        // Blocked before the batch's threads exist, so that they inherit the mask and only
        // the waiting thread receives the signals.
        pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
        waiter_ = std::thread([this, &job, &display] {
            for (int stops = 0;;) {
                int signal = 0;
                if (sigwait(&signals_, &signal) != 0 || done_) return;
                if (++stops > 1) std::_Exit(130);
                display.message(msg("batch.stopping", "stopping: finishing the records in progress (Ctrl-C again to quit at once)"));
                job.cancel();
            }
        });
    }

    ~StopOnSignal() {
        done_ = true;
        pthread_kill(waiter_.native_handle(), SIGTERM); // wakes sigwait; done_ makes it return
        waiter_.join();
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

private:
    sigset_t signals_{}, previous_{};
    std::atomic<bool> done_{false};
    std::thread waiter_;
};

// ------------------------------------------------------------------- merge-manifests

Message merge_footer() {
    return msg("cli.batch.merge.footer",
               "\nExample, once every shard of 'vanban batch … --shard K/8' has finished:\n"
               "  vanban batch merge-manifests out/manifest-*-of-8.json -o out/manifest.json\n"
               "\nThe merged manifest is the one a run without --shard would have written: the records in\n"
               "record order, the summary over all of them. It is written only when every shard 1..N is\n"
               "given once, finished, and of the same batch (template, options, records file, shared\n"
               "data), listing every record once; otherwise the message names the manifest at fault and\n"
               "nothing is written. Records of two shards that wrote the same output file are failed in it.\n"
               "\nExit codes: 0 every record written (or skipped); 10 some records failed (the merged\n"
               "manifest lists them); 5 a shard missing, given twice, unfinished or of another batch, or a\n"
               "file that is not a manifest; 8 the merged manifest could not be written; 2 usage.\n"
               "See docs/batch.md.\n");
}

struct MergeArgs {
    std::vector<std::string> manifests;
    std::string output;
    bool quiet = false;
    std::string language; // read by choose_language; declared so that CLI11 accepts it
};

int run_merge(const MergeArgs& args) {
    const std::vector<std::filesystem::path> manifests(args.manifests.begin(), args.manifests.end());
    const MergeSummary summary = merge_manifests(manifests, args.output);
    if (!summary.ok) return report(summary.error);
    // Each shard told its own failed records; what only the merge finds is told here.
    for (const RecordReport& clash : summary.clashes) std::cerr << clash.describe(current_language()) << "\n";
    if (!summary.clashes.empty())
        std::cerr << tr(msg("format.hint", "hint")) << ": " << tr(summary.clashes.front().error.hint) << "\n";
    if (!args.quiet) {
        const BatchProgress& c = summary.counts;
        std::cerr << tr(msg_n("batch.merge.summary",
                              "{count} shard merged: {written} written, {skipped} skipped (unchanged), {failed} failed, of {total} records; manifest {manifest}",
                              "{count} shards merged: {written} written, {skipped} skipped (unchanged), {failed} failed, of {total} records; manifest {manifest}",
                              summary.shards,
                              {{"written", c.written}, {"skipped", c.skipped}, {"failed", c.failed}, {"total", c.total},
                               {"manifest", summary.manifest.string()}}))
                  << "\n";
    }
    return summary.exit_code();
}

// `vanban batch merge-manifests`: a command of batch's own (main() does not require batch's
// own arguments when it is given).
CLI::App* add_merge_command(CLI::App& batch, MergeArgs& args) {
    CLI::App* merge = batch.add_subcommand(
        "merge-manifests", tr(msg("cli.batch.merge.about", "Merge the manifests of a batch's shards into the one manifest of the whole batch")));
    merge->group(tr(msg("cli.label.commands", "Commands")));
    merge->add_option("manifests", args.manifests,
                      tr(msg("cli.batch.merge.manifests", "The manifest of every shard (manifest-1-of-N.json … manifest-N-of-N.json), in any order")))
        ->required();
    merge->add_option("-o,--output", args.output,
                      tr(msg("cli.batch.merge.output", "The merged manifest (default: manifest.json beside the first manifest)")));
    merge->add_flag("-q,--quiet", args.quiet,
                    tr(msg("cli.batch.merge.quiet", "No summary line (records that two shards both wrote are still reported)")));
    merge->footer(tr(merge_footer()));
    // Not batch's options: `--manifest x.json` or `-j 4` here would be taken by batch and do
    // nothing. Only --lang is accepted after the command too (choose_language reads it).
    merge->add_option("--lang", args.language)->group("");
    merge->set_help_flag("-h,--help", tr(msg("cli.help", "Print this help and exit")));
    return merge;
}

int run_batch(const BatchArgs& args) {
    BatchOptions options;
    Message problem;
    if (!parse_formats(args.formats, options.formats, problem)) return report(ErrorKind::usage, problem);
    if (!parse_records_format(args.records_format, options.records_format))
        return report(ErrorKind::usage, msg("batch.unknown-records-format", "unknown records format '{format}' (use auto, json, jsonl or csv)",
                                            {{"format", args.records_format}}));
    if (!args.shard.empty() && !parse_shard(args.shard, options.shard_index, options.shard_count, problem))
        return report(ErrorKind::usage, problem);
    if (args.shared_path == "-" && args.records_path == "-")
        return report(ErrorKind::usage, msg("batch.two-from-stdin", "only one of the shared data and the records can be read from standard input"));
    Message encoding_problem;
    if (!input_encoding(args.input_encoding, options.render.input_encoding, encoding_problem))
        return report(ErrorKind::usage, encoding_problem);
    // Read as vanban render and POST /v1/batch read them (one setting, one set of words).
    if (std::optional<Error> error =
            read_render_settings({{"draft", args.draft ? "true" : ""}, {"appendix", args.appendix}}, options.render))
        return report(*error);
    options.shared_data = args.shared_path;
    options.template_name = args.template_name;
    options.render.profile = args.common.profile;
    options.records = args.records_path;
    options.output_pattern = args.pattern;
    options.workers = args.jobs;
    options.resume = args.resume;
    options.manifest = args.manifest;
    options.key_fields = args.keys;
    options.strip_fields = args.strip;

    ProgressDisplay display(args.quiet);
    options.on_progress = [&display](const BatchProgress& progress) { display.update(progress); };
    options.on_record = [&display](const RecordReport& report) { display.record(report); };
    options.on_warning = [&display](const Message& warning) { display.warning(warning); };

    Engine engine(engine_options(args.common));
    BatchJob job(engine, std::move(options));
    BatchSummary summary;
    {
        StopOnSignal stop(job, display);
        summary = job.run();
    }
    display.finish(summary);
    if (!summary.ok) return report(summary.error);
    return summary.exit_code();
}

} // namespace

Command add_batch_command(CLI::App& app) {
    auto args = std::make_shared<BatchArgs>();
    CLI::App* batch = app.add_subcommand(
        "batch", tr(msg("cli.batch.about", "Render one document per record: shared data + a list of branches")));
    batch->add_option("template", args->template_name, tr(msg("cli.template-argument", "Template name (a folder of templates/, e.g. ke-hoach)")))
        ->required();
    batch->add_option("shared", args->shared_path, tr(msg("cli.batch.shared", "JSON data every record starts from, or - for standard input")))
        ->required();
    batch->add_option("records", args->records_path,
                      tr(msg("cli.batch.records", "Records: a JSON array, JSON Lines or CSV file, or - for standard input")))
        ->required();
    batch->add_option("-o,--output", args->pattern,
                      tr(msg("cli.batch.output", "Output name pattern in the template language, e.g. 'out/{{ branch.code }}-ke-hoach.pdf'")))
        ->required();
    batch->add_option("-f,--format", args->formats,
                      tr(msg("cli.batch.format", "pdf, docx, both, model, or a list (pdf,docx); default: the pattern's extension; with several, "
                                                 "the pattern's extension is replaced by each format's")));
    batch->add_option("-j,--jobs", args->jobs, tr(msg("cli.batch.jobs", "Rendering threads (default: the number of cores)")));
    batch->add_option("--records-format", args->records_format, tr(msg("cli.batch.records-format", "auto (default), json, jsonl or csv")));
    batch->add_option("--shard", args->shard,
                      tr(msg("cli.batch.shard", "K/N: render only the K-th of N slices (records n with (n-1) % N == K-1)")));
    batch->add_flag("--resume", args->resume,
                    tr(msg("cli.batch.resume", "Skip records whose outputs still match the manifest and whose inputs are unchanged")));
    batch->add_option("--manifest", args->manifest,
                      tr(msg("cli.batch.manifest",
                             "Manifest path (default: manifest.json in the pattern's folder; manifest-K-of-N.json for a shard)")));
    batch->add_option("--key", args->keys,
                      tr(msg("cli.batch.key", "Field naming a record in messages and the manifest (repeatable; default: "
                                              "the fields the pattern reads)")))
        ->allow_extra_args(false);
    batch->add_option("--strip", args->strip,
                      tr(msg("cli.batch.strip", "Field removed from each record after naming its output, before rendering (repeatable), for "
                                                "fields the template's schema does not accept")))
        ->allow_extra_args(false);
    batch->add_flag("-q,--quiet", args->quiet, tr(msg("cli.batch.quiet", "No progress and no summary (failed records are still reported)")));
    add_input_encoding_option(*batch, args->input_encoding);
    batch->add_flag("--draft", args->draft,
                    tr(msg("cli.batch.draft", "Every record's document as a draft: number and day and month left blank, "
                                              "marked DỰ THẢO (as \"draft\": true in the data)")));
    batch->add_option("--appendix", args->appendix,
                      tr(msg("cli.batch.appendix", "Only appendix N (1 for the first) of every record's document, as a file "
                                                   "of its own; a record whose document has no appendix N fails alone")))
        ->type_name("N");
    add_output_options(*batch, args->common);
    add_common_options(*batch, args->common);
    batch->footer(tr(batch_footer()));
    auto merge_args = std::make_shared<MergeArgs>();
    CLI::App* merge = add_merge_command(*batch, *merge_args);
    return {batch, [args, merge, merge_args] { return merge->parsed() ? run_merge(*merge_args) : run_batch(*args); }};
}

} // namespace vanban::cli
