// vanban in a pipeline: data from standard input ("-"), the document on standard output
// ("-o -"), byte for byte what a file would hold, and nothing on stdout when it fails.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sys/wait.h>

#include "support/temp_dir.hpp"

using vanban::testing::read_file;
using vanban::testing::TempDir;

namespace {

const std::string example_data = std::string(VANBAN_SOURCE_DIR) + "/templates/ke-hoach/example.json";
const char* const kFixedDate = "--fixed-date 2024-01-02T03:04:05Z";

struct Piped {
    int exit_code = -1;
    std::string out, err;
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs `vanban ARGS < stdin_file` in `dir` with the repository's templates; stdout is kept
// as bytes.
Piped run_piped(const std::string& args, const TempDir& dir, const std::string& stdin_file) {
    const auto out = dir.path() / ".stdout", err = dir.path() / ".stderr";
    const std::string command = "cd " + quote(dir.path().string()) + " && VANBAN_TEMPLATES=" +
                                quote(std::string(VANBAN_SOURCE_DIR) + "/templates") + " " +
                                quote(VANBAN_CLI_PATH) + " " + args + " <" + quote(stdin_file) + " >" +
                                quote(out.string()) + " 2>" + quote(err.string());
    const int status = std::system(command.c_str());
    Piped run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_file(out);
    run.err = read_file(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return run;
}

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

} // namespace

TEST_CASE("cli pipes: data from stdin, PDF on stdout, the same bytes as the file") {
    TempDir dir;
    Piped piped = run_piped(std::string("render ke-hoach - -f pdf -o - ") + kFixedDate, dir, example_data);
    INFO(piped.err);
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.out.rfind("%PDF-", 0) == 0);
    CHECK(ends_with(piped.out, "%%EOF\n"));
    CHECK(piped.err.empty()); // no "wrote …" line for standard output
    CHECK(dir.files().empty());

    Piped to_file = run_piped(std::string("render ke-hoach - -o plan.pdf ") + kFixedDate, dir, example_data);
    REQUIRE(to_file.exit_code == 0);
    CHECK(to_file.out.empty());
    CHECK(read_file(dir.path() / "plan.pdf") == piped.out);
}

TEST_CASE("cli pipes: DOCX and the document model on stdout") {
    TempDir dir;
    Piped docx = run_piped(std::string("render ke-hoach - -f docx -o - ") + kFixedDate, dir, example_data);
    REQUIRE(docx.exit_code == 0);
    CHECK(docx.out.rfind("PK\x03\x04", 0) == 0);
    Piped docx_file = run_piped(std::string("render ke-hoach ") + example_data + " -o plan.docx " + kFixedDate, dir,
                                "/dev/null");
    REQUIRE(docx_file.exit_code == 0);
    CHECK(read_file(dir.path() / "plan.docx") == docx.out);

    Piped model = run_piped("render ke-hoach - -f model", dir, example_data);
    REQUIRE(model.exit_code == 0);
    CHECK_THAT(model.out, Catch::StartsWith("{") && Catch::Contains("\"type_name\": \"KẾ HOẠCH\""));
}

TEST_CASE("cli pipes: bad data from stdin is reported as <stdin>, and stdout stays empty") {
    TempDir dir;
    const auto bad = dir.write("in/bad.json", "{\n  \"header\": ,\n}\n");
    Piped run = run_piped("render ke-hoach - -f pdf -o -", dir, bad.string());
    CHECK(run.exit_code == 5);
    CHECK_THAT(run.err, Catch::StartsWith("<stdin>:2:13: error: malformed JSON"));
    CHECK(run.out.empty());

    Piped empty = run_piped("render ke-hoach - -f pdf -o -", dir, "/dev/null");
    CHECK(empty.exit_code == 5);
    CHECK(empty.out.empty());
}

TEST_CASE("cli pipes: stdin needs an output, and stdout needs a format") {
    TempDir dir;
    Piped no_output = run_piped("render ke-hoach -", dir, example_data);
    CHECK(no_output.exit_code == 2);
    CHECK_THAT(no_output.err, Catch::Contains("reading data from standard input needs -o"));

    Piped no_format = run_piped("render ke-hoach - -o -", dir, example_data);
    CHECK(no_format.exit_code == 2);
    CHECK_THAT(no_format.err, Catch::Contains("cannot tell the format of -"));
    CHECK(no_format.out.empty());
}

TEST_CASE("cli pipes: validate reads stdin") {
    TempDir dir;
    Piped valid = run_piped("validate ke-hoach -", dir, example_data);
    CHECK(valid.exit_code == 0);
    CHECK_THAT(valid.err, Catch::StartsWith("<stdin>: valid"));
}
