// Whole batches through vanban::BatchJob: failures that stay alone, the manifest, resume,
// shards, and no half-written files. Most runs write the document model (Format::model),
// which exercises everything but the PDF and DOCX writers, quickly.
#include <catch2/catch.hpp>

#include <fstream>
#include <mutex>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/output_files.hpp"
#include "support/temp_dir.hpp"
#include "vanban/batch.hpp"

using nlohmann::json;
using vanban::BatchJob;
using vanban::BatchOptions;
using vanban::BatchSummary;
using vanban::Format;
using vanban::RecordReport;
using vanban::RecordStatus;
using vanban::testing::read_file;
using vanban::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const char* const kTemplate = "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n";

// A folder with a template of its own ("plan"), beside the repository's profiles.
struct Workspace {
    TempDir dir;
    vanban::Engine engine;
    std::vector<RecordReport> reports; // as on_record received them
    std::vector<vanban::BatchProgress> progress;

    Workspace() : engine(engine_options(dir)) { dir.write("tpl/plan/main.vbt", kTemplate); }

    static vanban::EngineOptions engine_options(const TempDir& dir) {
        vanban::EngineOptions options;
        options.template_dirs = {dir.path() / "tpl", fs::path(VANBAN_SOURCE_DIR) / "templates"};
        options.fixed_creation_date = "2019-03-25T08:00:00Z";
        return options;
    }

    fs::path path(const std::string& relative) const { return dir.path() / relative; }

    // Options for records in `records_text` (JSON Lines unless the name says otherwise).
    BatchOptions options(const std::string& records_text, const std::string& records_name = "records.jsonl") {
        dir.write(records_name, records_text);
        BatchOptions options;
        options.template_name = "plan";
        options.shared_json = R"({"summary": "về công tác kết nạp đảng viên", "body": "Nội dung chung."})";
        options.records = path(records_name);
        options.output_pattern = (dir.path() / "out").string() + "/{{ code }}.json";
        options.workers = 2;
        return options;
    }

    BatchSummary run(BatchOptions options) {
        reports.clear();
        progress.clear();
        std::mutex mutex; // the batch calls under its own lock; this one only guards the test's vectors
        options.on_record = [&](const RecordReport& report) {
            std::lock_guard lock(mutex);
            reports.push_back(report);
        };
        options.on_progress = [&](const vanban::BatchProgress& p) {
            std::lock_guard lock(mutex);
            progress.push_back(p);
        };
        return BatchJob(engine, std::move(options)).run();
    }

    json manifest(const std::string& name = "out/manifest.json") const {
        return json::parse(read_file(path(name)));
    }
};

// {"code": "B1", "body": "Nội dung B1."} … for codes B1..Bn, one per line.
std::string numbered_records(int count) {
    std::string text;
    for (int i = 1; i <= count; ++i) {
        const std::string code = "B" + std::to_string(i);
        text += R"({"code": ")" + code + R"(", "body": "Nội dung )" + code + ".\"}\n";
    }
    return text;
}

// Every file under `folder`, relative, sorted (temporary ones included, so tests see them).
std::vector<std::string> all_files(const fs::path& folder) {
    std::vector<std::string> files;
    if (!fs::exists(folder)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), folder).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("batch: every record is merged, rendered and written under its own name") {
    Workspace w;
    auto options = w.options(R"({"code": "A1", "body": "Riêng của A1."})" "\n" R"({"code": "A2"})" "\n");
    BatchSummary summary = w.run(options);
    REQUIRE(summary.ok);
    CHECK(summary.exit_code() == 0);
    CHECK(summary.counts.written == 2);
    CHECK(all_files(w.path("out")) == std::vector<std::string>{"A1.json", "A2.json", "manifest.json"});
    const std::string a1 = read_file(w.path("out/A1.json"));
    const std::string a2 = read_file(w.path("out/A2.json"));
    CHECK_THAT(a1, Catch::Contains("Riêng của A1."));   // the record's own field
    CHECK_THAT(a2, Catch::Contains("Nội dung chung.")); // the shared one
    CHECK_THAT(a1, Catch::Contains("kết nạp đảng viên"));
}

TEST_CASE("batch: a bad record fails alone; the exit code and the manifest say which and why") {
    Workspace w;
    const std::string records = R"({"code": "A1"})" "\n"
                                R"({"code": "A2", "summary": null})" "\n" // the template needs summary
                                R"({"code": "A3",)" "\n"                  // malformed JSON
                                R"({"nocode": 1})" "\n"                   // the name pattern needs code
                                R"({"code": "A5"})" "\n";
    BatchSummary summary = w.run(w.options(records));
    REQUIRE(summary.ok);
    CHECK(summary.exit_code() == vanban::kExitSomeRecordsFailed);
    CHECK(summary.counts.written == 2);
    CHECK(summary.counts.failed == 3);
    CHECK(all_files(w.path("out")) == std::vector<std::string>{"A1.json", "A5.json", "manifest.json"});

    REQUIRE(w.reports.size() == 5);
    CHECK(w.reports[1].describe().rfind("record 2 (code=A2): ", 0) == 0);
    CHECK_THAT(w.reports[1].describe(), Catch::Contains("summary"));
    CHECK(w.reports[2].describe().rfind("record 3: ", 0) == 0);
    CHECK_THAT(w.reports[2].describe(), Catch::Contains("records.jsonl:3") && Catch::Contains("malformed JSON"));
    CHECK_THAT(w.reports[3].describe(), Catch::Contains("record 4: output pattern:1:") && Catch::Contains("code"));

    const json manifest = w.manifest();
    CHECK(manifest["template"] == "plan");
    CHECK(manifest["formats"] == json{"model"});
    REQUIRE(manifest["records"].size() == 5);
    for (std::size_t i = 0; i < 5; ++i) CHECK(manifest["records"][i]["record"] == i + 1);
    const json& first = manifest["records"][0];
    CHECK(first["status"] == "written");
    CHECK(first["keys"] == json{{"code", "A1"}});
    REQUIRE(first["outputs"].size() == 1);
    const json& output = first["outputs"][0];
    CHECK(output["format"] == "model");
    CHECK(output["size"] == fs::file_size(w.path("out/A1.json")));
    CHECK(output["sha256"].get<std::string>().size() == 64);
    CHECK(first["input_sha256"].get<std::string>().size() == 64);
    const json& failed = manifest["records"][1];
    CHECK(failed["status"] == "failed");
    CHECK(failed["error"]["kind"].is_string());
    CHECK_THAT(failed["error"]["text"].get<std::string>(), Catch::StartsWith("record 2 (code=A2)"));
    CHECK(manifest["records"][2]["error"]["line"] == 3);
    CHECK(manifest["summary"]["written"] == 2);
    CHECK(manifest["summary"]["failed"] == 3);
    CHECK(manifest["summary"]["complete"] == true);
}

TEST_CASE("batch: outputs carry the sha256 of their bytes (checked against a second digest)") {
    Workspace w;
    auto options = w.options(numbered_records(3));
    options.output_pattern = (w.dir.path() / "out").string() + "/{{ code }}.json";
    REQUIRE(w.run(options).ok);
    const json manifest = w.manifest();
    // Identical inputs but for the code: the digests differ, and the same file digests the same.
    std::set<std::string> digests;
    for (const json& record : manifest["records"]) digests.insert(record["outputs"][0]["sha256"].get<std::string>());
    CHECK(digests.size() == 3);
    REQUIRE(w.run(options).ok);
    CHECK(w.manifest()["records"][0]["outputs"][0]["sha256"] == manifest["records"][0]["outputs"][0]["sha256"]);
}

TEST_CASE("batch: two records naming the same output: the later one fails") {
    Workspace w;
    BatchSummary summary = w.run(w.options(R"({"code": "A"})" "\n" R"({"code": "B"})" "\n" R"({"code": "A"})" "\n"));
    CHECK(summary.exit_code() == vanban::kExitSomeRecordsFailed);
    REQUIRE(w.reports.size() == 3);
    CHECK(w.reports[0].status == RecordStatus::written);
    CHECK(w.reports[2].status == RecordStatus::failed);
    CHECK_THAT(w.reports[2].describe(), Catch::Contains("already record 1's"));
}

TEST_CASE("batch: several formats replace the pattern's extension") {
    Workspace w;
    auto options = w.options(R"({"code": "A"})" "\n");
    options.output_pattern = (w.dir.path() / "out").string() + "/{{ code }}-ke-hoach.pdf";
    options.formats = {Format::pdf, Format::docx, Format::model};
    BatchSummary summary = w.run(options);
    REQUIRE(summary.ok);
    CHECK(summary.exit_code() == 0);
    CHECK(all_files(w.path("out")) ==
          std::vector<std::string>{"A-ke-hoach.docx", "A-ke-hoach.json", "A-ke-hoach.pdf", "manifest.json"});
    CHECK(read_file(w.path("out/A-ke-hoach.pdf")).rfind("%PDF-", 0) == 0);
    CHECK(read_file(w.path("out/A-ke-hoach.docx")).rfind("PK", 0) == 0);
    CHECK(w.manifest()["records"][0]["outputs"].size() == 3);
}

TEST_CASE("batch: a batch that cannot start says why and writes nothing") {
    Workspace w;
    auto options = w.options(numbered_records(2));
    SECTION("unknown template") {
        options.template_name = "no-such-template";
        BatchSummary summary = w.run(options);
        CHECK_FALSE(summary.ok);
        CHECK(summary.exit_code() == vanban::exit_code(vanban::ErrorKind::resource));
    }
    SECTION("no format") {
        options.output_pattern = (w.dir.path() / "out").string() + "/{{ code }}";
        BatchSummary summary = w.run(options);
        CHECK(summary.exit_code() == vanban::exit_code(vanban::ErrorKind::usage));
        CHECK_THAT(summary.error.message.text(), Catch::Contains("cannot tell the format"));
    }
    SECTION("shared data that is not an object") {
        options.shared_json = "[1, 2]";
        CHECK(w.run(options).exit_code() == vanban::exit_code(vanban::ErrorKind::data));
    }
    SECTION("missing records file") {
        options.records = w.path("nothing.csv");
        CHECK(w.run(options).exit_code() == vanban::exit_code(vanban::ErrorKind::data));
    }
    SECTION("shard 0") {
        options.shard_index = 0;
        options.shard_count = 3;
        CHECK_THAT(w.run(options).error.hint.text(), Catch::Contains("JOB_COMPLETION_INDEX"));
    }
    CHECK(all_files(w.path("out")).empty());
}

TEST_CASE("batch: shards are disjoint and together complete, each with its own manifest") {
    Workspace w;
    const int records = 23, shards = 4;
    std::multiset<std::size_t> seen;
    for (unsigned k = 1; k <= shards; ++k) {
        auto options = w.options(numbered_records(records));
        options.shard_index = k;
        options.shard_count = shards;
        BatchSummary summary = w.run(options);
        REQUIRE(summary.ok);
        CHECK(summary.counts.total == (records - k) / shards + 1);
        const std::string manifest_name = "out/manifest-" + std::to_string(k) + "-of-4.json";
        CHECK(summary.manifest == w.path(manifest_name));
        const json manifest = w.manifest(manifest_name);
        for (const json& record : manifest["records"]) {
            const std::size_t number = record["record"];
            CHECK((number - 1) % shards == k - 1);
            seen.insert(number);
        }
    }
    CHECK(seen.size() == records);
    CHECK(std::set<std::size_t>(seen.begin(), seen.end()).size() == records); // no record twice
    CHECK(all_files(w.path("out")).size() == records + shards);
}

TEST_CASE("batch: --resume skips unchanged records and renders changed or damaged ones") {
    Workspace w;
    auto options = w.options(numbered_records(4));
    REQUIRE(w.run(options).counts.written == 4);
    const auto b1_time = fs::last_write_time(w.path("out/B1.json"));

    options.resume = true;
    SECTION("nothing changed: everything is skipped, and the manifest keeps the digests") {
        BatchSummary summary = w.run(options);
        CHECK(summary.counts.skipped == 4);
        CHECK(summary.counts.written == 0);
        CHECK(summary.exit_code() == 0);
        CHECK(fs::last_write_time(w.path("out/B1.json")) == b1_time);
        CHECK(w.manifest()["records"][0]["status"] == "skipped");
        CHECK(w.manifest()["records"][0]["outputs"][0]["sha256"].get<std::string>().size() == 64);
        // Skipped records stay skippable on the next run.
        CHECK(w.run(options).counts.skipped == 4);
    }
    SECTION("a changed record, a deleted output, a damaged output") {
        std::string records = numbered_records(4);
        records.replace(records.find("Nội dung B2."), std::string("Nội dung B2.").size(), "Đổi.");
        options = w.options(records);
        options.resume = true;
        fs::remove(w.path("out/B3.json"));
        std::ofstream(w.path("out/B4.json"), std::ios::app) << " ";
        BatchSummary summary = w.run(options);
        CHECK(summary.counts.skipped == 1);
        CHECK(summary.counts.written == 3);
        REQUIRE(w.reports.size() == 4);
        CHECK(w.reports[0].status == RecordStatus::skipped);
        CHECK_THAT(read_file(w.path("out/B2.json")), Catch::Contains("Đổi."));
        CHECK(fs::exists(w.path("out/B3.json")));
    }
    SECTION("a changed template renders everything again") {
        w.dir.write("tpl/plan/main.vbt", std::string(kTemplate) + "Thêm một dòng.\n");
        vanban::Engine fresh(Workspace::engine_options(w.dir));
        auto resumed = options;
        BatchSummary summary = BatchJob(fresh, resumed).run();
        CHECK(summary.counts.written == 4);
        CHECK(summary.counts.skipped == 0);
    }
    SECTION("a failed record is tried again") {
        auto failing = w.options(numbered_records(2) + R"({"code": "B3", "summary": null})" "\n");
        REQUIRE(w.run(failing).counts.failed == 1);
        failing = w.options(numbered_records(3));
        failing.resume = true;
        BatchSummary summary = w.run(failing);
        CHECK(summary.counts.skipped == 2);
        CHECK(summary.counts.written == 1);
    }
}

TEST_CASE("batch: no temporary file is left, also when records fail") {
    Workspace w;
    std::string records = numbered_records(30);
    records += R"({"code": "bad", "summary": null})" "\n";
    auto options = w.options(records);
    options.formats = {Format::model, Format::docx};
    options.workers = 3;
    BatchSummary summary = w.run(options);
    CHECK(summary.counts.written == 30);
    CHECK(summary.counts.failed == 1);
    for (const std::string& file : all_files(w.path("out"))) {
        INFO(file);
        CHECK_FALSE(vanban::engine::is_temporary_name(file));
    }
    CHECK(all_files(w.path("out")).size() == 61);
}

TEST_CASE("batch: progress counts up to the total and records come in order, whatever the workers") {
    Workspace w;
    auto options = w.options(numbered_records(40));
    options.workers = 4;
    BatchSummary summary = w.run(options);
    REQUIRE(summary.ok);
    REQUIRE(w.progress.size() == 40);
    for (std::size_t i = 0; i < w.progress.size(); ++i) {
        CHECK(w.progress[i].done == i + 1);
        CHECK(w.progress[i].total == 40);
    }
    REQUIRE(w.reports.size() == 40);
    for (std::size_t i = 0; i < w.reports.size(); ++i) CHECK(w.reports[i].record == i + 1);
    // One worker writes the same bytes as four.
    const std::string four = read_file(w.path("out/B17.json"));
    options.workers = 1;
    options.output_pattern = (w.dir.path() / "one").string() + "/{{ code }}.json";
    REQUIRE(w.run(options).ok);
    CHECK(read_file(w.path("one/B17.json")) == four);
}

TEST_CASE("batch: --strip removes naming fields before rendering; --key names records") {
    Workspace w;
    w.dir.write("tpl/plan/main.vbt", std::string(kTemplate) + "{% if branch is defined %}BRANCH-SEEN{% endif %}\n");
    auto options = w.options(R"({"code": "x", "branch": {"code": "HC05", "name": "Chi bộ 5"}})" "\n");
    options.output_pattern = (w.dir.path() / "out").string() + "/{{ branch.code }}.json";
    REQUIRE(w.run(options).counts.written == 1);
    CHECK_THAT(read_file(w.path("out/HC05.json")), Catch::Contains("BRANCH-SEEN")); // without --strip
    CHECK(w.reports[0].name() == "record 1 (branch.code=HC05)");

    options.strip_fields = {"branch"};
    options.key_fields = {"branch.name"};
    REQUIRE(w.run(options).counts.written == 1);
    CHECK_THAT(read_file(w.path("out/HC05.json")), !Catch::Contains("BRANCH-SEEN"));
    CHECK(w.manifest()["records"][0]["keys"] == json{{"branch.name", "Chi bộ 5"}});
    CHECK(w.reports[0].name() == "record 1 (branch.name=Chi bộ 5)");
}

TEST_CASE("batch: cancel() stops taking records, and the manifest says the run is not complete") {
    Workspace w;
    auto options = w.options(numbered_records(200));
    options.workers = 1;
    // The callback cancels the very job that calls it, as a Ctrl-C handler would.
    std::optional<BatchJob> job;
    options.on_progress = [&job](const vanban::BatchProgress& p) {
        if (p.done == 5) job->cancel();
    };
    job.emplace(w.engine, options);
    BatchSummary summary = job->run();
    CHECK(summary.cancelled);
    CHECK(summary.exit_code() == 130);
    CHECK(summary.counts.done >= 5);
    CHECK(summary.counts.done < 200);
    const json manifest = w.manifest();
    CHECK(manifest["summary"]["complete"] == false);
    CHECK(manifest["records"].size() == summary.counts.done);
}

TEST_CASE("batch: the default manifest goes beside the outputs, --manifest elsewhere") {
    Workspace w;
    auto options = w.options(numbered_records(1));
    options.output_pattern = (w.dir.path() / "out" / "plans").string() + "/{{ code }}.json";
    REQUIRE(w.run(options).manifest == w.path("out/plans/manifest.json"));
    options.manifest = w.path("logs/run.json");
    REQUIRE(w.run(options).ok);
    CHECK(fs::exists(w.path("logs/run.json")));
    SECTION("an output that would overwrite the manifest fails") {
        options.manifest = w.path("out/plans/B1.json");
        BatchSummary summary = w.run(options);
        CHECK(summary.counts.failed == 1);
        CHECK_THAT(w.reports[0].describe(), Catch::Contains("is the manifest"));
    }
}

TEST_CASE("batch: CSV records with dotted headers, end to end") {
    Workspace w;
    auto options = w.options("code,body\r\nC1,\"Một, hai\"\r\nC2,\r\n", "branches.csv");
    BatchSummary summary = w.run(options);
    REQUIRE(summary.ok);
    CHECK(summary.counts.written == 2);
    CHECK_THAT(read_file(w.path("out/C1.json")), Catch::Contains("Một, hai"));
    CHECK_THAT(read_file(w.path("out/C2.json")), Catch::Contains("Nội dung chung.")); // empty cell: shared value
}
