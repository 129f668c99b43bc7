// vanban batch as a user runs it: arguments, messages, exit codes and files.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;
namespace fs = std::filesystem;

namespace {

// A small template of the test's own, shared data, and two branches.
void add_inputs(const TempDir& dir) {
    dir.write("tpl/plan/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n");
    dir.write("shared.json", R"({"summary": "về công tác kết nạp đảng viên", "body": "Nội dung chung."})");
    dir.write("branches.csv", "branch.code,body\r\nHC05,\"Chi bộ 5, thôn 3\"\r\nHC07,\r\n");
}

std::vector<std::string> files_in(const fs::path& folder) {
    std::vector<std::string> names;
    if (!fs::exists(folder)) return names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("cli batch: help lists the command, its options and exit codes") {
    TempDir dir;
    CliRun help = run_vanban("--help", dir);
    CHECK_THAT(help.out, Catch::Contains("batch"));
    CliRun batch_help = run_vanban("batch --help", dir);
    CHECK(batch_help.exit_code == 0);
    for (const char* option : {"--shard", "--resume", "--manifest", "--strip", "--jobs", "--quiet", "Exit codes"})
        CHECK_THAT(batch_help.out, Catch::Contains(option));
}

TEST_CASE("cli batch: records are rendered, a bad one fails alone, exit code 10") {
    TempDir dir;
    add_inputs(dir);
    dir.write("branches.csv", "branch.code,body\r\nHC05,\"Chi bộ 5, thôn 3\"\r\nHC06,\"a\"b\r\nHC07,\r\n");
    CliRun run = run_vanban("batch -t tpl plan shared.json branches.csv -o 'out/{{ branch.code }}-ke-hoach.json'", dir);
    INFO(run.err);
    CHECK(run.exit_code == 10);
    CHECK(files_in(dir.path() / "out") ==
          std::vector<std::string>{"HC05-ke-hoach.json", "HC07-ke-hoach.json", "manifest.json"});
    CHECK_THAT(run.err, Catch::Contains("record 2: branches.csv:3: text after the closing quote"));
    CHECK_THAT(run.err, Catch::Contains("2 written, 0 skipped (unchanged), 1 failed, of 3 records"));
    CHECK_THAT(run.err, Catch::Contains("manifest out/manifest.json"));
    CHECK_THAT(read_file(dir.path() / "out/HC05-ke-hoach.json"), Catch::Contains("Chi bộ 5, thôn 3"));
    CHECK_THAT(read_file(dir.path() / "out/HC07-ke-hoach.json"), Catch::Contains("Nội dung chung."));
    const auto manifest = nlohmann::json::parse(read_file(dir.path() / "out/manifest.json"));
    CHECK(manifest["records"][1]["status"] == "failed");
    CHECK(manifest["records"][2]["keys"]["branch.code"] == "HC07");
}

TEST_CASE("cli batch: --quiet keeps only the failures; a failed data field names its record and path") {
    TempDir dir;
    add_inputs(dir);
    dir.write("tpl/plan/schema.json",
              R"({"type": "object", "properties": {"body": {"type": "string", "maxLength": 20}}})");
    dir.write("branches.jsonl", R"({"code": "A", "body": "ngắn"})" "\n" R"({"code": "B", "body": "một nội dung dài hơn hai mươi chữ"})" "\n");
    CliRun run = run_vanban("batch -q -t tpl plan shared.json branches.jsonl -o 'out/{{ code }}.json'", dir);
    CHECK(run.exit_code == 10);
    CHECK(run.err.rfind("record 2 (code=B): body:", 0) == 0);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

TEST_CASE("cli batch: PDF and DOCX of the real plan for two branches") {
    TempDir dir;
    dir.write("branches.csv", "branch.code,header.issuer[0],header.issuer[1],header.number,signature.name\n"
                              "HC05,HUYỆN ỦY ĐẠI LỘC,CHI BỘ THÔN 3,12-KH/CB,Nguyễn Văn An\n"
                              "HC06,HUYỆN ỦY ĐẠI LỘC,CHI BỘ THÔN 4,13-KH/CB,Trần Thị Bích\n");
    const std::string shared = shell_quote(std::string(VANBAN_SOURCE_DIR) + "/data/000-quang-nam-ke-hoach-28.json");
    CliRun run = run_vanban("batch ke-hoach " + shared + " branches.csv -o 'out/{{ branch.code }}-ke-hoach.pdf' -f both "
                            "--strip branch -j 2 --fixed-date 2019-03-25T08:00:00Z",
                            dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(files_in(dir.path() / "out") == std::vector<std::string>{"HC05-ke-hoach.docx", "HC05-ke-hoach.pdf",
                                                                   "HC06-ke-hoach.docx", "HC06-ke-hoach.pdf",
                                                                   "manifest.json"});
    CHECK(read_file(dir.path() / "out/HC05-ke-hoach.pdf").rfind("%PDF-", 0) == 0);
    CHECK(read_file(dir.path() / "out/HC06-ke-hoach.docx").rfind("PK", 0) == 0);
    // The branch's own header is in its document (the DOCX text is in word/document.xml,
    // compressed; the model tells it plainly).
    CliRun model = run_vanban("batch ke-hoach " + shared + " branches.csv -o 'model/{{ branch.code }}.json' --strip branch -q",
                              dir);
    REQUIRE(model.exit_code == 0);
    CHECK_THAT(read_file(dir.path() / "model/HC06.json"), Catch::Contains("CHI BỘ THÔN 4") && Catch::Contains("13-KH/CB"));
}

TEST_CASE("cli batch: --resume skips what is done; --shard takes a slice") {
    TempDir dir;
    add_inputs(dir);
    dir.write("branches.jsonl", R"({"branch": {"code": "A"}})" "\n" R"({"branch": {"code": "B"}})" "\n"
                                R"({"branch": {"code": "C"}})" "\n");
    const std::string command = "batch -t tpl plan shared.json branches.jsonl -o ";
    REQUIRE(run_vanban(command + "'out/{{ branch.code }}.json'", dir).exit_code == 0);
    CliRun resumed = run_vanban(command + "'out/{{ branch.code }}.json' --resume", dir);
    CHECK(resumed.exit_code == 0);
    CHECK_THAT(resumed.err, Catch::Contains("0 written, 3 skipped"));

    CliRun shard = run_vanban(command + "'shard/{{ branch.code }}.json' --shard 2/2", dir);
    CHECK(shard.exit_code == 0);
    CHECK(files_in(dir.path() / "shard") == std::vector<std::string>{"B.json", "manifest-2-of-2.json"});
}

TEST_CASE("cli batch: records from standard input") {
    TempDir dir;
    add_inputs(dir);
    CliRun run = run_vanban("batch -t tpl plan shared.json - -o 'out/{{ code }}.json'", dir,
                            R"({"code": "S1"})" "\n" R"({"code": "S2"})" "\n");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(files_in(dir.path() / "out") == std::vector<std::string>{"S1.json", "S2.json", "manifest.json"});
}

TEST_CASE("cli batch: --appendix N and --draft make every record's document as vanban render does") {
    TempDir dir;
    const std::string plan_path = std::string(VANBAN_SOURCE_DIR) + "/data/state-ke-hoach-example.json";
    const std::string shared = shell_quote(plan_path);
    const std::string fixed = " --fixed-date 2019-03-25T08:00:00Z";
    // The branch's number: a draft has only the code that follows it (NĐ30, Điều 15.3).
    const auto use_number = [&](const std::string& number) {
        dir.write("branches.csv", "branch.code,header.number\nHC05," + number + "\n");
        nlohmann::json plan = nlohmann::json::parse(read_file(plan_path));
        plan["header"]["number"] = number;
        dir.write("one-branch.json", plan.dump());
    };
    for (const auto& [setting, number] : {std::pair{"--appendix 1", "12/KH-UBND"}, std::pair{"--draft", "/KH-UBND"}}) {
        INFO(setting);
        use_number(number);
        fs::remove_all(dir.path() / "out");
        CliRun batch = run_vanban("batch ke-hoach " + shared + " branches.csv -o 'out/{{ branch.code }}.json' --strip branch -q " +
                                      setting + fixed, dir);
        INFO(batch.err);
        REQUIRE(batch.exit_code == 0);
        CliRun render = run_vanban("render ke-hoach one-branch.json -f model -o single.json " + std::string(setting) + fixed, dir);
        REQUIRE(render.exit_code == 0);
        CHECK(read_file(dir.path() / "out/HC05.json") == read_file(dir.path() / "single.json"));
    }
    // The settings change the document: a draft is marked, an appendix is not the whole plan.
    CHECK_THAT(read_file(dir.path() / "single.json"), Catch::Contains("\"draft_mark\": \"DỰ THẢO\""));
    use_number("12/KH-UBND");
    CliRun whole = run_vanban("render ke-hoach one-branch.json -f model -o whole.json" + fixed, dir);
    REQUIRE(whole.exit_code == 0);
    CliRun appendix = run_vanban("render ke-hoach one-branch.json -f model -o appendix.json --appendix 1" + fixed, dir);
    REQUIRE(appendix.exit_code == 0);
    CHECK(read_file(dir.path() / "whole.json") != read_file(dir.path() / "appendix.json"));
    CHECK_THAT(read_file(dir.path() / "whole.json"), Catch::Contains("\"draft_mark\": \"\""));
    // A bad N is refused with render's words, before anything is written.
    fs::remove_all(dir.path() / "out");
    CliRun zero = run_vanban("batch ke-hoach " + shared + " branches.csv -o 'out/{{ branch.code }}.json' --appendix 0", dir);
    CHECK(zero.exit_code == 2);
    CliRun zero_render = run_vanban("render ke-hoach one-branch.json -o x.pdf --appendix 0", dir);
    CHECK(zero_render.exit_code == 2);
    CHECK(zero.err == zero_render.err);
    CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("cli batch: usage mistakes exit with 2 before anything is written") {
    TempDir dir;
    add_inputs(dir);
    const std::string base = "batch -t tpl plan shared.json branches.csv ";
    CliRun shard = run_vanban(base + "-o 'out/{{ branch.code }}.json' --shard 3/2", dir);
    CHECK(shard.exit_code == 2);
    CHECK_THAT(shard.err, Catch::Contains("K/N"));
    CliRun zero = run_vanban(base + "-o 'out/{{ branch.code }}.json' --shard 0/4", dir);
    CHECK(zero.exit_code == 2);
    CHECK_THAT(zero.err, Catch::Contains("JOB_COMPLETION_INDEX"));
    CliRun format = run_vanban(base + "-o 'out/{{ branch.code }}.json' -f pdf,odt", dir);
    CHECK(format.exit_code == 2);
    CHECK_THAT(format.err, Catch::Contains("unknown format 'odt'"));
    CliRun no_format = run_vanban(base + "-o 'out/{{ branch.code }}'", dir);
    CHECK(no_format.exit_code == 2);
    CliRun pattern = run_vanban(base + "-o 'out/{{ branch.code | nosuch }}.pdf'", dir);
    CHECK(pattern.exit_code != 0);
    CHECK_THAT(pattern.err, Catch::Contains("output pattern:1:"));
    CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("cli batch: --lang vi says everything in Vietnamese: help, warnings, failures, repeats and the summary") {
    TempDir dir;
    add_inputs(dir);
    std::string records;
    for (int i = 1; i <= 6; ++i) records += "{\"branch\": {\"code\": \"HC0" + std::to_string(i) + "\"}, \"body\": {\"x\": 1}}\n";
    records += "{\"branch\": {\"code\": \"HC07\"}}\n";
    dir.write("branches.jsonl", records);
    CliRun run = run_vanban("--lang vi batch -t tpl plan shared.json branches.jsonl -o 'out/{{ branch.code }}.json' "
                            "-j 100000 --resume",
                            dir);
    INFO(run.err);
    CHECK(run.exit_code == 10);
    CHECK_THAT(run.err, Catch::Contains("cảnh báo: -j 100000: dùng ") && Catch::Contains(" luồng tạo văn bản"));
    CHECK_THAT(run.err, Catch::Contains("cảnh báo: --resume: không có bản ghi nào đã xong trong out/manifest.json"));
    CHECK_THAT(run.err, Catch::Contains("bản ghi 1 (branch.code=HC01): "));
    // Past three records with the same error, the rest are counted.
    CHECK_THAT(run.err, Catch::Contains("… và 3 bản ghi nữa cùng lỗi này (tất cả đều có trong bảng kê)"));
    CHECK_THAT(run.err, Catch::Contains("đã ghi 1, bỏ qua 0 (không đổi), lỗi 6, trên tổng 7 bản ghi trong 0:0"));
    CHECK_THAT(run.err, Catch::Contains(" bản ghi/giây); bảng kê out/manifest.json"));
    for (const char* english : {"warning", "written", "records/s", "manifest out", "more records"})
        CHECK_THAT(run.err, !Catch::Contains(english));

    CliRun help = run_vanban("--lang vi batch --help", dir);
    CHECK_THAT(help.out, Catch::Contains("Số luồng tạo văn bản") && Catch::Contains("Mã thoát: 0 mọi bản ghi đã ghi"));
    CliRun shard = run_vanban("--lang vi batch -t tpl plan shared.json branches.jsonl -o 'out/{{ branch.code }}.json' --shard 3", dir);
    CHECK(shard.exit_code == 2);
    CHECK_THAT(shard.err, Catch::Contains("--shard nhận K/N") && Catch::Contains("không phải '3'"));
}

TEST_CASE("cli batch: a CSV header's problem names its column, in English and in Vietnamese") {
    TempDir dir;
    add_inputs(dir);
    dir.write("bad.csv", "code,a..b\nA,x\n");
    CliRun english = run_vanban("--lang en batch -t tpl plan shared.json bad.csv -o 'out/{{ code }}.json'", dir);
    CHECK(english.exit_code == 5);
    CHECK_THAT(english.err, Catch::Contains("bad.csv:1") && Catch::Contains("CSV header, column 2: \"a..b\" is not a field path"));
    CliRun vietnamese = run_vanban("--lang vi batch -t tpl plan shared.json bad.csv -o 'out/{{ code }}.json'", dir);
    CHECK(vietnamese.exit_code == 5);
    CHECK_THAT(vietnamese.err, Catch::Contains("tiêu đề CSV, cột 2: \"a..b\" không phải đường dẫn trường"));
    CHECK_FALSE(fs::exists(dir.path() / "out"));
}
