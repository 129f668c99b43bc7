// The C ABI (vanban/vanban.h) over vanban::Engine, compiled into libvanban.so only.
// No exception crosses it: every entry point that could throw catches.
#include "vanban/vanban.h"

#include <new>
#include <string>
#include <vector>

#include "vanban/engine.hpp"

struct vanban_engine {
    vanban::Engine engine;
};

struct vanban_result {
    vanban::RenderResult result;
    std::string message;   // result.error.format(), kept so that its c_str() outlives the call
    std::string reason;    // result.error.message's text, likewise
    std::string data_name; // the file every warning is about
};

struct vanban_render_options {
    vanban::RenderOptions options;
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

vanban_result* failed(vanban::ErrorKind kind, std::string message) {
    auto* r = new (std::nothrow) vanban_result;
    if (!r) return nullptr;
    r->result.error.kind = kind;
    r->result.error.message = std::move(message);
    r->message = r->result.error.format();
    r->reason = r->result.error.message.text();
    return r;
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
                      const vanban::RenderOptions& options) {
    try {
        if (!engine || !template_name || !format || (!data_json && data_len > 0))
            return failed(vanban::ErrorKind::usage,
                          std::string(caller) + ": engine, template name and format are required");
        vanban::Format chosen;
        if (!vanban::parse_format(format, chosen))
            return failed(vanban::ErrorKind::usage, std::string("unknown format '") + format + "' (use pdf, docx or model)");
        auto* r = new vanban_result;
        r->data_name = options.data_name;
        r->result = engine->engine.render(template_name, std::string_view(data_json ? data_json : "", data_len),
                                          chosen, options);
        if (!r->result.ok) {
            r->message = r->result.error.format();
            r->reason = r->result.error.message.text();
        }
        return r;
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, "out of memory");
    } catch (const std::exception& e) {
        return failed(vanban::ErrorKind::internal, std::string("internal error: ") + e.what());
    }
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
                      render_options(profile, data_name));
    } catch (const std::bad_alloc&) { // copying the two strings into the options
        return failed(vanban::ErrorKind::limit, "out of memory");
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
            return failed(vanban::ErrorKind::usage, "unknown input encoding '" + options->unknown_encoding +
                                                        "' (use utf-8, tcvn3, vni or cp1258)");
        return render("vanban_render_with", engine, template_name, data_json, data_len, format,
                      options ? options->options : vanban::RenderOptions{});
    } catch (const std::bad_alloc&) {
        return failed(vanban::ErrorKind::limit, "out of memory");
    }
}

int vanban_result_ok(const vanban_result* r) { return r && r->result.ok ? 1 : 0; }

const unsigned char* vanban_result_bytes(const vanban_result* r, size_t* length) {
    if (length) *length = r && r->result.ok ? r->result.bytes.size() : 0;
    if (!r || !r->result.ok) return nullptr;
    return reinterpret_cast<const unsigned char*>(r->result.bytes.data());
}

const char* vanban_result_message(const vanban_result* r) { return r ? r->message.c_str() : "no result"; }
const char* vanban_result_reason(const vanban_result* r) { return r ? r->reason.c_str() : "no result"; }

int vanban_result_exit_code(const vanban_result* r) {
    if (!r) return vanban::exit_code(vanban::ErrorKind::internal);
    return r->result.ok ? 0 : vanban::exit_code(r->result.error.kind);
}

const char* vanban_result_file(const vanban_result* r) { return r ? r->result.error.where.file.c_str() : ""; }
unsigned vanban_result_line(const vanban_result* r) { return r ? r->result.error.where.line : 0; }
unsigned vanban_result_column(const vanban_result* r) { return r ? r->result.error.where.column : 0; }
const char* vanban_result_json_path(const vanban_result* r) { return r ? r->result.error.json_path.c_str() : ""; }

size_t vanban_result_warning_count(const vanban_result* r) { return r ? r->result.warnings.size() : 0; }

const char* vanban_result_warning_message(const vanban_result* r, size_t index) {
    const vanban::Warning* w = warning_at(r, index);
    return w ? w->message.c_str() : "";
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
