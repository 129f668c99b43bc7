// vanban batch reads its data as vanban render does: the shared data and every record go
// through the one way in (engine/data_reader.hpp), with its encodings, limits and warnings;
// records from a pipe are read once, and all of them rendered.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"
#include "fixtures/legacy_text.hpp"

using namespace vanban::testing;
namespace fs = std::filesystem;

namespace {

void add_template(const TempDir& dir) {
    dir.write("tpl/plan/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n");
    dir.write("shared.json", R"({"summary": "về công tác kết nạp đảng viên", "body": "Nội dung chung."})");
}

std::string jsonl_records(int count) {
    std::string text;
    for (int i = 1; i <= count; ++i) text += "{\"code\": \"R" + std::to_string(i) + "\"}\n";
    return text;
}

// "Đảng cộng sản Việt Nam" in TCVN3, shown as Windows-1252 and saved as UTF-8.
std::string tcvn3_shown_as_latin1() {
    using namespace vanban::fixtures;
    return shown_as_latin1(legacy_bytes("Đảng cộng sản Việt Nam", vanban::text::LegacyEncoding::tcvn3));
}

} // namespace

TEST_CASE("cli batch data: 500 records through a named pipe are read once and all rendered") {
    TempDir dir;
    add_template(dir);
    dir.write("records.jsonl", jsonl_records(500));
    const std::string folder = shell_quote(dir.path().string());
    REQUIRE(run_shell("cd " + folder + " && mkfifo records.fifo") == 0);
    // The writer waits for the reader to open the pipe; nothing can read the records twice.
    REQUIRE(run_shell("cd " + folder + " && (cat records.jsonl > records.fifo &)") == 0);
    CliRun run = run_vanban("batch -t tpl plan shared.json records.fifo --records-format jsonl -o 'out/{{ code }}.json' -j 2", dir);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(dir.files("out").size() == 501); // and the manifest
    CHECK_THAT(run.err, Catch::Contains("500 written, 0 skipped (unchanged), 0 failed, of 500 records"));
    const auto manifest = nlohmann::json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["records"].size() == 500);
    CHECK(manifest["summary"]["complete"] == true);
}

TEST_CASE("cli batch data: a record with a text past the data limit fails alone, as render refuses it") {
    TempDir dir;
    add_template(dir);
    const std::string long_text(2u << 20, 'a');
    dir.write("records.jsonl", "{\"code\": \"A\"}\n{\"code\": \"B\", \"body\": \"" + long_text + "\"}\n");
    dir.write("record-b.json", "{\"summary\": \"s\", \"body\": \"" + long_text + "\"}");
    CliRun render = run_vanban("render -t tpl plan record-b.json -o b.json", dir);
    CHECK(render.exit_code == 9);
    CliRun run = run_vanban("batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json'", dir);
    CHECK(run.exit_code == 10);
    CHECK_THAT(run.err, Catch::Contains("record 2: records.jsonl:2: body: a text of 2097152 bytes is longer "
                                        "than 1 MiB (max_data_string_bytes)"));
    CHECK(dir.files("out") == std::vector<std::string>{"A.json", "manifest.json"});
    const auto manifest = nlohmann::json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["records"][1]["error"]["kind"] == "limit");
}

TEST_CASE("cli batch data: shared data past the data limit stops the batch before any record") {
    TempDir dir;
    add_template(dir);
    dir.write("big.json", "{\"summary\": \"s\", \"body\": \"b\", \"x\": [" + std::string((33u << 20) - 40, '1') + "]}");
    dir.write("records.jsonl", jsonl_records(2));
    CliRun run = run_vanban("batch -t tpl plan big.json records.jsonl -o 'out/{{ code }}.json'", dir);
    CHECK(run.exit_code == 9);
    CHECK_THAT(run.err, Catch::Contains("big.json: error: the data is larger than 32 MiB (max_data_bytes)"));
    CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("cli batch data: --input-encoding decodes shared data and records; without it, warnings say so") {
    TempDir dir;
    add_template(dir);
    const std::string shown = tcvn3_shown_as_latin1();
    dir.write("legacy-shared.json", "{\"summary\": \"" + shown + "\", \"body\": \"b\"}");
    dir.write("records.csv", "code,body\nA," + shown + "\n");
    const std::string command = "batch -t tpl plan legacy-shared.json records.csv -o 'out/{{ code }}.json'";
    CliRun warned = run_vanban(command, dir);
    INFO(warned.err);
    CHECK(warned.exit_code == 0);
    CHECK_THAT(warned.err, Catch::Contains("warning: legacy-shared.json: summary: looks like TCVN3 text shown as "
                                           "Latin-1; use --input-encoding tcvn3"));
    CHECK_THAT(warned.err, Catch::Contains("warning: record 1 (code=A): body: looks like TCVN3 text shown as Latin-1"));

    CliRun decoded = run_vanban(command + " --input-encoding tcvn3 -q", dir);
    CHECK(decoded.exit_code == 0);
    CHECK(decoded.err.empty());
    const std::string model = read_file(dir.path() / "out/A.json");
    CHECK_THAT(model, Catch::Contains("Đảng cộng sản Việt Nam"));

    CliRun unknown = run_vanban(command + " --input-encoding ebcdic", dir);
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("unknown input encoding 'ebcdic'"));
}

TEST_CASE("cli batch data: records from a pipe show progress as a count, without a total, until the pipe ends") {
    if (run_shell("command -v script >/dev/null") != 0) {
        WARN("skipped: this test needs script(1) (bsdutils) to give the program a terminal");
        return;
    }
    TempDir dir;
    add_template(dir);
    const std::string folder = shell_quote(dir.path().string());
    REQUIRE(run_shell("cd " + folder + " && mkfifo records.fifo") == 0);
    // The writer keeps the pipe open while it pauses: how many records will come is not known.
    REQUIRE(run_shell("cd " + folder + " && ((printf '{\"code\": \"A\"}\\n{\"code\": \"B\"}\\n'; sleep 1; "
                      "printf '{\"code\": \"C\"}\\n'; sleep 1; printf '{\"code\": \"D\"}\\n') > records.fifo &)") == 0);
    // script(1) gives the program a terminal, where the bar is drawn.
    const std::string batch = shell_quote(VANBAN_CLI_PATH) + " --lang en batch -t tpl plan shared.json records.fifo "
                                                             "--records-format jsonl -o 'out/{{ code }}.json' -j 1";
    const CommandResult shown = read_command("cd " + folder + " && VANBAN_TEMPLATES=" +
                                             shell_quote(std::string(VANBAN_SOURCE_DIR) + "/templates") +
                                             " script -qec " + shell_quote(batch) + " /dev/null");
    INFO(shown.output);
    CHECK(shown.exit_code == 0);
    // "3 records, 2.9 records/s, 0 failed": a count with no total and no bar, before the end.
    CHECK(std::regex_search(shown.output, std::regex("\x1b\\[K[0-9] records?, [0-9.]+ records/s, 0 failed")));
    CHECK_THAT(shown.output, Catch::Contains("4 written, 0 skipped (unchanged), 0 failed, of 4 records"));
    CHECK(dir.files("out").size() == 5);
}

TEST_CASE("cli batch data: records from <(…) are read once and all rendered") {
    if (run_shell("command -v bash >/dev/null") != 0) {
        WARN("skipped: this test needs bash for its process substitution");
        return;
    }
    TempDir dir;
    add_template(dir);
    dir.write("records.jsonl", jsonl_records(300));
    const std::string batch = "VANBAN_TEMPLATES=" + shell_quote(std::string(VANBAN_SOURCE_DIR) + "/templates") + " " +
                              shell_quote(VANBAN_CLI_PATH) +
                              " --lang en batch -t tpl plan shared.json <(cat records.jsonl) -o 'out/{{ code }}.json' -j 2";
    const CommandResult run =
        read_command("cd " + shell_quote(dir.path().string()) + " && bash -c " + shell_quote(batch) + " 2>&1");
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("300 written, 0 skipped (unchanged), 0 failed, of 300 records"));
    CHECK(dir.files("out").size() == 301);
    const auto manifest = nlohmann::json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["summary"]["complete"] == true);
    CHECK(manifest["records"].size() == 300);
}

TEST_CASE("cli batch data: records from a pipe are rendered as they come, not when the pipe ends") {
    TempDir dir;
    add_template(dir);
    const std::string folder = shell_quote(dir.path().string());
    REQUIRE(run_shell("cd " + folder + " && mkfifo records.fifo") == 0);
    // A producer that writes two records, then the third only when the test says so (the
    // file "go"; a minute at most): the first two must be rendered while the pipe is still
    // open, however slow the machine is.
    REQUIRE(run_shell("cd " + folder + " && ((printf '{\"code\": \"A\"}\\n{\"code\": \"B\"}\\n'; "
                      "for i in $(seq 1200); do [ -e go ] && break; sleep 0.05; done; "
                      "printf '{\"code\": \"C\"}\\n') > records.fifo &)") == 0);
    REQUIRE(run_shell("cd " + folder + " && (VANBAN_TEMPLATES=" + shell_quote(std::string(VANBAN_SOURCE_DIR) + "/templates") +
                      " " + shell_quote(VANBAN_CLI_PATH) +
                      " batch -q -t tpl plan shared.json records.fifo -o 'out/{{ code }}.json' -j 1 "
                      ">/dev/null 2>&1; echo $? > exit-code) &") == 0);
    const auto waited_for = [&](const char* file, double seconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (!fs::exists(dir.path() / file) && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return fs::exists(dir.path() / file);
    };
    CHECK(waited_for("out/B.json", 60));
    CHECK(fs::exists(dir.path() / "out/A.json"));
    CHECK_FALSE(fs::exists(dir.path() / "out/C.json")); // not sent yet: the batch is waiting for it
    dir.write("go", "");
    REQUIRE(waited_for("exit-code", 60));
    CHECK(read_file(dir.path() / "exit-code") == "0\n");
    CHECK(dir.files("out") == std::vector<std::string>{"A.json", "B.json", "C.json", "manifest.json"});
}
