// The routes of vanban serve: the API under /v1, /healthz, /metrics and the web page.
#include <chrono>
#include <cstdio>

#include "engine/render_settings.hpp"
#include "serve/download_name.hpp"
#include "serve/problem.hpp"
#include "serve/server_impl.hpp"
#include "text/utf8.hpp"

namespace vanban::serve {

namespace {

using Clock = std::chrono::steady_clock;

const char* content_type_of(Format format) {
    switch (format) {
    case Format::pdf: return "application/pdf";
    case Format::docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case Format::metadata_xml: return "application/xml";
    case Format::model:
    case Format::fields:
    case Format::metadata: break;
    }
    return "application/json";
}

// What a render job hands back to the HTTP thread.
struct Rendered {
    bool ok = false;
    std::string bytes;
    std::string file_stem;
    Error error;
    std::vector<DataProblem> problems; // every schema problem, when the error is one
    std::vector<Warning> warnings;     // the data's, the model's and the writer's
    std::chrono::duration<double, std::milli> took{}; // on the worker: building the model, writing it
};

// The warnings of a rendered document, as /v1/validate gives them ([{json_path, code,
// message}], in the request's language), in one header: JSON with every character beyond
// ASCII escaped (\uXXXX), which a header may carry as it is.
std::string warnings_header(const std::vector<Warning>& warnings, Language language) {
    nlohmann::json list = nlohmann::json::array();
    for (const Warning& warning : warnings) list.push_back(warning_json(warning, language));
    return list.dump(-1, ' ', true);
}

// "queue;dur=0.1, render;dur=4.2" (W3C Server Timing, in ms): the server's share of a
// request, which a browser shows beside its own timing (PerformanceResourceTiming).
std::string server_timing(Clock::duration queued, std::chrono::duration<double, std::milli> render) {
    char text[96];
    const double queue_ms = std::chrono::duration<double, std::milli>(queued).count();
    std::snprintf(text, sizeof text, "queue;dur=%.1f, render;dur=%.1f", queue_ms < 0 ? 0.0 : queue_ms, render.count());
    return text;
}

Rendered render_document(const Engine& engine, const std::string& name, const std::string& data,
                         const RenderQuery& query, Metrics& metrics) {
    const auto start = Clock::now();
    Rendered out;
    ModelResult model = engine.build_model(name, data, query.options);
    if (!model) {
        out.error = std::move(model.error);
        if (out.error.kind == ErrorKind::validation) out.problems = engine.validate(name, data, query.options).problems;
        return out;
    }
    RenderResult written = engine.write(model.document, query.format);
    if (!written) {
        out.error = std::move(written.error);
        return out;
    }
    out.ok = true;
    out.warnings = std::move(model.warnings);
    for (Warning& warning : written.warnings) out.warnings.push_back(std::move(warning));
    out.bytes = std::move(written.bytes);
    out.file_stem = document_file_stem(model.document, name);
    metrics.observe_render(format_name(query.format), Clock::now() - start);
    return out;
}

} // namespace

std::optional<TemplateInfo> Server::Impl::template_of(const httplib::Request& request, httplib::Response& response) {
    const std::string name = request.matches[1];
    if (!is_template_name(name)) {
        send_problem(request, response, 400,
                     msg("serve.bad-template-name", "'{name}' is not a template name", {{"name", name}}),
                     msg("serve.bad-template-name.hint",
                         "a template is named by its folder: letters, digits, '-' and '_' (GET /v1/templates lists them)"));
        return std::nullopt;
    }
    std::optional<TemplateInfo> info = find_template(engine.options().template_dirs, name);
    if (!info)
        send_problem(request, response, 404, msg("serve.unknown-template", "there is no template '{name}'", {{"name", name}}),
                     msg("serve.unknown-template.hint", "GET /v1/templates lists the templates"));
    return info;
}

bool Server::Impl::body_is_json(const httplib::Request& request, httplib::Response& response) {
    std::string type = request.get_header_value("Content-Type");
    std::string media = type.substr(0, type.find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    media = text::to_lower(media);
    const std::string parameters = text::to_lower(type.substr(std::min(type.size(), media.size())));
    const bool utf8 = parameters.find("charset") == std::string::npos || parameters.find("utf-8") != std::string::npos;
    if (media == "application/json" && utf8) return true;
    send_problem(request, response, 415,
                 msg("serve.not-json", "the body must be JSON in UTF-8, sent as application/json, not '{type}'",
                     {{"type", type}}));
    return false;
}

// Reads the render's settings (engine/render_settings.hpp: the function `vanban render`
// reads its options with); any other parameter is refused, as a misspelt option would
// otherwise be ignored. nullopt after answering the problem, which names the parameter.
std::optional<RenderQuery> Server::Impl::render_query(const httplib::Request& request, httplib::Response& response,
                                                      bool with_format) {
    RenderQuery query;
    query.options.data_name = "data.json";
    for (const auto& [key, value] : request.params) {
        std::optional<engine::SettingProblem> problem;
        if (key == "format" && !with_format) problem = engine::SettingProblem{true, {}, {}};
        else problem = engine::set_render_setting(key, value, query);
        if (!problem && key == "profile" && !has_profile(engine.options().template_dirs, value))
            problem = engine::SettingProblem{false, msg("serve.no-profile", "there is no profile '{profile}'", {{"profile", value}}),
                                             msg("serve.no-profile.hint", "the profiles are the files of _profiles/ in the template folders: party, state")};
        if (!problem) continue;
        if (problem->unknown)
            send_unknown_parameter(request, response, key,
                                   msg("serve.parameters.hint", "the parameters are {names}",
                                       {{"names", engine::render_setting_names(with_format)}}));
        else
            send_bad_parameter(request, response, key, problem->message, problem->hint);
        return std::nullopt;
    }
    return query;
}

bool Server::Impl::queue_answered(const httplib::Request& request, httplib::Response& response,
                                  RenderQueue::Outcome outcome) {
    switch (outcome) {
    case RenderQueue::Outcome::done: return true;
    case RenderQueue::Outcome::full:
        response.set_header("Retry-After", "1");
        send_problem(request, response, 503,
                     msg("serve.busy", "the server is busy: {count} documents are waiting already",
                         {{"count", queue.capacity()}}));
        break;
    case RenderQueue::Outcome::deadline:
        response.set_header("Retry-After", "5");
        send_problem(request, response, 503,
                     msg("serve.deadline", "the document was not made within {milliseconds} ms",
                         {{"milliseconds", static_cast<long long>(options.render_deadline.count())}}));
        break;
    case RenderQueue::Outcome::stopped:
        response.set_header("Retry-After", "5");
        send_problem(request, response, 503, msg("serve.stopping", "the server is stopping"));
        break;
    }
    return false;
}

void Server::Impl::render(const httplib::Request& request, httplib::Response& response) {
    std::optional<TemplateInfo> info = template_of(request, response);
    if (!info || !body_is_json(request, response)) return;
    std::optional<RenderQuery> query = render_query(request, response, true);
    if (!query) return;
    std::optional<Rendered> result;
    const auto asked = Clock::now();
    const auto outcome = queue.run<Rendered>(
        [this, name = info->name, data = request.body, query = *query] {
            const auto begun = Clock::now();
            Rendered rendered = render_document(engine, name, data, query, metrics);
            rendered.took = Clock::now() - begun;
            return rendered;
        },
        Clock::now() + options.render_deadline, result);
    if (!queue_answered(request, response, outcome)) return;
    response.set_header("Server-Timing",
                        server_timing(Clock::now() - asked - std::chrono::duration_cast<Clock::duration>(result->took), result->took));
    if (!result->ok) return send_problem(response, problem(result->error, language(request), result->problems));
    response.status = 200;
    response.set_header("Content-Disposition", content_disposition(result->file_stem + format_extension(query->format)));
    response.set_header("Cache-Control", "no-store");
    if (!result->warnings.empty()) response.set_header("Vanban-Warnings", warnings_header(result->warnings, language(request)));
    // Moved, not given to set_content, which in httplib 0.11 takes the bytes by const& and
    // copies them (a 52 KB PDF: 54,000 instructions a request).
    response.body = std::move(result->bytes);
    response.set_header("Content-Type", content_type_of(query->format));
}

void Server::Impl::validate(const httplib::Request& request, httplib::Response& response) {
    std::optional<TemplateInfo> info = template_of(request, response);
    if (!info || !body_is_json(request, response)) return;
    std::optional<RenderQuery> query = render_query(request, response, false);
    if (!query) return;
    std::optional<ValidationResult> result;
    const auto outcome = queue.run<ValidationResult>(
        [this, name = info->name, data = request.body, options = query->options] {
            return engine.validate(name, data, options);
        },
        Clock::now() + options.render_deadline, result);
    if (!queue_answered(request, response, outcome)) return;
    if (!*result) return send_problem(response, problem(result->error, language(request), result->problems));
    nlohmann::json warnings = nlohmann::json::array();
    for (const Warning& warning : result->warnings) warnings.push_back(warning_json(warning, language(request)));
    send_json(response, 200, {{"valid", true}, {"warnings", warnings}});
}

void Server::Impl::install_routes() {
    http.Get("/v1/templates", [this](const httplib::Request&, httplib::Response& response) {
        set_route("/v1/templates");
        nlohmann::json list = nlohmann::json::array();
        for (const TemplateInfo& info : list_templates(engine.options().template_dirs))
            list.push_back({{"name", info.name}, {"title", info.title}, {"description", info.description}});
        send_json(response, 200, {{"templates", list}});
    });
    const auto template_file = [this](const char* route, const char* file, const char* content_type) {
        return [this, route, file, content_type](const httplib::Request& request, httplib::Response& response) {
            set_route(route);
            std::optional<TemplateInfo> info = template_of(request, response);
            if (!info) return;
            std::optional<std::string> bytes = read_template_file(*info, file);
            if (!bytes)
                return send_problem(request, response, 404,
                                    msg("serve.no-template-file", "the template '{name}' has no {file}",
                                        {{"name", info->name}, {"file", file}}));
            response.set_content(std::move(*bytes), content_type);
        };
    };
    http.Get(R"(/v1/templates/([^/]+)/schema)",
             template_file("/v1/templates/{name}/schema", "schema.json", "application/schema+json"));
    http.Get(R"(/v1/templates/([^/]+)/example)",
             template_file("/v1/templates/{name}/example", "example.json", "application/json"));
    http.Post(R"(/v1/render/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/v1/render/{name}");
        render(request, response);
    });
    http.Post(R"(/v1/validate/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/v1/validate/{name}");
        validate(request, response);
    });
    http.Post(R"(/v1/batch/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/v1/batch/{name}");
        batch(request, response);
    });
    http.Post("/v1/import", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/v1/import");
        import_draft(request, response);
    });
    http.Post("/v1/check", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/v1/check");
        check_draft(request, response);
    });
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& response) {
        set_route("/healthz");
        send_json(response, stopping ? 503 : 200, {{"status", stopping ? "stopping" : "ok"}});
    });
    http.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
        set_route("/metrics");
        const Gauges gauges{queue.waiting(), queue.capacity(), queue.busy(), queue.workers(),
                            http.open_connections(), http.idle_connections()};
        response.set_content(metrics.prometheus_text(gauges), "text/plain; version=0.0.4; charset=utf-8");
    });
    // The page: files read at start, looked up by their URL path only.
    http.Get(R"(/|/[A-Za-z0-9_.-]+|/pdfjs/[A-Za-z0-9_.-]+)", [this](const httplib::Request& request, httplib::Response& response) {
        set_route("/(page)");
        const StaticFile* file = files.find(request.path);
        if (!file) return send_problem(request, response, 404, msg("serve.not-found", "nothing is at {path}", {{"path", request.path}}));
        response.set_header("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; object-src 'self' blob:; frame-src 'self' blob:; "
                            "worker-src 'self' blob:; font-src 'self' data: blob:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'");
        response.set_header("X-Content-Type-Options", "nosniff");
        response.set_header("Referrer-Policy", "no-referrer");
        response.set_header("Cache-Control", "no-cache");
        response.set_content(file->bytes, file->content_type);
    });
}

} // namespace vanban::serve
