// A vanban serve server on a free loopback port, started by a test and stopped at its end,
// and what the tests use to talk to it: httplib's client, and raw sockets for the requests
// a well-behaved client would never send.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "serve/server.hpp"
#include "vanban/engine.hpp"

namespace vanban::testing {

inline const std::filesystem::path kRepoTemplates = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates";

inline std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string example_plan() { return read_text_file(kRepoTemplates / "ke-hoach" / "example.json"); }

class TestServer {
public:
    explicit TestServer(serve::ServerOptions options = {}, EngineOptions engine_options = {})
        : engine_(with_defaults(std::move(engine_options))) {
        options.host = "127.0.0.1";
        options.port = 0;
        if (options.web_dir.empty()) options.web_dir = std::filesystem::path(VANBAN_SOURCE_DIR) / "generator/serve/web";
        server_ = std::make_unique<serve::Server>(engine_, std::move(options));
        if (auto problem = server_->bind()) throw std::runtime_error(problem->message.text());
        thread_ = std::thread([this] { server_->run(); });
    }
    ~TestServer() {
        server_->stop();
        thread_.join();
    }

    int port() const { return server_->port(); }
    serve::Server& server() { return *server_; }

    std::unique_ptr<httplib::Client> client() const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", port());
        client->set_read_timeout(std::chrono::seconds(20));
        return client;
    }

private:
    static EngineOptions with_defaults(EngineOptions options) {
        if (options.template_dirs.empty()) options.template_dirs = {kRepoTemplates};
        options.fixed_creation_date = "2026-01-01T00:00:00Z";
        return options;
    }

    Engine engine_;
    std::unique_ptr<serve::Server> server_;
    std::thread thread_;
};

// A TCP connection to the server with nothing done for the client: bytes in, bytes out.
class RawConnection {
public:
    explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~RawConnection() { ::close(fd_); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    bool send(const std::string& bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()); }

    // One response: its headers and the Content-Length bytes after them (or what came
    // until the server closed the connection, or `wait` passed).
    std::string receive_response(std::chrono::milliseconds wait, bool* closed = nullptr) {
        return receive(wait, closed, true);
    }

    // What the server sends until it closes the connection or `wait` passes.
    std::string receive(std::chrono::milliseconds wait, bool* closed = nullptr, bool one_response = false) {
        std::string got;
        const auto until = std::chrono::steady_clock::now() + wait;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd entry{fd_, POLLIN, 0};
            if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) break;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                if (closed) *closed = true;
                return got;
            }
            got.append(buffer, static_cast<std::size_t>(n));
            if (one_response && is_whole_response(got)) break;
        }
        if (closed) *closed = false;
        return got;
    }

private:
    static bool is_whole_response(const std::string& got) {
        const std::size_t end = got.find("\r\n\r\n");
        if (end == std::string::npos) return false;
        const std::size_t length = got.find("Content-Length: ");
        const std::size_t body = length < end ? std::stoul(got.substr(length + 16)) : 0;
        return got.size() >= end + 4 + body;
    }

    int fd_;
    bool connected_ = false;
};

} // namespace vanban::testing
