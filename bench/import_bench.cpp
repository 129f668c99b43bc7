// Importing a 20-page DOCX, again and again, on one core: the seed-000 plan with its sections
// repeated until it fills 20 pages or more, written by vanban. Prints the median time of
//   floor    what any importer must do: open the zip, inflate the document, its styles and
//            numbering, and parse them with pugixml (nothing recognised);
//   read     the import stage's reader: the draft (paragraphs, runs, styles, numbering);
//   import   vanban::import_document: read, recognise, build the model (the schema check),
//            count the words that survive;
// for the DOCX as vanban wrote it (read by its styles) and as another program's (the same
// file saying "Microsoft Office Word": every part recognised by its text), against the
// floor, and against rendering the same document as DOCX. Figures: docs/import.md.
//
//   build/bench/vanban_bench_import [--iterations 200] [--copies 5]
#include <cstdio>
#include <cstdlib>
#include <string>

#include <pugixml.hpp>
#include <zip.h>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "import/reader.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using namespace vanban::bench;

namespace {

std::string part(zip_t* archive, const char* name) {
    zip_stat_t stat;
    if (zip_stat(archive, name, 0, &stat) != 0) return "";
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    zip_file_t* file = zip_fopen(archive, name, 0);
    if (!file) return "";
    zip_fread(file, bytes.data(), bytes.size());
    zip_fclose(file);
    return bytes;
}

// The floor: inflate and parse the parts every importer reads.
std::size_t floor_read(const std::string& docx) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(docx.data(), docx.size(), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    std::size_t nodes = 0;
    for (const char* name : {"word/document.xml", "word/styles.xml", "word/numbering.xml"}) {
        const std::string bytes = part(archive, name);
        if (bytes.empty()) continue;
        pugi::xml_document doc;
        doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata);
        nodes += doc.document_element() ? 1 : 0;
    }
    zip_discard(archive);
    return nodes;
}

// The same package with docProps/app.xml naming another producer.
std::string as_other_producer(const std::string& docx) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* in_source = zip_source_buffer_create(docx.data(), docx.size(), 0, &error);
    zip_t* in = zip_open_from_source(in_source, ZIP_RDONLY, &error);
    zip_source_t* out_source = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(out_source);
    zip_t* out = zip_open_from_source(out_source, ZIP_TRUNCATE, &error);
    std::vector<std::string> kept; // libzip reads the buffers when the archive closes
    for (zip_int64_t i = 0; i < zip_get_num_entries(in, 0); ++i) {
        const char* name = zip_get_name(in, static_cast<zip_uint64_t>(i), 0);
        std::string bytes = part(in, name);
        if (std::string(name) == "docProps/app.xml") {
            const std::size_t at = bytes.find("<Application>vanban</Application>");
            if (at != std::string::npos)
                bytes.replace(at, std::string("<Application>vanban</Application>").size(),
                              "<Application>Microsoft Office Word</Application>");
        }
        kept.push_back(std::move(bytes));
        zip_source_t* entry = zip_source_buffer(out, kept.back().data(), kept.back().size(), 0);
        zip_file_add(out, name, entry, ZIP_FL_OVERWRITE);
    }
    zip_close(out);
    zip_discard(in);
    zip_source_open(out_source);
    zip_stat_t stat;
    zip_source_stat(out_source, &stat);
    std::string result(static_cast<std::size_t>(stat.size), '\0');
    zip_source_read(out_source, result.data(), result.size());
    zip_source_close(out_source);
    zip_source_free(out_source);
    return result;
}

int pages_of(const std::string& pdf) {
    int pages = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
        if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
    return pages;
}

struct Figure {
    const char* name;
    double wall, cpu, p90;
};

Figure measure(const char* name, int iterations, const std::function<void()>& once) {
    const Samples s = time_runs(iterations / 10 + 1, iterations, once);
    return {name, median(s.wall_ms), median(s.cpu_ms), percentile(s.wall_ms, 0.9)};
}

} // namespace

int main(int argc, char** argv) {
    int iterations = 200, copies = 5;
    if (!parse_flags(argc, argv, {count_flag("--iterations", iterations), count_flag("--copies", copies)})) {
        std::fprintf(stderr, "usage: vanban_bench_import [--iterations N] [--copies N]\n");
        return 2;
    }
    const std::string source_dir = VANBAN_SOURCE_DIR;
    EngineOptions options;
    options.template_dirs = {source_dir + "/templates"};
    options.fixed_creation_date = "2026-01-01";
    const Engine engine(options);
    // Seed 000 (6 pages) with its sections `copies` times.
    nlohmann::json data = nlohmann::json::parse(read_file(source_dir + "/" + kSeed000Data));
    const nlohmann::json sections = data["sections"];
    for (int i = 1; i < copies; ++i)
        for (const auto& s : sections) data["sections"].push_back(s);
    const std::string data_text = data.dump();
    const RenderResult pdf = engine.render("ke-hoach", data_text, Format::pdf);
    const RenderResult docx = engine.render("ke-hoach", data_text, Format::docx);
    if (!pdf || !docx) {
        std::fprintf(stderr, "cannot render the plan: %s\n", (pdf ? docx : pdf).error.format().c_str());
        return 1;
    }
    const std::string other = as_other_producer(docx.bytes);
    const import::Draft draft = import::read_document(docx.bytes, import::ReadLimits{}, "plan.docx");
    const ImportResult check_vanban = import_document(engine, docx.bytes);
    const ImportResult check_other = import_document(engine, other);
    if (!check_vanban || !check_other) {
        std::fprintf(stderr, "cannot import the plan: %s\n", (check_vanban ? check_other : check_vanban).error.format().c_str());
        return 1;
    }
    std::printf("plan: seed 000 x %d: %d pages, %d paragraphs, DOCX %zu bytes, %zu words (kept %zu / %zu as another program's)\n",
                copies, pages_of(pdf.bytes), draft.paragraph_count, docx.bytes.size(), check_vanban.survival.input_words,
                check_other.survival.kept_words, check_other.survival.input_words);

    std::size_t sink = 0;
    const std::vector<Figure> figures = {
        measure("floor: unzip + parse", iterations, [&] { sink += floor_read(docx.bytes); }),
        measure("read (draft), vanban's", iterations,
                [&] { sink += import::read_document(docx.bytes, import::ReadLimits{}, "plan.docx").paragraph_count; }),
        measure("import, vanban's DOCX", iterations, [&] { sink += import_document(engine, docx.bytes).data_json.size(); }),
        measure("import, another program's", iterations, [&] { sink += import_document(engine, other).data_json.size(); }),
        measure("render the same DOCX", iterations,
                [&] { sink += engine.render("ke-hoach", data_text, Format::docx).bytes.size(); }),
    };
    const double floor = figures[0].wall;
    const double render = figures[4].wall;
    std::printf("%-28s %10s %10s %10s %9s %9s\n", "", "median ms", "cpu ms", "p90 ms", "x floor", "x render");
    for (const Figure& f : figures)
        std::printf("%-28s %10.2f %10.2f %10.2f %9.2f %9.2f\n", f.name, f.wall, f.cpu, f.p90, f.wall / floor, f.wall / render);
    std::printf("iterations: %d, peak RSS %ld KB (%zu)\n", iterations, peak_rss_kb(), sink % 10);
    print_load_average();
    return 0;
}
