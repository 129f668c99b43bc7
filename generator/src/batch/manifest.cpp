#include "batch/manifest.hpp"

#include <fstream>
#include <iterator>

#include "vanban/error.hpp"

namespace vanban::batch {

namespace fs = std::filesystem;

namespace {

nlohmann::ordered_json error_json(const Error& error) {
    nlohmann::ordered_json json = {{"kind", kind_name(error.kind)}, {"code", error.message.code()}, {"message", error.message.text()}};
    if (!error.json_path.empty()) json["json_path"] = error.json_path;
    if (!error.hint.empty()) json["hint"] = error.hint.text();
    if (!error.where.file.empty() && error.where.known()) {
        json["file"] = error.where.file;
        json["line"] = error.where.line;
        if (error.where.column) json["column"] = error.where.column;
    }
    return json;
}

} // namespace

nlohmann::ordered_json manifest_entry(const RecordReport& report, const std::string& input_sha256) {
    nlohmann::ordered_json entry = {{"record", report.record}, {"status", status_name(report.status)}};
    nlohmann::ordered_json keys = nlohmann::ordered_json::object();
    for (const auto& [path, value] : report.keys) keys[path] = value;
    entry["keys"] = std::move(keys);
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    for (const OutputReport& output : report.outputs) {
        nlohmann::ordered_json item = {{"format", format_name(output.format)}, {"path", output.path}};
        if (report.status != RecordStatus::failed) {
            item["size"] = output.size;
            item["sha256"] = output.sha256;
        }
        outputs.push_back(std::move(item));
    }
    entry["outputs"] = std::move(outputs);
    if (!input_sha256.empty()) entry["input_sha256"] = input_sha256;
    if (report.status == RecordStatus::failed) {
        entry["error"] = error_json(report.error);
        entry["error"]["text"] = report.describe();
    }
    return entry;
}

ManifestWriter::ManifestWriter(fs::path path, const nlohmann::ordered_json& about, const engine::OutputOptions& options)
    : path_(std::move(path)) {
    file_ = std::make_unique<engine::AtomicFile>(path_, options);
    std::string head = "{\n";
    for (auto it = about.begin(); it != about.end(); ++it)
        head += "  " + nlohmann::ordered_json(it.key()).dump() + ": " + it.value().dump() + ",\n";
    head += "  \"records\": [";
    file_->write(head);
}

ManifestWriter::~ManifestWriter() = default;

void ManifestWriter::add(const RecordReport& report, const std::string& input_sha256) {
    add_entry(manifest_entry(report, input_sha256));
}

void ManifestWriter::add_entry(const nlohmann::ordered_json& entry) {
    // One record per line: the file stays readable with grep and line-oriented tools.
    file_->write((first_record_ ? "\n    " : ",\n    ") + entry.dump());
    first_record_ = false;
}

void ManifestWriter::finish(const nlohmann::ordered_json& summary) {
    file_->write(std::string(first_record_ ? "" : "\n  ") + "],\n  \"summary\": " + summary.dump() + "\n}\n");
    file_->commit();
    file_.reset();
}

std::optional<std::size_t> record_number(const nlohmann::json& entry) {
    if (!entry.is_object() || !entry.contains("record") || !entry["record"].is_number_unsigned()) return std::nullopt;
    return entry["record"].get<std::size_t>();
}

std::optional<PreviousRecord> previous_record(const nlohmann::json& entry) {
    const std::string status = entry.value("status", "");
    if (status != "written" && status != "skipped") return std::nullopt;
    PreviousRecord record;
    record.input_sha256 = entry.value("input_sha256", "");
    for (const nlohmann::json& output : entry.value("outputs", nlohmann::json::array())) {
        if (!output.is_object()) continue;
        OutputReport report;
        parse_format(output.value("format", ""), report.format);
        report.path = output.value("path", "");
        report.size = output.value("size", std::uint64_t{0});
        report.sha256 = output.value("sha256", "");
        record.outputs.push_back(std::move(report));
    }
    return record;
}

std::map<std::size_t, PreviousRecord> read_previous_manifest(const fs::path& path) {
    std::map<std::size_t, PreviousRecord> previous;
    std::ifstream in(path, std::ios::binary);
    if (!in) return previous;
    nlohmann::json manifest = nlohmann::json::parse(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(),
                                                    nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object() || !manifest.contains("records") ||
        !manifest["records"].is_array())
        throw Failure(ErrorKind::data, msg("batch.not-a-manifest", "{file} is not a vanban batch manifest",
                                           {{"file", path.string()}}));
    for (const nlohmann::json& entry : manifest["records"])
        if (std::optional<std::size_t> number = record_number(entry))
            if (std::optional<PreviousRecord> record = previous_record(entry)) previous[*number] = std::move(*record);
    return previous;
}

} // namespace vanban::batch
