// serve::Server: its lifecycle, and what every request goes through before and after its
// route: authentication, CORS, problem details for httplib's own errors, the metrics.
#include "serve/server.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "serve/problem.hpp"
#include "serve/server_impl.hpp"

namespace vanban::serve {

namespace {

thread_local const char* current_route = "other";

std::size_t worker_count(std::size_t asked) {
    return asked != 0 ? asked : std::max(1u, std::thread::hardware_concurrency());
}

// Compares in a time that does not depend on where the texts differ (only on their length).
bool same_secret(const std::string& given, const std::string& expected) {
    if (given.size() != expected.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < given.size(); ++i) difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
    return difference == 0;
}

bool needs_token(const std::string& path) { return path.starts_with("/v1/") || path == "/metrics"; }

} // namespace

void set_route(const char* route) { current_route = route; }

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr address{};
    return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

Server::Impl::Impl(const Engine& engine_, ServerOptions options_)
    : engine(engine_), options(std::move(options_)), http(options.connections),
      queue(worker_count(options.workers), options.queue_capacity) {
    if (!options.web_dir.empty()) files.add_folder(options.web_dir, "/");
    if (!options.pdfjs_dir.empty())
        files.add_folder(options.pdfjs_dir / "build", "/pdfjs/", {"pdf.js", "pdf.worker.js"});
    // httplib writes an answer's headers and its body separately: without TCP_NODELAY the
    // body's last segment waits for the client's delayed ACK, 40 ms per request on a
    // kept-alive connection (21 requests/s on one connection instead of hundreds).
    http.set_tcp_nodelay(true);
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(options.connections.request_deadline));
    http.set_write_timeout(std::chrono::duration_cast<std::chrono::seconds>(options.connections.write_timeout));
    install_middleware();
    install_routes();
}

Language Server::Impl::language(const httplib::Request& request) const {
    return language_of(request.get_header_value("Accept-Language"), options.language);
}

bool Server::Impl::authorised(const httplib::Request& request) const {
    if (options.token.empty() || !needs_token(request.path)) return true;
    return same_secret(request.get_header_value("Authorization"), "Bearer " + options.token);
}

void Server::Impl::add_cors_headers(const httplib::Request& request, httplib::Response& response) const {
    const std::string origin = request.get_header_value("Origin");
    if (origin.empty() || options.cors_origins.empty()) return;
    const auto& allowed = options.cors_origins;
    const bool any = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
    if (!any && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
    response.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
    response.set_header("Vary", "Origin");
    response.set_header("Access-Control-Expose-Headers", "Content-Disposition, Retry-After");
}

void Server::Impl::send_json(httplib::Response& response, int status, const nlohmann::json& body) const {
    response.status = status;
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void Server::Impl::send_problem(httplib::Response& response, const nlohmann::json& problem) {
    const int status = problem.value("status", 500);
    metrics.count_error(problem.value("code", ""));
    response.status = status;
    response.set_content(problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "application/problem+json");
}

void Server::Impl::send_problem(const httplib::Request& request, httplib::Response& response, int status,
                                const Message& message, const Message& hint) {
    send_problem(response, problem(status, message, language(request), hint));
}

void Server::Impl::send_unknown_parameter(const httplib::Request& request, httplib::Response& response,
                                          const std::string& name, const Message& hint) {
    nlohmann::json answer =
        problem(400, msg("serve.unknown-parameter", "unknown query parameter '{name}'", {{"name", name}}), language(request), hint);
    answer["parameter"] = name;
    send_problem(response, answer);
}

void Server::Impl::send_bad_parameter(const httplib::Request& request, httplib::Response& response,
                                      const std::string& name, const Message& what, const Message& hint) {
    nlohmann::json answer = problem(400,
                                    msg("serve.bad-parameter", "the query parameter '{name}': {problem}",
                                        {{"name", name}, {"problem", what}}),
                                    language(request), hint);
    answer["parameter"] = name;
    send_problem(response, answer);
}

void Server::Impl::install_middleware() {
    http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        set_route("other");
        add_cors_headers(request, response);
        if (request.method == "OPTIONS" && response.has_header("Access-Control-Allow-Origin")) {
            response.status = 204; // a CORS preflight
            response.set_header("Access-Control-Allow-Methods", "GET, POST");
            response.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept-Language");
            response.set_header("Access-Control-Max-Age", "600");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (stopping && request.path != "/healthz") {
            HttpServer::close_after_response();
            response.set_header("Retry-After", "5");
            send_problem(request, response, 503, msg("serve.stopping", "the server is stopping"));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!authorised(request)) {
            set_route("unauthorised");
            response.set_header("WWW-Authenticate", "Bearer realm=\"vanban\"");
            send_problem(request, response, 401,
                         msg("serve.unauthorized", "this address needs the server's token"),
                         msg("serve.unauthorized.hint", "send the header 'Authorization: Bearer TOKEN'"));
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // httplib's own errors (no route, a request it cannot read, a body over the limit)
    // come here with an empty body: they become problems too.
    http.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& request,
                                                                       httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        switch (response.status) {
        case 404:
            send_problem(request, response, 404, msg("serve.not-found", "nothing is at {path}", {{"path", request.path}}));
            break;
        case 413:
            HttpServer::close_after_response();
            send_problem(request, response, 413,
                         msg("serve.too-large", "the request's body is over the limit of {limit} bytes",
                             {{"limit", options.max_body_bytes}}));
            break;
        case 414:
            HttpServer::close_after_response();
            send_problem(request, response, 414, msg("serve.uri-too-long", "the request's address is too long"));
            break;
        default:
            HttpServer::close_after_response();
            send_problem(request, response, response.status,
                         msg("serve.bad-request", "the request is not valid HTTP, or arrived incomplete"));
        }
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([this](const httplib::Request& request, httplib::Response& response, std::exception_ptr e) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& exception) {
            what = exception.what();
        } catch (...) {
        }
        send_problem(request, response, 500, msg("serve.internal", "internal error: {what}", {{"what", what}}));
    });
    // Called for every response just before it is written (so a client that sends its next
    // request on another connection sees it counted).
    http.set_post_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        if (!response.has_header("Access-Control-Allow-Origin")) add_cors_headers(request, response);
        metrics.count_request(current_route, response.status);
    });
}

Server::Server(const Engine& engine, ServerOptions options) : impl_(std::make_unique<Impl>(engine, std::move(options))) {}

Server::~Server() { stop(); }

std::optional<Server::BindProblem> Server::bind() {
    const ServerOptions& options = impl_->options;
    const std::string address = options.host + ":" + std::to_string(options.port);
    if (!is_loopback(options.host) && options.token.empty() && !options.allow_without_token)
        return BindProblem{
            msg("serve.no-token", "refusing to listen on {address} without a token: anyone who reaches it could use it",
                {{"address", address}}),
            msg("serve.no-token.hint",
                "give --token-file FILE (or --token), or --no-token to serve without one behind a proxy that checks")};
    bool bound = false;
    if (options.port == 0) {
        impl_->bound_port = impl_->http.bind_to_any_port(options.host);
        bound = impl_->bound_port > 0;
    } else {
        bound = impl_->http.bind_to_port(options.host, options.port);
    }
    if (bound) {
        impl_->http.widen_backlog();
        return std::nullopt;
    }
    return BindProblem{msg("serve.cannot-listen", "cannot listen on {address}: {reason}",
                               {{"address", address}, {"reason", Message::verbatim(std::strerror(errno))}}),
                       msg("serve.cannot-listen.hint", "is another program using the port? Choose another with --listen")};
}

int Server::port() const {
    return impl_->options.port != 0 ? impl_->options.port : impl_->bound_port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() {
    impl_->stopping = true;
    impl_->cancel_batch();
    impl_->http.stop_serving();
}

bool Server::has_web_page() const { return impl_->files.find("/") != nullptr; }

} // namespace vanban::serve
