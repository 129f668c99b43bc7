// POST /v1/batch/{name}: records and shared data uploaded as a form, a ZIP of the documents
// and the manifest streamed back; read here with libzip.
#include <catch2/catch.hpp>

#include <zip.h>

#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

using namespace vanban;
using vanban::testing::example_plan;
using vanban::testing::TestServer;
using json = nlohmann::json;

namespace {

// The files of a ZIP held in memory, by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(source);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    INFO(zip_error_strerror(&error));
    REQUIRE(archive);
    std::map<std::string, std::string> files;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t stat;
        REQUIRE(zip_stat_index(archive, i, 0, &stat) == 0);
        std::string content(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(archive, i, 0);
        REQUIRE(file);
        CHECK(zip_fread(file, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
        zip_fclose(file);
        files[stat.name] = std::move(content);
    }
    zip_close(archive);
    zip_error_fini(&error);
    return files;
}

httplib::MultipartFormDataItems upload(const std::string& records, const std::string& records_name,
                                       const std::string& data = example_plan()) {
    return {{"records", records, records_name, ""}, {"data", data, "data.json", "application/json"}};
}

const std::string kBranches =
    "branch.code,branch.name,header.number\n"
    "HC05,Chi bộ Hải Châu,19-KH/CB\n"
    "TK02,Chi bộ Thanh Khê,20-KH/CB\n";

} // namespace

TEST_CASE("a batch comes back as a ZIP of every record's files and the manifest", "[serve][batch]") {
    TestServer server;
    auto result = server.client()->Post("/v1/batch/ke-hoach?format=pdf,docx&output={{ branch.code }}-ke-hoach&strip=branch",
                                        upload(kBranches, "branches.csv"));
    REQUIRE(result);
    INFO(result->body.substr(0, 500));
    REQUIRE(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/zip");
    CHECK(result->get_header_value("Transfer-Encoding") == "chunked"); // streamed, not held whole
    CHECK(result->get_header_value("Content-Disposition").find("ke-hoach.zip") != std::string::npos);
    const auto files = unzip(result->body);
    std::vector<std::string> names;
    for (const auto& [name, content] : files) names.push_back(name);
    CHECK(names == std::vector<std::string>{"HC05-ke-hoach.docx", "HC05-ke-hoach.pdf", "TK02-ke-hoach.docx",
                                            "TK02-ke-hoach.pdf", "manifest.json"});
    CHECK(files.at("HC05-ke-hoach.pdf").rfind("%PDF-", 0) == 0);
    CHECK(files.at("TK02-ke-hoach.docx").rfind("PK", 0) == 0);
    const std::string& manifest_text = files.at("manifest.json");
    CHECK(manifest_text.find("vanban-batch-") == std::string::npos); // no folder of the server's
    const json manifest = json::parse(manifest_text);
    CHECK(manifest["summary"]["written"] == 2);
    CHECK(manifest["summary"]["complete"] == true);
    CHECK(manifest["records"][1]["outputs"][0]["path"] == "TK02-ke-hoach.pdf");
    CHECK(manifest["records"][1]["keys"]["branch.code"] == "TK02");
}

TEST_CASE("a batch's Vietnamese file names, JSON Lines records, and a record that fails", "[serve][batch]") {
    TestServer server;
    const std::string records = R"({"branch": {"name": "Chi bộ Hải Châu"}})"
                                "\n"
                                R"({"branch": {"name": "Chi bộ Sơn Trà"}, "header": {"date": "2019-13-45"}})"
                                "\n";
    auto result = server.client()->Post("/v1/batch/ke-hoach?output={{ branch.name }}.pdf&strip=branch",
                                        upload(records, "branches.jsonl"));
    REQUIRE(result);
    INFO(result->body.substr(0, 500));
    REQUIRE(result->status == 200);
    const auto files = unzip(result->body);
    CHECK(files.count("Chi bộ Hải Châu.pdf") == 1);
    CHECK(files.count("Chi bộ Sơn Trà.pdf") == 0);
    const json manifest = json::parse(files.at("manifest.json"));
    CHECK(manifest["summary"]["written"] == 1);
    CHECK(manifest["summary"]["failed"] == 1);
    CHECK(manifest["records"][1]["status"] == "failed");
    CHECK(manifest["records"][1]["error"]["json_path"] == "header.date");
}

TEST_CASE("a batch that cannot start is a problem, not a ZIP", "[serve][batch]") {
    TestServer server;
    auto client = server.client();
    auto not_form = client->Post("/v1/batch/ke-hoach", kBranches, "text/csv");
    REQUIRE(not_form);
    CHECK(not_form->status == 415);
    CHECK(json::parse(not_form->body)["code"] == "serve.batch-not-form");

    // ../x.pdf, /tmp/x.pdf, a/../../x.pdf, a//b.pdf
    for (const char* output : {"..%2Fx.pdf", "%2Ftmp%2Fx.pdf", "a%2F..%2F..%2Fx.pdf", "a%2F%2Fb.pdf"}) {
        INFO(output);
        auto escape = client->Post(std::string("/v1/batch/ke-hoach?output=") + output, upload(kBranches, "branches.csv"));
        REQUIRE(escape);
        CHECK(escape->status == 400);
        CHECK(json::parse(escape->body)["code"] == "serve.bad-parameter");
    }

    auto bad_shared = client->Post("/v1/batch/ke-hoach?strip=branch", upload(kBranches, "branches.csv", "{not json"));
    REQUIRE(bad_shared);
    CHECK(bad_shared->status == 400);
    CHECK(bad_shared->get_header_value("Content-Type") == "application/problem+json");
    CHECK(json::parse(bad_shared->body)["type"] == "urn:vanban:problem:data");

    auto unknown = client->Post("/v1/batch/nothing-here", upload(kBranches, "branches.csv"));
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
}

TEST_CASE("a batch takes a render's draft and fixed_date, and refuses them in a render's words", "[serve][batch]") {
    TestServer server;
    auto client = server.client();
    const std::string drafts = "branch.code,header.number\nHC05,-KH/CB\n";
    auto result = client->Post("/v1/batch/ke-hoach?format=model&output={{ branch.code }}.json&strip=branch&draft=true"
                               "&fixed_date=2019-03-25",
                               upload(drafts, "branches.csv"));
    REQUIRE(result);
    REQUIRE(result->status == 200);
    const std::map<std::string, std::string> files = unzip(result->body);
    std::string names;
    for (const auto& [name, content] : files) names += name + " ";
    INFO(names);
    REQUIRE(files.count("HC05.json"));
    const json model = json::parse(files.at("HC05.json"));
    CHECK(model["header"]["draft_mark"] == "DỰ THẢO");
    CHECK(model["metadata"]["created"] == "2019-03-25T00:00:00Z");

    auto refused = client->Post("/v1/batch/ke-hoach?draft=maybe", upload(drafts, "branches.csv"));
    REQUIRE(refused);
    CHECK(refused->status == 400);
    const json problem = json::parse(refused->body);
    CHECK(problem["parameter"] == "draft");
    CHECK(problem["message"] == "the query parameter 'draft': 'maybe' is neither true nor false");
}

TEST_CASE("a batch takes a render's appendix: each record's appendix N alone, refused in a render's words",
          "[serve][batch]") {
    TestServer server;
    auto client = server.client();
    // The example plan has one appendix; the second record's document has none left.
    const std::string records = R"({"branch": {"code": "HC05"}})"
                                "\n"
                                R"({"branch": {"code": "TK02"}, "appendix": {"tasks": false}})"
                                "\n";
    auto result = client->Post("/v1/batch/ke-hoach?format=model&output={{ branch.code }}.json&strip=branch&appendix=1",
                               upload(records, "branches.jsonl"));
    REQUIRE(result);
    INFO(result->body.substr(0, 500));
    REQUIRE(result->status == 200);
    const std::map<std::string, std::string> files = unzip(result->body);
    REQUIRE(files.count("HC05.json"));
    // The same model a single render of that appendix gives.
    auto single = client->Post("/v1/render/ke-hoach?format=model&appendix=1", example_plan(), "application/json");
    REQUIRE(single);
    REQUIRE(single->status == 200);
    const json alone = json::parse(files.at("HC05.json"));
    json expected = json::parse(single->body);
    expected["metadata"]["created"] = alone["metadata"]["created"]; // the time of rendering
    CHECK(alone == expected);
    auto whole = client->Post("/v1/render/ke-hoach?format=model", example_plan(), "application/json");
    REQUIRE(whole);
    CHECK(alone["issued_appendix"] == 1);
    CHECK(alone["body"].empty());
    CHECK_FALSE(json::parse(whole->body)["body"].empty());
    // A record whose document lacks the appendix fails alone, saying so.
    const json manifest = json::parse(files.at("manifest.json"));
    CHECK(manifest["summary"]["written"] == 1);
    CHECK(manifest["summary"]["failed"] == 1);
    CHECK(manifest["records"][1]["error"]["code"] == "engine.no-appendix");

    for (const char* bad : {"0", "I", ""}) {
        INFO(bad);
        auto refused = client->Post(std::string("/v1/batch/ke-hoach?appendix=") + bad, upload(records, "branches.jsonl"));
        REQUIRE(refused);
        CHECK(refused->status == 400);
        const json problem = json::parse(refused->body);
        CHECK(problem["parameter"] == "appendix");
        auto single_refused = client->Post(std::string("/v1/render/ke-hoach?appendix=") + bad, example_plan(), "application/json");
        REQUIRE(single_refused);
        CHECK(problem["message"] == json::parse(single_refused->body)["message"]);
        CHECK(problem["hint"] == json::parse(single_refused->body)["hint"]);
    }
}

TEST_CASE("a batch refuses a parameter given with no value, naming it, as a render does", "[serve][batch]") {
    TestServer server;
    auto client = server.client();
    for (const char* parameter : {"format", "output", "profile", "input_encoding", "fixed_date", "appendix", "key", "strip"}) {
        INFO(parameter);
        auto refused = client->Post(std::string("/v1/batch/ke-hoach?") + parameter + "=", upload(kBranches, "branches.csv"));
        REQUIRE(refused);
        CHECK(refused->status == 400);
        const json problem = json::parse(refused->body);
        CHECK(problem["code"] == "serve.bad-parameter");
        CHECK(problem["parameter"] == parameter);
        CHECK(problem["message"] == std::string("the query parameter '") + parameter + "': no value is given");
    }
}
