// The inside of serve::Server, shared by server.cpp (lifecycle, authentication, CORS,
// problems, metrics) and routes.cpp (the API and the page).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/render_settings.hpp"
#include "serve/catalog.hpp"
#include "serve/metrics.hpp"
#include "serve/render_queue.hpp"
#include "serve/server.hpp"
#include "vanban/batch.hpp"

namespace vanban::serve {

// What the query of a render or validate request asks for.
using RenderQuery = engine::RenderRequest;

class BatchStream;

// What the query of an import or check request asks for ("" : as the document says).
struct DraftQuery {
    std::string template_name;
    std::string profile;
    std::string date; // check: the day the document is judged on, YYYY-MM-DD
};

struct Server::Impl {
    Impl(const Engine& engine, ServerOptions options);

    const Engine& engine;
    const ServerOptions options;
    Metrics metrics;
    StaticFiles files;
    HttpServer http;
    RenderQueue queue; // last: destroyed first, running its last jobs while the rest still lives
    std::atomic<bool> stopping{false};
    std::atomic<bool> batch_running{false}; // one batch at a time
    std::mutex batch_mutex;                 // guards active_batch
    std::weak_ptr<BatchStream> active_batch;
    int bound_port = 0;

    // Middleware (server.cpp).
    void install_middleware();
    bool authorised(const httplib::Request& request) const;
    void add_cors_headers(const httplib::Request& request, httplib::Response& response) const;
    Language language(const httplib::Request& request) const;
    void send_json(httplib::Response& response, int status, const nlohmann::json& body) const;
    void send_problem(httplib::Response& response, const nlohmann::json& problem);
    void send_problem(const httplib::Request& request, httplib::Response& response, int status, const Message& message,
                      const Message& hint = {});
    // 400 for a query parameter: one no route takes ("unknown query parameter 'NAME'", the
    // hint listing the route's), or one whose value is refused ("the query parameter 'NAME':
    // PROBLEM"). The problem names the parameter in a member "parameter" too.
    void send_unknown_parameter(const httplib::Request& request, httplib::Response& response, const std::string& name,
                                const Message& hint);
    void send_bad_parameter(const httplib::Request& request, httplib::Response& response, const std::string& name,
                            const Message& problem, const Message& hint);

    // Routes (routes.cpp).
    void install_routes();
    std::optional<TemplateInfo> template_of(const httplib::Request& request, httplib::Response& response);
    std::optional<RenderQuery> render_query(const httplib::Request& request, httplib::Response& response,
                                            bool with_format);
    bool body_is_json(const httplib::Request& request, httplib::Response& response);
    void render(const httplib::Request& request, httplib::Response& response);
    void validate(const httplib::Request& request, httplib::Response& response);
    // Draft routes (draft_routes.cpp): POST /v1/import, POST /v1/check.
    bool body_is_draft(const httplib::Request& request, httplib::Response& response);
    std::optional<DraftQuery> draft_query(const httplib::Request& request, httplib::Response& response, bool with_date);
    void import_draft(const httplib::Request& request, httplib::Response& response);
    void check_draft(const httplib::Request& request, httplib::Response& response);
    // The batch route (batch_route.cpp): POST /v1/batch/{name}.
    std::optional<BatchOptions> batch_options(const httplib::Request& request, httplib::Response& response,
                                              const std::string& name);
    void batch(const httplib::Request& request, httplib::Response& response);
    void cancel_batch(); // stopping: the running batch reads no more records
    // Answers 503 for a job the queue did not run; true when it ran.
    bool queue_answered(const httplib::Request& request, httplib::Response& response, RenderQueue::Outcome outcome);
};

// The route a request was matched to ("/v1/render/{name}"), for the metrics; set by each
// handler on the thread that serves the request.
void set_route(const char* route);

} // namespace vanban::serve
