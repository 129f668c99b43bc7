// The vanban C++ API (docs/embedding.md).
//
//   vanban::Engine engine({.template_dirs = {"templates"}});
//   vanban::RenderResult pdf = engine.render("ke-hoach", json_text, vanban::Format::pdf);
//   if (!pdf) std::cerr << pdf.error.format();
//
// An Engine parses each template once, loads each profile and font once, and renders any
// number of documents. It holds no global state, and every const member function may be
// called from several threads at once on one engine.
//
// This header and the ones it includes use only the standard library: data goes in as JSON
// text, so a program is not tied to the JSON library (or the build of it) that vanban was
// built with. Programs holding nlohmann::json values: vanban/json.hpp.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/error.hpp"
#include "vanban/model.hpp"

namespace vanban {

// The library's own way in for JSON it has parsed already (src/engine/parsed_data.hpp, not
// installed). Not vanban::engine: a program's `engine` variable would clash with it.
namespace engine_internal {
struct Access;
}

enum class Format { pdf, docx, model, fields, metadata, metadata_xml };

// "pdf", "docx", "model" (the document model as JSON), "fields" (the places of the PDF's
// signature fields, as JSON), "metadata" and "metadata-xml" (NĐ30 Phụ lục VI metadata of the
// document, the sidecar of `vanban render --metadata`): docs/electronic.md.
const char* format_name(Format format);
bool parse_format(std::string_view name, Format& format);
// The one map between file names and formats, for every command: ".pdf", ".docx", and
// ".json" for the model. format_for_path reads the extension of a file name in any case
// ("X.PDF" is a PDF); nullopt for any other extension, or none.
const char* format_extension(Format format);
std::optional<Format> format_for_path(std::string_view path);

// Places in the data as every message and Error::json_path write them: `path`, then the
// member `key` of the object there ("header", "issuer" -> "header.issuer"; "x", "a-b" ->
// x["a-b"]) or the item `index` of the list there ("tasks", 3 -> "tasks[3]"). An empty
// `path` is the whole data.
std::string json_path_member(std::string_view path, std::string_view key);
std::string json_path_item(std::string_view path, std::size_t index);

// The encoding of data text. Legacy Vietnamese encodings are decoded to UTF-8 before the
// JSON is parsed, whether the file holds their raw bytes or their bytes shown as Latin-1
// and saved as UTF-8 (docs/legacy-encodings.md).
enum class InputEncoding { utf8, tcvn3, vni, cp1258 };
// "utf-8", "tcvn3", "vni", "cp1258".
const char* input_encoding_name(InputEncoding encoding);
// Accepts the names above, "utf8", and the aliases of text::parse_legacy_encoding ("abc",
// "windows-1258" …), in any case.
bool parse_input_encoding(std::string_view name, InputEncoding& encoding);

// The templates of the installation: share/vanban/templates beside the program or library
// that runs (bin/../share/vanban, lib/../share/vanban), else the one under the install
// prefix chosen at build time. It may not exist (a build that was never installed).
std::filesystem::path installed_template_dir();

struct EngineOptions {
    // Folders holding templates (NAME/main.vbt), shared parts (_shared/) and profiles
    // (_profiles/NAME.json). Searched in order. Empty: installed_template_dir().
    std::vector<std::filesystem::path> template_dirs;
    // Extra folders searched first for font files (see fonts/README.md); then the installed
    // fonts (share/vanban/fonts), then the system's.
    std::vector<std::filesystem::path> font_dirs;
    // ISO 8601 date-time written as the creation date of every document, for byte-identical
    // output ("2019-03-25", "2019-03-25T08:00:00Z", "…+07:00"); read once and given to every
    // writer in UTC. Empty means the time of rendering.
    std::string fixed_creation_date;
    // Safety limits of template evaluation.
    int max_include_depth = 32;
    int max_call_depth = 64;
    std::size_t max_loop_iterations = 1'000'000;
    std::size_t max_output_bytes = 64u << 20;
    // Statements run and expressions evaluated in one document: bounds the time a template
    // may take (about a second at the default), whatever it does.
    std::size_t max_evaluation_steps = 50'000'000;
    // Safety limits of the data and of what is written (ErrorKind::limit past them).
    std::size_t max_data_bytes = 32u << 20;         // the data text of one document
    std::size_t max_data_string_bytes = 1u << 20;   // one string of the data
    std::size_t max_data_values = 1'000'000;        // values of the data (members and items), which
                                                    // cost memory many times their text
    std::size_t max_document_bytes = 256u << 20;    // one PDF, DOCX or model written
    std::size_t max_table_rows = 10'000;            // rows of one table
    std::size_t max_table_columns = 64;             // columns of one table
    std::size_t max_image_bytes = 4u << 20;         // one signature or seal image (PNG)
};

struct RenderOptions {
    std::string profile;        // "party", "state", …; empty: the data's "profile" field, else "party"
    std::string data_name = "data.json"; // how messages name the data
    InputEncoding input_encoding = InputEncoding::utf8; // of the data text
    // A draft (NĐ30 Điều 15.3): the same as "draft": true in the data, which the templates
    // read (number and date left blank, a "DỰ THẢO" mark; docs/electronic.md).
    bool draft = false;
    // One appendix issued as a file of its own (NĐ30 Phụ lục I, II.8.b and III.1.d): its
    // number among the document's appendices, from 1. Every format then holds that appendix
    // alone, and the PDF the agency's signature field "appendix-agency" at the top right of
    // its first page (docs/electronic.md). A document without it is an ErrorKind::usage
    // error. 0: the whole document.
    std::size_t appendix = 0;
    // The data file's folder: image file names in the data (signature.image, signature.seal)
    // and a table's CSV file ("csv": "chi-tieu.csv") are read from here, and from nowhere else
    // (no absolute names, no "..", no link leading out). Empty: only inline images, and a table
    // that names a file is refused (data given as text, a web service).
    std::filesystem::path data_dir;
    // The creation date of this document (ISO 8601, as EngineOptions::fixed_creation_date,
    // which it overrides); empty: the engine's. A date that is not ISO 8601 is a usage error.
    std::string fixed_creation_date;
};

// Something worth telling about the data that does not stop the render, e.g. a field that
// looks like TCVN3 text shown as Latin-1, or characters the PDF's fonts have no glyph for
// (pdf.missing-glyphs, from the writer). The CLI prints "DATA: warning: PATH: MESSAGE".
struct Warning {
    std::string json_path;      // "header.issuer"; "" for the whole data
    Message message;            // "looks like TCVN3 text shown as Latin-1; use --input-encoding tcvn3"
};

struct RenderResult {
    bool ok = false;
    std::string bytes;          // the document (PDF, DOCX, or model JSON)
    Error error;                // when !ok
    std::vector<Warning> warnings; // about the data, also when ok; render(): the model's, then the writer's
    explicit operator bool() const { return ok; }
};

// The outcome of an operation whose product went elsewhere (a stream).
struct Status {
    bool ok = false;
    Error error;                // when !ok
    explicit operator bool() const { return ok; }
};

struct ModelResult {
    bool ok = false;
    model::Document document;
    Error error;
    std::vector<Warning> warnings; // about the data, also when ok
    explicit operator bool() const { return ok; }
};

// One way in which data does not match a template's schema (templates/NAME/schema.json).
struct DataProblem {
    std::string json_path;      // "plan.tasks[3].deadline"; "" for the whole document
    Message message;            // "expected a string, found a number"
};

struct ValidationResult {
    bool ok = false;            // the data matches the schema and the template renders with it
    std::vector<DataProblem> problems; // every schema problem (at most 100)
    Error error;                // when !ok: the first problem, or what stopped the check
    std::vector<Warning> warnings; // about the data, also when ok
    explicit operator bool() const { return ok; }
};

// What is wrong with the options themselves, found before any work: a fixed creation date
// that is not ISO 8601 (ErrorKind::usage). An Engine made with such options answers every
// call with this error, whatever format it asks for.
std::optional<Error> check_engine_options(const EngineOptions& options);

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

    // The same, written to `out`. The document is made in memory first, so a failed render
    // writes nothing; a stream that refuses the bytes is an ErrorKind::output error.
    Status render(const std::string& template_name, std::string_view data_json, Format format,
                  std::ostream& out, const RenderOptions& options = {}) const;

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

    // The options in force (template_dirs filled in when they were empty).
    const EngineOptions& options() const;

private:
    friend struct engine_internal::Access;

    template <class Call>
    std::optional<Error> guarded(Call&& call) const;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vanban
