// POST /v1/import and POST /v1/check: drafts in, the data or the findings out, against a
// server on a loopback port. The DOCX drafts are the server's own renders.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

using namespace vanban;
using vanban::testing::example_plan;
using vanban::testing::TestServer;
using json = nlohmann::json;

namespace {

const char* const kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// A Party plan as text, in the form the rules want, with "Số:" where the Party writes no colon.
const std::string kPlanWithColon =
    "ĐẢNG BỘ TỈNH HÀ TĨNH\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "HUYỆN ỦY CẨM XUYÊN\n"
    "*\n"
    "Số: 25-KH/HU\tCẩm Xuyên, ngày 05 tháng 02 năm 2024\n"
    "\n"
    "KẾ HOẠCH\n"
    "tổ chức kỷ niệm Ngày thành lập Đảng\n"
    "-----\n"
    "I- MỤC ĐÍCH\n"
    "1- Tuyên truyền sâu rộng.\n"
    "II- NỘI DUNG\n"
    "1- Mít tinh kỷ niệm.\n"
    "Nơi nhận:\n"
    "- Các chi bộ,\n"
    "- Lưu Văn phòng Huyện ủy.\n"
    "T/M BAN THƯỜNG VỤ\n"
    "BÍ THƯ\n"
    "Nguyễn Văn An\n";

std::string rendered_docx(httplib::Client& client) {
    auto docx = client.Post("/v1/render/ke-hoach?format=docx", example_plan(), "application/json");
    REQUIRE(docx);
    REQUIRE(docx->status == 200);
    return docx->body;
}

const json* finding_with_code(const json& findings, const std::string& code) {
    for (const json& f : findings)
        if (f["code"] == code) return &f;
    return nullptr;
}

} // namespace

TEST_CASE("import reads a DOCX back into the data of its template", "[serve][import]") {
    TestServer server;
    auto client = server.client();
    auto result = client->Post("/v1/import", rendered_docx(*client), kDocxType);
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 200);
    const json answer = json::parse(result->body);
    CHECK(answer["template"] == "ke-hoach");
    CHECK(answer["profile"] == "party");
    CHECK_FALSE(answer["text_input"].get<bool>());
    const json original = json::parse(example_plan());
    CHECK(answer["data"]["header"]["number"] == original["header"]["number"]);
    CHECK(answer["data"]["signature"] == original["signature"]);
    CHECK(answer["survival"]["ratio"].get<double>() > 0.95);
    CHECK(answer["warnings"].is_array());

    // What import made renders as it is.
    auto pdf = client->Post("/v1/render/ke-hoach", answer["data"].dump(), "application/json");
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
}

TEST_CASE("import reads a text draft, and obeys template and profile", "[serve][import]") {
    TestServer server;
    auto result = server.client()->Post("/v1/import?template=ke-hoach&profile=party", kPlanWithColon, "text/plain; charset=utf-8");
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 200);
    const json answer = json::parse(result->body);
    CHECK(answer["text_input"].get<bool>());
    CHECK(answer["data"]["header"]["number"] == "25-KH/HU");
}

TEST_CASE("import refuses what is not a draft, with a problem", "[serve][import]") {
    TestServer server;
    auto client = server.client();
    const std::string upload = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.txt\"\r\n"
                               "Content-Type: text/plain\r\n\r\n" + kPlanWithColon + "\r\n--x--\r\n";
    auto form = client->Post("/v1/import", upload, "multipart/form-data; boundary=x");
    REQUIRE(form);
    CHECK(form->status == 415);
    CHECK(json::parse(form->body)["code"] == "serve.not-a-draft");

    auto broken = client->Post("/v1/import", std::string("PK\x03\x04") + " not really a zip", kDocxType);
    REQUIRE(broken);
    CHECK(broken->status >= 400);
    CHECK(broken->status < 500);
    const json problem = json::parse(broken->body);
    CHECK(problem["type"].get<std::string>().rfind("urn:vanban:problem:", 0) == 0);
    CHECK(problem["code"].get<std::string>().rfind("import.", 0) == 0);

    auto parameter = client->Post("/v1/import?template=../x", kPlanWithColon, "text/plain");
    REQUIRE(parameter);
    CHECK(parameter->status == 400);
    CHECK(json::parse(parameter->body)["code"] == "serve.bad-parameter");
    auto unknown = client->Post("/v1/import?date=2026-01-01", kPlanWithColon, "text/plain");
    REQUIRE(unknown);
    CHECK(unknown->status == 400);
    CHECK(json::parse(unknown->body)["code"] == "serve.unknown-parameter");
}

TEST_CASE("check lists the findings of a draft, each with its place, in the request's language", "[serve][check]") {
    TestServer server;
    auto client = server.client();
    auto english = client->Post("/v1/check", {{"Accept-Language", "en"}}, kPlanWithColon, "text/plain");
    REQUIRE(english);
    INFO(english->body);
    CHECK(english->status == 200);
    const json answer = json::parse(english->body);
    CHECK(answer["must_fix"].get<bool>());
    CHECK(answer["exit_code"] == 11);
    const json* colon = finding_with_code(answer["findings"], "check.number-colon-party");
    REQUIRE(colon);
    CHECK((*colon)["severity"] == "error");
    CHECK((*colon)["line"] == 4);
    CHECK((*colon)["message"].get<std::string>().find("no colon") != std::string::npos);

    auto vietnamese = client->Post("/v1/check", {{"Accept-Language", "vi"}}, kPlanWithColon, "text/plain");
    REQUIRE(vietnamese);
    const json vietnamese_answer = json::parse(vietnamese->body);
    const json* in_vietnamese = finding_with_code(vietnamese_answer["findings"], "check.number-colon-party");
    REQUIRE(in_vietnamese);
    CHECK((*in_vietnamese)["message"] != (*colon)["message"]);
}

TEST_CASE("check judges JSON data and vanban's own DOCX: nothing to fix", "[serve][check]") {
    TestServer server;
    auto client = server.client();
    auto data = client->Post("/v1/check?template=ke-hoach", example_plan(), "application/json");
    REQUIRE(data);
    INFO(data->body);
    CHECK(data->status == 200);
    CHECK_FALSE(json::parse(data->body)["must_fix"].get<bool>());
    auto docx = client->Post("/v1/check", rendered_docx(*client), kDocxType);
    REQUIRE(docx);
    INFO(docx->body);
    CHECK(docx->status == 200);
    CHECK_FALSE(json::parse(docx->body)["must_fix"].get<bool>());

    auto date = client->Post("/v1/check?date=05/02/2024", kPlanWithColon, "text/plain");
    REQUIRE(date);
    CHECK(date->status == 400);
    CHECK(json::parse(date->body)["code"] == "serve.bad-parameter");
}

TEST_CASE("import and check refuse a parameter given with no value, naming it", "[serve][import][check]") {
    TestServer server;
    auto client = server.client();
    for (const char* route : {"/v1/import?template=", "/v1/import?profile=", "/v1/check?template=", "/v1/check?profile=",
                              "/v1/check?date=", "/v1/check?template=ke-hoach&date="}) {
        INFO(route);
        auto refused = client->Post(route, {{"Accept-Language", "en"}}, kPlanWithColon, "text/plain");
        REQUIRE(refused);
        CHECK(refused->status == 400);
        const json problem = json::parse(refused->body);
        CHECK(problem["code"] == "serve.bad-parameter");
        const std::string name = std::string(route).substr(std::string(route).find_last_of("?&") + 1);
        CHECK(problem["parameter"].get<std::string>() + "=" == name);
        CHECK(problem["message"] == "the query parameter '" + problem["parameter"].get<std::string>() + "': no value is given");
        CHECK(problem["hint"] == "give it a value, or leave it out for its default");
    }
}
