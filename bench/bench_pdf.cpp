// Renders the plan of seed 000 (about five pages) again and again with one FontSet on one
// thread, and prints: median milliseconds per PDF (wall clock and this thread's CPU time,
// which a machine shared with other work disturbs less), the file size and the peak
// resident memory of the process.
//
//   vanban_bench_pdf [--iterations N] [--fonts DIR] [--profile party|state] [--out FILE]
//
// The fonts are the reduced copies the build makes (fonts/reduce.cmake) when it could,
// else the system fonts. Until the engine renders PDF, the model comes from the C++ fixture
// tests/fixtures/seed000_plan.hpp.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "fixtures/seed000_plan.hpp"
#include "model/profile.hpp"
#include "pdf/pdf.hpp"
#include "vanban/error.hpp"

namespace {

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    int iterations = 200;
    std::string fonts_dir = VANBAN_REDUCED_FONTS_DIR;
    std::string profile_name = "party";
    std::string out_path;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--iterations")) iterations = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--fonts")) fonts_dir = argv[i + 1];
        else if (!std::strcmp(argv[i], "--profile")) profile_name = argv[i + 1];
        else if (!std::strcmp(argv[i], "--out")) out_path = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    try {
        const auto profile = vanban::model::load_profile_file(std::string(VANBAN_SOURCE_DIR) +
                                                              "/templates/_profiles/" + profile_name + ".json");
        const vanban::model::Document doc = vanban::fixtures::seed000_document(profile);
        vanban::pdf::FontConfig config;
        if (!fonts_dir.empty()) config.font_dirs.push_back(fonts_dir);
        config.config_file = std::string(VANBAN_SOURCE_DIR) + "/fonts/fonts.json";
        const auto fonts = vanban::pdf::load_fonts(config);
        const vanban::pdf::PdfOptions options{"2019-03-25T08:00:00+07:00"};

        std::string bytes;
        for (int i = 0; i < 5; ++i) bytes = vanban::pdf::render_pdf(doc, *fonts, options); // warm-up
        std::vector<double> wall, cpu;
        for (int i = 0; i < iterations; ++i) {
            const auto w0 = std::chrono::steady_clock::now();
            const double c0 = thread_cpu_ms();
            bytes = vanban::pdf::render_pdf(doc, *fonts, options);
            cpu.push_back(thread_cpu_ms() - c0);
            wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("seed-000 plan, %s profile, fonts from %s, %d renders\n", profile_name.c_str(),
                    fonts_dir.empty() ? "the system" : fonts_dir.c_str(), iterations);
        std::printf("median ms per PDF: %.3f (wall)  %.3f (thread CPU)\n", median(wall), median(cpu));
        std::printf("file size: %.1f KB (%zu bytes)\n", bytes.size() / 1024.0, bytes.size());
        std::printf("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
        if (!out_path.empty()) std::ofstream(out_path, std::ios::binary) << bytes;
    } catch (const vanban::Failure& failure) {
        std::fprintf(stderr, "error: %s\n", failure.what());
        return 1;
    }
    return 0;
}
