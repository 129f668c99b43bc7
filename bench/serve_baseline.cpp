// The in-process rate that vanban serve is compared with (bench/serve_load.sh): THREADS
// threads render the seed-000 plan (data/000-quang-nam-ke-hoach-28.json, six pages) as PDF
// on ONE engine for SECONDS, as the server's workers do, and the documents per second are
// printed.
//
//   vanban_bench_serve_baseline [--threads N] [--seconds S]
#include <atomic>
#include <chrono>
#include <cstdio>
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
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            while (std::chrono::steady_clock::now() < until) {
                if (!engine.render("ke-hoach", data, vanban::Format::pdf)) failed = true;
                ++documents;
            }
        });
    for (std::thread& worker : workers) worker.join();
    std::printf("in-process: %d threads, %.1f s, %ld PDFs, %.1f PDFs/s%s\n", threads, seconds, documents.load(),
                static_cast<double>(documents.load()) / seconds, failed ? " (SOME FAILED)" : "");
    return failed ? 1 : 0;
}
