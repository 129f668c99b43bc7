// The HTTP layer of vanban serve: cpp-httplib's Server (Debian's libcpp-httplib 0.11.4), with
// its handling of connections replaced so that the server stays answerable under clients
// that misbehave (docs/serve.md, "Limits"). httplib holds a thread for each connection from
// accept to close, so a few hundred idle connections would leave none for real requests.
// Here a thread serves a connection only while a request is there to read:
//   - between requests (and before the first) a connection is parked: one thread waits for
//     all parked connections at once with poll(), and hands a connection whose next request
//     starts to arrive back to the thread pool; one idle for too long is closed;
//   - a whole request (line, headers, body) must arrive within a deadline once it has
//     started, not only each read within a timeout: a client trickling a byte a second
//     holds a thread for that long at most;
//   - the connections open and idle are counted (for /metrics).
// httplib's request parser, routing, handlers and response writer are used as they are.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>

#include <httplib.h>

namespace vanban::serve {

struct ConnectionLimits {
    std::size_t threads = 64;                           // requests read and answered at once
    std::chrono::milliseconds request_deadline{10'000}; // to receive one whole request
    std::chrono::milliseconds idle_timeout{30'000};     // a connection waiting for its next request
    std::chrono::milliseconds write_timeout{10'000};    // for the client to take each part of a response
};

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(ConnectionLimits limits);
    ~HttpServer() override;

    // Connections open (idle ones included), and those idle between requests.
    std::size_t open_connections() const { return open_connections_.load(); }
    std::size_t idle_connections() const;

    // Asks the connection being served on this thread to close after its response (the
    // request was cut short: what follows it on the connection cannot be trusted).
    static void close_after_response();

    // Lets the kernel hold more connections not yet accepted than httplib asks for. After
    // bind_to_port.
    void widen_backlog();

    // Stops listening and closes the idle connections; requests in progress are answered.
    void stop_serving();

private:
    class ConnectionQueue;
    class IdleConnections;

    // Overrides httplib::Server's (a private virtual function: the task queue calls it for
    // each accepted connection).
    bool process_and_close_socket(socket_t socket) override;
    // Answers the requests that are there to read, then parks or closes the connection.
    void serve(socket_t socket);
    void close_connection(socket_t socket);
    bool stopping() const { return svr_sock_ == INVALID_SOCKET; }

    ConnectionLimits limits_;
    std::atomic<std::size_t> open_connections_{0};
    std::mutex queue_mutex_;          // guards queue_, which httplib deletes when it stops
    ConnectionQueue* queue_ = nullptr; // the task queue of the running listen(), if any
    std::unique_ptr<IdleConnections> idle_;
};

} // namespace vanban::serve
