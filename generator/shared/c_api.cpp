// The C ABI (vanban/vanban.h) over vanban::Engine, compiled into libvanban.so only.
// No exception crosses it: every entry point that could throw catches.
#include "vanban/vanban.h"

#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "vanban/check.hpp"
#include "vanban/engine.hpp"
#include "vanban/import.hpp"

struct vanban_engine {
    vanban::Engine engine;
};

// The texts of an error or warning in one language, made when the result is, so that the
// pointers the functions return stay valid until the result is freed.
struct vanban_texts {
    std::string message;                // result.error.format(language)
    std::string reason;                 // result.error.message in the language
    std::string hint;                   // result.error.hint in the language
    std::vector<std::string> warnings;  // each warning's message in the language
};

struct vanban_result {
    vanban::RenderResult result;
    std::string data_name;              // the file every warning is about
    vanban::Language language = vanban::Language::en; // of vanban_result_message and the like
    vanban_texts texts[2];              // by vanban::Language: en, vi
    // vanban_import and vanban_check:
    int exit_code = 0;                  // when result.ok: 0, or 11 for a check that found an error
    std::string template_name;
    std::size_t words_in = 0, words_kept = 0;
    std::vector<vanban::Finding> findings;
    std::vector<std::string> finding_texts[2]; // each finding's line by vanban::Language, made once
};

struct vanban_render_options {
    vanban::RenderOptions options;
    vanban::Language language = vanban::Language::en;
    // A name parse_input_encoding refused. Kept rather than dropped, so that a caller who
    // ignores the setter's 0 gets a usage error from the render instead of data silently
    // read as UTF-8.
    std::string unknown_encoding;
};

namespace {

std::vector<std::filesystem::path> paths(const char* const* list, std::size_t count) {
    std::vector<std::filesystem::path> out;
    for (std::size_t i = 0; list && i < count; ++i)
        if (list[i]) out.emplace_back(list[i]);
    return out;
}

const vanban_texts& texts(const vanban_result* r, vanban::Language language) {
    return r->texts[static_cast<int>(language)];
}

// Fills in the texts of both languages.
vanban_result* with_texts(vanban_result* r) {
    for (vanban::Language language : {vanban::Language::en, vanban::Language::vi}) {
        vanban_texts& t = r->texts[static_cast<int>(language)];
        if (!r->result.ok) {
            t.message = r->result.error.format(language);
            t.reason = r->result.error.message.text(language);
            t.hint = r->result.error.hint.text(language);
        }
        for (const vanban::Warning& w : r->result.warnings) t.warnings.push_back(w.message.text(language));
    }
    return r;
}

vanban_result* failed(vanban::ErrorKind kind, vanban::Message message,
                      vanban::Language language = vanban::Language::en) {
    auto* r = new (std::nothrow) vanban_result;
    if (!r) return nullptr;
    r->language = language;
    r->result.error.kind = kind;
    r->result.error.message = std::move(message);
    try {
        return with_texts(r);
    } catch (const std::bad_alloc&) {
        return r; // texts stay empty rather than losing the result
    }
}

vanban::Message out_of_memory() { return vanban::msg("capi.out-of-memory", "out of memory"); }

vanban::Message internal_error(const std::exception& e) {
    return vanban::msg("capi.internal", "internal error: {detail}", {{"detail", e.what()}});
}

vanban::RenderOptions render_options(const char* profile, const char* data_name) {
    vanban::RenderOptions options;
    if (profile) options.profile = profile;
    if (data_name && *data_name) options.data_name = data_name;
    return options;
}

// What vanban_render and vanban_render_with share once their options are known. `caller`
// names the function in the message about missing arguments.
vanban_result* render(const char* caller, const vanban_engine* engine, const char* template_name,
                      const char* data_json, size_t data_len, const char* format,
                      const vanban::RenderOptions& options, vanban::Language language) {
    try {
        if (!engine || !template_name || !format || (!data_json && data_len > 0))
            return failed(vanban::ErrorKind::usage,
                          vanban::msg("capi.missing-arguments", "{function}: engine, template name and format are required",
                                      {{"function", caller}}),
                          language);
        vanban::Format chosen;
        if (!vanban::parse_format(format, chosen))
            return failed(vanban::ErrorKind::usage,
                          vanban::msg("capi.unknown-format", "unknown format '{format}' (use pdf, docx or model)",
                                      {{"format", format}}),
                          language);
        auto r = std::make_unique<vanban_result>();
        r->language = language;
        r->data_name = options.data_name;
        r->result = engine->engine.render(template_name, std::string_view(data_json ? data_json : "", data_len),
                                          chosen, options);
        return with_texts(r.release());
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, out_of_memory(), language);
    } catch (const std::exception& e) {
        return failed(vanban::ErrorKind::internal, internal_error(e), language);
    }
}

// A result holding an error of the import or check stage.
vanban_result* failed_stage(vanban::Error error, const std::string& source) {
    auto r = std::make_unique<vanban_result>();
    r->data_name = source;
    r->result.error = std::move(error);
    return with_texts(r.release());
}

void keep_findings(vanban_result* r, std::vector<vanban::Finding> findings, const std::string& source) {
    r->findings = std::move(findings);
    for (vanban::Language language : {vanban::Language::en, vanban::Language::vi})
        for (const vanban::Finding& f : r->findings)
            r->finding_texts[static_cast<int>(language)].push_back(f.format(source, language));
}

std::string source_or_default(const char* source_name) {
    return source_name && *source_name ? source_name : "document";
}

std::string_view bytes_view(const unsigned char* bytes, size_t length) {
    return bytes ? std::string_view(reinterpret_cast<const char*>(bytes), length) : std::string_view();
}

const vanban::Finding* finding_at(const vanban_result* r, size_t index) {
    return r && index < r->findings.size() ? &r->findings[index] : nullptr;
}

// The warning at `index`, or null when there is none.
const vanban::Warning* warning_at(const vanban_result* r, size_t index) {
    return r && index < r->result.warnings.size() ? &r->result.warnings[index] : nullptr;
}

} // namespace

extern "C" {

const char* vanban_version(void) { return VANBAN_VERSION; }

vanban_engine* vanban_engine_new(const char* const* template_dirs, size_t template_dir_count,
                                 const char* const* font_dirs, size_t font_dir_count,
                                 const char* fixed_creation_date) {
    try {
        vanban::EngineOptions options;
        options.template_dirs = paths(template_dirs, template_dir_count);
        options.font_dirs = paths(font_dirs, font_dir_count);
        if (fixed_creation_date) options.fixed_creation_date = fixed_creation_date;
        return new vanban_engine{vanban::Engine(std::move(options))};
    } catch (...) {
        return nullptr;
    }
}

void vanban_engine_free(vanban_engine* engine) { delete engine; }

vanban_result* vanban_render(const vanban_engine* engine, const char* template_name,
                             const char* data_json, size_t data_len, const char* format,
                             const char* profile, const char* data_name) {
    try {
        return render("vanban_render", engine, template_name, data_json, data_len, format,
                      render_options(profile, data_name), vanban::Language::en);
    } catch (const std::bad_alloc&) { // copying the two strings into the options
        return failed(vanban::ErrorKind::limit, out_of_memory());
    }
}

vanban_render_options* vanban_render_options_new(void) { return new (std::nothrow) vanban_render_options; }

void vanban_render_options_free(vanban_render_options* options) { delete options; }

int vanban_render_options_set_profile(vanban_render_options* options, const char* profile) {
    if (!options) return 0;
    try {
        options->options.profile = profile ? profile : "";
        return 1;
    } catch (const std::bad_alloc&) {
        return 0;
    }
}

int vanban_render_options_set_data_name(vanban_render_options* options, const char* data_name) {
    if (!options) return 0;
    try {
        options->options.data_name = data_name && *data_name ? data_name : vanban::RenderOptions{}.data_name;
        return 1;
    } catch (const std::bad_alloc&) {
        return 0;
    }
}

int vanban_render_options_set_input_encoding(vanban_render_options* options, const char* encoding) {
    if (!options) return 0;
    try {
        options->unknown_encoding.clear();
        if (!encoding || !*encoding) {
            options->options.input_encoding = vanban::InputEncoding::utf8;
            return 1;
        }
        if (vanban::parse_input_encoding(encoding, options->options.input_encoding)) return 1;
        options->unknown_encoding = encoding;
        return 0;
    } catch (const std::bad_alloc&) {
        return 0;
    }
}

vanban_result* vanban_render_with(const vanban_engine* engine, const char* template_name,
                                  const char* data_json, size_t data_len, const char* format,
                                  const vanban_render_options* options) {
    try {
        if (options && !options->unknown_encoding.empty())
            return failed(vanban::ErrorKind::usage,
                          vanban::msg("capi.unknown-encoding", "unknown input encoding '{encoding}' (use utf-8, tcvn3, vni or cp1258)",
                                      {{"encoding", options->unknown_encoding}}),
                          options->language);
        return render("vanban_render_with", engine, template_name, data_json, data_len, format,
                      options ? options->options : vanban::RenderOptions{},
                      options ? options->language : vanban::Language::en);
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, out_of_memory());
    }
}

int vanban_render_options_set_language(vanban_render_options* options, const char* language) {
    if (!options) return 0;
    if (!language || !*language) {
        options->language = vanban::Language::en;
        return 1;
    }
    std::optional<vanban::Language> parsed = vanban::parse_language(language);
    if (!parsed) return 0;
    options->language = *parsed;
    return 1;
}

int vanban_render_options_set_appendix(vanban_render_options* options, size_t number) {
    if (!options) return 0;
    options->options.appendix = number;
    return 1;
}

int vanban_result_ok(const vanban_result* r) { return r && r->result.ok ? 1 : 0; }

const unsigned char* vanban_result_bytes(const vanban_result* r, size_t* length) {
    if (length) *length = r && r->result.ok ? r->result.bytes.size() : 0;
    if (!r || !r->result.ok) return nullptr;
    return reinterpret_cast<const unsigned char*>(r->result.bytes.data());
}

const char* vanban_result_message(const vanban_result* r) {
    return r ? texts(r, r->language).message.c_str() : "no result";
}
const char* vanban_result_reason(const vanban_result* r) { return r ? texts(r, r->language).reason.c_str() : "no result"; }
const char* vanban_result_hint(const vanban_result* r) { return r ? texts(r, r->language).hint.c_str() : ""; }
const char* vanban_result_code(const vanban_result* r) {
    return r && !r->result.ok ? r->result.error.message.code().c_str() : "";
}

const char* vanban_result_message_in(const vanban_result* r, const char* language) {
    if (!r) return "no result";
    return texts(r, vanban::parse_language(language ? language : "").value_or(r->language)).message.c_str();
}
const char* vanban_result_reason_in(const vanban_result* r, const char* language) {
    if (!r) return "no result";
    return texts(r, vanban::parse_language(language ? language : "").value_or(r->language)).reason.c_str();
}

int vanban_result_exit_code(const vanban_result* r) {
    if (!r) return vanban::exit_code(vanban::ErrorKind::internal);
    return r->result.ok ? r->exit_code : vanban::exit_code(r->result.error.kind);
}

vanban_result* vanban_import(const vanban_engine* engine, const unsigned char* bytes, size_t length,
                             const char* template_name, const char* profile, const char* source_name) {
    try {
        if (!engine || (!bytes && length > 0))
            return failed(vanban::ErrorKind::usage,
                          vanban::msg("capi.import-arguments", "vanban_import: an engine and the bytes are required"));
        vanban::ImportOptions options;
        if (template_name) options.template_name = template_name;
        if (profile) options.profile = profile;
        options.source_name = source_or_default(source_name);
        vanban::ImportResult imported = vanban::import_document(engine->engine, bytes_view(bytes, length), options);
        if (!imported) return failed_stage(std::move(imported.error), options.source_name);
        auto r = std::make_unique<vanban_result>();
        r->data_name = options.source_name;
        r->result.ok = true;
        r->result.bytes = std::move(imported.data_json);
        r->template_name = imported.template_name;
        r->words_in = imported.survival.input_words;
        r->words_kept = imported.survival.kept_words;
        keep_findings(r.get(), std::move(imported.warnings), options.source_name);
        return r.release();
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, out_of_memory());
    } catch (const std::exception& e) {
        return failed(vanban::ErrorKind::internal, internal_error(e));
    }
}

vanban_result* vanban_check(const vanban_engine* engine, const unsigned char* bytes, size_t length,
                            const char* profile, const char* as_of, const char* source_name) {
    try {
        if (!engine || (!bytes && length > 0))
            return failed(vanban::ErrorKind::usage,
                          vanban::msg("capi.check-arguments", "vanban_check: an engine and the bytes are required"));
        vanban::CheckOptions options;
        if (profile) options.profile = profile;
        if (as_of) options.as_of = as_of;
        options.source_name = source_or_default(source_name);
        vanban::CheckResult checked = vanban::check_document(engine->engine, bytes_view(bytes, length), options);
        if (!checked) return failed_stage(std::move(checked.error), options.source_name);
        auto r = std::make_unique<vanban_result>();
        r->data_name = options.source_name;
        r->result.ok = true;
        r->exit_code = checked.exit_code();
        r->template_name = checked.template_name;
        keep_findings(r.get(), std::move(checked.findings), options.source_name);
        return r.release();
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, out_of_memory());
    } catch (const std::exception& e) {
        return failed(vanban::ErrorKind::internal, internal_error(e));
    }
}

const char* vanban_result_template(const vanban_result* r) { return r ? r->template_name.c_str() : ""; }
size_t vanban_result_words_in(const vanban_result* r) { return r ? r->words_in : 0; }
size_t vanban_result_words_kept(const vanban_result* r) { return r ? r->words_kept : 0; }
size_t vanban_result_finding_count(const vanban_result* r) { return r ? r->findings.size() : 0; }

int vanban_result_finding_severity(const vanban_result* r, size_t index) {
    const vanban::Finding* f = finding_at(r, index);
    return !f ? 0 : f->severity == vanban::Severity::error ? 2 : 1;
}

const char* vanban_result_finding_code(const vanban_result* r, size_t index) {
    const vanban::Finding* f = finding_at(r, index);
    return f ? f->code().c_str() : "";
}

const char* vanban_result_finding_text(const vanban_result* r, size_t index, const char* language) {
    if (!finding_at(r, index)) return "";
    const vanban::Language chosen = vanban::parse_language(language ? language : "").value_or(r->language);
    return r->finding_texts[static_cast<int>(chosen)][index].c_str();
}

unsigned vanban_result_finding_paragraph(const vanban_result* r, size_t index) {
    const vanban::Finding* f = finding_at(r, index);
    return f ? static_cast<unsigned>(f->paragraph) : 0;
}

const char* vanban_result_finding_json_path(const vanban_result* r, size_t index) {
    const vanban::Finding* f = finding_at(r, index);
    return f ? f->json_path.c_str() : "";
}

const char* vanban_result_file(const vanban_result* r) { return r ? r->result.error.where.file.c_str() : ""; }
unsigned vanban_result_line(const vanban_result* r) { return r ? r->result.error.where.line : 0; }
unsigned vanban_result_column(const vanban_result* r) { return r ? r->result.error.where.column : 0; }
const char* vanban_result_json_path(const vanban_result* r) { return r ? r->result.error.json_path.c_str() : ""; }

size_t vanban_result_warning_count(const vanban_result* r) { return r ? r->result.warnings.size() : 0; }

const char* vanban_result_warning_message(const vanban_result* r, size_t index) {
    return warning_at(r, index) ? texts(r, r->language).warnings[index].c_str() : "";
}

const char* vanban_result_warning_file(const vanban_result* r, size_t index) {
    return warning_at(r, index) ? r->data_name.c_str() : "";
}

const char* vanban_result_warning_json_path(const vanban_result* r, size_t index) {
    const vanban::Warning* w = warning_at(r, index);
    return w ? w->json_path.c_str() : "";
}

void vanban_result_free(vanban_result* r) { delete r; }

} // extern "C"
