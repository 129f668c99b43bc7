// Every DOCX vanban writes imports back to data that renders the same document: the same
// model (text, structure, emphasis, tables and their charts, appendix), in both profiles, for
// every example and seed of data/ and templates/*/example.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "golden/golden_support.hpp"
#include "import/libreoffice.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using namespace vanban::golden;
using namespace vanban::testing;
using nlohmann::json;

namespace {

// The template whose schema accepts the data (as the DOCX examples test chooses it).
std::string template_for(const std::string& data_text, const std::filesystem::path& folder) {
    for (const char* name : {"ke-hoach", "bao-cao"})
        if (repository_engine().validate(name, data_text, {.data_dir = folder})) return name;
    FAIL("no template accepts the data");
    return "";
}

// The model as JSON, without the metadata (the title and subject are derived from the same
// text; the creation date is fixed anyway).
json model_json(const std::string& template_name, const std::string& data, const std::string& profile,
                const std::filesystem::path& folder = {}) {
    RenderOptions options;
    options.profile = profile;
    options.data_dir = folder;
    const ModelResult model = repository_engine().build_model(template_name, data, options);
    INFO(model.error.format());
    REQUIRE(model.ok);
    json j = json::parse(repository_engine().write(model.document, Format::model).bytes);
    j.erase("metadata");
    return j;
}

std::vector<std::string> example_files() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(source_path("data")))
        if (entry.path().extension() == ".json") files.push_back("data/" + entry.path().filename().string());
    files.push_back("templates/ke-hoach/example.json");
    files.push_back("templates/bao-cao/example.json");
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("every DOCX vanban writes imports back to the same document", "[import][roundtrip]") {
    const std::vector<std::string> files = example_files();
    REQUIRE(files.size() >= 7);
    for (const std::string& file : files)
        for (const char* profile : {"party", "state"}) {
            DYNAMIC_SECTION(file << " (" << profile << ")") {
                const std::string data = read_source(file);
                const std::filesystem::path folder = source_path(file).parent_path();
                const std::string template_name = template_for(data, folder);
                RenderOptions options;
                options.profile = profile;
                options.data_dir = folder;
                const RenderResult docx = repository_engine().render(template_name, data, Format::docx, options);
                REQUIRE(docx.ok);

                const ImportResult imported = import_document(repository_engine(), docx.bytes, {.source_name = file});
                INFO(imported.error.format());
                REQUIRE(imported.ok);
                CHECK(imported.template_name == template_name);
                CHECK(imported.profile == profile);
                for (const Finding& w : imported.warnings) FAIL_CHECK(w.format(file));
                CHECK(imported.survival.kept_words == imported.survival.input_words);

                const json before = model_json(template_name, data, profile, folder);
                const json after = model_json(imported.template_name, imported.data_json, profile);
                if (before != after) {
                    const json patch = json::diff(before, after);
                    FAIL(file << ": the model differs after the round trip:\n" << patch.dump(1).substr(0, 3000));
                }
            }
        }
}

// Someone opens vanban's DOCX in an office suite, edits it and saves it: the file no longer
// says vanban wrote it, so it is read as any program's DOCX, by its look and text alone.
TEST_CASE("a DOCX vanban wrote, saved again by LibreOffice, imports back to the same document", "[import][roundtrip][libreoffice]") {
    const std::vector<std::string> files = example_files();
    TempDir dir;
    std::string names;
    std::vector<std::pair<std::string, std::string>> rendered; // file name, template
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string data = read_source(files[i]);
        const std::filesystem::path folder = source_path(files[i]).parent_path();
        const std::string template_name = template_for(data, folder);
        const RenderResult docx = repository_engine().render(template_name, data, Format::docx, {.data_dir = folder});
        REQUIRE(docx.ok);
        const std::string name = "doc" + std::to_string(i) + ".docx";
        dir.write(name, docx.bytes);
        names += " " + name;
        rendered.emplace_back(name, template_name);
    }
    save_as_docx_with_libreoffice(dir, names, false, "saved");
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i]);
        const std::filesystem::path saved_path = dir.path() / "saved" / rendered[i].first;
        const CommandResult producer = read_command(
            "python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(\"docProps/app.xml\").decode())' " +
            shell_quote(saved_path.string()));
        REQUIRE(producer.output.find("<Application>LibreOffice") != std::string::npos);
        const std::string saved = read_file(saved_path);
        const ImportResult imported = import_document(repository_engine(), saved, {.source_name = files[i]});
        INFO(imported.error.format());
        REQUIRE(imported.ok);
        CHECK(imported.template_name == rendered[i].second);
        for (const Finding& w : imported.warnings) FAIL_CHECK(w.format(files[i]));
        CHECK(imported.survival.kept_words == imported.survival.input_words);
        const std::string profile = json::parse(read_source(files[i])).value("profile", "party");
        CHECK(imported.profile == profile);
        const json before = model_json(rendered[i].second, read_source(files[i]), profile, source_path(files[i]).parent_path());
        const json after = model_json(imported.template_name, imported.data_json, profile);
        if (before != after)
            FAIL_CHECK(files[i] << ": the model differs after LibreOffice:\n" << json::diff(before, after).dump(1).substr(0, 3000));
    }
}

TEST_CASE("a round trip keeps the task appendix's data: lead, cooperating, deadline, summary", "[import][roundtrip]") {
    const std::string data = read_source("data/state-ke-hoach-example.json");
    const RenderResult docx = repository_engine().render("ke-hoach", data, Format::docx);
    REQUIRE(docx.ok);
    const ImportResult imported = import_document(repository_engine(), docx.bytes);
    REQUIRE(imported.ok);
    const json d = json::parse(imported.data_json);
    const json original = json::parse(data);
    CHECK(d["appendix"]["tasks"] == true);
    CHECK_FALSE(d["appendix"].contains("subtitle")); // the template's own, from number, date and issuer
    CHECK(d["issued_by"] == original["issued_by"]);
    const json& task = d["sections"][1]["children"][0]["children"][0];
    const json& was = original["sections"][1]["children"][0]["children"][0];
    for (const char* field : {"text", "lead", "deadline", "summary"}) CHECK(task[field] == was[field]);
    const json& dated = d["sections"][1]["children"][2]["children"][1];
    CHECK(dated["deadline_text"] == "thực hiện trong tháng 6 và tháng 9/2026");
    CHECK(dated["deadline"] == "tháng 6 và tháng 9/2026");
}
