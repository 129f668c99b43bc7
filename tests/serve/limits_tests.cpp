// Bad and hostile requests: each is answered or closed cleanly, and the server goes on
// answering the others (docs/serve.md, "Limits").
#include <catch2/catch.hpp>

#include <atomic>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

using namespace vanban;
using namespace std::chrono_literals;
using vanban::testing::example_plan;
using vanban::testing::RawConnection;
using vanban::testing::TestServer;
using json = nlohmann::json;

namespace {

// The server still renders for a well-behaved client.
void check_still_serving(const TestServer& server) {
    auto result = server.client()->Post("/v1/render/ke-hoach", example_plan(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body.rfind("%PDF-", 0) == 0);
}

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

} // namespace

TEST_CASE("a body over the limit is refused with 413, and the connection closed", "[serve][limits]") {
    serve::ServerOptions options;
    options.max_body_bytes = 64 * 1024;
    TestServer server(options);
    auto result = server.client()->Post("/v1/render/ke-hoach", std::string(100 * 1024, ' ') + "{}", "application/json");
    REQUIRE(result);
    CHECK(result->status == 413);
    CHECK(json::parse(result->body)["code"] == "serve.too-large");
    check_still_serving(server);
}

TEST_CASE("a request that is not HTTP gets 400 and a closed connection", "[serve][limits]") {
    TestServer server;
    RawConnection raw(server.port());
    REQUIRE(raw.connected());
    REQUIRE(raw.send("HELLO THERE\r\nnot a header\r\n\r\n"));
    bool closed = false;
    const std::string response = raw.receive(5s, &closed);
    CHECK(status_line(response) == "HTTP/1.1 400 Bad Request");
    CHECK(response.find("serve.bad-request") != std::string::npos);
    CHECK(closed);
    check_still_serving(server);
}

TEST_CASE("a request trickling in is answered when it completes within the deadline", "[serve][limits]") {
    TestServer server;
    RawConnection raw(server.port());
    REQUIRE(raw.connected());
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (std::size_t i = 0; i < request.size(); ++i) {
        REQUIRE(raw.send(request.substr(i, 1)));
        if (i % 8 == 0) std::this_thread::sleep_for(20ms);
        if (i == request.size() / 2) check_still_serving(server); // others are served meanwhile
    }
    const std::string response = raw.receive(5s);
    CHECK(status_line(response) == "HTTP/1.1 200 OK");
}

TEST_CASE("a request still incomplete at its deadline is cut off", "[serve][limits]") {
    serve::ServerOptions options;
    options.connections.request_deadline = 500ms;
    TestServer server(options);
    RawConnection raw(server.port());
    REQUIRE(raw.connected());
    // A byte every 100 ms: each read is quick, but the whole request never arrives in time.
    bool closed = false;
    std::string response;
    for (char c : std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ") + std::string(100, 'a')) {
        if (!raw.send(std::string(1, c))) break;
        response += raw.receive(100ms, &closed);
        if (closed) break;
    }
    CHECK(closed);
    CHECK((response.empty() || status_line(response).rfind("HTTP/1.1 400", 0) == 0));
    check_still_serving(server);
}

TEST_CASE("idle connections do not keep others from being served", "[serve][limits]") {
    serve::ServerOptions options;
    options.connections.threads = 4;
    TestServer server(options);
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(std::make_unique<RawConnection>(server.port()));
        REQUIRE(idle.back()->connected());
    }
    // 200 connections that send nothing, on a server of 4 threads whose idle connections
    // are kept 30 s: a client that waits 5 s at most is still served.
    auto client = server.client();
    client->set_read_timeout(5s);
    auto result = client->Post("/v1/render/ke-hoach", example_plan(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    // Half of them now send a request and are answered too.
    for (std::size_t i = 0; i < idle.size(); i += 2)
        REQUIRE(idle[i]->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    for (std::size_t i = 0; i < idle.size(); i += 2)
        CHECK(status_line(idle[i]->receive_response(5s)) == "HTTP/1.1 200 OK");
    // All 200 are still open (idle, or being answered), besides this client's.
    auto metrics = client->Get("/metrics");
    REQUIRE(metrics);
    INFO(metrics->body);
    const std::size_t at = metrics->body.find("\nvanban_http_connections_open ");
    REQUIRE(at != std::string::npos);
    CHECK(std::stoul(metrics->body.substr(at + 30)) > 200);
}

TEST_CASE("a keep-alive connection serves request after request", "[serve][limits]") {
    TestServer server;
    RawConnection raw(server.port());
    REQUIRE(raw.connected());
    for (int i = 0; i < 3; ++i) {
        REQUIRE(raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        CHECK(status_line(raw.receive_response(2s)) == "HTTP/1.1 200 OK");
    }
    // Two requests in one write (pipelined): both answered, in order.
    REQUIRE(raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string both = raw.receive(2s);
    CHECK(status_line(both) == "HTTP/1.1 200 OK");
    CHECK(both.find("HTTP/1.1 404 Not Found") != std::string::npos);
}

TEST_CASE("a full queue answers 503 with Retry-After", "[serve][limits]") {
    serve::ServerOptions options;
    options.workers = 1;
    options.queue_capacity = 0; // nothing may wait
    TestServer server(options);
    auto result = server.client()->Post("/v1/render/ke-hoach", example_plan(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(result->get_header_value("Retry-After") == "1");
    CHECK(json::parse(result->body)["code"] == "serve.busy");
}

TEST_CASE("a render past its deadline answers 503", "[serve][limits]") {
    serve::ServerOptions options;
    options.render_deadline = 0ms;
    TestServer server(options);
    auto result = server.client()->Post("/v1/render/ke-hoach", example_plan(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(result->has_header("Retry-After"));
    CHECK(json::parse(result->body)["code"] == "serve.deadline");
}

TEST_CASE("stopping answers the requests in progress whole", "[serve][limits]") {
    auto server = std::make_unique<TestServer>();
    std::atomic<int> whole{0}, broken{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c)
        clients.emplace_back([&] {
            auto client = server->client();
            for (int i = 0; i < 50; ++i) {
                auto result = client->Post("/v1/render/ke-hoach", example_plan(), "application/json");
                if (!result) return; // refused: the server has stopped listening
                if (result->status == 200 && result->body.find("%%EOF") != std::string::npos) ++whole;
                else if (result->status != 503) ++broken;
            }
        });
    std::this_thread::sleep_for(100ms);
    server->server().stop();
    for (std::thread& t : clients) t.join();
    server.reset();
    CHECK(broken == 0);
    CHECK(whole > 0);
}
