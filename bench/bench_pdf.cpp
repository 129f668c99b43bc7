// The PDF benchmark of the issue: the plan of seed 000 (data/000-quang-nam-ke-hoach-28.json,
// template ke-hoach, about five pages) rendered again and again by ONE engine on ONE thread.
// Prints the median milliseconds per PDF (wall clock, and this thread's CPU time, which a
// machine shared with other work disturbs less), the file size and the peak resident memory
// of the process.
//
//   vanban_bench_pdf [--mode engine|json|model|layout] [--iterations N] [--profile party|state]
//                    [--fonts DIR] [--out FILE]
//
// Modes:
//   engine  (default) Engine::render: JSON parse, schema check, template, markup, layout, PDF;
//   json    vanban::render_json (vanban/json.hpp) of the data parsed once: the same, and the
//           data written out as text first (what a program holding nlohmann::json pays);
//   model   the model is built once, then only Engine::write(model, pdf) is timed
//           (layout + PDF writer), which isolates the writer from the template engine;
//   layout  the model is built once, then only the layout stage is timed (line breaking,
//           pagination), to tell the writer's share from the layout's.
//
// The engine finds the reduced fonts the build makes (fonts/reduce.cmake) on its own;
// --fonts puts another folder first.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "bench_support.hpp"
#include "layout/layout.hpp"
#include "pdf/pdf.hpp"
#include "vanban/engine.hpp"
#include "vanban/json.hpp"

namespace bench = vanban::bench;

namespace {

struct Options {
    std::string mode = "engine";
    int iterations = 300;
    std::string profile;
    std::string fonts_dir;
    std::string out_path;
};

bool parse(int argc, char** argv, Options& o) {
    const bool read = bench::parse_flags(argc, argv,
                                         {bench::text_flag("--mode", o.mode),
                                          bench::count_flag("--iterations", o.iterations),
                                          bench::text_flag("--profile", o.profile),
                                          bench::text_flag("--fonts", o.fonts_dir),
                                          bench::text_flag("--out", o.out_path)});
    return read && (o.mode == "engine" || o.mode == "json" || o.mode == "model" || o.mode == "layout");
}

// The medians of `once` timed after a warm-up.
struct Figures {
    double wall_ms = 0, cpu_ms = 0;
};
Figures measure(int iterations, const std::function<void()>& once) {
    const bench::Samples samples = bench::time_runs(10, iterations, once);
    return {bench::median(samples.wall_ms), bench::median(samples.cpu_ms)};
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: vanban_bench_pdf [--mode engine|json|model|layout] [--iterations N] "
                             "[--profile party|state] [--fonts DIR] [--out FILE]\n");
        return 2;
    }
    const std::string source = VANBAN_SOURCE_DIR;
    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {source + "/templates"};
    if (!o.fonts_dir.empty()) engine_options.font_dirs = {o.fonts_dir};
    engine_options.fixed_creation_date = "2019-03-25T08:00:00+07:00";
    const vanban::Engine engine(engine_options);
    const auto [data, render_options, model] = bench::load_seed000_plan(engine, source, o.profile);
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
    } else if (o.mode == "json") {
        const nlohmann::json parsed = nlohmann::json::parse(data);
        figures = measure(o.iterations, [&] {
            pdf = vanban::render_json(engine, "ke-hoach", parsed, vanban::Format::pdf, render_options);
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

    const long peak_rss_kb = bench::peak_rss_kb(); // taken before the report is printed
    std::printf("seed-000 plan (ke-hoach, %s profile), mode %s, %d renders, one engine, one thread\n",
                model.document.profile.name.c_str(), o.mode.c_str(), o.iterations);
    std::printf("median ms per PDF: %.3f (wall)  %.3f (thread CPU)\n", figures.wall_ms, figures.cpu_ms);
    std::printf("file size: %.1f KB (%zu bytes)\n", pdf.bytes.size() / 1024.0, pdf.bytes.size());
    std::printf("peak RSS: %.1f MB\n", peak_rss_kb / 1024.0);
    bench::print_load_average();
    if (!o.out_path.empty()) std::ofstream(o.out_path, std::ios::binary) << pdf.bytes;
    return 0;
}
