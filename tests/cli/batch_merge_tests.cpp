// vanban batch merge-manifests as an operator runs it after a sharded batch: real shards of
// the ke-hoach template (PDF and DOCX), merged, against the same batch run without --shard.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;
using nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

// Seven branches of the example plan; the fourth has a date that does not exist.
void add_inputs(const TempDir& dir) {
    dir.write("shared.json", read_file(fs::path(VANBAN_SOURCE_DIR) / "templates/ke-hoach/example.json"));
    dir.write("branches.csv", "branch.code,header.number,header.date\n"
                              "HC01,11-KH/CB,2019-04-01\nHC02,12-KH/CB,2019-04-02\nHC03,13-KH/CB,2019-04-03\n"
                              "HC04,14-KH/CB,2019-13-45\nHC05,15-KH/CB,2019-04-05\nHC06,16-KH/CB,2019-04-06\n"
                              "HC07,17-KH/CB,2019-04-07\n");
}

const std::string kBatch = "batch ke-hoach shared.json branches.csv -o 'out/{{ branch.code }}-ke-hoach.pdf' -f pdf,docx "
                           "--strip branch --fixed-date 2019-03-25T08:00:00Z -q";

// The three shards, run one after the other as three pods would; the first has record 4.
void run_shards(const TempDir& dir) {
    for (int k = 1; k <= 3; ++k)
        REQUIRE(run_vanban(kBatch + " --shard " + std::to_string(k) + "/3", dir).exit_code == (k == 1 ? 10 : 0));
}

ordered_json manifest(const TempDir& dir, const std::string& name = "out/manifest.json") {
    return ordered_json::parse(read_file(dir.path() / name));
}

} // namespace

TEST_CASE("cli batch merge-manifests: real shards merge into the manifest of the batch run whole") {
    TempDir whole, sharded;
    add_inputs(whole);
    add_inputs(sharded);
    REQUIRE(run_vanban(kBatch, whole).exit_code == 10);
    run_shards(sharded);

    CliRun merge = run_vanban("batch merge-manifests out/manifest-*-of-3.json", sharded);
    INFO(merge.err);
    CHECK(merge.exit_code == 10); // as the whole batch: a record failed
    CHECK(merge.err == "3 shards merged: 6 written, 0 skipped (unchanged), 1 failed, of 7 records; manifest out/manifest.json\n");

    const ordered_json merged = manifest(sharded), one_run = manifest(whole);
    // Every record the same: status, keys, outputs with their size and SHA-256, the failure.
    CHECK(merged["records"] == one_run["records"]);
    CHECK(merged["records"][3]["error"]["json_path"] == "header.date");
    // What legitimately differs: the shard, where it was merged from, and the time.
    for (const auto& [key, value] : one_run.items())
        if (key != "records" && key != "summary" && key != "shard") CHECK(merged[key] == value);
    CHECK(merged["merged_from"] == ordered_json::array({"out/manifest-1-of-3.json", "out/manifest-2-of-3.json",
                                                        "out/manifest-3-of-3.json"}));
    ordered_json summary = merged["summary"], expected = one_run["summary"];
    summary.erase("seconds");
    expected.erase("seconds");
    CHECK(summary == expected);
    // The merged manifest is what --resume of the whole batch reads: nothing is rendered again.
    CliRun resumed = run_vanban(kBatch + " --resume", sharded);
    CHECK(resumed.exit_code == 10);
    CHECK(manifest(sharded)["summary"]["skipped"] == 6);
}

TEST_CASE("cli batch merge-manifests: a missing shard is named, in both languages, and nothing is written") {
    TempDir dir;
    add_inputs(dir);
    run_shards(dir);
    fs::remove(dir.path() / "out/manifest-2-of-3.json");
    CliRun merge = run_vanban("batch merge-manifests out/manifest-*-of-3.json", dir);
    CHECK(merge.exit_code == 5);
    CHECK_THAT(merge.err, Catch::StartsWith("out/manifest-1-of-3.json: error: shard 2 of 3 is missing\n"));
    CHECK_THAT(merge.err, Catch::Contains("hint: give the manifest of every shard"));
    CHECK_FALSE(fs::exists(dir.path() / "out/manifest.json"));

    CliRun vi = run_vanban("batch merge-manifests out/manifest-*-of-3.json", dir, CliStreams{.language = "vi"});
    CHECK(vi.exit_code == 5);
    CHECK_THAT(vi.err, Catch::Contains("lỗi: thiếu phần việc 2 (trong tổng số 3 phần việc)"));
    CHECK_FALSE(fs::exists(dir.path() / "out/manifest.json"));
}

TEST_CASE("cli batch merge-manifests: help, usage, and batch's own arguments still required") {
    TempDir dir;
    CliRun help = run_vanban("batch merge-manifests --help", dir);
    CHECK(help.exit_code == 0);
    for (const char* text : {"--output", "--quiet", "manifest-1-of-N.json", "Exit codes", "10 some records failed"})
        CHECK_THAT(help.out, Catch::Contains(text));
    CHECK_THAT(run_vanban("batch --help", dir).out, Catch::Contains("merge-manifests"));
    CHECK_THAT(run_vanban("--lang vi batch merge-manifests --help", dir).out, Catch::Contains("Mã thoát"));

    // batch's own options are not merge-manifests' (they would do nothing); --lang is.
    CliRun manifest_option = run_vanban("batch merge-manifests m.json --manifest all.json", dir);
    CHECK(manifest_option.exit_code == 2);
    CHECK_THAT(manifest_option.err, Catch::Contains("unexpected argument: --manifest"));
    CHECK_THAT(run_vanban("batch merge-manifests --help --lang vi", dir).out, Catch::Contains("Mã thoát"));

    CliRun none = run_vanban("batch merge-manifests", dir);
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Catch::Contains("vanban: error: manifests is required"));
    CHECK_THAT(none.err, Catch::Contains("run 'vanban batch merge-manifests --help'"));
    // A batch run still needs its template, data, records and pattern.
    CliRun batch = run_vanban("batch", dir);
    CHECK(batch.exit_code == 2);
    CHECK_THAT(batch.err, Catch::Contains("template is required"));
    CHECK_THAT(batch.err, Catch::Contains("run 'vanban batch --help'"));
    CHECK(run_vanban("batch ke-hoach d.json r.csv", dir).exit_code == 2);
}
