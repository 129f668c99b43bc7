// Merging the manifests of a batch's shards (vanban::merge_manifests): real shards made by
// BatchJob, merged, against one run without --shard; then each way a set of manifests can be
// wrong, made by changing real ones, and refused with nothing written.
#include <catch2/catch.hpp>

#include <fstream>
#include <sys/stat.h>
#include <thread>

#include <nlohmann/json.hpp>

#include "batch/sha256.hpp"
#include "support/temp_dir.hpp"
#include "vanban/batch.hpp"

using nlohmann::ordered_json;
using vanban::BatchJob;
using vanban::BatchOptions;
using vanban::MergeSummary;
using vanban::testing::read_file;
using vanban::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr unsigned kShards = 3;
constexpr int kRecords = 8; // shards of 3, 3 and 2 records

// A template of its own and records B1…B8, of which the fifth is not an object (it fails
// alone, in shard 2); the shards and a whole run write into one folder.
struct Shards {
    TempDir dir;
    vanban::Engine engine{engine_options(dir)};

    static vanban::EngineOptions engine_options(const TempDir& dir) {
        vanban::EngineOptions options;
        options.template_dirs = {dir.path() / "tpl", fs::path(VANBAN_SOURCE_DIR) / "templates"};
        options.fixed_creation_date = "2019-03-25T08:00:00Z";
        return options;
    }

    Shards() {
        dir.write("tpl/plan/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n");
        std::string records;
        for (int i = 1; i <= kRecords; ++i) {
            const std::string code = "B" + std::to_string(i);
            // Record 5 is not an object: it fails alone, in shard 2.
            records += i == 5 ? "[1, 2]\n" : R"({"code": ")" + code + R"(", "body": "Nội dung )" + code + ".\"}\n";
        }
        dir.write("records.jsonl", records);
    }

    fs::path path(const std::string& relative) const { return dir.path() / relative; }

    BatchOptions options(unsigned index = 1, unsigned count = 1) const {
        BatchOptions options;
        options.template_name = "plan";
        options.shared_json = R"({"summary": "về công tác kết nạp đảng viên", "body": "Nội dung chung."})";
        options.records = path("records.jsonl");
        options.output_pattern = path("out").string() + "/{{ code }}.json";
        options.workers = 2;
        options.shard_index = index;
        options.shard_count = count;
        return options;
    }

    vanban::BatchSummary run(BatchOptions options) const { return BatchJob(engine, std::move(options)).run(); }

    // Every shard, run; their manifests' paths.
    std::vector<fs::path> run_shards() const {
        std::vector<fs::path> manifests;
        for (unsigned k = 1; k <= kShards; ++k) {
            const vanban::BatchSummary summary = run(options(k, kShards));
            REQUIRE(summary.ok);
            manifests.push_back(summary.manifest);
        }
        return manifests;
    }

    ordered_json read(const fs::path& file) const { return ordered_json::parse(read_file(file)); }
    void write(const fs::path& file, const ordered_json& manifest) const {
        std::ofstream(file, std::ios::binary) << manifest.dump(2);
    }
};

std::string shard_name(unsigned k) { return "out/manifest-" + std::to_string(k) + "-of-3.json"; }

// The merge refused: the error's code and where it points, nothing written.
void check_refused(const MergeSummary& summary, const std::string& code, const fs::path& output) {
    INFO(summary.error.format());
    CHECK_FALSE(summary.ok);
    CHECK(summary.error.message.code() == code);
    CHECK(summary.exit_code() == 5);
    CHECK_FALSE(fs::exists(output));
}

} // namespace

TEST_CASE("merge: the shards' manifests make the manifest of one run without --shard") {
    Shards s;
    const std::vector<fs::path> manifests = s.run_shards();
    // The whole batch once, its manifest kept aside (the shards' outputs are the same files).
    BatchOptions whole_options = s.options();
    whole_options.manifest = s.path("whole.json");
    REQUIRE(s.run(whole_options).exit_code() == vanban::kExitSomeRecordsFailed);

    // In any order: the record order comes from the shards' numbers.
    const MergeSummary summary = vanban::merge_manifests({manifests[2], manifests[0], manifests[1]});
    INFO(summary.error.format());
    REQUIRE(summary.ok);
    CHECK(summary.manifest == s.path("out/manifest.json")); // beside the first, as one run names it
    CHECK(summary.shards == kShards);
    CHECK(summary.counts.total == kRecords);
    CHECK(summary.counts.written == kRecords - 1);
    CHECK(summary.counts.failed == 1);
    CHECK(summary.clashes.empty());
    CHECK(summary.exit_code() == vanban::kExitSomeRecordsFailed);

    const ordered_json merged = s.read(summary.manifest), whole = s.read(s.path("whole.json"));
    // Record by record the same, the failed one too (its error and its text).
    CHECK(merged["records"] == whole["records"]);
    CHECK(merged["records"][4]["status"] == "failed");
    // The same head, but for the shard and where it was merged from.
    for (const auto& [key, value] : whole.items())
        if (key != "records" && key != "summary" && key != "shard") CHECK(merged[key] == value);
    CHECK(merged["shard"] == ordered_json{{"index", 1}, {"count", 1}});
    // The manifests merged, in the order of their shards.
    CHECK(merged["merged_from"] == ordered_json::array({manifests[0].string(), manifests[1].string(), manifests[2].string()}));
    // The summary, but for the time (the shards' added).
    for (const char* key : {"records", "written", "skipped", "failed", "complete", "records_sha256"})
        CHECK(merged["summary"][key] == whole["summary"][key]);
    // Line by line as the batch writes a manifest: one record per line, keys in their order.
    const std::string text = read_file(summary.manifest);
    CHECK(text.find(whole["records"][0].dump()) != std::string::npos);
    // Nothing but the merged manifest was added.
    CHECK(fs::exists(s.path("out/manifest.json")));
}

TEST_CASE("merge: every record written gives exit code 0; -o names the merged manifest") {
    Shards s;
    s.dir.write("records.jsonl", "{\"code\": \"A\"}\n{\"code\": \"B\"}\n{\"code\": \"C\"}\n");
    const std::vector<fs::path> manifests = s.run_shards();
    const MergeSummary summary = vanban::merge_manifests(manifests, s.path("all.json"));
    REQUIRE(summary.ok);
    CHECK(summary.exit_code() == 0);
    CHECK(summary.manifest == s.path("all.json"));
    CHECK(s.read(s.path("all.json"))["summary"]["written"] == 3);
}

TEST_CASE("merge: a shard missing, given twice, unfinished, or of another batch is refused, naming it") {
    Shards s;
    const std::vector<fs::path> m = s.run_shards();
    const fs::path output = s.path("out/manifest.json");

    SECTION("a shard missing") {
        const MergeSummary summary = vanban::merge_manifests({m[0], m[2]});
        check_refused(summary, "batch.merge.shards-missing", output);
        CHECK(summary.error.message.text() == "shard 2 of 3 is missing");
        CHECK(summary.error.hint.code() == "batch.merge.shards-missing-hint");
    }
    SECTION("two shards missing, one of them killed: its journal is named") {
        s.dir.write("out/manifest-2-of-3.json.journal", "");
        const MergeSummary summary = vanban::merge_manifests({m[0]});
        check_refused(summary, "batch.merge.shards-missing", output);
        CHECK(summary.error.message.text() == "shards 2, 3 of 3 are missing");
        CHECK(summary.error.hint.code() == "batch.merge.shard-journal-hint");
        CHECK_THAT(summary.error.hint.text(), Catch::Contains("manifest-2-of-3.json.journal"));
    }
    SECTION("a shard given twice") {
        fs::copy_file(m[1], s.path("copy.json"));
        const MergeSummary summary = vanban::merge_manifests({m[0], m[1], s.path("copy.json"), m[2]});
        check_refused(summary, "batch.merge.shard-twice", output);
        CHECK(summary.error.where.file == s.path("copy.json").string());
        CHECK_THAT(summary.error.message.text(), Catch::Contains("shard 2 of 3 is given twice"));
    }
    SECTION("a shard that did not finish") {
        ordered_json manifest = s.read(m[1]);
        manifest["summary"]["complete"] = false;
        s.write(m[1], manifest);
        const MergeSummary summary = vanban::merge_manifests(m);
        check_refused(summary, "batch.merge.shard-unfinished", output);
        CHECK(summary.error.where.file == m[1].string());
    }
    SECTION("a shard of a batch with other shared data") {
        BatchOptions other = s.options(2, kShards);
        other.shared_json = R"({"summary": "về công tác khác", "body": "Nội dung chung."})";
        REQUIRE(s.run(other).ok);
        const MergeSummary summary = vanban::merge_manifests(m);
        check_refused(summary, "batch.merge.other-batch", output);
        CHECK(summary.error.where.file == m[1].string());
        CHECK(summary.error.message.arg("field") == "shared_sha256");
    }
    SECTION("a shard that read another records file (one record changed since)") {
        s.dir.write("records.jsonl", read_file(s.path("records.jsonl")) + "{\"code\": \"B9\"}\n");
        REQUIRE(s.run(s.options(3, kShards)).ok);
        const MergeSummary summary = vanban::merge_manifests(m);
        check_refused(summary, "batch.merge.other-batch", output);
        CHECK(summary.error.where.file == m[2].string());
        CHECK(summary.error.message.arg("field") == "records_sha256");
    }
    SECTION("a shard of another split (--shard K/4)") {
        REQUIRE(s.run(s.options(2, 4)).ok);
        const MergeSummary summary = vanban::merge_manifests({m[0], s.path("out/manifest-2-of-4.json"), m[2]});
        check_refused(summary, "batch.merge.other-batch", output);
        CHECK(summary.error.message.arg("field") == "shard.count");
    }
    SECTION("a manifest of another template") {
        ordered_json manifest = s.read(m[2]);
        manifest["template"] = "bao-cao";
        s.write(m[2], manifest);
        const MergeSummary summary = vanban::merge_manifests(m);
        check_refused(summary, "batch.merge.other-batch", output);
        CHECK(summary.error.message.text() == "not the same batch as " + m[0].string() +
                                                   ": its template is \"bao-cao\", not \"plan\"");
    }
}

TEST_CASE("merge: records listed twice, in the wrong shard, or counted wrong are refused") {
    Shards s;
    const std::vector<fs::path> m = s.run_shards();
    const fs::path output = s.path("out/manifest.json");
    ordered_json first = s.read(m[0]); // records 1, 4, 7

    SECTION("a record listed twice") {
        first["records"][1] = first["records"][0];
        s.write(m[0], first);
        check_refused(vanban::merge_manifests(m), "batch.merge.record-twice", output);
    }
    SECTION("a record of another shard") {
        first["records"][1]["record"] = 5;
        s.write(m[0], first);
        const MergeSummary summary = vanban::merge_manifests(m);
        check_refused(summary, "batch.merge.record-not-in-shard", output);
        CHECK(summary.error.message.text() == "record 5 is listed, but is not shard 1's of 3 (8 records)");
    }
    SECTION("a shard whose count disagrees with the others'") {
        first["records"].erase(2);
        first["summary"]["records"] = 2;
        s.write(m[0], first);
        check_refused(vanban::merge_manifests(m), "batch.merge.shard-share", output);
    }
    SECTION("a summary that does not count the records listed") {
        first["summary"]["records"] = 4;
        s.write(m[0], first);
        check_refused(vanban::merge_manifests(m), "batch.merge.shard-lists", output);
    }
    SECTION("a record entry without its number") {
        first["records"][0].erase("record");
        s.write(m[0], first);
        check_refused(vanban::merge_manifests(m), "batch.not-a-manifest", output);
    }
    SECTION("a manifest of another version") {
        first["vanban_manifest"] = 2;
        s.write(m[0], first);
        check_refused(vanban::merge_manifests(m), "batch.merge.manifest-version", output);
    }
    SECTION("a file that is not a manifest, and one that is not there") {
        s.dir.write("out/manifest-1-of-3.json", "{\"records\": [");
        check_refused(vanban::merge_manifests(m), "batch.not-a-manifest", output);
        fs::remove(m[0]);
        check_refused(vanban::merge_manifests(m), "data.no-such-file", output);
    }
}

TEST_CASE("merge: two shards that wrote the same output: both records failed, naming each other") {
    Shards s;
    const std::vector<fs::path> m = s.run_shards();
    // Record 2 (shard 2) wrote record 1's file: as when two records' fields give one name.
    ordered_json second = s.read(m[1]);
    REQUIRE(second["records"][0]["record"] == 2);
    second["records"][0]["outputs"][0]["path"] = s.read(m[0])["records"][0]["outputs"][0]["path"];
    s.write(m[1], second);

    const MergeSummary summary = vanban::merge_manifests(m);
    REQUIRE(summary.ok);
    CHECK(summary.exit_code() == vanban::kExitSomeRecordsFailed);
    CHECK(summary.counts.failed == 3); // records 1 and 2, and record 5 that failed in its shard
    REQUIRE(summary.clashes.size() == 2);
    CHECK(summary.clashes[0].record == 1);
    CHECK(summary.clashes[1].record == 2);
    CHECK(summary.clashes[0].error.message.code() == "batch.merge.output-clash");
    CHECK(summary.clashes[0].error.message.arg("other") == "2");
    const ordered_json merged = s.read(summary.manifest);
    for (int i : {0, 1}) {
        const ordered_json& entry = merged["records"][i];
        CHECK(entry["status"] == "failed");
        CHECK_FALSE(entry["outputs"][0].contains("sha256")); // no file is vouched for
        CHECK(entry["error"]["code"] == "batch.merge.output-clash");
        CHECK(entry.contains("input_sha256"));
    }
    CHECK(merged["records"][0]["error"]["text"] ==
          "record 1 (code=B1): the output " + merged["records"][0]["outputs"][0]["path"].get<std::string>() +
              " is also record 2's: two shards wrote it, and it holds only one of the two");
}

TEST_CASE("merge: the merged manifest never replaces a shard's, and is written whole or not at all") {
    Shards s;
    const std::vector<fs::path> m = s.run_shards();
    const std::string before = read_file(m[0]);
    MergeSummary summary = vanban::merge_manifests(m, m[0]);
    CHECK_FALSE(summary.ok);
    CHECK(summary.error.message.code() == "batch.merge.output-is-input");
    CHECK(summary.exit_code() == 2);
    CHECK(read_file(m[0]) == before);

    summary = vanban::merge_manifests(m, s.path("no-such-folder/manifest.json"));
    CHECK_FALSE(summary.ok);
    CHECK(summary.exit_code() == 8);
    CHECK_FALSE(fs::exists(s.path("no-such-folder")));

    summary = vanban::merge_manifests({});
    CHECK(summary.exit_code() == 2);
    CHECK(summary.error.message.code() == "batch.merge.no-manifests");
}

TEST_CASE("merge: each manifest records the SHA-256 of the records file's bytes, read once, also from a pipe") {
    Shards s;
    const std::string expected = vanban::batch::sha256_hex(read_file(s.path("records.jsonl")));
    const vanban::BatchSummary file = s.run(s.options(2, kShards));
    REQUIRE(file.ok);
    CHECK(s.read(file.manifest)["summary"]["records_sha256"] == expected);

    REQUIRE(mkfifo(s.path("records.fifo").c_str(), 0600) == 0);
    std::thread writer([&] { std::ofstream(s.path("records.fifo"), std::ios::binary) << read_file(s.path("records.jsonl")); });
    BatchOptions piped = s.options(2, kShards);
    piped.records = s.path("records.fifo");
    piped.records_format = vanban::RecordsFormat::json_lines;
    piped.manifest = s.path("piped.json");
    const vanban::BatchSummary pipe = s.run(piped);
    writer.join();
    REQUIRE(pipe.ok);
    CHECK(s.read(s.path("piped.json"))["summary"]["records_sha256"] == expected);
}
