// vanban::check_document (vanban/check.hpp): a draft is imported (its look kept for the
// format rules), JSON data is validated; either way the engine builds the model, and the
// check stage judges all three.
#include <ctime>
#include <exception>
#include <new>

#include <nlohmann/json.hpp>

#include "check/check.hpp"
#include "import/reader.hpp"
#include "import/recognise.hpp"
#include "text/utf8.hpp"
#include "vanban/check.hpp"

namespace vanban {

bool CheckResult::must_fix() const {
    for (const Finding& f : findings)
        if (f.severity == Severity::error) return true;
    return false;
}

int CheckResult::exit_code() const {
    if (!ok) return vanban::exit_code(error.kind);
    return must_fix() ? 11 : 0;
}

namespace {

[[noreturn]] void fail(ErrorKind kind, Message message, const std::string& source = "") {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.where.file = source;
    throw Failure(std::move(error));
}

bool looks_like_json(std::string_view bytes) {
    const std::string_view text = text::strip_bom(bytes);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

text::Date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::optional<text::Date> judged_on(const CheckOptions& options, const nlohmann::ordered_json& data) {
    if (!options.as_of.empty()) {
        const auto date = text::parse_iso_date(options.as_of);
        if (!date) fail(ErrorKind::usage, msg("check.bad-date", "--date {date} is not a date (YYYY-MM-DD)", {{"date", options.as_of}}));
        return date;
    }
    if (data.contains("header") && data["header"].contains("date"))
        if (const auto own = text::parse_iso_date(data["header"]["date"].get<std::string>())) return own;
    return today();
}

model::Document build(const Engine& engine, const std::string& template_name, const std::string& data_json,
                      const std::string& profile, const std::string& source,
                      const std::filesystem::path& data_dir = {}) {
    RenderOptions options;
    options.profile = profile;
    options.data_name = source;
    options.data_dir = data_dir;
    ModelResult model = engine.build_model(template_name, data_json, options);
    if (!model) throw Failure(model.error);
    return std::move(model.document);
}

CheckResult check_data(const Engine& engine, std::string_view bytes, const CheckOptions& options) {
    CheckResult result;
    const std::string text(bytes);
    std::string template_name = options.template_name;
    if (template_name.empty()) {
        // The template whose schema takes the data: ke-hoach, else bao-cao.
        RenderOptions validation;
        validation.data_name = options.source_name;
        validation.data_dir = options.data_dir;
        for (const char* name : {"ke-hoach", "bao-cao"})
            if (engine.validate(name, text, validation)) {
                template_name = name;
                break;
            }
        if (template_name.empty()) template_name = "ke-hoach"; // its problems are the ones reported
    }
    const nlohmann::ordered_json data = nlohmann::ordered_json::parse(text::strip_bom(text), nullptr, false);
    const std::string profile = !options.profile.empty() ? options.profile : data.is_object() ? data.value("profile", "party") : "party";
    const model::Document document = build(engine, template_name, text, profile, options.source_name, options.data_dir);
    check::Subject subject;
    subject.data = &data;
    subject.document = &document;
    subject.profile = profile;
    subject.as_of = judged_on(options, data);
    result.template_name = template_name;
    result.profile = profile;
    result.findings = check::run_checks(subject);
    result.ok = true;
    return result;
}

CheckResult check_draft(const Engine& engine, std::string_view bytes, const CheckOptions& options) {
    CheckResult result;
    const import::Draft draft = import::read_document(bytes, import::ReadLimits{}, options.source_name);
    const import::Recognised recognised =
        import::recognise(draft, {options.template_name, options.profile}, options.source_name);
    const std::string data_json = recognised.data.dump();
    const model::Document document = build(engine, recognised.template_name, data_json, recognised.profile, options.source_name);
    check::Subject subject;
    subject.draft = &draft;
    subject.recognised = &recognised;
    subject.data = &recognised.data;
    subject.document = &document;
    subject.profile = recognised.profile;
    subject.as_of = judged_on(options, recognised.data);
    result.template_name = recognised.template_name;
    result.profile = recognised.profile;
    result.text_input = draft.kind == import::SourceKind::text;
    result.findings = check::run_checks(subject);
    result.ok = true;
    return result;
}

} // namespace

CheckResult check_document(const Engine& engine, std::string_view bytes, const CheckOptions& options) {
    try {
        return looks_like_json(bytes) ? check_data(engine, bytes, options) : check_draft(engine, bytes, options);
    } catch (const Failure& failure) {
        CheckResult result;
        result.error = failure.error();
        return result;
    } catch (const std::bad_alloc&) {
        CheckResult result;
        result.error.kind = ErrorKind::limit;
        result.error.message = msg("check.out-of-memory", "out of memory while checking {file}", {{"file", options.source_name}});
        return result;
    } catch (const std::exception& e) {
        CheckResult result;
        result.error.kind = ErrorKind::internal;
        result.error.message = msg("check.internal", "internal error while checking: {reason}", {{"reason", e.what()}});
        return result;
    }
}

} // namespace vanban
