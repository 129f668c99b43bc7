// vanban serve: the HTTP service and the web page over one vanban::Engine (docs/serve.md).
//
//   vanban::Engine engine({.template_dirs = {"templates"}});
//   vanban::serve::Server server(engine, {.port = 8080, .web_dir = "generator/serve/web"});
//   if (auto problem = server.bind()) { … }
//   server.run();              // until server.stop(), e.g. from a SIGTERM handler
//
// API, all under /v1, JSON in and out; errors are RFC 9457 problem details:
//   GET  /v1/templates                     the templates: name, title, description
//   GET  /v1/templates/{name}/schema       its JSON Schema
//   GET  /v1/templates/{name}/example      its example data
//   POST /v1/render/{name}?format=pdf|docx|model|…&profile=…&input_encoding=…&draft=…&fixed_date=…
//                                          (vanban render's options: engine/render_settings.hpp)
//   POST /v1/validate/{name}?profile=…&input_encoding=…&draft=…
//   POST /v1/batch/{name}?format=pdf,docx&output=…   records (and shared data) -> a ZIP, streamed
//   POST /v1/import?template=…&profile=…  a DOCX or text draft -> the data of a template
//   POST /v1/check?template=…&profile=…&date=…   findings over a draft or JSON data
//   GET  /healthz, GET /metrics (Prometheus text)
// and the web page at /.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "serve/http_server.hpp"
#include "vanban/engine.hpp"
#include "vanban/message.hpp"

namespace vanban::serve {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                        // 0: any free port (see Server::port())
    std::size_t workers = 0;                // render threads; 0: one per core
    std::size_t queue_capacity = 128;       // renders that may wait for a worker; more: 503
    std::chrono::milliseconds render_deadline{10'000}; // queue wait + render; past it: 503
    std::size_t max_body_bytes = 8u << 20;  // a request's body; more: 413
    ConnectionLimits connections;
    // Bearer token required by /v1 and /metrics; empty: none. Listening on an address that
    // is not loopback without one is refused unless `allow_without_token`.
    std::string token;
    bool allow_without_token = false;
    // Origins allowed to call the API from a browser (CORS); empty: no CORS headers at all.
    // "*" allows any origin.
    std::vector<std::string> cors_origins;
    // The web page's files (index.html, …); empty or missing: no page, the API only.
    std::filesystem::path web_dir;
    // pdf.js (Debian's libjs-pdf, /usr/share/javascript/pdf): its build/pdf.js and
    // build/pdf.worker.js are served under /pdfjs/ for the page's preview.
    std::filesystem::path pdfjs_dir;
    // The language of problems when a request's Accept-Language names neither vi nor en.
    Language language = Language::en;
};

class Server {
public:
    Server(const Engine& engine, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Opens the listening socket. The problem when it cannot (address in use, not loopback
    // without a token, no such address), with a hint.
    struct BindProblem {
        Message message;
        Message hint;
    };
    std::optional<BindProblem> bind();
    // The port listened on (the one chosen when ServerOptions::port was 0).
    int port() const;
    // Serves until stop(). Returns when every request in progress has been answered.
    void run();
    // Stops listening, answers what is in progress and refuses new work (503). Safe to call
    // from any thread, any number of times.
    void stop();

    // Whether the web page's files were found.
    bool has_web_page() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether listening on `host` reaches this machine only: 127.0.0.0/8, ::1, "localhost".
bool is_loopback(const std::string& host);

} // namespace vanban::serve
