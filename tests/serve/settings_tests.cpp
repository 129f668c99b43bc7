// The render settings of POST /v1/render as query parameters (draft, fixed_date, profile,
// input_encoding, format, appendix): each one changes the document, and a bad or unknown one is a
// problem naming the parameter, in the request's language.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "fixtures/legacy_text.hpp"
#include "support/shell.hpp"
#include "support/text.hpp"
#include "support/temp_dir.hpp"
#include "test_server.hpp"

using namespace vanban;
using vanban::testing::example_plan;
using vanban::testing::TestServer;
using json = nlohmann::json;

namespace {

// The example plan made ready to be a draft: a draft's number is its code alone.
std::string draftable_plan() {
    json data = json::parse(example_plan());
    data["header"]["number"] = "-KH/CB";
    return data.dump();
}

// What a PDF reader reads in the bytes: pdftotext's text, or pdfinfo's fields.
std::string read_pdf(const std::string& tool, const std::string& pdf) {
    testing::TempDir dir;
    const std::string path = dir.write("document.pdf", pdf).string();
    return testing::read_command(tool + " " + testing::shell_quote(path) + (tool.rfind("pdftotext", 0) == 0 ? " -" : "")).output;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

httplib::Result render(httplib::Client& client, const std::string& query, const std::string& data,
                       const char* accept_language = "en") {
    return client.Post("/v1/render/ke-hoach" + query, {{"Accept-Language", accept_language}}, data,
                       "application/json");
}

} // namespace

TEST_CASE("draft=true makes a draft: DỰ THẢO on the page, the number left blank", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto plain = render(*client, "?format=pdf", draftable_plan());
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(contains(read_pdf("pdftotext", plain->body), "DỰ THẢO"));
    for (const char* query : {"?format=pdf&draft=true", "?draft", "?draft=", "?draft=1"}) {
        INFO(query);
        auto draft = render(*client, query, draftable_plan());
        REQUIRE(draft);
        REQUIRE(draft->status == 200);
        const std::string text = testing::squeeze_spaces(read_pdf("pdftotext -layout", draft->body));
        CHECK(contains(text, "DỰ THẢO"));
        CHECK(contains(text, "Số -KH/CB"));
        CHECK(contains(text, "Đà Nẵng, ngày tháng năm 2019"));
    }
    auto refused = render(*client, "?draft=false", draftable_plan());
    REQUIRE(refused);
    CHECK_FALSE(contains(read_pdf("pdftotext", refused->body), "DỰ THẢO"));
    // The same switch as "draft": true in the data: the schema's rule for a draft's number holds.
    auto numbered = render(*client, "?draft=true", example_plan());
    REQUIRE(numbered);
    CHECK(numbered->status == 422);
    CHECK(json::parse(numbered->body)["json_path"] == "header.number");
}

TEST_CASE("fixed_date is the creation date written into the document", "[serve]") {
    TestServer server; // its engine's own date: 2026-01-01T00:00:00Z
    auto client = server.client();
    auto dated = render(*client, "?fixed_date=2019-03-25T08:00:00%2B07:00", example_plan());
    REQUIRE(dated);
    REQUIRE(dated->status == 200);
    CHECK(contains(read_pdf("pdfinfo -isodates", dated->body), "2019-03-25T01:00:00Z"));
    auto again = render(*client, "?fixed_date=2019-03-25T01:00:00Z", example_plan());
    REQUIRE(again);
    CHECK(again->body == dated->body); // the same instant: the same bytes
    auto engines_date = render(*client, "", example_plan());
    REQUIRE(engines_date);
    CHECK(contains(read_pdf("pdfinfo -isodates", engines_date->body), "2026-01-01T00:00:00Z"));

    auto model = render(*client, "?format=model&fixed_date=2019-03-25", example_plan());
    REQUIRE(model);
    CHECK(json::parse(model->body)["metadata"]["created"] == "2019-03-25T00:00:00Z");
}

TEST_CASE("profile and input_encoding change what is made", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto party = render(*client, "?profile=party", example_plan());
    auto state = render(*client, "?profile=state", example_plan());
    REQUIRE(party);
    REQUIRE(state);
    CHECK(contains(read_pdf("pdftotext", party->body), "ĐẢNG CỘNG SẢN VIỆT NAM"));
    CHECK(contains(read_pdf("pdftotext", state->body), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));

    // The plan in VNI, its bytes shown as Windows-1252 and saved as UTF-8.
    const std::string legacy = fixtures::shown_as_latin1(fixtures::legacy_bytes(example_plan(), text::LegacyEncoding::vni));
    auto as_typed = render(*client, "?format=model", legacy);
    auto decoded = render(*client, "?format=model&input_encoding=vni", legacy);
    REQUIRE(as_typed);
    REQUIRE(decoded);
    CHECK(decoded->status == 200);
    CHECK(contains(decoded->body, "công tác kết nạp đảng viên"));
    CHECK_FALSE(contains(as_typed->body, "công tác kết nạp đảng viên"));
}

TEST_CASE("format gives every output of vanban render, with its media type and name", "[serve]") {
    TestServer server;
    auto client = server.client();
    struct Case {
        const char* format;
        const char* type;
        const char* extension;
        const char* inside;
    };
    for (const Case& c : {Case{"fields", "application/json", ".fields.json\"", "\"fields\""},
                          Case{"metadata", "application/json", ".metadata.json\"", "\"PageAmount\""},
                          Case{"metadata-xml", "application/xml", ".metadata.xml\"", "<?xml"}}) {
        INFO(c.format);
        auto answer = render(*client, std::string("?format=") + c.format, example_plan());
        REQUIRE(answer);
        CHECK(answer->status == 200);
        CHECK(answer->get_header_value("Content-Type") == c.type);
        CHECK(contains(answer->get_header_value("Content-Disposition"), c.extension));
        CHECK(contains(answer->body, c.inside));
    }
}

TEST_CASE("appendix=N issues that appendix alone, with the agency's field; one the plan lacks is refused", "[serve]") {
    TestServer server;
    auto client = server.client();
    // The example plan has one appendix: alone, it is one page with the agency's field.
    auto fields = render(*client, "?appendix=1&format=fields", example_plan());
    REQUIRE(fields);
    REQUIRE(fields->status == 200);
    const json listed = json::parse(fields->body);
    CHECK(listed["pages"] == 1);
    REQUIRE(listed["fields"].size() == 1);
    CHECK(listed["fields"][0]["name"] == "appendix-agency");
    auto pdf = render(*client, "?appendix=1", example_plan());
    REQUIRE(pdf);
    REQUIRE(pdf->status == 200);
    CHECK(contains(testing::squeeze_spaces(read_pdf("pdfinfo", pdf->body)), "Pages: 1 "));
    CHECK(contains(read_pdf("pdftotext", pdf->body), "Phụ lục"));
    auto whole = render(*client, "?format=fields", example_plan());
    REQUIRE(whole);
    CHECK(json::parse(whole->body)["pages"].get<int>() > 1);

    auto missing = render(*client, "?appendix=2", example_plan());
    REQUIRE(missing);
    CHECK(missing->status == 400);
    const json problem = json::parse(missing->body);
    CHECK(problem["code"] == "engine.no-such-appendix");
    CHECK(contains(problem["message"].get<std::string>(), "there is no appendix 2: the document has 1 appendix"));
}

TEST_CASE("a bad value is a problem naming the parameter and what it takes, in the request's language", "[serve]") {
    TestServer server;
    auto client = server.client();
    struct Case {
        const char* query;
        const char* parameter;
        const char* english;
    };
    for (const Case& c : {Case{"?draft=maybe", "draft", "the query parameter 'draft': 'maybe' is neither true nor false"},
                          Case{"?fixed_date=tomorrow", "fixed_date",
                               "the query parameter 'fixed_date': the fixed creation date 'tomorrow' is not a date (ISO 8601)"},
                          Case{"?input_encoding=koi8-r", "input_encoding",
                               "the query parameter 'input_encoding': unknown input encoding 'koi8-r' (use utf-8, tcvn3, vni or cp1258)"},
                          Case{"?format=odt", "format", "the query parameter 'format': unknown format 'odt'"},
                          Case{"?profile=stat", "profile", "the query parameter 'profile': there is no profile 'stat'"},
                          Case{"?profile=..%2Fparty", "profile", "the query parameter 'profile': '../party' is not a profile name"},
                          Case{"?appendix=0", "appendix", "the query parameter 'appendix': '0' is not the number of an appendix"},
                          Case{"?appendix=-1", "appendix", "the query parameter 'appendix': '-1' is not the number of an appendix"},
                          Case{"?appendix=I", "appendix", "the query parameter 'appendix': 'I' is not the number of an appendix"},
                          // A value gone missing is a mistake, never the default (?draft alone is a switch).
                          Case{"?appendix=", "appendix", "the query parameter 'appendix': no value is given"},
                          Case{"?profile=", "profile", "the query parameter 'profile': no value is given"},
                          Case{"?input_encoding=", "input_encoding", "the query parameter 'input_encoding': no value is given"},
                          Case{"?fixed_date=", "fixed_date", "the query parameter 'fixed_date': no value is given"},
                          Case{"?format=", "format", "the query parameter 'format': no value is given"}}) {
        INFO(c.query);
        auto english = render(*client, c.query, draftable_plan(), "en");
        REQUIRE(english);
        CHECK(english->status == 400);
        CHECK(english->get_header_value("Content-Type") == "application/problem+json");
        const json problem = json::parse(english->body);
        CHECK(problem["code"] == "serve.bad-parameter");
        CHECK(problem["parameter"] == c.parameter);
        CHECK(problem["message"] == c.english);
        if (std::string(c.parameter) != "input_encoding" || std::string(c.query).ends_with("="))
            CHECK_FALSE(problem.value("hint", "").empty());

        auto vietnamese = render(*client, c.query, draftable_plan(), "vi");
        REQUIRE(vietnamese);
        const std::string message = json::parse(vietnamese->body)["message"];
        CHECK(message != c.english);
        CHECK(contains(message, std::string("'") + c.parameter + "'"));
    }
}

TEST_CASE("an unknown parameter is named, with the ones there are", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto typo = render(*client, "?darft=true", example_plan(), "vi");
    REQUIRE(typo);
    CHECK(typo->status == 400);
    const json problem = json::parse(typo->body);
    CHECK(problem["code"] == "serve.unknown-parameter");
    CHECK(problem["parameter"] == "darft");
    CHECK(contains(problem["message"].get<std::string>(), "'darft'"));
    CHECK(contains(problem["hint"].get<std::string>(), "format, profile, input_encoding, draft, fixed_date, appendix"));

    // validate takes the settings but not format: it makes no file.
    auto validate = client->Post("/v1/validate/ke-hoach?format=pdf", example_plan(), "application/json");
    REQUIRE(validate);
    CHECK(validate->status == 400);
    CHECK(json::parse(validate->body)["code"] == "serve.unknown-parameter");
    CHECK(contains(json::parse(validate->body)["hint"].get<std::string>(), "profile, input_encoding, draft, fixed_date"));
    auto draft = client->Post("/v1/validate/ke-hoach?draft=true", example_plan(), "application/json");
    REQUIRE(draft);
    CHECK(draft->status == 422); // a draft's number is its code alone
}
