// `vanban validate` on the repository's own data: every data file and template example is
// valid for its template, and a broken copy of a data file is refused with exit code 6 and
// one message per problem, each naming the JSON path of the field.
#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;
namespace fs = std::filesystem;

namespace {

const fs::path repo = VANBAN_SOURCE_DIR;

// The template each data file of data/ is written for (data/README.md).
const std::map<std::string, std::string> kDataTemplates = {
    {"000-quang-nam-ke-hoach-28.json", "ke-hoach"},
    {"001-chi-bo-tran-phu-ke-hoach.json", "ke-hoach"},
    {"002-hung-yen-ke-hoach-28.json", "ke-hoach"},
    {"state-ke-hoach-example.json", "ke-hoach"},
    {"bao-cao-so-ket-example.json", "bao-cao"},
    {"bao-cao-kt-xh-6-thang-xa.json", "bao-cao"},
    {"bao-cao-so-ket-dang-bo-xa.json", "bao-cao"},
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

} // namespace

TEST_CASE("cli: every data file of data/ is valid for its template") {
    std::vector<std::string> on_disk;
    for (const auto& file : fs::directory_iterator(repo / "data"))
        if (file.path().extension() == ".json") on_disk.push_back(file.path().filename().string());
    // A new data file must say here which template it is for.
    for (const std::string& name : on_disk) {
        INFO(name << " is not in the list of this test");
        CHECK(kDataTemplates.count(name) == 1);
    }
    TempDir dir;
    for (const auto& [name, template_name] : kDataTemplates) {
        CliRun run = run_vanban("validate " + template_name + " " + shell_quote((repo / "data" / name).string()), dir);
        INFO(name << ": " << run.err);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.err, Catch::Contains("valid for template " + template_name));
    }
}

TEST_CASE("cli: every template's example.json is valid for it") {
    TempDir dir;
    int examples = 0;
    for (const auto& folder : fs::directory_iterator(repo / "templates")) {
        const fs::path example = folder.path() / "example.json";
        if (!fs::exists(example)) continue;
        ++examples;
        const std::string template_name = folder.path().filename().string();
        CliRun run = run_vanban("validate " + template_name + " " + shell_quote(example.string()), dir);
        INFO(example.string() << ": " << run.err);
        CHECK(run.exit_code == 0);
    }
    CHECK(examples >= 2); // ke-hoach and bao-cao
}

TEST_CASE("cli: a broken copy of a data file gives every schema problem with its JSON path and exit 6") {
    auto data = nlohmann::json::parse(read_file(repo / "data" / "001-chi-bo-tran-phu-ke-hoach.json"));
    REQUIRE(data["sections"][1]["children"][0].contains("title"));
    data["header"]["date"] = "2019-6-10";                 // not YYYY-MM-DD
    data["signature"].erase("name");                      // a required field
    data["sections"][1]["children"][0]["title"] = 42;     // a number for a text
    data["profile"] = "stat";                             // not one of the profiles
    data["recipient"] = data["recipients"];               // a misspelt field
    TempDir dir;
    dir.write("broken.json", data.dump(2));

    CliRun run = run_vanban("validate ke-hoach broken.json", dir);
    CHECK(run.exit_code == 6);
    const std::vector<std::string> expected = {
        "broken.json: error: profile: must be one of \"party\", \"state\"",
        "broken.json: error: header.date: \"2019-6-10\" is not a date (YYYY-MM-DD)",
        "broken.json: error: sections[1].children[0].title: expected a string, found a number",
        "broken.json: error: signature: missing required field \"name\"",
        "broken.json: error: recipient: unexpected field \"recipient\" (check its spelling)",
        "5 problems in broken.json",
    };
    const std::vector<std::string> lines = lines_of(run.err);
    INFO(run.err);
    for (const std::string& line : expected) {
        INFO("expected the line: " << line);
        CHECK(std::find(lines.begin(), lines.end(), line) != lines.end());
    }
    CHECK(lines.size() == expected.size());

    // in Vietnamese, each problem's text is the catalogue's
    CliRun vi = run_vanban("--lang vi validate ke-hoach broken.json", dir);
    CHECK(vi.exit_code == 6);
    CHECK_THAT(vi.err, Catch::Contains("broken.json: lỗi: header.date: \"2019-6-10\" không phải là ngày tháng (YYYY-MM-DD)\n"));
    CHECK_THAT(vi.err, Catch::Contains("broken.json: lỗi: sections[1].children[0].title: phải là chuỗi ký tự, không phải số\n"));

    // render refuses the same data with the same exit code, and writes nothing.
    CliRun render = run_vanban("render ke-hoach broken.json -o plan.pdf", dir);
    CHECK(render.exit_code == 6);
    CHECK(dir.files() == std::vector<std::string>{"broken.json"});
}
