// The engine ties the pipeline together:
//   data JSON -> (template engine) -> fragments -> (markup) -> document model -> writer.
// It owns what is loaded once — parsed templates, profiles, fonts — and is safe to share
// between threads: the caches are guarded, and everything they hand out is immutable.
#include "vanban/engine.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <ostream>
#include <sstream>

#include "docx/creation_time.hpp"
#include "engine/appendix_file.hpp"
#include "engine/data_folder.hpp"
#include "engine/data_reader.hpp"
#include "engine/images.hpp"
#include "engine/model_limits.hpp"
#include "engine/parsed_data.hpp"
#include "engine/install_paths.hpp"
#include "engine/writers.hpp"
#include "markup/builder.hpp"
#include "model/model_json.hpp"
#include "model/profile.hpp"
#include "model/record.hpp"
#include "schema/schema.hpp"
#include "template/directory_loader.hpp"
#include "template/template.hpp"
#include "text/json_path.hpp"

namespace vanban {

namespace {

constexpr const char* kDefaultProfile = "party";
constexpr const char* kMainFile = "main.vbt";
constexpr const char* kSchemaFile = "schema.json";

// The template's folder name: "ke-hoach" for "ke-hoach" and "ke-hoach/main.vbt".
std::string template_folder(const std::string& name) {
    const auto slash = name.find('/');
    return slash == std::string::npos ? name : name.substr(0, slash);
}

Error validation_error(const std::vector<schema::Problem>& problems, const std::string& data_name) {
    Error error;
    error.kind = ErrorKind::validation;
    const schema::Problem& first = problems.front();
    error.message = first.json_path.empty()
                        ? msg("validation.whole-data", "the data: {problem}", {{"problem", first.message}})
                        : msg("validation.at-path", "{path}: {problem}",
                              {{"path", first.json_path}, {"problem", first.message}});
    if (problems.size() > 1)
        error.hint = msg_n("validation.more-problems", "and {count} more problem: run 'vanban validate' to see all",
                           "and {count} more problems: run 'vanban validate' to see all", problems.size() - 1);
    error.json_path = first.json_path;
    error.where.file = data_name;
    return error;
}

std::string template_path(const std::string& name) {
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".vbt") == 0) return name;
    return name + "/" + kMainFile;
}

bool valid_profile_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

// The profile named by the request, else by the data's "profile" field, else the default.
std::string profile_name_for(const nlohmann::json& data, const RenderOptions& options) {
    if (!options.profile.empty()) return options.profile;
    if (data.is_object()) {
        auto it = data.find("profile");
        if (it != data.end()) {
            if (!it->is_string()) {
                Error error;
                error.kind = ErrorKind::data;
                error.message = msg("engine.profile-field-not-string",
                                    "the field profile must be a string such as \"party\" or \"state\"");
                error.json_path = "profile";
                error.where.file = options.data_name;
                throw Failure(std::move(error));
            }
            return it->get<std::string>();
        }
    }
    return kDefaultProfile;
}

// Fills in the source line of a template error when the stage that raised it did not have
// the source at hand (the markup stage works on evaluated text). Only template errors: the
// position of any other error is in a file that is not a template (the data's, a profile's).
void add_source_line(Error& error, const tmpl::SourceLoader& loader) {
    const bool template_error = error.kind == ErrorKind::template_syntax || error.kind == ErrorKind::template_eval;
    if (!template_error || !error.source_line.empty() || !error.where.known() || error.where.file.empty()) return;
    std::optional<std::string> source;
    try {
        source = loader.read(error.where.file);
    } catch (const Failure&) {
        return; // the error stands without its line
    }
    if (!source) return;
    std::istringstream lines(*source);
    std::string line;
    for (std::uint32_t n = 1; std::getline(lines, line); ++n) {
        if (n == error.where.line) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            error.source_line = line;
            return;
        }
    }
}

Error internal_error(const std::exception& e) {
    Error error;
    error.kind = ErrorKind::internal;
    error.message = msg("engine.internal-error", "internal error: {reason}", {{"reason", Message::verbatim(e.what())}});
    return error;
}

std::string folder_list(const std::vector<std::filesystem::path>& dirs) {
    std::string list;
    for (const auto& dir : dirs) list += (list.empty() ? "" : ", ") + dir.string();
    return list;
}

// The fixed creation date, read once for every format alike; nullopt when it is fine.
std::optional<Error> fixed_date_problem(const std::string& text) {
    if (text.empty()) return std::nullopt;
    try {
        docx::parse_iso8601(text);
        return std::nullopt;
    } catch (const Failure&) {
        Error error;
        error.kind = ErrorKind::usage;
        error.message = msg("engine.bad-fixed-date", "the fixed creation date '{date}' is not a date (ISO 8601)", {{"date", text}});
        error.hint = msg("engine.bad-fixed-date-hint", "write it as 2019-03-25, 2019-03-25T08:00:00Z or 2019-03-25T08:00:00+07:00");
        return error;
    }
}

// What the request says about the data: --draft is "draft": true (a later stage never has
// to ask where a setting came from). Data that is not an object is left for the schema.
nlohmann::json with_request(nlohmann::json data, const RenderOptions& options) {
    if (options.draft && data.is_object()) data["draft"] = true;
    return data;
}

EngineOptions with_defaults(EngineOptions options) {
    if (options.template_dirs.empty()) options.template_dirs.push_back(installed_template_dir());
    // Both writers get it in one form, UTC, whatever form it was given in.
    if (!options.fixed_creation_date.empty() && !fixed_date_problem(options.fixed_creation_date))
        options.fixed_creation_date = docx::format_w3cdtf(docx::parse_iso8601(options.fixed_creation_date));
    return options;
}

} // namespace

std::filesystem::path installed_template_dir() { return engine::installed_data_dir() / "templates"; }

std::optional<Error> check_engine_options(const EngineOptions& options) {
    return fixed_date_problem(options.fixed_creation_date);
}

const char* format_name(Format format) {
    switch (format) {
    case Format::pdf: return "pdf";
    case Format::docx: return "docx";
    case Format::model: return "model";
    case Format::fields: return "fields";
    case Format::metadata: return "metadata";
    case Format::metadata_xml: return "metadata-xml";
    }
    return "pdf";
}

bool parse_format(std::string_view name, Format& format) {
    if (name == "pdf") format = Format::pdf;
    else if (name == "docx") format = Format::docx;
    else if (name == "model" || name == "json") format = Format::model;
    else if (name == "fields") format = Format::fields;
    else if (name == "metadata") format = Format::metadata;
    else if (name == "metadata-xml") format = Format::metadata_xml;
    else return false;
    return true;
}

const char* format_extension(Format format) {
    switch (format) {
    case Format::pdf: return ".pdf";
    case Format::docx: return ".docx";
    case Format::model: return ".json";
    case Format::fields: return ".fields.json";
    case Format::metadata: return ".metadata.json";
    case Format::metadata_xml: return ".metadata.xml";
    }
    return "";
}

std::optional<Format> format_for_path(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    const std::size_t slash = path.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
    std::string extension(path.substr(dot));
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (Format format : {Format::pdf, Format::docx, Format::model})
        if (extension == format_extension(format)) return format;
    return std::nullopt;
}

std::string json_path_member(std::string_view path, std::string_view key) {
    return text::JsonPath::written(std::string(path)).add_key(key).text();
}

std::string json_path_item(std::string_view path, std::size_t index) {
    return text::JsonPath::written(std::string(path)).add_index(index).text();
}

struct Engine::Impl {
    // What is wrong with the options themselves: every call reports it, whatever it asks.
    // (First: it is read from the options before they are taken over.)
    std::optional<Error> options_error;
    EngineOptions options;
    std::shared_ptr<tmpl::DirectoryLoader> loader;
    tmpl::Library library;
    tmpl::Limits limits;
    engine::Writers writers;

    mutable std::mutex profiles_mutex;
    mutable std::map<std::string, std::shared_ptr<const model::Profile>> profiles;
    // Compiled schemas by template folder; nullptr for a template without one.
    mutable std::mutex schemas_mutex;
    mutable std::map<std::string, std::shared_ptr<const schema::Schema>> schemas;

    explicit Impl(EngineOptions opts)
        : options_error(fixed_date_problem(opts.fixed_creation_date)),
          options(with_defaults(std::move(opts))),
          loader(std::make_shared<tmpl::DirectoryLoader>(options.template_dirs)),
          library(loader),
          writers(options.font_dirs) {
        limits.max_include_depth = options.max_include_depth;
        limits.max_call_depth = options.max_call_depth;
        limits.max_loop_iterations = options.max_loop_iterations;
        limits.max_output_bytes = options.max_output_bytes;
        limits.max_evaluation_steps = options.max_evaluation_steps;
    }

    std::shared_ptr<const model::Profile> profile(const std::string& name) const {
        std::lock_guard lock(profiles_mutex);
        if (auto it = profiles.find(name); it != profiles.end()) return it->second;
        if (!valid_profile_name(name))
            throw Failure(ErrorKind::data, msg("engine.bad-profile-name",
                                               "the profile name '{name}' is not valid (letters, digits, '-' and '_')",
                                               {{"name", name}}));
        for (const auto& dir : options.template_dirs) {
            const auto path = dir / "_profiles" / (name + ".json");
            if (std::filesystem::exists(path)) {
                auto loaded = std::make_shared<const model::Profile>(model::load_profile_file(path));
                profiles.emplace(name, loaded);
                return loaded;
            }
        }
        throw Failure(ErrorKind::resource,
                      msg("engine.no-profile", "no profile '{name}' (looked for _profiles/{name}.json in {folders})",
                          {{"name", name}, {"folders", folder_list(options.template_dirs)}}));
    }

    // The parsed template; a missing one is reported with the folders searched, since the
    // folders may have been chosen by default (installed_template_dir()).
    std::shared_ptr<const tmpl::Template> template_named(const std::string& template_name) const {
        const std::string path = template_path(template_name);
        try {
            return library.get(path); // cached after the first call: no disk access
        } catch (const Failure& failure) {
            if (failure.error().kind != ErrorKind::resource || loader->read(path)) throw;
            throw Failure(ErrorKind::resource,
                          msg("engine.no-template", "no template '{name}' (looked for {path} in {folders})",
                              {{"name", template_name}, {"path", path}, {"folders", folder_list(options.template_dirs)}}));
        }
    }

    std::shared_ptr<const schema::Schema> schema_of(const std::string& template_name) const {
        // The name as the user gave it is checked first, so that "../t" is refused as
        // itself and not as the "../schema.json" derived from it.
        if (std::optional<tmpl::NameProblem> problem = tmpl::template_name_problem(template_path(template_name)))
            throw Failure(problem->error(ErrorKind::resource));
        const std::string folder = template_folder(template_name);
        std::lock_guard lock(schemas_mutex);
        if (auto it = schemas.find(folder); it != schemas.end()) return it->second;
        std::shared_ptr<const schema::Schema> compiled;
        const std::string name = folder + "/" + kSchemaFile;
        if (std::optional<std::string> text = loader->read(name)) {
            const nlohmann::json document = engine::parse_data(*text, name);
            compiled = std::make_shared<const schema::Schema>(schema::Schema::compile(document, name));
        }
        schemas.emplace(folder, compiled);
        return compiled;
    }

    std::vector<schema::Problem> problems_of(const std::string& template_name, const nlohmann::json& data) const {
        auto compiled = schema_of(template_name);
        return compiled ? compiled->validate(data) : std::vector<schema::Problem>{};
    }

    // Schema first, so that data that does not fit is told apart from a template failing.
    model::Document build_valid(const std::string& template_name, const nlohmann::json& data,
                                const RenderOptions& options, std::vector<Warning>& warnings) const {
        if (auto problems = problems_of(template_name, data); !problems.empty())
            throw Failure(validation_error(problems, options.data_name));
        return build(template_name, data, options, warnings);
    }

    // The markup stage. Tables and charts of figures read the data there: an error at a JSON
    // path is in the data file, which that stage does not know by name.
    static model::Document build_blocks(const tmpl::Output& output, const model::Profile& profile,
                                        const markup::BuildOptions& build_options, const RenderOptions& options) {
        try {
            return markup::build_document(output.fragments(), profile, build_options);
        } catch (Failure& failure) {
            Error& error = failure.error();
            if (!error.json_path.empty() && error.where.file.empty()) error.where.file = options.data_name;
            throw;
        }
    }

    model::Document build(const std::string& template_name, const nlohmann::json& data,
                          const RenderOptions& options, std::vector<Warning>& warnings) const {
        const std::string profile_name = profile_name_for(data, options);
        auto profile_ptr = profile(profile_name);
        auto root = template_named(template_name);
        // What the engine tells the template: the profile in force, whichever way it was chosen.
        const nlohmann::json globals = {{"vanban", {{"profile", profile_name}, {"version", VANBAN_VERSION}}}};
        tmpl::Output output;
        tmpl::evaluate(*root, data, library, output, limits, &globals);
        const engine::DataFolder files(options.data_dir, this->options.max_data_bytes);
        const markup::BuildOptions build_options{&files, this->options.max_table_rows, this->options.max_table_columns};
        model::Document document = build_blocks(output, *profile_ptr, build_options, options);
        engine::load_images(document, data, {options.data_dir, this->options.max_image_bytes, options.data_name});
        engine::check_model_limits(document, {this->options.max_table_rows, this->options.max_table_columns});
        if (options.appendix > 0) engine::keep_appendix_alone(document, options.appendix);
        document.metadata.created = creation_date(options);
        // A Warning holds its text in English until it carries a Message of its own.
        for (const Message& message : writers.fit_lines(document)) warnings.push_back(Warning{"", message});
        for (const Message& message : writers.fit_tables(document)) warnings.push_back(Warning{"", message});
        return document;
    }

    // The document's fixed creation date in UTC, the render's own or else the engine's; empty:
    // the time of writing.
    std::string creation_date(const RenderOptions& render) const {
        if (render.fixed_creation_date.empty()) return options.fixed_creation_date;
        if (std::optional<Error> problem = fixed_date_problem(render.fixed_creation_date)) throw Failure(std::move(*problem));
        return docx::format_w3cdtf(docx::parse_iso8601(render.fixed_creation_date));
    }

    // The data text as JSON, through the one way in (engine/data_reader.hpp).
    nlohmann::json read(std::string_view data_json, const RenderOptions& render_options,
                        std::vector<Warning>& warnings) const {
        return with_request(engine::read_data(data_json, data_source(render_options), engine::data_limits(options), &warnings),
                            render_options);
    }

    // JSON the caller built, through the same checks.
    nlohmann::json adopt(nlohmann::json data, const RenderOptions& render_options, std::vector<Warning>& warnings) const {
        return with_request(
            engine::adopt_data(std::move(data), data_source(render_options), engine::data_limits(options), &warnings),
            render_options);
    }

    static engine::DataSource data_source(const RenderOptions& render_options) {
        return {render_options.data_name, render_options.input_encoding};
    }

    std::string write(const model::Document& document, Format format, std::vector<Warning>& warnings) const {
        std::string bytes = write_unchecked(document, format, warnings);
        if (bytes.size() > options.max_document_bytes)
            throw Failure(ErrorKind::limit,
                          msg("engine.document-too-large",
                              "the {format} document has {bytes} bytes, more than {most} (max_document_bytes)",
                              {{"format", format_name(format)}, {"bytes", bytes.size()}, {"most", options.max_document_bytes}}));
        return bytes;
    }

    // The date a model carries (build() put the render's or the engine's there), else the
    // engine's, for a model made elsewhere.
    const std::string& creation_date(const model::Document& document) const {
        return document.metadata.created.empty() ? options.fixed_creation_date : document.metadata.created;
    }

    std::string write_unchecked(const model::Document& document, Format format, std::vector<Warning>& warnings) const {
        switch (format) {
        case Format::model: return writers.model_json_text(document) + "\n";
        case Format::fields: return writers.fields_json(document).dump(2) + "\n";
        case Format::metadata: return model::record_json(document, writers.page_count(document)).dump(2) + "\n";
        case Format::metadata_xml: return model::record_xml(document, writers.page_count(document));
        case Format::pdf: {
            std::vector<Message> found;
            std::string bytes = writers.pdf(document, creation_date(document), &found);
            for (Message& message : found) warnings.push_back(Warning{"", std::move(message)});
            return bytes;
        }
        case Format::docx: return writers.docx(document, creation_date(document));
        }
        return {};
    }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Engine::~Engine() = default;

const EngineOptions& Engine::options() const { return impl_->options; }

// Runs one API call, turning whatever it throws into an error value: the public API never
// throws. Template errors get their source line here, where the sources are at hand.
template <class Call>
std::optional<Error> Engine::guarded(Call&& call) const {
    if (impl_->options_error) return impl_->options_error;
    try {
        call();
        return std::nullopt;
    } catch (Failure& failure) {
        add_source_line(failure.error(), *impl_->loader);
        return std::move(failure.error());
    } catch (const std::bad_alloc&) {
        Error error;
        error.kind = ErrorKind::limit;
        error.message = msg("limit.out-of-memory", "out of memory");
        return error;
    } catch (const std::exception& e) {
        return internal_error(e);
    }
}

ModelResult Engine::build_model(const std::string& template_name, std::string_view data_json,
                                const RenderOptions& options) const {
    ModelResult result;
    auto error = guarded([&] {
        result.document = impl_->build_valid(template_name, impl_->read(data_json, options, result.warnings), options,
                                              result.warnings);
    });
    result.ok = !error;
    if (error) result.error = std::move(*error);
    return result;
}

namespace {

RenderResult write_model(const Engine& engine, ModelResult model, Format format) {
    RenderResult result;
    if (!model) result.error = std::move(model.error);
    else result = engine.write(model.document, format);
    // The data's and the model's warnings first, then the writer's.
    result.warnings.insert(result.warnings.begin(), std::make_move_iterator(model.warnings.begin()),
                           std::make_move_iterator(model.warnings.end()));
    return result;
}

} // namespace

RenderResult Engine::render(const std::string& template_name, std::string_view data_json,
                            Format format, const RenderOptions& options) const {
    return write_model(*this, build_model(template_name, data_json, options), format);
}

Status Engine::render(const std::string& template_name, std::string_view data_json, Format format,
                      std::ostream& out, const RenderOptions& options) const {
    RenderResult rendered = render(template_name, data_json, format, options);
    Status status;
    if (!rendered) {
        status.error = std::move(rendered.error);
        return status;
    }
    // A stream set to throw would let an exception out of the API: catch it like the rest.
    auto error = guarded([&] {
        out.write(rendered.bytes.data(), static_cast<std::streamsize>(rendered.bytes.size()));
        out.flush();
        if (!out)
            throw Failure(ErrorKind::output, msg("output.stream-refused", "the output stream did not accept the document"));
    });
    if (error) {
        if (error->kind == ErrorKind::internal) error->kind = ErrorKind::output;
        status.error = std::move(*error);
    }
    status.ok = !error;
    return status;
}

RenderResult Engine::write(const model::Document& document, Format format) const {
    RenderResult result;
    auto error = guarded([&] { result.bytes = impl_->write(document, format, result.warnings); });
    result.ok = !error;
    if (error) result.error = std::move(*error);
    return result;
}

ValidationResult Engine::validate(const std::string& template_name, std::string_view data_json,
                                  const RenderOptions& options) const {
    ValidationResult result;
    auto error = guarded([&] {
        const nlohmann::json data = impl_->read(data_json, options, result.warnings);
        for (schema::Problem& p : impl_->problems_of(template_name, data))
            result.problems.push_back(DataProblem{std::move(p.json_path), std::move(p.message)});
        if (result.problems.empty()) impl_->build(template_name, data, options, result.warnings);
    });
    if (!error && !result.problems.empty()) {
        std::vector<schema::Problem> problems;
        for (const DataProblem& p : result.problems) problems.push_back({p.json_path, p.message});
        error = validation_error(problems, options.data_name);
    }
    result.ok = !error;
    if (error) result.error = std::move(*error);
    return result;
}

std::optional<Error> Engine::check_template(const std::string& template_name) const {
    return guarded([&] { impl_->template_named(template_name); });
}

// What engine/parsed_data.hpp needs of an Engine's insides.
struct engine_internal::Access {
    static ModelResult build_model_parsed(const Engine& engine, const std::string& template_name, nlohmann::json data,
                                          const RenderOptions& options) {
        ModelResult result;
        const Engine::Impl& impl = *engine.impl_;
        auto error = engine.guarded([&] {
            result.document = impl.build_valid(template_name, impl.adopt(std::move(data), options, result.warnings),
                                               options, result.warnings);
        });
        result.ok = !error;
        if (error) result.error = std::move(*error);
        return result;
    }
};

namespace engine {

ModelResult build_model_parsed(const Engine& engine, const std::string& template_name, nlohmann::json data,
                               const RenderOptions& options) {
    return engine_internal::Access::build_model_parsed(engine, template_name, std::move(data), options);
}

RenderResult render_parsed(const Engine& engine, const std::string& template_name, const nlohmann::json& data,
                           Format format, const RenderOptions& options) {
    return write_model(engine, build_model_parsed(engine, template_name, data, options), format);
}

} // namespace engine

} // namespace vanban
