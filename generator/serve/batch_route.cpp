// POST /v1/batch/{name}: shared data and records in (a form upload), a ZIP of the documents
// and the manifest out, streamed while the batch runs (serve/batch_stream.hpp).
#include <stdlib.h>

#include <fstream>

#include "engine/render_settings.hpp"
#include "serve/batch_stream.hpp"
#include "serve/download_name.hpp"
#include "serve/problem.hpp"
#include "serve/server_impl.hpp"
#include "text/utf8.hpp"

namespace vanban::serve {

namespace fs = std::filesystem;

namespace {

// Folders come only from the pattern's own text (batch makes sure of that for what the
// data prints); that text must stay inside the batch's folder.
bool is_relative_pattern(const std::string& pattern) {
    if (pattern.empty() || pattern.front() == '/' || pattern.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = pattern.find('/', start);
        const std::string segment = pattern.substr(start, slash - start);
        if (segment == ".." || segment == "." || (segment.empty() && slash != std::string::npos)) return false;
        if (slash == std::string::npos) return true;
        start = slash + 1;
    }
}

// The records' form: from the uploaded file's name, else its media type, else read from
// its first character.
std::pair<RecordsFormat, const char*> records_format_of(const httplib::MultipartFormData& part) {
    const std::string name = text::to_lower(part.filename);
    const std::string type = text::to_lower(part.content_type);
    if (name.ends_with(".csv") || type.starts_with("text/csv")) return {RecordsFormat::csv, "records.csv"};
    if (name.ends_with(".jsonl") || name.ends_with(".ndjson") || type.starts_with("application/x-ndjson") ||
        type.starts_with("application/jsonl"))
        return {RecordsFormat::json_lines, "records.jsonl"};
    if (name.ends_with(".json") || type.starts_with("application/json")) return {RecordsFormat::json_array, "records.json"};
    return {RecordsFormat::automatic, "records"};
}

std::optional<fs::path> make_private_folder() {
    std::error_code error;
    std::string pattern = (fs::temp_directory_path(error) / "vanban-batch-XXXXXX").string();
    if (error || ::mkdtemp(pattern.data()) == nullptr) return std::nullopt;
    return fs::path(pattern);
}

bool write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out.flush());
}

} // namespace

std::optional<BatchOptions> Server::Impl::batch_options(const httplib::Request& request, httplib::Response& response,
                                                        const std::string& name) {
    BatchOptions batch;
    batch.template_name = name;
    batch.output_pattern = "{{ vanban.record }}";
    batch.workers = static_cast<unsigned>(queue.workers());
    for (const auto& [key, value] : request.params) {
        bool known = true;
        if (key == "format") {
            std::size_t start = 0;
            for (;;) {
                const std::size_t comma = value.find(',', start);
                Format format = Format::pdf;
                known = known && parse_format(value.substr(start, comma - start), format);
                batch.formats.push_back(format);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else if (key == "output") {
            known = is_relative_pattern(value);
            batch.output_pattern = value;
        } else if (key == "profile") {
            known = has_profile(engine.options().template_dirs, value);
            batch.render.profile = value;
        } else if (key == "input_encoding" || key == "draft" || key == "fixed_date" || key == "appendix") {
            // As a render reads them (engine/render_settings.hpp), refused in the same words.
            engine::RenderRequest render{Format::pdf, batch.render};
            if (std::optional<engine::SettingProblem> problem = engine::set_render_setting(key, value, render)) {
                send_bad_parameter(request, response, key, problem->message, problem->hint);
                return std::nullopt;
            }
            batch.render = render.options;
        } else if (key == "key") {
            known = !value.empty();
            batch.key_fields.push_back(value);
        } else if (key == "strip") {
            known = !value.empty();
            batch.strip_fields.push_back(value);
        } else {
            send_unknown_parameter(request, response, key,
                                   msg("serve.batch-parameters.hint",
                                       "the parameters are format, output, profile, input_encoding, draft, fixed_date, "
                                       "appendix, key and strip"));
            return std::nullopt;
        }
        if (!known && value.empty()) { // ?output=: a value gone missing, not the default
            const engine::SettingProblem empty = engine::empty_setting_problem();
            send_bad_parameter(request, response, key, empty.message, empty.hint);
            return std::nullopt;
        }
        if (!known) {
            send_bad_parameter(request, response, key,
                               msg("serve.not-a-value", "'{value}' is not one of its values", {{"value", value}}),
                               msg("serve.batch-bad-parameter.hint",
                                   "format: pdf, docx or model, or a list (pdf,docx); output: a file name pattern in the "
                                   "template language, its folders relative and without '..'"));
            return std::nullopt;
        }
    }
    if (batch.formats.empty()) batch.formats = {Format::pdf};
    return batch;
}

void Server::Impl::batch(const httplib::Request& request, httplib::Response& response) {
    std::optional<TemplateInfo> info = template_of(request, response);
    if (!info) return;
    if (!request.is_multipart_form_data() || !request.has_file("records"))
        return send_problem(request, response, 415,
                            msg("serve.batch-not-form", "a batch is a form upload (multipart/form-data) with a part named 'records'"),
                            msg("serve.batch-not-form.hint",
                                "curl -F records=@branches.csv -F data=@shared.json URL; 'data' (the shared data, JSON) may be left out"));
    std::optional<BatchOptions> options_asked = batch_options(request, response, info->name);
    if (!options_asked) return;
    bool idle = false;
    if (!batch_running.compare_exchange_strong(idle, true)) {
        response.set_header("Retry-After", "10");
        return send_problem(request, response, 503, msg("serve.batch-busy", "another batch is running; one runs at a time"));
    }
    // From here on, the flag is lowered when the batch (and its response) is done.
    auto running = std::shared_ptr<bool>(new bool(true), [this](bool* flag) {
        delete flag;
        batch_running = false;
    });
    std::optional<fs::path> folder = make_private_folder();
    const httplib::MultipartFormData records = request.get_file_value("records");
    const auto [records_format, records_name] = records_format_of(records);
    if (!folder || !fs::create_directory(*folder / "out") || !write_file(*folder / records_name, records.content)) {
        if (folder) fs::remove_all(*folder);
        return send_problem(request, response, 500,
                            msg("serve.batch-no-folder", "no temporary folder could be made for the batch"));
    }
    BatchOptions& batch_asked = *options_asked;
    batch_asked.records = *folder / records_name;
    batch_asked.records_format = records_format;
    batch_asked.shared_json = request.has_file("data") ? request.get_file_value("data").content : "{}";
    batch_asked.output_pattern = (*folder / "out").string() + "/" + batch_asked.output_pattern;
    batch_asked.manifest = *folder / "manifest.json";
    auto stream = std::make_shared<BatchStream>(engine, std::move(batch_asked), *folder);
    {
        std::lock_guard lock(batch_mutex);
        active_batch = stream;
    }
    if (std::optional<Error> error = stream->start())
        return send_problem(response, problem(*error, language(request)));
    response.status = 200;
    response.set_header("Content-Disposition", content_disposition(info->name + ".zip"));
    response.set_header("Cache-Control", "no-store");
    response.set_chunked_content_provider(
        "application/zip",
        [stream](std::size_t, httplib::DataSink& sink) {
            std::optional<std::string> bytes = stream->next_bytes();
            if (!bytes) {
                sink.done();
                return true;
            }
            return sink.write(bytes->data(), bytes->size());
        },
        [stream, running](bool complete) {
            if (!complete) stream->cancel();
        });
}

void Server::Impl::cancel_batch() {
    std::lock_guard lock(batch_mutex);
    if (std::shared_ptr<BatchStream> stream = active_batch.lock()) stream->cancel();
}

} // namespace vanban::serve
