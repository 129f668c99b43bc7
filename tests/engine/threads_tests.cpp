// Many threads rendering PDF and DOCX on one engine (docs/hardening.md): every output must be
// byte for byte what a single thread renders. The engine starts cold, so the threads also
// race to fill its caches (templates, profiles, schemas, fonts). scripts/test-sanitize runs
// this test under ThreadSanitizer, which reports any data race it takes part in.
#include <catch2/catch.hpp>

#include <filesystem>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"

using namespace vanban;

namespace {

const std::filesystem::path repo = VANBAN_SOURCE_DIR;

// A fixed creation date makes the output depend on the inputs only.
EngineOptions deterministic_options() {
    EngineOptions options;
    options.template_dirs = {repo / "templates"};
    options.fixed_creation_date = "2024-01-02T03:04:05Z";
    return options;
}

struct Job {
    std::string template_name;
    std::string data;
    Format format;
};

// Two templates (Party plan, State report) in both formats: threads share the engine's
// caches of templates, profiles and fonts, and both writers.
std::vector<Job> jobs() {
    const std::string plan = testing::read_file(repo / "data" / "000-quang-nam-ke-hoach-28.json");
    const std::string report = testing::read_file(repo / "data" / "bao-cao-so-ket-example.json");
    return {{"ke-hoach", plan, Format::pdf}, {"ke-hoach", plan, Format::docx},
            {"bao-cao", report, Format::pdf}, {"bao-cao", report, Format::docx}};
}

// The bytes of each job, or "error: …" when it failed.
std::string render(const Engine& engine, const Job& job) {
    RenderResult result = engine.render(job.template_name, job.data, job.format);
    return result.ok ? result.bytes : "error: " + result.error.format();
}

} // namespace

TEST_CASE("engine: eight threads rendering PDF and DOCX on one engine write what one thread writes") {
    const std::vector<Job> work = jobs();
    REQUIRE_FALSE(work[0].data.empty());
    REQUIRE_FALSE(work[2].data.empty());

    std::vector<std::string> expected;
    {
        const Engine single(deterministic_options());
        for (const Job& job : work) expected.push_back(render(single, job));
    }
    for (const std::string& bytes : expected) {
        INFO(bytes.substr(0, 200));
        REQUIRE(bytes.rfind("error: ", 0) == std::string::npos);
    }
    // Guards the comparison below: equal bytes must mean equal work, not a constant output.
    REQUIRE(expected[0] != expected[2]);

    constexpr int kThreads = 8;
    constexpr int kRounds = 2;
    const Engine shared(deterministic_options()); // cold: nothing cached yet
    // results[t][r * jobs + j]: what thread t rendered for job j in round r.
    std::vector<std::vector<std::string>> results(kThreads);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            start.arrive_and_wait(); // all threads begin together, on the cold caches
            for (int round = 0; round < kRounds; ++round)
                for (std::size_t j = 0; j < work.size(); ++j) {
                    // Each thread takes the jobs in its own order, so different formats and
                    // templates run at the same moment.
                    const std::size_t job = (j + static_cast<std::size_t>(t)) % work.size();
                    results[t].push_back(std::to_string(job) + ":" + render(shared, work[job]));
                }
        });
    for (std::thread& thread : threads) thread.join();

    for (int t = 0; t < kThreads; ++t) {
        REQUIRE(results[t].size() == kRounds * work.size());
        for (const std::string& tagged : results[t]) {
            const std::size_t colon = tagged.find(':');
            const std::size_t job = std::stoul(tagged.substr(0, colon));
            INFO("thread " << t << ", " << work[job].template_name << " as "
                           << (work[job].format == Format::pdf ? "PDF" : "DOCX"));
            CHECK(tagged.compare(colon + 1, std::string::npos, expected[job]) == 0);
        }
    }
}
