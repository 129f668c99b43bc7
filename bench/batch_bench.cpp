// The batch benchmark of issue 6: branch plans of the seed-000 kind (data/000-… as the shared
// data; generated records vary the issuer, number, date, place and signer), written as PDF
// and DOCX by vanban::BatchJob with every core. Prints the wall time, documents per second,
// CPU time and peak resident memory of each run.
//
//   vanban_bench_batch                       1,000 then 10,000 records, each in its own process,
//                                            and how far apart their peak memory is
//   vanban_bench_batch N [N…]                those sizes, each in its own process
//   vanban_bench_batch --disks N [--ram DIR] [--disk DIR]
//                                            N records three times in one run: the batch on a
//                                            RAM disk (default /dev/shm), the batch on a real
//                                            disk (default: the temporary folder), and a bare
//                                            loop that writes the same files there the same way
//   options: --jobs J (default: the cores), --formats pdf,docx (default both),
//            --keep DIR (write there and keep the files; default: a temporary folder, removed)
//
// Targets. Issue 6: 10,000 records × (PDF + DOCX) in ≤ 30 s wall on the 2-core machine, and
// peak memory at 10,000 records within 10% of that at 1,000. Issue 12: the same on a RAM
// disk in ≤ 10 s, and on a real disk at most 1.3 × (the time on the RAM disk, which is the
// time to render, + the bare loop's time to write the same files). The bare loop writes each
// record's files with the engine's own helper (engine/output_files.hpp: an unnamed file,
// named when complete, both files of a record together) on as many threads as the batch has
// workers; its files are the batch's own, read back before the loop is timed.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "engine/output_files.hpp"
#include "vanban/batch.hpp"

namespace bench = vanban::bench;
namespace fs = std::filesystem;

namespace {

struct Settings {
    std::vector<std::size_t> sizes;
    unsigned jobs = 0;
    std::vector<vanban::Format> formats = {vanban::Format::pdf, vanban::Format::docx};
    std::string keep;
    std::size_t disks = 0;                // --disks N: RAM disk, real disk and bare loop
    std::string ram = "/dev/shm";         // --ram DIR
    std::string disk;                     // --disk DIR; empty: the temporary folder
    unsigned workers() const { return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency()); }
};

// Where a run writes: a folder of its own under `under`, removed afterwards unless kept.
struct Place {
    fs::path under;        // empty: the temporary folder
    bool bare_loop = false; // after the batch, time the bare loop over its files
};

// What a run measured, passed from the child process to the parent through a pipe.
struct Figures {
    std::size_t records = 0, failed = 0;
    double wall_s = 0, cpu_s = 0;
    double bare_wall_s = 0, bare_cpu_s = 0; // the bare loop, when asked for
    std::size_t bare_files = 0;
    long peak_rss_kb = 0;
    unsigned long long output_bytes = 0;
};

const char* const kDistricts[] = {"ĐẠI LỘC", "ĐIỆN BÀN", "DUY XUYÊN", "QUẾ SƠN", "THĂNG BÌNH", "NÚI THÀNH", "TIÊN PHƯỚC"};
const char* const kPlaces[] = {"Đại Lộc", "Điện Bàn", "Duy Xuyên", "Quế Sơn", "Thăng Bình", "Núi Thành", "Tiên Phước"};
const char* const kSigners[] = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Quang Huy", "Phạm Thị Thu Hà", "Võ Văn Tùng",
                                "Huỳnh Thị Mỹ Dung", "Đỗ Minh Khôi"};

// One branch's record: its own header, number, date and signer over the province's plan.
nlohmann::json branch_record(std::size_t i) {
    const std::size_t d = i % 7;
    char code[16], date[16];
    std::snprintf(code, sizeof code, "CB%05zu", i);
    std::snprintf(date, sizeof date, "2019-%02zu-%02zu", 4 + i % 6, 1 + i % 28);
    return {
        {"branch", {{"code", code}}},
        {"header",
         {{"issuer", {std::string("HUYỆN ỦY ") + kDistricts[d], "CHI BỘ THÔN " + std::to_string(1 + i % 40)}},
          {"number", std::to_string(10 + i % 90) + "-KH/CB"},
          {"place", kPlaces[d]},
          {"date", date}}},
        {"signature",
         {{"authority", {"T/M CHI BỘ"}}, {"position", {i % 3 ? "BÍ THƯ" : "PHÓ BÍ THƯ"}}, {"name", kSigners[i % 7]}}},
    };
}

fs::path write_records(const fs::path& folder, std::size_t count) {
    const fs::path path = folder / "branches.jsonl";
    std::ofstream out(path, std::ios::binary);
    for (std::size_t i = 1; i <= count; ++i) out << branch_record(i).dump() << '\n';
    return path;
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The files the batch wrote, a record's together, read back into memory.
std::vector<std::vector<vanban::engine::FileToWrite>> files_by_record(const fs::path& out) {
    std::map<std::string, std::vector<vanban::engine::FileToWrite>> by_stem;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        const std::string extension = entry.path().extension().string();
        if (!entry.is_regular_file() || (extension != ".pdf" && extension != ".docx")) continue; // not the manifest
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        by_stem[(entry.path().parent_path() / entry.path().stem()).string()].push_back({entry.path(), std::move(bytes)});
    }
    std::vector<std::vector<vanban::engine::FileToWrite>> records;
    for (auto& [stem, files] : by_stem) records.push_back(std::move(files));
    return records;
}

// The bare loop: the same files written again the same way (removed first), by as many
// threads as the batch had workers, each taking the next record.
void time_bare_loop(const Settings& settings, const fs::path& out, Figures& figures) {
    const std::vector<std::vector<vanban::engine::FileToWrite>> records = files_by_record(out);
    for (const auto& files : records)
        for (const auto& file : files) fs::remove(file.path);
    sync(); // the batch's writes reach the disk now, not while the loop is timed
    const vanban::engine::OutputOptions options{.make_folders = true, .owner_tag = "bench"};
    std::atomic<std::size_t> next{0};
    const double cpu_before = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < settings.workers(); ++t)
        threads.emplace_back([&] {
            for (std::size_t i; (i = next.fetch_add(1)) < records.size();)
                vanban::engine::write_files_atomically(records[i], options);
        });
    for (std::thread& thread : threads) thread.join();
    figures.bare_wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.bare_cpu_s = cpu_seconds() - cpu_before;
    for (const auto& files : records) figures.bare_files += files.size();
}

Figures run_batch(const Settings& settings, std::size_t count, const Place& place = {}) {
    const fs::path under = place.under.empty() ? fs::temp_directory_path() : place.under;
    const fs::path work = settings.keep.empty() ? under / ("vanban-bench-batch-" + std::to_string(getpid()))
                                                : fs::path(settings.keep);
    fs::create_directories(work);
    const fs::path records = write_records(work, count);

    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {fs::path(VANBAN_SOURCE_DIR) / "templates"};
    engine_options.fixed_creation_date = "2019-03-25T08:00:00Z";
    vanban::Engine engine(engine_options);

    vanban::BatchOptions options;
    options.template_name = "ke-hoach";
    options.shared_data = fs::path(VANBAN_SOURCE_DIR) / bench::kSeed000Data;
    options.records = records;
    options.output_pattern = (work / "out").string() + "/{{ branch.code }}-ke-hoach.pdf";
    options.formats = settings.formats;
    options.strip_fields = {"branch"}; // the ke-hoach schema does not know it
    options.workers = settings.jobs;
    std::size_t first_failures = 0;
    options.on_record = [&](const vanban::RecordReport& report) {
        if (report.status == vanban::RecordStatus::failed && first_failures++ < 3)
            std::fprintf(stderr, "%s\n", report.describe().c_str());
    };

    sync(); // what was written before (the records, other runs) is not the batch's to write
    const double cpu_before = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    vanban::BatchSummary summary = vanban::BatchJob(engine, options).run();
    Figures figures;
    figures.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.cpu_s = cpu_seconds() - cpu_before;
    figures.peak_rss_kb = bench::peak_rss_kb();
    if (!summary.ok) std::fprintf(stderr, "batch failed: %s\n", summary.error.format().c_str());
    figures.records = summary.counts.done;
    figures.failed = summary.counts.failed;
    for (const auto& entry : fs::recursive_directory_iterator(work / "out"))
        if (entry.is_regular_file()) figures.output_bytes += entry.file_size();
    if (place.bare_loop) time_bare_loop(settings, work / "out", figures);
    if (settings.keep.empty()) fs::remove_all(work);
    return figures;
}

void print(const Settings& settings, const Figures& f) {
    const double documents = static_cast<double>((f.records - f.failed) * settings.formats.size());
    std::printf("batch %6zu records x %zu formats: wall %7.2f s, %7.1f docs/s, %6.1f records/s, CPU %7.2f s "
                "(%.2f ms/record), peak RSS %6.1f MB, output %.1f MB, %zu failed\n",
                f.records, settings.formats.size(), f.wall_s, documents / f.wall_s,
                static_cast<double>(f.records) / f.wall_s, f.cpu_s, 1e3 * f.cpu_s / static_cast<double>(f.records),
                static_cast<double>(f.peak_rss_kb) / 1024.0, static_cast<double>(f.output_bytes) / 1048576.0, f.failed);
    std::fflush(stdout);
}

// Runs one size in a child process, so that its peak memory is its own.
Figures run_in_child(const Settings& settings, std::size_t count, const Place& place = {}) {
    int channel[2];
    if (pipe(channel) != 0) std::exit(1);
    const pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        const Figures figures = run_batch(settings, count, place);
        if (write(channel[1], &figures, sizeof figures) != static_cast<ssize_t>(sizeof figures)) _exit(1);
        _exit(0);
    }
    close(channel[1]);
    Figures figures;
    if (read(channel[0], &figures, sizeof figures) != static_cast<ssize_t>(sizeof figures))
        std::fprintf(stderr, "the run of %zu records did not report\n", count);
    close(channel[0]);
    waitpid(child, nullptr, 0);
    return figures;
}

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--jobs" && i + 1 < argc) settings.jobs = static_cast<unsigned>(std::atoi(argv[++i]));
        else if (arg == "--keep" && i + 1 < argc) settings.keep = argv[++i];
        else if (arg == "--disks" && i + 1 < argc) settings.disks = static_cast<std::size_t>(std::atol(argv[++i]));
        else if (arg == "--ram" && i + 1 < argc) settings.ram = argv[++i];
        else if (arg == "--disk" && i + 1 < argc) settings.disk = argv[++i];
        else if (arg == "--formats" && i + 1 < argc) {
            settings.formats.clear();
            std::string list = argv[++i];
            for (std::size_t start = 0; start <= list.size();) {
                std::size_t comma = list.find(',', start);
                if (comma == std::string::npos) comma = list.size();
                vanban::Format format{};
                if (vanban::parse_format(list.substr(start, comma - start), format)) settings.formats.push_back(format);
                start = comma + 1;
            }
        } else settings.sizes.push_back(static_cast<std::size_t>(std::atol(arg.c_str())));
    }
    if (settings.sizes.empty()) settings.sizes = {1000, 10000};
    return settings;
}

} // namespace

// Issue 12's disk targets, measured in one run: the batch on a RAM disk, then on a real disk
// followed by the bare loop over its files.
int run_disks(const Settings& settings) {
    std::printf("RAM disk (%s):\n", settings.ram.c_str());
    const Figures ram = run_in_child(settings, settings.disks, Place{settings.ram, false});
    print(settings, ram);
    const std::string disk = settings.disk.empty() ? fs::temp_directory_path().string() : settings.disk;
    std::printf("real disk (%s), then the bare loop there:\n", disk.c_str());
    const Figures real = run_in_child(settings, settings.disks, Place{disk, true});
    print(settings, real);
    std::printf("bare loop: %zu files written again in %.2f s wall, CPU %.2f s\n", real.bare_files, real.bare_wall_s,
                real.bare_cpu_s);
    std::printf("RAM disk: %.2f s (target: at most 10 s); real disk: %.2f x (RAM disk + bare loop) "
                "(target: at most 1.3)\n",
                ram.wall_s, real.wall_s / (ram.wall_s + real.bare_wall_s));
    // CPU time moves less than wall time with the machine's load: the same ratio in CPU.
    std::printf("in CPU time: RAM disk %.2f s (%.2f s per core), real disk %.2f x (RAM disk + bare loop)\n", ram.cpu_s,
                ram.cpu_s / settings.workers(), real.cpu_s / (ram.cpu_s + real.bare_cpu_s));
    bench::print_load_average();
    return ram.failed + real.failed == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    const Settings settings = parse(argc, argv);
    if (settings.disks > 0) return run_disks(settings);
    std::printf("batch benchmark: seed-000 branch plans, %u workers on %u cores\n",
                settings.jobs ? settings.jobs : std::thread::hardware_concurrency(), std::thread::hardware_concurrency());
    std::vector<Figures> all;
    for (std::size_t size : settings.sizes) {
        all.push_back(run_in_child(settings, size));
        print(settings, all.back());
    }
    if (all.size() >= 2 && all.front().peak_rss_kb > 0) {
        const double growth = 100.0 * static_cast<double>(all.back().peak_rss_kb - all.front().peak_rss_kb) /
                              static_cast<double>(all.front().peak_rss_kb);
        std::printf("peak RSS from %zu to %zu records: %+.1f%% (target: within 10%%)\n", all.front().records,
                    all.back().records, growth);
    }
    return 0;
}
