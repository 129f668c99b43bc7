// The vanban C++ API.
//
//   vanban::Engine engine({.template_dirs = {"templates"}});
//   vanban::RenderResult pdf = engine.render("ke-hoach", json_text, vanban::Format::pdf);
//   if (!pdf) std::cerr << pdf.error.format();
//
// An Engine parses each template once, loads each profile and font once, and renders any
// number of documents. It holds no global state, and render() may be called from several
// threads at once on one engine.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/error.hpp"
#include "vanban/model.hpp"

namespace vanban {

enum class Format { pdf, docx, model };

// "pdf", "docx", "model" (the document model as JSON).
const char* format_name(Format format);
bool parse_format(std::string_view name, Format& format);

struct EngineOptions {
    // Folders holding templates (NAME/main.vbt), shared parts (_shared/) and profiles
    // (_profiles/NAME.json). Searched in order.
    std::vector<std::filesystem::path> template_dirs;
    // Extra folders searched first for font files (see fonts/README.md).
    std::vector<std::filesystem::path> font_dirs;
    // ISO 8601 date-time written as the creation date of every document, for byte-identical
    // output; empty means the time of rendering.
    std::string fixed_creation_date;
    // Safety limits of template evaluation.
    int max_include_depth = 32;
    int max_call_depth = 64;
    std::size_t max_loop_iterations = 1'000'000;
    std::size_t max_output_bytes = 64u << 20;
};

struct RenderOptions {
    std::string profile;        // "party", "state", …; empty: the data's "profile" field, else "party"
    std::string data_name = "data.json"; // how messages name the data
};

struct RenderResult {
    bool ok = false;
    std::string bytes;          // the document (PDF, DOCX, or model JSON)
    Error error;                // when !ok
    explicit operator bool() const { return ok; }
};

struct ModelResult {
    bool ok = false;
    model::Document document;
    Error error;
    explicit operator bool() const { return ok; }
};

// One way in which data does not match a template's schema (templates/NAME/schema.json).
struct DataProblem {
    std::string json_path;      // "plan.tasks[3].deadline"; "" for the whole document
    std::string message;        // "expected a string, found a number"
};

struct ValidationResult {
    bool ok = false;            // the data matches the schema and the template renders with it
    std::vector<DataProblem> problems; // every schema problem (at most 100)
    Error error;                // when !ok: the first problem, or what stopped the check
    explicit operator bool() const { return ok; }
};

class Engine {
public:
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // `template_name` is a folder of a template dir ("ke-hoach") or a file in it
    // ("ke-hoach/main.vbt"); `data_json` is the JSON text of the data.
    RenderResult render(const std::string& template_name, std::string_view data_json,
                        Format format, const RenderOptions& options = {}) const;

    // Checks data against the template's JSON Schema (when it has one), then builds the
    // model, so that every problem the data could cause is found without writing anything.
    ValidationResult validate(const std::string& template_name, std::string_view data_json,
                              const RenderOptions& options = {}) const;

    // The document model only: what the writers would receive. Data that does not match
    // the template's schema is an ErrorKind::validation error naming the first problem.
    ModelResult build_model(const std::string& template_name, std::string_view data_json,
                            const RenderOptions& options = {}) const;

    // Writes an already built model in one format (to render one document as PDF and DOCX
    // without evaluating the template twice).
    RenderResult write(const model::Document& document, Format format) const;

    // Parses the template (and reports its syntax errors) without rendering anything.
    std::optional<Error> check_template(const std::string& template_name) const;

    const EngineOptions& options() const;

private:
    template <class Call>
    std::optional<Error> guarded(Call&& call) const;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vanban
