// The in-process rate that vanban serve is compared with (bench/serve_load.sh): THREADS
// threads render the seed-000 plan (data/000-quang-nam-ke-hoach-28.json, six pages) as PDF
// on ONE engine for SECONDS, as the server's workers do, and the documents per second are
// printed.
//
//   vanban_bench_serve_baseline [--threads N] [--seconds S]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "vanban/engine.hpp"

namespace bench = vanban::bench;

int main(int argc, char** argv) {
    int threads = 2, whole_seconds = 10;
    if (!bench::parse_flags(argc, argv, {bench::count_flag("--threads", threads), bench::count_flag("--seconds", whole_seconds)})) {
        std::fprintf(stderr, "usage: vanban_bench_serve_baseline [--threads N] [--seconds S]\n");
        return 2;
    }
    const double seconds = whole_seconds;
    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {std::string(VANBAN_SOURCE_DIR) + "/templates"};
    vanban::Engine engine(engine_options);
    const std::string data = bench::read_file(std::string(VANBAN_SOURCE_DIR) + "/data/000-quang-nam-ke-hoach-28.json");
    if (!engine.render("ke-hoach", data, vanban::Format::pdf)) return 1; // warm: template, fonts
    std::atomic<long> documents{0};
    std::atomic<bool> failed{false};
    std::mutex cpu_mutex;
    double cpu_ms = 0; // the threads' CPU time: what a document costs, however busy the machine
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            const double cpu_start = bench::thread_cpu_ms();
            while (std::chrono::steady_clock::now() < until) {
                if (!engine.render("ke-hoach", data, vanban::Format::pdf)) failed = true;
                ++documents;
            }
            std::lock_guard lock(cpu_mutex);
            cpu_ms += bench::thread_cpu_ms() - cpu_start;
        });
    for (std::thread& worker : workers) worker.join();
    const long made = documents.load();
    std::printf("in-process: %d threads, %.1f s, %ld PDFs, %.1f PDFs/s, %.2f CPU ms/PDF%s\n", threads, seconds, made,
                static_cast<double>(made) / seconds, cpu_ms / static_cast<double>(made), failed ? " (SOME FAILED)" : "");
    return failed ? 1 : 0;
}
