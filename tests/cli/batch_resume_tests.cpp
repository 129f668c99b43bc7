// A batch never loses work silently: killed with SIGKILL at any moment, it loses only the
// records in flight, and --resume renders those and nothing it had finished; a full disk or
// a folder that cannot be written stops it with exit code 8; two batches cannot share a
// manifest. The program is run as a user (or a scheduler) runs it.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <random>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kRecords = 2000;

void add_inputs(const TempDir& dir, int records) {
    dir.write("tpl/plan/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ code }}\n");
    dir.write("shared.json", R"({"summary": "về công tác kết nạp đảng viên"})");
    std::string lines;
    for (int i = 1; i <= records; ++i) lines += "{\"code\": \"R" + std::to_string(i) + "\"}\n";
    dir.write("records.jsonl", lines);
}

// The program started in `dir` with `args`, its standard error in `err`; the caller waits.
pid_t start_vanban(const TempDir& dir, const std::vector<std::string>& args, const fs::path& err) {
    std::vector<std::string> words = {VANBAN_CLI_PATH};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const std::string templates = std::string(VANBAN_SOURCE_DIR) + "/templates";
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(dir.path().c_str()) != 0) _exit(126);
        setenv("VANBAN_TEMPLATES", templates.c_str(), 1);
        const int null = open("/dev/null", O_RDWR);
        const int error = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(null, 0);
        dup2(null, 1);
        dup2(error, 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<json> journal_entries(const fs::path& journal) {
    std::vector<json> entries;
    std::istringstream lines(read_file(journal));
    for (std::string line; std::getline(lines, line);) {
        json entry = json::parse(line, nullptr, false);
        if (!entry.is_discarded()) entries.push_back(std::move(entry));
    }
    return entries;
}

std::size_t journal_lines(const fs::path& journal) {
    const std::string text = read_file(journal);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The outputs in the folder, by record number ("R17.json" -> 17).
std::set<int> outputs_in(const fs::path& folder) {
    std::set<int> records;
    if (!fs::exists(folder)) return records;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 6 && name[0] == 'R' && name.ends_with(".json")) records.insert(std::stoi(name.substr(1)));
    }
    return records;
}

// Every file's SHA-256 and size, by an independent program.
std::map<std::string, std::string> sha256sum_of(const fs::path& folder) {
    std::map<std::string, std::string> digests;
    CommandResult result = read_command("cd " + shell_quote(folder.string()) + " && sha256sum R*.json");
    std::istringstream lines(result.output);
    for (std::string digest, name; lines >> digest >> name;) digests[name] = digest;
    return digests;
}

} // namespace

TEST_CASE("cli batch resume: killed with SIGKILL at random moments, each --resume renders only what was in flight") {
    TempDir dir, io;
    add_inputs(dir, kRecords);
    const fs::path journal = dir.path() / "out" / "manifest.json.journal";
    const std::vector<std::string> command = {"batch", "-q", "-t", "tpl", "plan", "shared.json", "records.jsonl",
                                              "-o", "out/{{ code }}.json", "-j", "2", "--fixed-date",
                                              "2019-03-25T08:00:00Z"};
    std::vector<std::string> resume = command;
    resume.push_back("--resume");

    std::mt19937 random(std::random_device{}());
    std::vector<std::size_t> kill_points; // records journaled when each kill comes
    for (int i = 0; i < 4; ++i) kill_points.push_back(std::uniform_int_distribution<std::size_t>(50, kRecords - 50)(random));
    std::sort(kill_points.begin(), kill_points.end());

    std::set<int> finished;       // journaled before the last kill: never to be rendered again
    std::size_t renders = 0;      // records rendered (written) over all the runs
    std::size_t runs_killed = 0;
    for (std::size_t kill_at : kill_points) {
        INFO("kill when " << kill_at << " records are journaled");
        const std::size_t lines_before = fs::exists(journal) ? journal_lines(journal) : 0;
        const pid_t pid = start_vanban(dir, runs_killed == 0 ? command : resume, io.path() / "stderr");
        while (waitpid(pid, nullptr, WNOHANG) == 0 && (!fs::exists(journal) || journal_lines(journal) < kill_at))
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        kill(pid, SIGKILL);
        const int status = wait_for(pid);
        if (status != 128 + SIGKILL) break; // it ended before the kill: nothing more to test
        ++runs_killed;

        // What this run rendered: its own lines of the journal. Nothing finished before.
        const std::vector<json> entries = journal_entries(journal);
        std::set<int> journaled;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const int record = entries[i]["record"].get<int>();
            if (i >= lines_before) {
                CHECK(entries[i]["status"] == "written");
                CHECK(finished.count(record) == 0);
                ++renders;
            }
            journaled.insert(record);
        }
        // Written but not journaled when the kill came: at most one record per thread.
        std::size_t in_flight = 0;
        for (int record : outputs_in(dir.path() / "out")) in_flight += journaled.count(record) == 0;
        CHECK(in_flight <= 2);
        // Every output there is whole.
        for (int record : outputs_in(dir.path() / "out")) {
            const std::string text = read_file(dir.path() / "out" / ("R" + std::to_string(record) + ".json"));
            CHECK_FALSE(json::parse(text, nullptr, false).is_discarded());
        }
        finished = journaled;
    }
    CHECK(runs_killed >= 2);

    CliRun last = run_vanban("batch -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json' -j 2 "
                             "--fixed-date 2019-03-25T08:00:00Z --resume",
                             dir);
    INFO(last.err);
    REQUIRE(last.exit_code == 0);
    const json manifest = json::parse(read_file(dir.path() / "out" / "manifest.json"));
    CHECK(manifest["summary"]["complete"] == true);
    CHECK(manifest["summary"]["records"] == kRecords);
    CHECK(manifest["summary"]["skipped"].get<std::size_t>() >= finished.size());
    renders += manifest["summary"]["written"].get<std::size_t>();
    // Each record rendered once, but those in flight at each kill: at most two per kill.
    CHECK(renders >= static_cast<std::size_t>(kRecords));
    CHECK(renders <= kRecords + 2 * runs_killed);

    // The manifest matches the files, checked by another program; nothing else is left.
    const auto digests = sha256sum_of(dir.path() / "out");
    CHECK(digests.size() == static_cast<std::size_t>(kRecords));
    for (const json& entry : manifest["records"]) {
        CHECK((entry["status"] == "written" || entry["status"] == "skipped"));
        const json& output = entry["outputs"][0];
        const fs::path file = dir.path() / output["path"].get<std::string>();
        CHECK(fs::file_size(file) == output["size"].get<std::uintmax_t>());
        CHECK(digests.at(file.filename().string()) == output["sha256"]);
    }
    CHECK(dir.files("out").size() == static_cast<std::size_t>(kRecords) + 1); // and the manifest; no journal
    for (const auto& entry : fs::directory_iterator(dir.path() / "out"))
        CHECK(entry.path().filename().string().find(".vanban-tmp-") == std::string::npos);
}

TEST_CASE("cli batch resume: a journal cut in the middle of a line is mended, and the cut record rendered again") {
    TempDir dir;
    add_inputs(dir, 5);
    const std::string command = "batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json' -j 1";
    REQUIRE(run_vanban(command, dir).exit_code == 0);
    // A run killed while it appended record 5's line: its outputs are there, its line is cut.
    const json manifest = json::parse(read_file(dir.path() / "out/manifest.json"));
    std::string journal;
    for (int i = 0; i < 5; ++i) journal += manifest["records"][i].dump() + "\n";
    journal.resize(journal.size() - 20);
    fs::remove(dir.path() / "out/manifest.json");
    dir.write("out/manifest.json.journal", journal);
    CliRun resumed = run_vanban(command + " --resume", dir);
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    const json after = json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(after["summary"]["skipped"] == 4);
    CHECK(after["summary"]["written"] == 1);
    CHECK(after["records"][4]["status"] == "written");
    CHECK_FALSE(fs::exists(dir.path() / "out/manifest.json.journal"));
}

TEST_CASE("cli batch resume: the hidden temporaries a killed run left are removed by the next run, another batch's kept") {
    TempDir dir;
    add_inputs(dir, 3);
    const std::string command = "batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json' -j 1";
    REQUIRE(run_vanban(command, dir).exit_code == 0);
    // A run killed as it wrote (on a file system without unnamed files): its journal, and its
    // temporaries, tagged by its manifest's absolute path.
    const json manifest = json::parse(read_file(dir.path() / "out/manifest.json"));
    fs::remove(dir.path() / "out/manifest.json");
    dir.write("out/manifest.json.journal", manifest["records"][0].dump() + "\n");
    const std::string manifest_path = (fs::canonical(dir.path()) / "out/manifest.json").string();
    CommandResult digest = read_command("printf %s " + shell_quote(manifest_path) + " | sha256sum");
    REQUIRE(digest.output.size() > 12);
    const std::string tag = digest.output.substr(0, 12);
    dir.write("out/.R2.json.vanban-tmp-" + tag + "-0123456789abcdef", "{\"half\": ");
    dir.write("out/.R9.json.vanban-tmp-" + tag + "-fedcba9876543210", "");
    dir.write("out/.R3.json.vanban-tmp-0123456789ab-0123456789abcdef", "another batch's, still running");
    CliRun resumed = run_vanban(command + " --resume", dir);
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(dir.files("out") == std::vector<std::string>{".R3.json.vanban-tmp-0123456789ab-0123456789abcdef", "R1.json",
                                                      "R2.json", "R3.json", "manifest.json"});
}

TEST_CASE("cli batch resume: an output whose size or bytes differ from the journal is rendered again") {
    TempDir dir;
    add_inputs(dir, 3);
    const std::string command = "batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json'";
    REQUIRE(run_vanban(command, dir).exit_code == 0);
    const std::string r2 = read_file(dir.path() / "out/R2.json");
    dir.write("out/R2.json", r2.substr(0, r2.size() / 2)); // cut short
    std::string r3 = read_file(dir.path() / "out/R3.json");
    r3[r3.size() / 2] = r3[r3.size() / 2] == 'x' ? 'y' : 'x'; // same size, other bytes
    dir.write("out/R3.json", r3);
    CliRun resumed = run_vanban(command + " --resume", dir);
    CHECK(resumed.exit_code == 0);
    const json manifest = json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["records"][0]["status"] == "skipped");
    CHECK(manifest["records"][1]["status"] == "written");
    CHECK(manifest["records"][2]["status"] == "written");
    CHECK(read_file(dir.path() / "out/R2.json") == r2);
}

TEST_CASE("cli batch resume: a second batch with the same manifest is refused while the first runs") {
    TempDir dir, io;
    add_inputs(dir, 3);
    fs::create_directories(dir.path() / "out");
    // The first batch is stood for by a holder of its lock, as long as the test needs.
    const std::string folder = shell_quote(dir.path().string());
    const pid_t holder = fork();
    if (holder == 0) {
        const int fd = open((dir.path() / "out/manifest.json.journal").c_str(), O_RDWR | O_CREAT, 0644);
        flock(fd, LOCK_EX);
        pause();
        _exit(0);
    }
    while (!fs::exists(dir.path() / "out/manifest.json.journal")) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CliRun second = run_vanban("batch -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json'", dir);
    kill(holder, SIGKILL);
    wait_for(holder);
    CHECK(second.exit_code == 8);
    CHECK_THAT(second.err, Catch::Contains("another batch is writing with this manifest: out/manifest.json.journal is locked"));
    CHECK(dir.files("out") == std::vector<std::string>{"manifest.json.journal"});
    // Once it is gone, the batch runs.
    CHECK(run_vanban("batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json'", dir).exit_code == 0);
}

TEST_CASE("cli batch resume: a full disk stops the batch at the first output that cannot be written, exit code 8") {
    TempDir dir;
    add_inputs(dir, 200);
    const fs::path disk = dir.path() / "small-disk";
    fs::create_directories(disk);
    if (run_shell("mount -t tmpfs -o size=64k tmpfs " + shell_quote(disk.string()) + " 2>/dev/null") != 0) {
        WARN("skipped: this test needs to mount a small tmpfs (root, or a user namespace that allows it)");
        return;
    }
    struct Unmount {
        fs::path disk;
        ~Unmount() { run_shell("umount " + shell_quote(disk.string())); }
    } unmount{disk};
    CliRun run = run_vanban("batch -t tpl plan shared.json records.jsonl -o 'small-disk/out/{{ code }}.json' -j 2", dir);
    INFO(run.err);
    CHECK(run.exit_code == 8);
    CHECK_THAT(run.err, Catch::Contains("the batch stopped: an output could not be written") &&
                            Catch::Contains("No space left on device") && Catch::Contains("--resume"));
    CHECK_THAT(run.err, !Catch::Contains("records in")); // no summary of a batch that went on
    // What is there is whole: the documents that were written, nothing half-written, no
    // temporary file; the journal keeps what was done.
    std::size_t documents = 0;
    for (const auto& entry : fs::directory_iterator(disk / "out")) {
        const std::string name = entry.path().filename().string();
        CHECK(name.find(".vanban-tmp-") == std::string::npos);
        if (name.ends_with(".journal")) continue;
        ++documents;
        CHECK_FALSE(json::parse(read_file(entry.path()), nullptr, false).is_discarded());
    }
    CHECK(documents < 200);
    CHECK_FALSE(fs::exists(disk / "out/manifest.json"));
    // Room again (the limit raised): --resume goes on from there.
    REQUIRE(run_shell("mount -o remount,size=64m " + shell_quote(disk.string())) == 0);
    CliRun resumed = run_vanban("batch -q -t tpl plan shared.json records.jsonl -o 'small-disk/out/{{ code }}.json' --resume", dir);
    CHECK(resumed.exit_code == 0);
    const json manifest = json::parse(read_file(disk / "out/manifest.json"));
    CHECK(manifest["summary"]["skipped"].get<std::size_t>() + manifest["summary"]["written"].get<std::size_t>() == 200);
    CHECK(manifest["summary"]["skipped"] == documents);
}

TEST_CASE("cli batch resume: a folder that cannot be written stops the batch, not every record failing alone") {
    TempDir dir;
    add_inputs(dir, 50);
    // /proc takes no new files, even from root (a folder of mode 555 would not stop root).
    CliRun run = run_vanban("batch -t tpl plan shared.json records.jsonl -o '/proc/{{ code }}.json' --manifest m.json -j 2", dir);
    INFO(run.err);
    CHECK(run.exit_code == 8);
    CHECK_THAT(run.err, Catch::Contains("the batch stopped: an output could not be written (record "));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') <= 4); // not fifty failures
}

TEST_CASE("cli batch resume: output names checked before writing: empty before the extension, too long in bytes") {
    TempDir dir;
    add_inputs(dir, 0);
    const std::string long_code(250, 'a'); // 250 bytes, and ".docx" makes 255 + 1
    dir.write("records.jsonl", "{\"code\": \"A\"}\n{\"code\": \"\"}\n{\"code\": \"" + long_code + "b\"}\n{\"code\": \"" +
                                   long_code + "\"}\n");
    CliRun run = run_vanban("batch -q -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.pdf' -f pdf,docx", dir);
    INFO(run.err);
    CHECK(run.exit_code == 10);
    CHECK_THAT(run.err, Catch::Contains("record 2 (code=): output name \"out/.pdf\": the file name is empty before its extension"));
    CHECK_THAT(run.err, Catch::Contains("record 3 (code=" + long_code + "b): output name") &&
                            Catch::Contains("is 256 bytes long; file systems take at most 255"));
    CHECK_FALSE(Catch::Contains("record 4").match(run.err)); // 250 + ".docx" = 255 bytes: fine
    CHECK(dir.files("out").size() == 5); // A and the 250-byte name, each as PDF and DOCX, and the manifest
    const json manifest = json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["records"][1]["error"]["kind"] == "data");
}

TEST_CASE("cli batch resume: -j beyond what the machine has is capped with a word") {
    TempDir dir;
    add_inputs(dir, 3);
    CliRun run = run_vanban("batch -t tpl plan shared.json records.jsonl -o 'out/{{ code }}.json' -j 100000", dir);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::Contains("-j 100000: ") && Catch::Contains("rendering threads instead"));
    CHECK(dir.files("out").size() == 4);
}
