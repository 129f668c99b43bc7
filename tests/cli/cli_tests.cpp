// The command line as a user meets it: help, exit codes, messages, and no half-written files.
#include <catch2/catch.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;
namespace fs = std::filesystem;

namespace {

const char* const kTemplate = "@type KẾ HOẠCH\n@summary {{ summary }}\n{{ body }}\n";

// A template folder of the test's own, beside the repository's profiles.
void add_template(const TempDir& dir, const std::string& main = kTemplate) {
    dir.write("tpl/plan/main.vbt", main);
}

} // namespace

TEST_CASE("cli: --help explains the commands and --version prints the version") {
    TempDir dir;
    CliRun help = run_vanban("--help", dir);
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("render"));
    CHECK_THAT(help.out, Catch::Contains("validate"));
    CliRun render_help = run_vanban("render --help", dir);
    CHECK(render_help.exit_code == 0);
    CHECK_THAT(render_help.out, Catch::Contains("--profile"));
    CHECK_THAT(render_help.out, Catch::Contains("Exit codes"));
    CliRun version = run_vanban("--version", dir);
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith("vanban "));
}

TEST_CASE("cli: usage errors exit with 2") {
    TempDir dir;
    CHECK(run_vanban("", dir).exit_code == 2);
    CHECK(run_vanban("render", dir).exit_code == 2);
    CHECK(run_vanban("render plan data.json --no-such-option", dir).exit_code == 2);
    add_template(dir);
    dir.write("d.json", R"({"summary": "về x", "body": "y"})");
    CliRun odt = run_vanban("render -t tpl plan d.json -o out.odt", dir);
    CHECK(odt.exit_code == 2);
    CHECK_THAT(odt.err, Catch::Contains("cannot tell the format of out.odt"));
}

TEST_CASE("cli: render --format model prints the document model") {
    TempDir dir;
    add_template(dir);
    dir.write("d.json", R"({"summary": "về công tác kết nạp đảng viên", "body": "Nội dung."})");
    CliRun run = run_vanban("render -t tpl plan d.json --format model", dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("\"type_name\": \"KẾ HOẠCH\""));
    CHECK_THAT(run.out, Catch::Contains("về công tác kết nạp đảng viên"));
}

TEST_CASE("cli: data can come from standard input") {
    TempDir dir;
    add_template(dir);
    CliRun run = run_vanban("render -t tpl plan - -f model -o -", dir, R"({"summary": "về x", "body": "Từ stdin."})");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("Từ stdin."));
}

TEST_CASE("cli: bad data exits with 5, says where, and writes nothing") {
    TempDir dir;
    add_template(dir);
    dir.write("bad.json", "{\n  \"summary\": \"về x\",\n  \"body\": \n}\n");
    CliRun run = run_vanban("render -t tpl plan bad.json -o plan.json", dir);
    CHECK(run.exit_code == 5);
    CHECK_THAT(run.err, Catch::StartsWith("bad.json:4:1: error: malformed JSON"));
    CHECK(dir.files() == std::vector<std::string>{"bad.json"});

    CliRun missing = run_vanban("render -t tpl plan nowhere.json -o plan.json", dir);
    CHECK(missing.exit_code == 5);
    CHECK_THAT(missing.err, Catch::Contains("no such file: nowhere.json"));
}

TEST_CASE("cli: a missing field exits with 5 and names the JSON path") {
    TempDir dir;
    add_template(dir);
    dir.write("d.json", R"({"summary": "về x"})");
    CliRun run = run_vanban("render -t tpl plan d.json -o plan.json", dir);
    CHECK(run.exit_code == 5);
    CHECK_THAT(run.err, Catch::Contains("missing field body"));
    CHECK_THAT(run.err, Catch::Contains("plan/main.vbt:3:"));
    CHECK(dir.files() == std::vector<std::string>{"d.json"});
}

TEST_CASE("cli: a template syntax error exits with 3 with the line and a caret") {
    TempDir dir;
    add_template(dir, "@type KẾ HOẠCH\n{{ summary | }}\n");
    dir.write("d.json", R"({"summary": "về x"})");
    CliRun run = run_vanban("render -t tpl plan d.json -o plan.json", dir);
    CHECK(run.exit_code == 3);
    CHECK_THAT(run.err, Catch::Contains("plan/main.vbt:2:"));
    CHECK_THAT(run.err, Catch::Contains("{{ summary | }}"));
    CHECK_THAT(run.err, Catch::Contains("^"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "plan.json"));
}

TEST_CASE("cli: a missing output folder is made, and removed again when the render fails") {
    TempDir dir;
    add_template(dir);
    dir.write("d.json", R"({"summary": "về x", "body": "y"})");
    CliRun made = run_vanban("render -t tpl plan d.json -o out/2026/plan.json", dir);
    CHECK(made.exit_code == 0);
    CHECK(std::filesystem::is_regular_file(dir.path() / "out" / "2026" / "plan.json"));

    CliRun failed = run_vanban("render -t tpl plan d.json -o new/sub/plan.json -o d.json/plan.docx", dir);
    CHECK(failed.exit_code == 8);
    CHECK_THAT(failed.err, Catch::Contains("the folder d.json does not exist"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "new"));
    CHECK(dir.files() == std::vector<std::string>{"d.json"});
}

TEST_CASE("cli: validate accepts good data and rejects bad data") {
    TempDir dir;
    add_template(dir);
    dir.write("good.json", R"({"summary": "về x", "body": "y"})");
    dir.write("bad.json", R"({"summary": "về x"})");
    CHECK(run_vanban("validate -t tpl plan good.json", dir).exit_code == 0);
    CHECK(run_vanban("validate -t tpl plan bad.json", dir).exit_code == 5);
    CHECK(dir.files() == std::vector<std::string>{"bad.json", "good.json"});
}

TEST_CASE("cli: the output name's extension gives the format in any case") {
    TempDir dir;
    dir.write("tpl/t/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n");
    dir.write("d.json", R"({"summary": "về công tác"})");
    CliRun run = run_vanban("render -t tpl t d.json -o X.PDF -o Y.Json", dir);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(read_file(dir.path() / "X.PDF").rfind("%PDF-", 0) == 0);
    CHECK_THAT(read_file(dir.path() / "Y.Json"), Catch::Contains("về công tác"));
}

TEST_CASE("cli: render killed at any moment leaves no file but a whole one, and no temporary file") {
    TempDir dir;
    dir.write("tpl/t/main.vbt", "@type KẾ HOẠCH\n@summary {{ summary }}\n{% for i in items %}\n{{ i }}\n{% endfor %}\n");
    std::string items;
    for (int i = 0; i < 3000; ++i) items += std::string(i ? "," : "") + "\"Đoạn văn số " + std::to_string(i) + " của kế hoạch.\"";
    dir.write("d.json", R"({"summary": "về công tác", "items": [)" + items + "]}");
    const std::string folder = shell_quote(dir.path().string());
    const std::string program = shell_quote(VANBAN_CLI_PATH);
    for (int delay_ms : {5, 20, 40, 80, 120, 200}) {
        INFO("killed after " << delay_ms << " ms");
        run_shell("cd " + folder + " && rm -f out.pdf out.docx && (" + program +
                  " render -t tpl t d.json -o out.pdf -o out.docx -q & pid=$!; sleep " + std::to_string(delay_ms / 1000.0) +
                  "; kill -9 $pid 2>/dev/null; wait $pid) 2>/dev/null");
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            const std::string name = entry.path().filename().string();
            CHECK((name == "tpl" || name == "d.json" || name == "out.pdf" || name == "out.docx"));
        }
        if (fs::exists(dir.path() / "out.pdf")) {
            const std::string pdf = read_file(dir.path() / "out.pdf");
            CHECK(pdf.rfind("%PDF-", 0) == 0);
            CHECK(pdf.find("%%EOF") != std::string::npos);
        }
    }
}

TEST_CASE("cli: an option given an empty value is refused, naming it, and nothing is written") {
    // `--appendix "$N"` with N unset: rendering the whole document instead would hide it.
    TempDir dir;
    dir.write("plan.json", read_file(fs::path(VANBAN_SOURCE_DIR) / "templates/ke-hoach/example.json"));
    dir.write("records.csv", "header.number\n19-KH/CB\n");
    struct Case {
        const char* args;
        const char* option;
    };
    for (const Case& c : {Case{"render ke-hoach plan.json --appendix ''", "--appendix"},
                          // CLI11 would take "-o" as the value: read before it.
                          Case{"render ke-hoach plan.json --appendix= -o x.pdf", "--appendix"},
                          Case{"render ke-hoach plan.json --appendix=", "--appendix"},
                          Case{"render ke-hoach plan.json --profile ''", "--profile"},
                          Case{"render ke-hoach plan.json --input-encoding ''", "--input-encoding"},
                          Case{"render ke-hoach plan.json --fixed-date ''", "--fixed-date"},
                          Case{"render ke-hoach plan.json -f ''", "--format"},
                          Case{"render ke-hoach plan.json --metadata ''", "--metadata"},
                          Case{"render ke-hoach plan.json -o plan.pdf -o ''", "--output"},
                          Case{"validate ke-hoach plan.json --profile ''", "--profile"},
                          Case{"validate ke-hoach plan.json --input-encoding ''", "--input-encoding"},
                          Case{"batch ke-hoach plan.json records.csv -o x.pdf --profile ''", "--profile"},
                          Case{"batch ke-hoach plan.json records.csv -o x.pdf --input-encoding ''", "--input-encoding"},
                          Case{"batch ke-hoach plan.json records.csv -o x.pdf --fixed-date ''", "--fixed-date"},
                          Case{"check plan.json --profile ''", "--profile"},
                          Case{"check plan.json --date ''", "--date"},
                          Case{"import plan.json --template ''", "--template"},
                          Case{"convert plan.json --from ''", "--from"},
                          // Beyond loopback without a token, so that a serve not refusing it stops anyway.
                          Case{"serve --listen ''", "--listen"},
                          Case{"serve --listen 0.0.0.0:0 --token ''", "--token"},
                          Case{"serve --listen 0.0.0.0:0 --fixed-date ''", "--fixed-date"},
                          Case{"serve --listen 0.0.0.0:0 --web ''", "--web"}}) {
        INFO(c.args);
        CliRun run = run_vanban(c.args, dir);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == std::string("vanban: error: ") + c.option + " is given an empty value\nhint: give " + c.option +
                             " a value, or leave it out for its default\n");
        CHECK(dir.files() == std::vector<std::string>{"plan.json", "records.csv"});

        CliRun vietnamese = run_vanban(c.args, dir, CliStreams{.language = "vi"});
        CHECK(vietnamese.exit_code == 2);
        CHECK_THAT(vietnamese.err, Catch::StartsWith("vanban: lỗi: "));
        CHECK_THAT(vietnamese.err, Catch::Contains(c.option));
        CHECK(vietnamese.err != run.err);
    }
    // Left out, each has its default: the whole document, here.
    CliRun whole = run_vanban("render ke-hoach plan.json -f model", dir);
    CHECK(whole.exit_code == 0);
}
