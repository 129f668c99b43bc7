// DOCX benchmark: the seed-000 plan (with the fixture's appendix table) rendered again and
// again by one thread. Prints the median, fastest and 90th-percentile time per document and
// the file size. Target (issue 4): median <= 1 ms, file <= 20 KB.
//
//   vanban_bench_docx [runs]        (default 2000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "docx/docx.hpp"
#include "fixture.hpp"

namespace {

double percentile(std::vector<double> sorted_ms, double p) {
    std::size_t index = static_cast<std::size_t>(p * static_cast<double>(sorted_ms.size() - 1) + 0.5);
    return sorted_ms[std::min(index, sorted_ms.size() - 1)];
}

} // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 2000;
    if (runs < 1) runs = 1;
    const vanban::model::Document doc = vanban::docx_fixture::plan_000_party();
    const vanban::docx::DocxOptions options{"2019-03-25T08:00:00Z"};

    std::size_t size = 0;
    for (int i = 0; i < 50; ++i) size = vanban::docx::render_docx(doc, options).size(); // warm up

    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        std::string bytes = vanban::docx::render_docx(doc, options);
        auto end = std::chrono::steady_clock::now();
        size = bytes.size();
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("docx seed-000: median %.3f ms per document (fastest %.3f, p90 %.3f; %d runs), file %zu bytes (%.1f KB)\n",
                percentile(ms, 0.5), ms.front(), percentile(ms, 0.9), runs, size, static_cast<double>(size) / 1024.0);
    return 0;
}
