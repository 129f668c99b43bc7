// The API of vanban serve through an HTTP client, against a server on a loopback port.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

using namespace vanban;
using vanban::testing::example_plan;
using vanban::testing::TestServer;
using json = nlohmann::json;

namespace {

json body_json(const httplib::Result& result) { return json::parse(result->body); }

httplib::Headers language(const char* accept) { return {{"Accept-Language", accept}}; }

} // namespace

TEST_CASE("GET /v1/templates lists the templates with their schema titles", "[serve]") {
    TestServer server;
    auto result = server.client()->Get("/v1/templates");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/json");
    const json list = body_json(result)["templates"];
    std::vector<std::string> names;
    for (const json& t : list) names.push_back(t["name"]);
    CHECK(names == std::vector<std::string>{"bao-cao", "ke-hoach"});
    CHECK_FALSE(list[1]["title"].get<std::string>().empty());
}

TEST_CASE("a template's schema and example are its files", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto schema = client->Get("/v1/templates/ke-hoach/schema");
    REQUIRE(schema);
    CHECK(schema->status == 200);
    CHECK(schema->get_header_value("Content-Type") == "application/schema+json");
    CHECK(json::parse(schema->body)["properties"].contains("header"));
    auto example = client->Get("/v1/templates/ke-hoach/example");
    REQUIRE(example);
    CHECK(json::parse(example->body) == json::parse(example_plan()));
}

TEST_CASE("render makes a PDF, a DOCX or the model, named after the document", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto pdf = client->Post("/v1/render/ke-hoach?format=pdf", example_plan(), "application/json");
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->body.rfind("%PDF-", 0) == 0);

    auto docx = client->Post("/v1/render/ke-hoach?format=docx", example_plan(), "application/json");
    REQUIRE(docx);
    CHECK(docx->status == 200);
    CHECK(docx->get_header_value("Content-Type") ==
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    CHECK(docx->body.rfind("PK\x03\x04", 0) == 0);
    CHECK(docx->get_header_value("Content-Disposition").find(".docx") != std::string::npos);

    auto model = client->Post("/v1/render/ke-hoach?format=model", example_plan(), "application/json; charset=utf-8");
    REQUIRE(model);
    CHECK(model->status == 200);
    CHECK(json::parse(model->body).contains("body"));
}

TEST_CASE("the file name is the document's, in UTF-8 percent-encoded (RFC 8187) and in ASCII", "[serve]") {
    TestServer server;
    // httplib's client decodes percent-escapes in header values: read the bytes themselves.
    testing::RawConnection raw(server.port());
    const std::string body = example_plan();
    REQUIRE(raw.send("POST /v1/render/ke-hoach HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
    const std::string response = raw.receive_response(std::chrono::seconds(10));
    CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(response.find("\r\nContent-Disposition: attachment; filename=\"Ke hoach so 19-KH-CB.pdf\"; "
                        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2019-KH-CB.pdf\r\n") != std::string::npos);
}

TEST_CASE("render gives the same bytes as the engine", "[serve]") {
    TestServer server;
    Engine engine({.template_dirs = {testing::kRepoTemplates}, .fixed_creation_date = "2026-01-01T00:00:00Z"});
    const RenderResult direct = engine.render("ke-hoach", example_plan(), Format::pdf);
    REQUIRE(direct);
    auto served = server.client()->Post("/v1/render/ke-hoach", example_plan(), "application/json");
    REQUIRE(served);
    CHECK(served->body == direct.bytes);
}

TEST_CASE("the profile is a query parameter", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto party = client->Post("/v1/render/ke-hoach?format=model&profile=party", example_plan(), "application/json");
    auto state = client->Post("/v1/render/ke-hoach?format=model&profile=state", example_plan(), "application/json");
    REQUIRE(party);
    REQUIRE(state);
    CHECK(party->status == 200);
    CHECK(state->status == 200);
    CHECK(party->body != state->body);
    // A profile name is looked up among the profiles, never used as a path.
    auto sneaky = client->Post("/v1/render/ke-hoach?profile=..%2F..%2Fparty", example_plan(), "application/json");
    REQUIRE(sneaky);
    CHECK(sneaky->status == 400);
    CHECK(body_json(sneaky)["code"] == "serve.bad-parameter");
}

TEST_CASE("malformed JSON is a problem with the data's line and column", "[serve]") {
    TestServer server;
    auto result = server.client()->Post("/v1/render/ke-hoach", "{\n  \"header\": {,\n}", "application/json");
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(result->get_header_value("Content-Type") == "application/problem+json");
    const json problem = body_json(result);
    CHECK(problem["type"] == "urn:vanban:problem:data");
    CHECK(problem["status"] == 400);
    CHECK(problem["file"] == "data.json");
    CHECK(problem["line"] == 2);
    CHECK(problem["column"].get<int>() > 0);
    CHECK(problem["exit_code"] == 5);
    CHECK_FALSE(problem["message"].get<std::string>().empty());
    CHECK(problem["detail"] == problem["message"]);
}

TEST_CASE("data that breaks the schema lists every problem with its JSON path", "[serve]") {
    TestServer server;
    json data = json::parse(example_plan());
    data["header"].erase("number");
    data["signature"]["name"] = 12;
    for (const char* path : {"/v1/render/ke-hoach", "/v1/validate/ke-hoach"}) {
        auto result = server.client()->Post(path, data.dump(), "application/json");
        REQUIRE(result);
        CHECK(result->status == 422);
        const json problem = body_json(result);
        CHECK(problem["type"] == "urn:vanban:problem:validation");
        CHECK(problem["exit_code"] == 6);
        std::set<std::string> paths;
        for (const json& e : problem["errors"]) {
            paths.insert(e["json_path"]);
            CHECK(e["code"].get<std::string>().rfind("schema.", 0) == 0);
            CHECK_FALSE(e["message"].get<std::string>().empty());
        }
        CHECK(paths == std::set<std::string>{"header", "signature.name"});
    }
}

TEST_CASE("validate says valid, with the warnings", "[serve]") {
    TestServer server;
    auto result = server.client()->Post("/v1/validate/ke-hoach", example_plan(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    const json answer = body_json(result);
    CHECK(answer["valid"] == true);
    CHECK(answer["warnings"].is_array());
}

TEST_CASE("a rendered document's warnings come in the Vanban-Warnings header, in the request's language", "[serve]") {
    TestServer server;
    auto client = server.client();
    json plan = json::parse(example_plan());
    plan["recipients"].push_back("Lưu Văn phòng 中");
    auto pdf = client->Post("/v1/render/ke-hoach?format=pdf", language("vi"), plan.dump(), "application/json");
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    const std::string header = pdf->get_header_value("Vanban-Warnings");
    CHECK(header.find_first_of("\r\n") == std::string::npos);
    CHECK(std::all_of(header.begin(), header.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    const json warnings = json::parse(header);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0]["code"] == "pdf.missing-glyphs");
    CHECK(warnings[0]["json_path"] == "");
    CHECK(warnings[0]["message"].get<std::string>().rfind("phông chữ Times New Roman của tệp PDF không có hình chữ (glyph) cho 中 (U+4E2D)", 0) == 0);
    // Word shows the character with another font: no warning. Nor for the plan as it is.
    auto docx = client->Post("/v1/render/ke-hoach?format=docx", plan.dump(), "application/json");
    REQUIRE(docx);
    CHECK(!docx->has_header("Vanban-Warnings"));
    auto plain = client->Post("/v1/render/ke-hoach?format=pdf", example_plan(), "application/json");
    REQUIRE(plain);
    CHECK(!plain->has_header("Vanban-Warnings"));
}

TEST_CASE("problems speak the language of Accept-Language", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto vi = client->Get("/v1/templates/khong-co/schema", language("vi-VN,vi;q=0.9,en;q=0.5"));
    auto en = client->Get("/v1/templates/khong-co/schema", language("en-GB,vi;q=0.4"));
    REQUIRE(vi);
    REQUIRE(en);
    CHECK(vi->status == 404);
    CHECK(body_json(vi)["code"] == "serve.unknown-template");
    CHECK(body_json(en)["code"] == "serve.unknown-template");
    CHECK(body_json(vi)["message"] == "không có mẫu 'khong-co'");
    CHECK(body_json(en)["message"] == "there is no template 'khong-co'");
    CHECK(body_json(vi)["title"] == "Không tìm thấy");
    CHECK(body_json(vi)["hint"] == "GET /v1/templates liệt kê các mẫu");
    // An engine error too: the title of its kind.
    auto data = client->Post("/v1/render/ke-hoach", language("vi"), "[", "application/json");
    REQUIRE(data);
    CHECK(body_json(data)["title"] == "Không dùng được dữ liệu");
}

TEST_CASE("a request names a template, never a path", "[serve]") {
    TestServer server;
    auto client = server.client();
    for (const char* path : {"/v1/render/..", "/v1/render/_shared", "/v1/render/ke-hoach%2Fmain.vbt",
                             "/v1/render/.%2E", "/v1/templates/..%2F_profiles%2Fparty/schema"}) {
        INFO(path);
        auto result = client->Post(path, example_plan(), "application/json");
        if (std::string(path).find("/schema") != std::string::npos) result = client->Get(path);
        REQUIRE(result);
        CHECK((result->status == 400 || result->status == 404));
        CHECK(result->get_header_value("Content-Type") == "application/problem+json");
    }
    auto unknown = client->Post("/v1/render/khong-co", example_plan(), "application/json");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(body_json(unknown)["code"] == "serve.unknown-template");
}

TEST_CASE("the body must be JSON, and the query parameters known", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto text = client->Post("/v1/render/ke-hoach", example_plan(), "text/plain");
    REQUIRE(text);
    CHECK(text->status == 415);
    CHECK(body_json(text)["code"] == "serve.not-json");
    auto latin1 = client->Post("/v1/render/ke-hoach", example_plan(), "application/json; charset=iso-8859-1");
    REQUIRE(latin1);
    CHECK(latin1->status == 415);
    auto typo = client->Post("/v1/render/ke-hoach?fromat=pdf", example_plan(), "application/json");
    REQUIRE(typo);
    CHECK(typo->status == 400);
    CHECK(body_json(typo)["code"] == "serve.unknown-parameter");
    auto format = client->Post("/v1/render/ke-hoach?format=odt", example_plan(), "application/json");
    REQUIRE(format);
    CHECK(format->status == 400);
    CHECK(body_json(format)["code"] == "serve.bad-parameter");
}

TEST_CASE("a path that is not served is a 404 problem", "[serve]") {
    TestServer server;
    auto result = server.client()->Get("/v2/templates");
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(body_json(result)["code"] == "serve.not-found");
}

TEST_CASE("/healthz and /metrics", "[serve]") {
    TestServer server;
    auto client = server.client();
    auto health = client->Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(body_json(health)["status"] == "ok");
    REQUIRE(client->Post("/v1/render/ke-hoach", example_plan(), "application/json"));
    REQUIRE(client->Post("/v1/render/ke-hoach", "[", "application/json"));
    auto metrics = client->Get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    const std::string& text = metrics->body;
    INFO(text);
    CHECK(text.find("vanban_http_requests_total{route=\"/v1/render/{name}\",status=\"200\"} 1\n") != std::string::npos);
    CHECK(text.find("vanban_http_requests_total{route=\"/v1/render/{name}\",status=\"400\"} 1\n") != std::string::npos);
    CHECK(text.find("vanban_render_seconds_count{format=\"pdf\"} 1\n") != std::string::npos);
    CHECK(text.find("vanban_render_seconds_bucket{format=\"pdf\",le=\"+Inf\"} 1\n") != std::string::npos);
    CHECK(text.find("# TYPE vanban_errors_total counter\nvanban_errors_total{code=") != std::string::npos);
    CHECK(text.find("vanban_render_queue_length 0\n") != std::string::npos);
}

TEST_CASE("with a token, /v1 and /metrics need it; /healthz does not", "[serve]") {
    serve::ServerOptions options;
    options.token = "s3cret-token";
    TestServer server(options);
    auto client = server.client();
    auto refused = client->Get("/v1/templates");
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(refused->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
    CHECK(body_json(refused)["code"] == "serve.unauthorized");
    auto wrong = client->Get("/metrics", {{"Authorization", "Bearer s3cret-tokem"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto allowed = client->Get("/v1/templates", {{"Authorization", "Bearer s3cret-token"}});
    REQUIRE(allowed);
    CHECK(allowed->status == 200);
    auto health = client->Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("listening beyond loopback needs a token, or being told so", "[serve]") {
    Engine engine({.template_dirs = {testing::kRepoTemplates}});
    serve::ServerOptions options;
    options.host = "0.0.0.0";
    options.port = 0;
    serve::Server server(engine, options);
    auto problem = server.bind();
    REQUIRE(problem);
    CHECK(problem->message.code() == "serve.no-token");
    CHECK(serve::is_loopback("127.0.0.1"));
    CHECK(serve::is_loopback("127.3.2.1"));
    CHECK(serve::is_loopback("::1"));
    CHECK(serve::is_loopback("localhost"));
    CHECK_FALSE(serve::is_loopback("0.0.0.0"));
    CHECK_FALSE(serve::is_loopback("192.168.1.10"));
    CHECK_FALSE(serve::is_loopback("example.org"));
}

TEST_CASE("no CORS headers unless an origin is allowed", "[serve]") {
    {
        TestServer server;
        auto result = server.client()->Get("/v1/templates", {{"Origin", "http://portal.example"}});
        REQUIRE(result);
        CHECK_FALSE(result->has_header("Access-Control-Allow-Origin"));
    }
    serve::ServerOptions options;
    options.cors_origins = {"http://portal.example"};
    TestServer server(options);
    auto client = server.client();
    auto allowed = client->Get("/v1/templates", {{"Origin", "http://portal.example"}});
    REQUIRE(allowed);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://portal.example");
    auto other = client->Get("/v1/templates", {{"Origin", "http://elsewhere.example"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
    auto preflight = client->Options("/v1/render/ke-hoach", {{"Origin", "http://portal.example"},
                                                             {"Access-Control-Request-Method", "POST"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, POST");
}
