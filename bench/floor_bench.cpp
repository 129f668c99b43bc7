// vanban against its floor, in one run (issue 12): the seed-000 plan with its data varied for
// every document, rendered through the whole engine (JSON text in, finished bytes out) as PDF
// and as DOCX, and beside it a bare program that does only what no writer can avoid: deflate
// the same parts at the same level (the PDF's font programs and page contents, the DOCX's
// XML parts) and write bytes as many as vanban's into a buffer. The floor's input is taken
// out of vanban's own output before any timing, so both sides make the same file.
//
//   vanban_bench_floor [--documents N] [--rounds N] [--profile party|state] [--format pdf|docx|both]
//
// Under callgrind (valgrind --tool=callgrind), one format at a time gives instruction counts
// per document: Engine::render's inclusive count and Floor::make's, each divided by the
// number of calls (the input's preparation renders each document once more).
//
// Prints, for each format, the median thread CPU time per document of vanban and of the
// floor, their ratio, and the file size; and the machine's load average. The engine and
// the floor take turns round by round, so that a change in the machine's load falls on both.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libdeflate.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include "bench_support.hpp"
#include "vanban/engine.hpp"

namespace bench = vanban::bench;
using nlohmann::json;

namespace {

struct Options {
    int documents = 200; // different data for each
    int rounds = 5;      // each round renders every document once by each side
    std::string profile;
    std::string format = "both";
    bool pdf() const { return format != "docx"; }
    bool docx() const { return format != "pdf"; }
};

// ------------------------------------------------------------------ the varied data

// Appends `words` to every "text" of the sections, at any depth.
void vary_texts(json& node, const std::string& words) {
    if (node.is_object()) {
        for (auto& [key, value] : node.items()) {
            if (key == "text" && value.is_string()) value = value.get<std::string>() + words;
            else vary_texts(value, words);
        }
    } else if (node.is_array()) {
        for (json& item : node) vary_texts(item, words);
    }
}

// The plan of seed 000 as another committee could write it: its number and date differ from
// one document to the next, and so does the end of every paragraph of its sections.
std::vector<std::string> varied_data(const std::string& text, int count) {
    const json original = json::parse(text);
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        json data = original;
        data["header"]["number"] = std::to_string(100 + i) + "-KH/TU";
        data["header"]["date"] = "2019-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-" +
                                 std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
        vary_texts(data["sections"], " (bản " + std::to_string(i + 1) + ")");
        out.push_back(data.dump());
    }
    return out;
}

// ------------------------------------------------------------------ the floor's input

// What the floor makes one document from: the parts it deflates, and the bytes it writes.
struct FloorInput {
    std::vector<std::string> parts; // uncompressed
    std::size_t file_size = 0;
};

std::string inflate_zlib(std::string_view compressed, std::size_t expected_hint) {
    std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(libdeflate_alloc_decompressor(),
                                                                                  libdeflate_free_decompressor);
    for (std::size_t size = std::max<std::size_t>(expected_hint, 4096);; size *= 2) {
        std::string out(size, '\0');
        std::size_t actual = 0;
        const libdeflate_result r = libdeflate_zlib_decompress(d.get(), compressed.data(), compressed.size(),
                                                               out.data(), out.size(), &actual);
        if (r == LIBDEFLATE_SUCCESS) {
            out.resize(actual);
            return out;
        }
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE) return {};
    }
}

// The PDF's FlateDecode streams, inflated: the font programs, CIDToGIDMaps and page contents.
FloorInput pdf_floor_input(const std::string& pdf) {
    FloorInput in;
    in.file_size = pdf.size();
    for (std::size_t at = 0; (at = pdf.find("/FlateDecode", at)) != std::string::npos;) {
        const std::size_t start = pdf.find("stream", at);
        std::size_t data = start + 6;
        if (pdf[data] == '\r') ++data;
        if (pdf[data] == '\n') ++data;
        const std::size_t end = pdf.find("endstream", data);
        std::string part = inflate_zlib(std::string_view(pdf).substr(data, end - data), 4 * (end - data));
        if (!part.empty()) in.parts.push_back(std::move(part));
        at = end;
    }
    return in;
}

// The DOCX's parts, uncompressed (libzip reads them).
FloorInput docx_floor_input(const std::string& docx) {
    FloorInput in;
    in.file_size = docx.size();
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(docx.data(), docx.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!archive) {
        std::fprintf(stderr, "error: the DOCX does not open as a zip archive\n");
        std::exit(1);
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t stat;
        zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
        std::string part(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        zip_fread(file, part.data(), part.size());
        zip_fclose(file);
        in.parts.push_back(std::move(part));
    }
    zip_close(archive);
    return in;
}

// The floor: each part deflated at libdeflate's level 1, as vanban does, with one
// compressor kept for the whole run, and a buffer of the file's size filled with them.
class Floor {
public:
    Floor() : compressor_(libdeflate_alloc_compressor(1), libdeflate_free_compressor) {}
    [[gnu::noinline]] std::size_t make(const FloorInput& in) { // a function of its own under callgrind
        std::string file;
        file.reserve(in.file_size);
        std::string scratch;
        for (const std::string& part : in.parts) {
            scratch.resize(libdeflate_zlib_compress_bound(compressor_.get(), part.size()));
            const std::size_t n = libdeflate_zlib_compress(compressor_.get(), part.data(), part.size(),
                                                           scratch.data(), scratch.size());
            file.append(scratch, 0, n);
        }
        if (file.size() < in.file_size) file.append(in.file_size - file.size(), ' '); // the rest of the bytes
        return file.size();
    }

private:
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor_;
};

// ------------------------------------------------------------------ timing

struct Side {
    std::vector<double> cpu_ms; // per document, every round
    std::size_t bytes = 0;      // of the last document
};

void report(const char* format, const Side& engine, const Side& floor) {
    const double e = bench::median(engine.cpu_ms), f = bench::median(floor.cpu_ms);
    std::printf("%-5s vanban %.3f ms, floor %.3f ms per document (median thread CPU): %.2f x the floor; "
                "file %zu bytes\n",
                format, e, f, e / f, engine.bytes);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!bench::parse_flags(argc, argv,
                            {bench::count_flag("--documents", o.documents), bench::count_flag("--rounds", o.rounds),
                             bench::text_flag("--profile", o.profile), bench::text_flag("--format", o.format)}) ||
        (o.format != "pdf" && o.format != "docx" && o.format != "both")) {
        std::fprintf(stderr, "usage: vanban_bench_floor [--documents N] [--rounds N] [--profile party|state] "
                             "[--format pdf|docx|both]\n");
        return 2;
    }
    const std::string source = VANBAN_SOURCE_DIR;
    vanban::EngineOptions engine_options;
    engine_options.template_dirs = {source + "/templates"};
    engine_options.fixed_creation_date = "2019-03-25T08:00:00+07:00";
    const vanban::Engine engine(engine_options);
    const auto plan = bench::load_seed000_plan(engine, source, o.profile);
    const std::vector<std::string> data = varied_data(plan.data, o.documents);

    // The floor's input, from vanban's own output, before any timing (and a warm-up).
    std::vector<FloorInput> pdf_in, docx_in;
    for (const std::string& d : data)
        for (const vanban::Format format : {vanban::Format::pdf, vanban::Format::docx}) {
            if (!(format == vanban::Format::pdf ? o.pdf() : o.docx())) continue;
            const vanban::RenderResult made = engine.render("ke-hoach", d, format, plan.render_options);
            if (!made) {
                std::fprintf(stderr, "error: %s\n", made.error.format().c_str());
                return 1;
            }
            if (format == vanban::Format::pdf) pdf_in.push_back(pdf_floor_input(made.bytes));
            else docx_in.push_back(docx_floor_input(made.bytes));
        }

    Floor floor;
    Side pdf_engine, pdf_floor, docx_engine, docx_floor;
    // One document by vanban, then by the floor, each timed by this thread's CPU clock.
    auto both = [&](vanban::Format format, std::size_t i, Side& engine_side, Side& floor_side, const FloorInput& in) {
        double t = bench::thread_cpu_ms();
        engine_side.bytes = engine.render("ke-hoach", data[i], format, plan.render_options).bytes.size();
        engine_side.cpu_ms.push_back(bench::thread_cpu_ms() - t);
        t = bench::thread_cpu_ms();
        floor_side.bytes = floor.make(in);
        floor_side.cpu_ms.push_back(bench::thread_cpu_ms() - t);
    };
    for (int round = 0; round < o.rounds; ++round)
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (o.pdf()) both(vanban::Format::pdf, i, pdf_engine, pdf_floor, pdf_in[i]);
            if (o.docx()) both(vanban::Format::docx, i, docx_engine, docx_floor, docx_in[i]);
        }
    std::printf("seed-000 plan, %d documents with different data, %d rounds, one engine on one thread\n",
                o.documents, o.rounds);
    if (o.pdf()) {
        report("PDF", pdf_engine, pdf_floor);
        std::printf("      the floor deflates %zu streams per document\n", pdf_in.front().parts.size());
    }
    if (o.docx()) {
        report("DOCX", docx_engine, docx_floor);
        std::printf("      the floor deflates %zu parts per document\n", docx_in.front().parts.size());
    }
    bench::print_load_average();
    return 0;
}
