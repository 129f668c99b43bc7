// The DOCX benchmark of issue 4: the plan of seed 000 (data/000-quang-nam-ke-hoach-28.json,
// template ke-hoach) as DOCX, rendered again and again by ONE engine on ONE thread. Prints the
// median milliseconds per document (wall clock, and this thread's CPU time, which other work
// on a shared machine disturbs less), the 90th percentile and the file size.
// Targets: median <= 1 ms per document, file <= 20 KB.
//
//   vanban_bench_docx [--mode engine|write|writer] [--iterations N] [--profile party|state]
//                     [--out FILE]
//
// Modes:
//   engine  (default) Engine::render: JSON parse, schema check, template, markup, DOCX writer;
//   write   the model is built once, then Engine::write(model, docx) is timed;
//   writer  the model is built once, then only the DOCX writer (docx::render_docx) is timed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "docx/docx.hpp"
#include "vanban/engine.hpp"

namespace {

constexpr const char* fixed_date = "2019-03-25T08:00:00Z";

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const std::size_t index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

struct Options {
    std::string mode = "engine";
    int iterations = 2000;
    std::string profile;
    std::string out_path;
};

bool parse(int argc, char** argv, Options& o) {
    if (argc % 2 == 0) return false;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--mode")) o.mode = argv[i + 1];
        else if (!std::strcmp(argv[i], "--iterations")) o.iterations = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--profile")) o.profile = argv[i + 1];
        else if (!std::strcmp(argv[i], "--out")) o.out_path = argv[i + 1];
        else return false;
    }
    return o.mode == "engine" || o.mode == "write" || o.mode == "writer";
}

struct Figures {
    double wall_ms = 0, wall_p90_ms = 0, cpu_ms = 0;
};

// Times `once` after a warm-up (caches, allocator).
Figures measure(int iterations, const std::function<void()>& once) {
    for (int i = 0; i < 50; ++i) once();
    std::vector<double> wall, cpu;
    wall.reserve(static_cast<std::size_t>(iterations));
    cpu.reserve(static_cast<std::size_t>(iterations));
    for (int i = 0; i < iterations; ++i) {
        const auto w0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_ms();
        once();
        cpu.push_back(thread_cpu_ms() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    }
    return {percentile(wall, 0.5), percentile(wall, 0.9), percentile(cpu, 0.5)};
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: vanban_bench_docx [--mode engine|write|writer] [--iterations N] "
                             "[--profile party|state] [--out FILE]\n");
        return 2;
    }
    const std::string source = VANBAN_SOURCE_DIR;
    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {source + "/templates"};
    engine_options.fixed_creation_date = fixed_date;
    const vanban::Engine engine(engine_options);
    const std::string data = read_file(source + "/data/000-quang-nam-ke-hoach-28.json");
    vanban::RenderOptions render_options;
    render_options.profile = o.profile;

    const vanban::ModelResult model = engine.build_model("ke-hoach", data, render_options);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.error.format().c_str());
        return 1;
    }

    std::string bytes;
    Figures figures;
    if (o.mode == "engine" || o.mode == "write") {
        vanban::RenderResult docx;
        figures = measure(o.iterations, [&] {
            docx = o.mode == "engine" ? engine.render("ke-hoach", data, vanban::Format::docx, render_options)
                                      : engine.write(model.document, vanban::Format::docx);
            if (!docx) {
                std::fprintf(stderr, "error: %s\n", docx.error.format().c_str());
                std::exit(1);
            }
        });
        bytes = std::move(docx.bytes);
    } else {
        const vanban::docx::DocxOptions docx_options{fixed_date};
        figures = measure(o.iterations, [&] { bytes = vanban::docx::render_docx(model.document, docx_options); });
    }

    double load[3] = {0, 0, 0};
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        std::fclose(f);
    }
    std::printf("docx seed-000 plan (ke-hoach, %s profile), mode %s, %d renders, one engine, one thread\n",
                model.document.profile.name.c_str(), o.mode.c_str(), o.iterations);
    std::printf("median ms per document: %.3f (wall, p90 %.3f)  %.3f (thread CPU)\n", figures.wall_ms,
                figures.wall_p90_ms, figures.cpu_ms);
    std::printf("file size: %.1f KB (%zu bytes)\n", static_cast<double>(bytes.size()) / 1024.0, bytes.size());
    std::printf("machine load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
    if (!o.out_path.empty()) std::ofstream(o.out_path, std::ios::binary) << bytes;
    return 0;
}
