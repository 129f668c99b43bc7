// vanban::import_document (vanban/import.hpp): the import stage, then the engine builds the
// model of what it made, which checks it against the template's schema and gives the words
// of the rendered document for the survival figure.
#include <exception>
#include <new>

#include "import/reader.hpp"
#include "import/recognise.hpp"
#include "import/survival.hpp"
#include "vanban/import.hpp"

namespace vanban {

const char* severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

std::string Finding::format(const std::string& source, Language language) const {
    std::string text = source;
    if (paragraph > 0)
        text += ": " + (line ? msg("finding.line", "line {number}", {{"number", paragraph}})
                             : msg("finding.paragraph", "paragraph {number}", {{"number", paragraph}}))
                           .text(language);
    if (!quote.empty()) text += " \xE2\x80\x9C" + quote + "\xE2\x80\x9D"; // “quote”
    if (!json_path.empty()) text += ": " + json_path;
    const Message severity_word =
        severity == Severity::error ? msg("format.error", "error") : msg("format.warning", "warning");
    text += ": " + severity_word.text(language) + ": " + message.text(language);
    if (!code().empty()) text += " [" + code() + "]";
    return text;
}

namespace {

Finding finding_of(const import::Notice& notice, bool text_input) {
    Finding f;
    f.severity = Severity::warning;
    f.message = notice.message;
    f.paragraph = notice.paragraph;
    f.line = text_input;
    f.quote = notice.quote;
    f.json_path = notice.json_path;
    return f;
}

WordSurvival survival_of(const import::Draft& draft, const import::Recognised& recognised,
                         const model::Document& document) {
    const import::Survival s = import::compare_words(
        import::draft_words(draft, recognised), import::document_words(document));
    WordSurvival out;
    out.input_words = s.input_words;
    out.kept_words = s.kept_words;
    for (const import::LostPassage& p : s.lost) out.lost.push_back({p.paragraph, p.text});
    return out;
}

ImportResult import_checked(const Engine& engine, std::string_view bytes, const ImportOptions& options) {
    ImportResult result;
    const import::Draft draft = import::read_document(bytes, import::ReadLimits{}, options.source_name);
    result.text_input = draft.kind == import::SourceKind::text;
    import::Recognised recognised =
        import::recognise(draft, {options.template_name, options.profile}, options.source_name);
    result.template_name = recognised.template_name;
    result.profile = recognised.profile;
    result.data_json = recognised.data.dump(2);
    for (const import::ReaderNote& note : draft.notes)
        result.warnings.push_back(finding_of({note.paragraph, "", note.message, ""}, result.text_input));
    for (const import::Notice& notice : recognised.notices) result.warnings.push_back(finding_of(notice, result.text_input));

    RenderOptions render_options;
    render_options.profile = recognised.profile;
    render_options.data_name = options.source_name;
    ModelResult model = engine.build_model(recognised.template_name, result.data_json, render_options);
    if (!model) {
        // The data the import made must validate: when it does not, the importer is wrong.
        result.error = model.error;
        if (model.error.kind == ErrorKind::validation || model.error.kind == ErrorKind::data ||
            model.error.kind == ErrorKind::template_eval) {
            result.error.kind = ErrorKind::internal;
            result.error.message = msg("import.invalid-data", "the data imported from this document does not fit the template {template} ({problem})",
                                       {{"template", recognised.template_name}, {"problem", model.error.message}});
            result.error.hint = msg("import.hint-report", "this is a bug in vanban import: please report it with the document");
        }
        return result;
    }
    result.survival = survival_of(draft, recognised, model.document);
    result.ok = true;
    return result;
}

} // namespace

ImportResult import_document(const Engine& engine, std::string_view bytes, const ImportOptions& options) {
    try {
        return import_checked(engine, bytes, options);
    } catch (const Failure& failure) {
        ImportResult result;
        result.error = failure.error();
        return result;
    } catch (const std::bad_alloc&) {
        ImportResult result;
        result.error.kind = ErrorKind::limit;
        result.error.message = msg("import.out-of-memory", "out of memory while importing {file}", {{"file", options.source_name}});
        return result;
    } catch (const std::exception& e) {
        ImportResult result;
        result.error.kind = ErrorKind::internal;
        result.error.message = msg("import.internal", "internal error while importing: {reason}", {{"reason", e.what()}});
        return result;
    }
}

} // namespace vanban
