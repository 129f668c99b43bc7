// The one helper every file vanban writes goes through: whole or not at all, nothing visible
// before the end, nothing left by a failure or a kill; and the one map of names to formats.
#include <catch2/catch.hpp>

#include <fstream>

#include "engine/output_files.hpp"
#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using vanban::testing::read_file;
using vanban::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Every entry of a folder, hidden ones included.
std::vector<std::string> entries(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

Error output_error(const std::function<void()>& write) {
    try {
        write();
    } catch (const Failure& failure) {
        return failure.error();
    }
    FAIL("the write succeeded");
    return {};
}

} // namespace

TEST_CASE("output files: nothing is seen under the name, nor left, before the file is complete") {
    TempDir dir;
    const fs::path path = dir.path() / "out.pdf";
    {
        engine::AtomicFile file(path);
        file.write("%PDF-1.7 half");
        CHECK(entries(dir.path()).empty()); // no temporary name either: the file has none yet
    } // not committed: dropped
    CHECK(entries(dir.path()).empty());

    engine::AtomicFile file(path);
    file.write("%PDF-1.7 ");
    file.write("whole");
    file.commit();
    CHECK(entries(dir.path()) == std::vector<std::string>{"out.pdf"});
    CHECK(read_file(path) == "%PDF-1.7 whole");
}

TEST_CASE("output files: a file that is there is replaced whole") {
    TempDir dir;
    const fs::path path = dir.write("out.json", "old");
    engine::write_files_atomically({{path, "new"}});
    CHECK(read_file(path) == "new");
    CHECK(entries(dir.path()) == std::vector<std::string>{"out.json"});
}

TEST_CASE("output files: the files of one write appear together, or none when one cannot be written") {
    TempDir dir;
    fs::create_directories(dir.path() / "a-folder.docx");
    const Error error = output_error([&] {
        engine::write_files_atomically({{dir.path() / "x.pdf", "pdf"}, {dir.path() / "a-folder.docx", "docx"}});
    });
    CHECK(error.kind == ErrorKind::output);
    CHECK_THAT(error.message.text(), Catch::EndsWith("a-folder.docx: it is a folder"));
    CHECK(entries(dir.path()) == std::vector<std::string>{"a-folder.docx"}); // no x.pdf

    engine::write_files_atomically({{dir.path() / "x.pdf", "pdf"}, {dir.path() / "x.docx", "docx"}});
    CHECK(entries(dir.path()) == std::vector<std::string>{"a-folder.docx", "x.docx", "x.pdf"});
}

TEST_CASE("output files: folders are made only when asked") {
    TempDir dir;
    const fs::path path = dir.path() / "out" / "HC05" / "x.pdf";
    const Error error = output_error([&] { engine::write_files_atomically({{path, "pdf"}}); });
    CHECK_THAT(error.message.text(), Catch::Contains("the folder") && Catch::Contains("does not exist"));
    engine::write_files_atomically({{path, "pdf"}}, {.make_folders = true});
    CHECK(read_file(path) == "pdf");
}

TEST_CASE("output files: a killed run's hidden temporaries are removed by the next run with its tag, no other") {
    TempDir dir;
    dir.write("out/.x.pdf.vanban-tmp-run1-0123456789abcdef", "left by a killed run");
    dir.write("out/.y.docx.vanban-tmp-run1-fedcba9876543210", "left by a killed run");
    dir.write("out/.z.pdf.vanban-tmp-run2-0123456789abcdef", "another batch's, still running");
    dir.write("out/x.pdf", "a document");
    CHECK(engine::is_temporary_name(".x.pdf.vanban-tmp-run1-0123456789abcdef"));
    CHECK_FALSE(engine::is_temporary_name("x.pdf"));
    CHECK(engine::remove_temporaries(dir.path() / "out", "run1") == 2);
    CHECK(entries(dir.path() / "out") == std::vector<std::string>{".z.pdf.vanban-tmp-run2-0123456789abcdef", "x.pdf"});
}

TEST_CASE("formats: one map from file names to formats, in any case") {
    CHECK(format_for_path("out/plan.pdf") == Format::pdf);
    CHECK(format_for_path("X.PDF") == Format::pdf);
    CHECK(format_for_path("a.Docx") == Format::docx);
    CHECK(format_for_path("model.JSON") == Format::model);
    CHECK_FALSE(format_for_path("plan.odt"));
    CHECK_FALSE(format_for_path("plan"));
    CHECK_FALSE(format_for_path("out.pdf/plan"));
    CHECK_FALSE(format_for_path(""));
    for (Format format : {Format::pdf, Format::docx, Format::model})
        CHECK(format_for_path(std::string("x") + format_extension(format)) == format);
}
