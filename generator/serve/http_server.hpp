// The HTTP layer of vanban serve: cpp-httplib's Server (Debian's libcpp-httplib 0.11.4), with
// its handling of a connection replaced so that the server stays answerable under clients
// that misbehave (docs/serve.md, "Limits"):
//   - a whole request (line, headers, body) must arrive within a deadline, not only each
//     read within a timeout: a client trickling a byte a second is cut off;
//   - an idle keep-alive connection is waited for with poll(), not httplib 0.11's
//     10 ms select-and-sleep loop, and gives its thread up as soon as another connection
//     waits for one, or the server stops;
//   - the connections open and waiting are counted (for /metrics).
// httplib runs each connection on one thread of its task queue from accept to close; the
// HTTP handlers, the request parser and the response writer remain httplib's.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>

#include <httplib.h>

namespace vanban::serve {

struct ConnectionLimits {
    std::size_t threads = 64;                          // connections served at once
    std::chrono::milliseconds request_deadline{10'000}; // to receive one whole request
    std::chrono::milliseconds idle_timeout{5'000};      // a keep-alive connection between requests
    std::chrono::milliseconds write_timeout{10'000};    // for the client to take each part of a response
    std::size_t requests_per_connection = 1'000;        // then the connection is closed
};

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(ConnectionLimits limits);

    // Connections being served, and accepted ones waiting for a thread.
    std::size_t open_connections() const { return open_connections_.load(); }
    std::size_t waiting_connections() const { return waiting_connections_.load(); }

    // Asks the connection being served on this thread to close after its response (the
    // request was cut short: what follows it on the connection cannot be trusted).
    static void close_after_response();

private:
    // Overrides httplib::Server's (a private virtual function: the task queue calls it).
    bool process_and_close_socket(socket_t socket) override;
    bool serve_requests(socket_t socket);

    class ConnectionQueue;

    ConnectionLimits limits_;
    std::atomic<std::size_t> open_connections_{0};
    std::atomic<std::size_t> waiting_connections_{0};
};

} // namespace vanban::serve
