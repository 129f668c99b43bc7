#include "serve/problem.hpp"

#include <cctype>
#include <cstdlib>

namespace vanban::serve {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// "vi-VN;q=0.8" -> ("vi-VN", 0.8); a weight that is not a number counts as 0.
std::pair<std::string_view, double> language_range(std::string_view item) {
    const std::size_t semicolon = item.find(';');
    const std::string_view tag = trim(item.substr(0, semicolon));
    double weight = 1.0;
    if (semicolon != std::string_view::npos) {
        std::string_view parameter = trim(item.substr(semicolon + 1));
        if (parameter.starts_with("q=") || parameter.starts_with("Q=")) {
            const std::string value(parameter.substr(2));
            char* end = nullptr;
            weight = std::strtod(value.c_str(), &end);
            if (end == value.c_str()) weight = 0;
        }
    }
    return {tag, weight};
}

// The title of a kind of engine error: the same for every problem of that type.
Message kind_title(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::usage: return msg("serve.title.usage", "The request is not valid");
    case ErrorKind::template_syntax: return msg("serve.title.template-syntax", "The template has a syntax error");
    case ErrorKind::template_eval: return msg("serve.title.template-eval", "The template cannot be filled with this data");
    case ErrorKind::data: return msg("serve.title.data", "The data cannot be used");
    case ErrorKind::validation: return msg("serve.title.validation", "The data does not match the template's schema");
    case ErrorKind::resource: return msg("serve.title.resource", "A template, profile or font is missing");
    case ErrorKind::output: return msg("serve.title.output", "The document could not be written");
    case ErrorKind::limit: return msg("serve.title.limit", "A safety limit was passed");
    case ErrorKind::internal: break;
    }
    return msg("serve.title.internal", "Internal error in vanban");
}

// The title of the server's own problems, by HTTP status.
Message status_title(int status) {
    switch (status) {
    case 400: return msg("serve.title.bad-request", "Bad request");
    case 401: return msg("serve.title.unauthorized", "Authentication required");
    case 404: return msg("serve.title.not-found", "Not found");
    case 405: return msg("serve.title.method-not-allowed", "Method not allowed");
    case 408: return msg("serve.title.request-timeout", "The request took too long to arrive");
    case 413: return msg("serve.title.too-large", "The request is too large");
    case 414: return msg("serve.title.uri-too-long", "The address is too long");
    case 415: return msg("serve.title.media-type", "Unsupported media type");
    case 503: return msg("serve.title.unavailable", "The service is unavailable for now");
    default: break;
    }
    return msg("serve.title.internal", "Internal error in vanban");
}

void add_if(nlohmann::json& object, const char* key, const std::string& value) {
    if (!value.empty()) object[key] = value;
}

} // namespace

Language language_of(std::string_view accept_language, Language fallback) {
    double best = 0;
    Language chosen = fallback;
    while (!accept_language.empty()) {
        const std::size_t comma = accept_language.find(',');
        const auto [tag, weight] = language_range(accept_language.substr(0, comma));
        accept_language = comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
        const std::string primary(tag.substr(0, tag.find('-')));
        std::optional<Language> language;
        if (primary.size() == 2) language = parse_language(primary); // not "C", "POSIX" or "*"
        if (language && weight > best) {
            best = weight;
            chosen = *language;
        }
    }
    return chosen;
}

int http_status(const Error& error) {
    switch (error.kind) {
    case ErrorKind::usage: return 400;
    // JSON that cannot be read at all (it has a line and column, or a byte offset) is a bad
    // request; readable data the template cannot use is unprocessable.
    case ErrorKind::data: return error.where.known() || error.byte_offset >= 0 ? 400 : 422;
    case ErrorKind::validation:
    case ErrorKind::template_eval:
    case ErrorKind::limit: return 422;
    case ErrorKind::template_syntax:
    case ErrorKind::resource:
    case ErrorKind::output:
    case ErrorKind::internal: break;
    }
    return 500;
}

nlohmann::json problem(const Error& error, Language language, const std::vector<DataProblem>& problems) {
    nlohmann::json body = {
        {"type", std::string("urn:vanban:problem:") + kind_name(error.kind)},
        {"title", kind_title(error.kind).text(language)},
        {"status", http_status(error)},
        {"detail", error.message.text(language)},
        {"code", error.message.code()},
        {"message", error.message.text(language)},
        {"exit_code", exit_code(error.kind)},
    };
    // The engine's hint for many schema problems points to `vanban validate`; here they
    // are all in "errors" instead.
    if (!error.hint.empty() && problems.size() <= 1) body["hint"] = error.hint.text(language);
    add_if(body, "file", error.where.file);
    if (error.where.known()) {
        body["line"] = error.where.line;
        body["column"] = error.where.column;
    }
    add_if(body, "source_line", error.source_line);
    add_if(body, "json_path", error.json_path);
    if (error.byte_offset >= 0) body["byte_offset"] = error.byte_offset;
    if (error.record >= 0) body["record"] = error.record;
    if (!problems.empty()) {
        nlohmann::json& list = body["errors"] = nlohmann::json::array();
        for (const DataProblem& p : problems)
            list.push_back({{"json_path", p.json_path}, {"code", p.message.code()}, {"message", p.message.text(language)}});
    }
    return body;
}

nlohmann::json problem(int status, const Message& message, Language language, const Message& hint) {
    nlohmann::json body = {
        {"type", "urn:vanban:problem:" + message.code()},
        {"title", status_title(status).text(language)},
        {"status", status},
        {"detail", message.text(language)},
        {"code", message.code()},
        {"message", message.text(language)},
    };
    if (!hint.empty()) body["hint"] = hint.text(language);
    return body;
}

nlohmann::json warning_json(const Warning& warning, Language language) {
    return {{"json_path", warning.json_path}, {"code", warning.message.code()}, {"message", warning.message.text(language)}};
}

nlohmann::json finding_json(const Finding& finding, Language language) {
    nlohmann::json out = {{"severity", severity_name(finding.severity)},
                          {"code", finding.code()},
                          {"message", finding.message.text(language)}};
    if (finding.paragraph > 0) out[finding.line ? "line" : "paragraph"] = finding.paragraph;
    if (!finding.quote.empty()) out["quote"] = finding.quote;
    if (!finding.json_path.empty()) out["json_path"] = finding.json_path;
    return out;
}

} // namespace vanban::serve
