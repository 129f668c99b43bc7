// The PDF benchmark of the issue: the plan of seed 000 (data/000-quang-nam-ke-hoach-28.json,
// template ke-hoach, about five pages) rendered again and again by ONE engine on ONE thread.
// Prints the median milliseconds per PDF (wall clock, and this thread's CPU time, which a
// machine shared with other work disturbs less), the file size and the peak resident memory
// of the process.
//
//   vanban_bench_pdf [--mode engine|model|layout] [--iterations N] [--profile party|state]
//                    [--fonts DIR] [--out FILE]
//
// Modes:
//   engine  (default) Engine::render: JSON parse, schema check, template, markup, layout, PDF;
//   model   the model is built once, then only Engine::write(model, pdf) is timed
//           (layout + PDF writer), which isolates the writer from the template engine;
//   layout  the model is built once, then only the layout stage is timed (line breaking,
//           pagination), to tell the writer's share from the layout's.
//
// The engine finds the reduced fonts the build makes (fonts/reduce.cmake) on its own;
// --fonts puts another folder first.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "layout/layout.hpp"
#include "pdf/pdf.hpp"
#include "vanban/engine.hpp"

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

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

struct Options {
    std::string mode = "engine";
    int iterations = 300;
    std::string profile;
    std::string fonts_dir;
    std::string out_path;
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--mode")) o.mode = argv[i + 1];
        else if (!std::strcmp(argv[i], "--iterations")) o.iterations = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--profile")) o.profile = argv[i + 1];
        else if (!std::strcmp(argv[i], "--fonts")) o.fonts_dir = argv[i + 1];
        else if (!std::strcmp(argv[i], "--out")) o.out_path = argv[i + 1];
        else return false;
    }
    if (argc % 2 == 0) return false;
    return o.mode == "engine" || o.mode == "model" || o.mode == "layout";
}

// Times `once` (which returns the bytes of one document, or their count) after a warm-up.
struct Figures {
    double wall_ms = 0, cpu_ms = 0;
};
Figures measure(int iterations, const std::function<void()>& once) {
    for (int i = 0; i < 10; ++i) once(); // warm-up: caches, allocator
    std::vector<double> wall, cpu;
    for (int i = 0; i < iterations; ++i) {
        const auto w0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_ms();
        once();
        cpu.push_back(thread_cpu_ms() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    }
    return {median(wall), median(cpu)};
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: vanban_bench_pdf [--mode engine|model|layout] [--iterations N] "
                             "[--profile party|state] [--fonts DIR] [--out FILE]\n");
        return 2;
    }
    const std::string source = VANBAN_SOURCE_DIR;
    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {source + "/templates"};
    if (!o.fonts_dir.empty()) engine_options.font_dirs = {o.fonts_dir};
    engine_options.fixed_creation_date = "2019-03-25T08:00:00+07:00";
    const vanban::Engine engine(engine_options);
    const std::string data = read_file(source + "/data/000-quang-nam-ke-hoach-28.json");
    vanban::RenderOptions render_options;
    render_options.profile = o.profile;

    const vanban::ModelResult model = engine.build_model("ke-hoach", data, render_options);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.error.format().c_str());
        return 1;
    }
    // One PDF first, so that the fonts are loaded (once per engine) before any timing.
    vanban::RenderResult pdf = engine.render("ke-hoach", data, vanban::Format::pdf, render_options);
    if (!pdf) {
        std::fprintf(stderr, "error: %s\n", pdf.error.format().c_str());
        return 1;
    }

    Figures figures;
    bool failed = false;
    if (o.mode == "engine") {
        figures = measure(o.iterations, [&] {
            pdf = engine.render("ke-hoach", data, vanban::Format::pdf, render_options);
            failed |= !pdf.ok;
        });
    } else if (o.mode == "model") {
        figures = measure(o.iterations, [&] {
            pdf = engine.write(model.document, vanban::Format::pdf);
            failed |= !pdf.ok;
        });
    } else {
        // The layout stage alone, with fonts loaded the way the engine loads them.
        vanban::pdf::FontConfig config;
        if (!o.fonts_dir.empty()) config.font_dirs.push_back(o.fonts_dir);
        if (std::strlen(VANBAN_REDUCED_FONTS_DIR) > 0) config.font_dirs.emplace_back(VANBAN_REDUCED_FONTS_DIR);
        const auto fonts = vanban::pdf::load_fonts(config);
        std::size_t pages = 0;
        figures = measure(o.iterations, [&] {
            pages = vanban::layout::layout_document(model.document, *fonts).pages.size();
        });
        std::printf("layout only: %zu pages\n", pages);
    }
    if (failed) {
        std::fprintf(stderr, "error: %s\n", pdf.error.format().c_str());
        return 1;
    }

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    double load[3] = {0, 0, 0};
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        std::fclose(f);
    }
    std::printf("seed-000 plan (ke-hoach, %s profile), mode %s, %d renders, one engine, one thread\n",
                model.document.profile.name.c_str(), o.mode.c_str(), o.iterations);
    std::printf("median ms per PDF: %.3f (wall)  %.3f (thread CPU)\n", figures.wall_ms, figures.cpu_ms);
    std::printf("file size: %.1f KB (%zu bytes)\n", pdf.bytes.size() / 1024.0, pdf.bytes.size());
    std::printf("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
    std::printf("machine load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
    if (!o.out_path.empty()) std::ofstream(o.out_path, std::ios::binary) << pdf.bytes;
    return 0;
}
