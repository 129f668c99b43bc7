// The batch benchmark of issue 6: branch plans of the seed-000 kind (data/000-… as the shared
// data; generated records vary the issuer, number, date, place and signer), written as PDF
// and DOCX by vanban::BatchJob with every core. Prints the wall time, documents per second,
// CPU time and peak resident memory of each run.
//
//   vanban_bench_batch                       1,000 then 10,000 records, each in its own process,
//                                            and how far apart their peak memory is
//   vanban_bench_batch N [N…]                those sizes, each in its own process
//   options: --jobs J (default: the cores), --formats pdf,docx (default both),
//            --keep DIR (write there and keep the files; default: a temporary folder, removed)
//
// Target (issue 6): 10,000 records × (PDF + DOCX) in ≤ 30 s wall on the 2-core machine, and
// peak memory at 10,000 records within 10% of that at 1,000.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "vanban/batch.hpp"

namespace bench = vanban::bench;
namespace fs = std::filesystem;

namespace {

struct Settings {
    std::vector<std::size_t> sizes;
    unsigned jobs = 0;
    std::vector<vanban::Format> formats = {vanban::Format::pdf, vanban::Format::docx};
    std::string keep;
};

// What a run measured, passed from the child process to the parent through a pipe.
struct Figures {
    std::size_t records = 0, failed = 0;
    double wall_s = 0, cpu_s = 0;
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

Figures run_batch(const Settings& settings, std::size_t count) {
    const fs::path work = settings.keep.empty()
                              ? fs::temp_directory_path() / ("vanban-bench-batch-" + std::to_string(getpid()))
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
Figures run_in_child(const Settings& settings, std::size_t count) {
    int channel[2];
    if (pipe(channel) != 0) std::exit(1);
    const pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        const Figures figures = run_batch(settings, count);
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

int main(int argc, char** argv) {
    const Settings settings = parse(argc, argv);
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
