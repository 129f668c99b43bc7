// The routes that read drafts (docs/serve.md): POST /v1/import, a DOCX or text draft -> the
// data of a template (vanban import), and POST /v1/check, the findings over a DOCX or text
// draft or JSON data (vanban check). The body is the file's bytes; the engine tells DOCX,
// text and JSON apart by their first bytes.
#include <chrono>

#include "engine/render_settings.hpp"
#include "serve/problem.hpp"
#include "serve/server_impl.hpp"
#include "text/utf8.hpp"
#include "text/vietnamese.hpp"
#include "vanban/check.hpp"
#include "vanban/import.hpp"

namespace vanban::serve {

namespace {

using Clock = std::chrono::steady_clock;

// The media types a draft may come as. A form upload (multipart/form-data) is not one: the
// API wants the file's bytes as the body.
bool is_draft_type(const std::string& content_type) {
    std::string media = text::to_lower(content_type.substr(0, content_type.find(';')));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    return media == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
           media == "application/octet-stream" || media == "text/plain" || media == "text/markdown" ||
           media == "application/json";
}

nlohmann::json survival_json(const WordSurvival& survival) {
    nlohmann::json lost = nlohmann::json::array();
    for (const LostWords& place : survival.lost) lost.push_back({{"paragraph", place.paragraph}, {"words", place.words}});
    return {{"input_words", survival.input_words},
            {"kept_words", survival.kept_words},
            {"ratio", survival.ratio()},
            {"lost", lost}};
}

} // namespace

bool Server::Impl::body_is_draft(const httplib::Request& request, httplib::Response& response) {
    const std::string type = request.get_header_value("Content-Type");
    if (is_draft_type(type)) return true;
    send_problem(request, response, 415,
                 msg("serve.not-a-draft", "the body must be the file itself (DOCX, text or JSON), not '{type}'", {{"type", type}}),
                 msg("serve.not-a-draft.hint",
                     "send the file's bytes as the body with Content-Type "
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document, text/plain or application/json"));
    return false;
}

std::optional<DraftQuery> Server::Impl::draft_query(const httplib::Request& request, httplib::Response& response,
                                                    bool with_date) {
    DraftQuery query;
    for (const auto& [key, value] : request.params) {
        bool known = true;
        if (key == "template") {
            known = is_template_name(value) && find_template(engine.options().template_dirs, value).has_value();
            query.template_name = value;
        } else if (key == "profile") {
            known = has_profile(engine.options().template_dirs, value);
            query.profile = value;
        } else if (key == "date" && with_date) {
            known = text::parse_iso_date(value).has_value();
            query.date = value;
        } else {
            send_unknown_parameter(request, response, key,
                                   with_date ? msg("serve.check-parameters.hint", "the parameters are template, profile and date")
                                             : msg("serve.import-parameters.hint", "the parameters are template and profile"));
            return std::nullopt;
        }
        if (!known && value.empty()) { // ?template=: a value gone missing, not the default
            const engine::SettingProblem empty = engine::empty_setting_problem();
            send_bad_parameter(request, response, key, empty.message, empty.hint);
            return std::nullopt;
        }
        if (!known) {
            send_bad_parameter(request, response, key,
                               msg("serve.not-a-value", "'{value}' is not one of its values", {{"value", value}}),
                               msg("serve.draft-parameters.hint",
                                   "template: a name GET /v1/templates lists; profile: party or state; date: YYYY-MM-DD"));
            return std::nullopt;
        }
    }
    return query;
}

void Server::Impl::import_draft(const httplib::Request& request, httplib::Response& response) {
    if (!body_is_draft(request, response)) return;
    std::optional<DraftQuery> query = draft_query(request, response, false);
    if (!query) return;
    ImportOptions import_options;
    import_options.template_name = query->template_name;
    import_options.profile = query->profile;
    import_options.source_name = "document";
    std::optional<ImportResult> result;
    const auto outcome = queue.run<ImportResult>(
        [this, bytes = request.body, import_options] { return import_document(engine, bytes, import_options); },
        Clock::now() + options.render_deadline, result);
    if (!queue_answered(request, response, outcome)) return;
    const Language lang = language(request);
    if (!*result) return send_problem(response, problem(result->error, lang));
    nlohmann::json warnings = nlohmann::json::array();
    for (const Finding& warning : result->warnings) warnings.push_back(finding_json(warning, lang));
    send_json(response, 200,
              {{"template", result->template_name},
               {"profile", result->profile},
               {"data", nlohmann::json::parse(result->data_json)},
               {"warnings", warnings},
               {"text_input", result->text_input},
               {"survival", survival_json(result->survival)}});
}

void Server::Impl::check_draft(const httplib::Request& request, httplib::Response& response) {
    if (!body_is_draft(request, response)) return;
    std::optional<DraftQuery> query = draft_query(request, response, true);
    if (!query) return;
    CheckOptions check_options;
    check_options.template_name = query->template_name;
    check_options.profile = query->profile;
    check_options.as_of = query->date;
    check_options.source_name = "document";
    std::optional<CheckResult> result;
    const auto outcome = queue.run<CheckResult>(
        [this, bytes = request.body, check_options] { return check_document(engine, bytes, check_options); },
        Clock::now() + options.render_deadline, result);
    if (!queue_answered(request, response, outcome)) return;
    const Language lang = language(request);
    if (!*result) return send_problem(response, problem(result->error, lang));
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& finding : result->findings) findings.push_back(finding_json(finding, lang));
    send_json(response, 200,
              {{"template", result->template_name},
               {"profile", result->profile},
               {"must_fix", result->must_fix()},
               {"exit_code", result->exit_code()},
               {"text_input", result->text_input},
               {"findings", findings}});
}

} // namespace vanban::serve
