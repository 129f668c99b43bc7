// vanban in a pipeline: data from standard input ("-"), the document on standard output
// ("-o -"), byte for byte what a file would hold, and nothing on stdout when it fails.
#include <catch2/catch.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;

namespace {

const std::string example_data = std::string(VANBAN_SOURCE_DIR) + "/templates/ke-hoach/example.json";
const std::string example_json = read_file(example_data);
const char* const kFixedDate = "--fixed-date 2024-01-02T03:04:05Z";

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

} // namespace

TEST_CASE("cli pipes: data from stdin, PDF on stdout, the same bytes as the file") {
    TempDir dir;
    CliRun piped = run_vanban(std::string("render ke-hoach - -f pdf -o - ") + kFixedDate, dir, example_json);
    INFO(piped.err);
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.out.rfind("%PDF-", 0) == 0);
    CHECK(ends_with(piped.out, "%%EOF\n"));
    CHECK(piped.err.empty()); // no "wrote …" line for standard output
    CHECK(dir.files().empty());

    CliRun to_file = run_vanban(std::string("render ke-hoach - -o plan.pdf ") + kFixedDate, dir, example_json);
    REQUIRE(to_file.exit_code == 0);
    CHECK(to_file.out.empty());
    CHECK(read_file(dir.path() / "plan.pdf") == piped.out);
}

TEST_CASE("cli pipes: DOCX and the document model on stdout") {
    TempDir dir;
    CliRun docx = run_vanban(std::string("render ke-hoach - -f docx -o - ") + kFixedDate, dir, example_json);
    REQUIRE(docx.exit_code == 0);
    CHECK(docx.out.rfind("PK\x03\x04", 0) == 0);
    CliRun docx_file = run_vanban(std::string("render ke-hoach ") + example_data + " -o plan.docx " + kFixedDate, dir);
    REQUIRE(docx_file.exit_code == 0);
    CHECK(read_file(dir.path() / "plan.docx") == docx.out);

    CliRun model = run_vanban("render ke-hoach - -f model", dir, example_json);
    REQUIRE(model.exit_code == 0);
    CHECK_THAT(model.out, Catch::StartsWith("{") && Catch::Contains("\"type_name\": \"KẾ HOẠCH\""));
}

TEST_CASE("cli pipes: bad data from stdin is reported as <stdin>, and stdout stays empty") {
    TempDir dir;
    CliRun run = run_vanban("render ke-hoach - -f pdf -o -", dir, "{\n  \"header\": ,\n}\n");
    CHECK(run.exit_code == 5);
    CHECK_THAT(run.err, Catch::StartsWith("<stdin>:2:13: error: malformed JSON"));
    CHECK(run.out.empty());

    CliRun empty = run_vanban("render ke-hoach - -f pdf -o -", dir);
    CHECK(empty.exit_code == 5);
    CHECK(empty.out.empty());
}

TEST_CASE("cli pipes: stdin needs an output, and stdout needs a format") {
    TempDir dir;
    CliRun no_output = run_vanban("render ke-hoach -", dir, example_json);
    CHECK(no_output.exit_code == 2);
    CHECK_THAT(no_output.err, Catch::Contains("reading data from standard input needs -o"));

    CliRun no_format = run_vanban("render ke-hoach - -o -", dir, example_json);
    CHECK(no_format.exit_code == 2);
    CHECK_THAT(no_format.err, Catch::Contains("cannot tell the format of -"));
    CHECK(no_format.out.empty());
}

TEST_CASE("cli pipes: validate reads stdin") {
    TempDir dir;
    CliRun valid = run_vanban("validate ke-hoach -", dir, example_json);
    CHECK(valid.exit_code == 0);
    CHECK_THAT(valid.err, Catch::StartsWith("<stdin>: valid"));
}
