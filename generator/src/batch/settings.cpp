#include "batch/settings.hpp"

#include <algorithm>
#include <thread>

#include "batch/fields.hpp"
#include "batch/fingerprint.hpp"
#include "batch/manifest.hpp"
#include "batch/sha256.hpp"
#include "engine/data_file.hpp"
#include "engine/data_reader.hpp"

namespace vanban::batch {

namespace {

namespace fs = std::filesystem;

// Merged records in memory at once take at most this, whatever -j says (but one is always
// allowed): a batch over shared data near the data limits stays within a pod's memory.
constexpr std::size_t kMergedDataBudget = 192u << 20;

// Rendering threads per core beyond which -j is capped: more only wait for the cores.
constexpr unsigned kThreadsPerCore = 8;

[[noreturn]] void usage(Message message) { throw Failure(ErrorKind::usage, std::move(message)); }

void check_paths(const std::vector<std::string>& fields, const char* option) {
    for (const std::string& field : fields)
        if (!is_field_path(field))
            usage(msg("batch.not-a-field-path",
                      "{option} '{field}' is not a field path (names joined by dots, a list item as name[0], any "
                      "other key as name[\"a-b\"])",
                      {{"option", option}, {"field", field}}));
}

void check_options(const BatchOptions& options) {
    if (options.template_name.empty()) usage(msg("batch.no-template", "no template given"));
    if (options.records.empty()) usage(msg("batch.no-records", "no records file given"));
    if (options.shard_count == 0 || options.shard_index == 0 || options.shard_index > options.shard_count) {
        Error error;
        error.kind = ErrorKind::usage;
        error.message = msg("batch.no-such-shard", "shard {index}/{count} does not exist: shards are numbered 1/N to N/N",
                            {{"index", options.shard_index}, {"count", options.shard_count}});
        error.hint = msg("batch.no-such-shard-hint", "with a 0-based index such as JOB_COMPLETION_INDEX, give $((JOB_COMPLETION_INDEX + 1))/N");
        throw Failure(std::move(error));
    }
    check_paths(options.key_fields, "--key");
    check_paths(options.strip_fields, "--strip");
}

std::vector<Format> output_formats(const BatchOptions& options, const OutputPattern& pattern) {
    std::vector<Format> formats;
    for (Format format : options.formats)
        if (std::find(formats.begin(), formats.end(), format) == formats.end()) formats.push_back(format);
    if (!formats.empty()) return formats;
    if (std::optional<Format> format = pattern.format_from_extension()) return {*format};
    Error error;
    error.kind = ErrorKind::usage;
    error.message = msg("batch.no-format", "cannot tell the format from the output pattern \"{pattern}\"",
                        {{"pattern", options.output_pattern}});
    error.hint = msg("batch.no-format-hint", "end it with .pdf, .docx or .json, or give the formats (-f)");
    throw Failure(std::move(error));
}

std::string shared_data_name(const BatchOptions& options) {
    if (options.shared_data.empty()) return "shared data";
    return options.shared_data == "-" ? "<stdin>" : options.shared_data.string();
}

// The shared data, through the engine's one way in: the same encodings, limits and warnings
// as the data of `vanban render`.
nlohmann::json read_shared_data(const Engine& engine, const BatchOptions& options, std::vector<Warning>& warnings) {
    const engine::DataLimits limits = engine::data_limits(engine.options());
    const std::string name = shared_data_name(options);
    std::string text = options.shared_json.empty() ? "{}" : options.shared_json;
    if (!options.shared_data.empty()) text = engine::read_data_file(options.shared_data.string(), limits.max_data_bytes);
    nlohmann::json shared = engine::read_data(text, {name, options.render.input_encoding}, limits, &warnings);
    if (!shared.is_object()) {
        Error error;
        error.kind = ErrorKind::data;
        error.where.file = name;
        error.message = msg("batch.shared-not-object", "the shared data must be a JSON object (the fields every record starts from)");
        throw Failure(std::move(error));
    }
    return shared;
}

// "shared.json: header.issuer: looks like TCVN3 text shown as Latin-1; …"
Message warning_about(const std::string& data_name, const Warning& warning) {
    const Message& problem = warning.message;
    if (warning.json_path.empty()) return msg("batch.data-warning", "{data}: {problem}", {{"data", data_name}, {"problem", problem}});
    return msg("batch.data-warning-at", "{data}: {path}: {problem}",
               {{"data", data_name}, {"path", warning.json_path}, {"problem", problem}});
}

fs::path manifest_path(const BatchOptions& options, const OutputPattern& pattern) {
    if (!options.manifest.empty()) return options.manifest;
    const std::string name = options.shard_count == 1 ? std::string("manifest.json")
                                                      : "manifest-" + std::to_string(options.shard_index) + "-of-" +
                                                            std::to_string(options.shard_count) + ".json";
    return pattern.base_folder() / name;
}

// The same for every run of this batch (the manifest is its name), different for each shard.
std::string owner_tag(const fs::path& manifest) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(manifest, ec).lexically_normal();
    return sha256_hex(absolute.string()).substr(0, 12);
}

// -j beyond what the machine can have is capped, with a word, never an abort.
unsigned worker_count(const BatchOptions& options, std::vector<Message>& warnings) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (options.workers == 0) return cores;
    const unsigned most = cores * kThreadsPerCore;
    if (options.workers <= most) return options.workers;
    warnings.push_back(msg("batch.jobs-capped", "-j {asked}: {most} rendering threads instead ({per_core} per core; more would only wait for the cores)",
                           {{"asked", options.workers}, {"most", most}, {"per_core", kThreadsPerCore}}));
    return most;
}

std::vector<std::string> naming_roots(const RunSettings& settings) {
    std::vector<std::string> roots;
    for (const std::vector<std::string>* paths : {&settings.pattern->fields(), &settings.key_fields})
        for (const std::string& path : *paths)
            if (std::string root = root_of(path); !root.empty() && std::find(roots.begin(), roots.end(), root) == roots.end())
                roots.push_back(std::move(root));
    return roots;
}

} // namespace

RunSettings make_settings(const Engine& engine, const BatchOptions& options) {
    check_options(options);
    if (std::optional<Error> problem = check_engine_options(engine.options())) throw Failure(*problem);
    RunSettings settings;
    if (std::optional<Error> problem = engine.check_template(options.template_name)) throw Failure(*problem);
    settings.pattern.emplace(options.output_pattern);
    settings.formats = output_formats(options, *settings.pattern);
    std::vector<Warning> shared_warnings;
    settings.shared = read_shared_data(engine, options, shared_warnings);
    for (const Warning& warning : shared_warnings)
        settings.warnings.push_back(warning_about(shared_data_name(options), warning));
    settings.key_fields = options.key_fields.empty() ? settings.pattern->fields() : options.key_fields;
    settings.manifest = manifest_path(options, *settings.pattern);
    settings.owner_tag = owner_tag(settings.manifest);
    settings.fingerprint = inputs_fingerprint(engine.options(), options.template_name, options.render);
    const std::string shared_text = settings.shared.dump();
    settings.shared_sha256 = sha256_hex(shared_text);
    Sha256 inputs;
    inputs.add(settings.fingerprint).add("\n").add(shared_text).add("\n");
    for (const std::string& field : options.strip_fields) inputs.add("strip ").add(field).add("\n");
    settings.inputs = inputs.hex();
    settings.workers = worker_count(options, settings.warnings);
    settings.naming_roots = naming_roots(settings);
    settings.data_slots = std::clamp<std::size_t>(kMergedDataBudget / memory_estimate(settings.shared), 1, settings.workers);
    return settings;
}

nlohmann::ordered_json manifest_about(const BatchOptions& options, const RunSettings& settings) {
    nlohmann::ordered_json formats = nlohmann::ordered_json::array();
    for (Format format : settings.formats) formats.push_back(format_name(format));
    return {
        {"vanban_manifest", kManifestVersion},
        {"vanban_version", VANBAN_VERSION},
        {"template", options.template_name},
        {"profile", options.render.profile},
        {"records_file", options.records.string()},
        {"output_pattern", options.output_pattern},
        {"formats", formats},
        {"shard", {{"index", options.shard_index}, {"count", options.shard_count}}},
        {"inputs_fingerprint", settings.fingerprint},
        // With the fingerprint, what makes the shards of a batch one job (vanban batch merge-manifests).
        {"shared_sha256", settings.shared_sha256},
        {"strip", options.strip_fields},
    };
}

std::size_t records_in_shard(std::size_t total, const BatchOptions& options) {
    if (total < options.shard_index) return 0;
    return (total - options.shard_index) / options.shard_count + 1;
}

} // namespace vanban::batch
