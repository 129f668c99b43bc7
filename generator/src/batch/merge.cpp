// Merging the manifests of a batch's shards (vanban batch merge-manifests): the manifest one
// run without --shard would have written, made only from shards that are provably one batch
// and together list every record once. Each check names the manifest at fault, so that an
// operator knows which shard to run again.
#include "vanban/batch.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "batch/manifest.hpp"
#include "engine/data_file.hpp"
#include "engine/output_files.hpp"

namespace vanban {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

// As --shard takes them.
constexpr unsigned kMostShards = 1'000'000;

struct Shard {
    fs::path path;
    ordered_json manifest;
    unsigned index = 0;
    unsigned count = 0;
    std::size_t records = 0; // as its summary counts them
};

// What makes shards one batch, as each manifest records it (docs/batch.md, "The manifest").
// Besides these: shard.count, and the records file's SHA-256 in the summary.
constexpr const char* kJobFields[] = {"vanban_version", "template",           "profile",       "records_file",
                                      "output_pattern", "formats",            "inputs_fingerprint",
                                      "shared_sha256",  "strip"};

[[noreturn]] void refuse(const fs::path& file, Message message, Message hint = {}) {
    Error error;
    error.kind = ErrorKind::data;
    error.where.file = file.string();
    error.message = std::move(message);
    error.hint = std::move(hint);
    throw Failure(std::move(error));
}

[[noreturn]] void not_a_manifest(const fs::path& file) {
    refuse(file, msg("batch.not-a-manifest", "{file} is not a vanban batch manifest", {{"file", file.string()}}));
}

bool is_count(const ordered_json& value) { return value.is_number_unsigned(); }

// A manifest as a finished shard wrote it: parsed, of this vanban's manifest version, with
// its shard, records and summary, and complete.
Shard read_shard(const fs::path& path) {
    Shard shard;
    shard.path = path;
    // As a data file is read (the same messages for a missing or unreadable file), without a
    // size limit: a manifest grows with its records.
    const std::string text = engine::read_data_file(path.string(), std::numeric_limits<std::size_t>::max() - 1);
    shard.manifest = ordered_json::parse(text, nullptr, false);
    const ordered_json& m = shard.manifest;
    if (m.is_discarded() || !m.is_object() || !m.contains("vanban_manifest")) not_a_manifest(path);
    if (m["vanban_manifest"] != batch::kManifestVersion)
        refuse(path, msg("batch.merge.manifest-version", "manifest version {version}: this vanban reads version {known}",
                         {{"version", m["vanban_manifest"].dump()}, {"known", batch::kManifestVersion}}));
    const ordered_json shard_field = m.value("shard", ordered_json());
    const ordered_json summary = m.value("summary", ordered_json());
    if (!shard_field.is_object() || !is_count(shard_field.value("index", ordered_json())) ||
        !is_count(shard_field.value("count", ordered_json())) || !m.value("records", ordered_json()).is_array() ||
        !summary.is_object())
        not_a_manifest(path);
    if (shard_field["count"] > kMostShards) not_a_manifest(path);
    shard.index = shard_field["index"].get<unsigned>();
    shard.count = shard_field["count"].get<unsigned>();
    if (shard.count == 0 || shard.index == 0 || shard.index > shard.count) not_a_manifest(path);
    if (summary.value("complete", false) != true || !is_count(summary.value("records", ordered_json())))
        refuse(path,
               msg("batch.merge.shard-unfinished", "shard {index} of {count} did not finish: its manifest lists only the records done when it stopped",
                   {{"index", shard.index}, {"count", shard.count}}),
               msg("batch.merge.shard-unfinished-hint", "run that shard again with the same command and --resume, then merge"));
    shard.records = summary["records"].get<std::size_t>();
    const std::size_t listed = m["records"].size();
    if (listed != shard.records)
        refuse(path, msg("batch.merge.shard-lists", "its summary counts {records} records, but it lists {listed}",
                         {{"records", shard.records}, {"listed", listed}}));
    return shard;
}

// A field of the manifest, as the messages show it: its JSON, or "(none)".
Message field_text(const ordered_json* value) {
    if (!value) return msg("batch.merge.no-value", "(none)");
    return Message::verbatim(value->dump());
}

const ordered_json* field(const ordered_json& manifest, std::string_view name) {
    if (name == "shard.count") return &manifest["shard"]["count"];
    if (name == "records_sha256") return manifest["summary"].contains("records_sha256") ? &manifest["summary"]["records_sha256"] : nullptr;
    const auto it = manifest.find(std::string(name));
    return it == manifest.end() ? nullptr : &*it;
}

// Every shard is of the first one's batch.
void check_one_batch(const std::vector<Shard>& shards) {
    const Shard& first = shards.front();
    std::vector<std::string> names(std::begin(kJobFields), std::end(kJobFields));
    names.insert(names.begin() + 1, "shard.count");
    names.push_back("records_sha256");
    for (const Shard& shard : shards) {
        for (const std::string& name : names) {
            const ordered_json* mine = field(shard.manifest, name);
            const ordered_json* theirs = field(first.manifest, name);
            if ((mine == nullptr) == (theirs == nullptr) && (!mine || *mine == *theirs)) continue;
            refuse(shard.path,
                   msg("batch.merge.other-batch", "not the same batch as {first}: its {field} is {value}, not {expected}",
                       {{"first", first.path.string()}, {"field", name}, {"value", field_text(mine)},
                        {"expected", field_text(theirs)}}),
                   msg("batch.merge.other-batch-hint", "merge the manifests of one batch only: its shards, run with the same inputs and options"));
        }
    }
}

// "3, 5, 7" (the first ten, then "…").
std::string number_list(const std::vector<unsigned>& numbers) {
    constexpr std::size_t kShown = 10;
    std::string text;
    for (std::size_t i = 0; i < numbers.size() && i < kShown; ++i) text += (i ? ", " : "") + std::to_string(numbers[i]);
    if (numbers.size() > kShown) text += ", …";
    return text;
}

// Shards 1…N, each once, in order of their index.
std::vector<const Shard*> by_index(const std::vector<Shard>& shards) {
    const unsigned count = shards.front().count;
    std::vector<const Shard*> slots(count + 1, nullptr);
    for (const Shard& shard : shards) {
        if (const Shard* other = slots[shard.index])
            refuse(shard.path, msg("batch.merge.shard-twice", "shard {index} of {count} is given twice: {first} and {second}",
                                   {{"index", shard.index}, {"count", count}, {"first", other->path.string()},
                                    {"second", shard.path.string()}}));
        slots[shard.index] = &shard;
    }
    std::vector<unsigned> missing;
    for (unsigned index = 1; index <= count; ++index)
        if (!slots[index]) missing.push_back(index);
    if (missing.empty()) return slots;
    // A shard that was killed leaves its journal beside where its manifest would be.
    const fs::path folder = shards.front().path.parent_path();
    const std::string name = "manifest-" + std::to_string(missing.front()) + "-of-" + std::to_string(count) + ".json";
    const fs::path journal = folder / (name + ".journal");
    std::error_code ec;
    Message hint = fs::exists(journal, ec)
                       ? msg("batch.merge.shard-journal-hint", "{journal} is there: shard {index} did not end (killed?); run it again with the same command and --resume",
                             {{"journal", journal.string()}, {"index", missing.front()}})
                       : msg("batch.merge.shards-missing-hint", "give the manifest of every shard, manifest-1-of-{count}.json to manifest-{count}-of-{count}.json; a shard without one has not run or not finished",
                             {{"count", count}});
    refuse(shards.front().path,
           msg_n("batch.merge.shards-missing", "shard {shards} of {total} is missing", "shards {shards} of {total} are missing",
                 missing.size(), {{"shards", number_list(missing)}, {"total", count}}),
           std::move(hint));
}

// A record's entry as the batch writes it (batch/manifest.hpp): what merging reads of it.
bool is_entry(const ordered_json& entry) {
    if (!entry.is_object() || !is_count(entry.value("record", ordered_json())) ||
        !entry.value("status", ordered_json()).is_string() || !entry.value("keys", ordered_json::object()).is_object() ||
        !entry.value("input_sha256", ordered_json("")).is_string() || !entry.value("outputs", ordered_json()).is_array())
        return false;
    return std::all_of(entry["outputs"].begin(), entry["outputs"].end(), [](const ordered_json& output) {
        return output.is_object() && output.value("path", ordered_json()).is_string() &&
               output.value("format", ordered_json()).is_string();
    });
}

// How many of `total` records shard `index` of `count` renders.
std::size_t share(std::size_t total, unsigned index, unsigned count) {
    return total < index ? 0 : (total - index) / count + 1;
}

// The entries of every record 1…total, each listed once, by its own shard.
std::vector<ordered_json*> records_in_order(std::vector<Shard>& shards, std::size_t total) {
    std::vector<ordered_json*> slots(total + 1, nullptr);
    for (Shard& shard : shards) {
        const std::size_t expected = share(total, shard.index, shard.count);
        if (shard.records != expected)
            refuse(shard.path, msg("batch.merge.shard-share", "shard {index} of {count} counts {records} records, not {expected}, its share of the {total} the shards count together: did they read different records files?",
                                   {{"index", shard.index}, {"count", shard.count}, {"records", shard.records},
                                    {"expected", expected}, {"total", total}}));
        for (ordered_json& entry : shard.manifest["records"]) {
            if (!is_entry(entry)) not_a_manifest(shard.path);
            const std::size_t number = entry["record"].get<std::size_t>();
            if (number == 0 || number > total || (number - 1) % shard.count != shard.index - 1)
                refuse(shard.path, msg("batch.merge.record-not-in-shard", "record {record} is listed, but is not shard {index}'s of {count} ({total} records)",
                                       {{"record", number}, {"index", shard.index}, {"count", shard.count}, {"total", total}}));
            if (slots[number])
                refuse(shard.path, msg("batch.merge.record-twice", "record {record} is listed twice", {{"record", number}}));
            slots[number] = &entry;
        }
    }
    // Every slot is filled now: each shard lists as many records as its share (read_shard),
    // each of them its own and none twice.
    return slots;
}

// A manifest entry back as the report it was made from: enough to write it again.
RecordReport report_of(const ordered_json& entry) {
    RecordReport report;
    report.record = entry["record"].get<std::size_t>();
    const ordered_json keys = entry.value("keys", ordered_json::object());
    for (const auto& [key, value] : keys.items())
        report.keys.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    for (const ordered_json& output : entry["outputs"]) {
        OutputReport item;
        parse_format(output.value("format", ""), item.format);
        item.path = output.value("path", "");
        report.outputs.push_back(std::move(item));
    }
    return report;
}

// Two records of different shards that wrote the same file: each shard checks only its
// own records' names, and the file holds whichever was written last. Neither entry can
// vouch for the file, so both become failed, naming the other (a run without --shard
// would have refused the later one).
std::vector<RecordReport> fail_clashes(const std::vector<ordered_json*>& records) {
    std::map<std::string, std::size_t> owners; // output path -> the first record that wrote it
    std::map<std::size_t, std::pair<std::string, std::size_t>> clashing; // record -> (path, other record)
    for (std::size_t number = 1; number < records.size(); ++number) {
        const ordered_json& entry = *records[number];
        if (entry.value("status", "") == "failed") continue;
        for (const ordered_json& output : entry["outputs"]) {
            const std::string path = fs::path(output.value("path", "")).lexically_normal().string();
            const auto [owner, first] = owners.emplace(path, number);
            if (first) continue;
            clashing.emplace(number, std::pair(output.value("path", ""), owner->second));
            clashing.emplace(owner->second, std::pair(output.value("path", ""), number));
        }
    }
    std::vector<RecordReport> clashes;
    for (const auto& [number, clash] : clashing) {
        ordered_json& entry = *records[number];
        RecordReport report = report_of(entry);
        report.status = RecordStatus::failed;
        Error error;
        error.kind = ErrorKind::data;
        error.record = static_cast<std::int64_t>(number);
        error.message = msg("batch.merge.output-clash", "the output {file} is also record {other}'s: two shards wrote it, and it holds only one of the two",
                            {{"file", clash.first}, {"other", clash.second}});
        error.hint = msg("batch.merge.output-clash-hint", "give the two records output names of their own, then run their shards again with --resume and merge");
        report.error = std::move(error);
        entry = batch::manifest_entry(report, entry.value("input_sha256", ""));
        clashes.push_back(std::move(report));
    }
    return clashes;
}

// The head of the merged manifest: the first shard's, as one run without --shard, naming the
// manifests it was merged from.
ordered_json merged_about(const std::vector<const Shard*>& shards) {
    ordered_json about = ordered_json::object();
    for (const auto& [key, value] : shards[1]->manifest.items()) {
        if (key == "records" || key == "summary") continue;
        if (key != "shard") {
            about[key] = value;
            continue;
        }
        about["shard"] = {{"index", 1}, {"count", 1}};
        ordered_json from = ordered_json::array();
        for (std::size_t i = 1; i < shards.size(); ++i) from.push_back(shards[i]->path.string());
        about["merged_from"] = std::move(from);
    }
    return about;
}

BatchProgress count_records(const std::vector<ordered_json*>& records) {
    BatchProgress counts;
    counts.total = counts.done = records.size() - 1;
    for (std::size_t number = 1; number < records.size(); ++number) {
        const std::string status = records[number]->value("status", "");
        if (status == "written") ++counts.written;
        else if (status == "skipped") ++counts.skipped;
        else ++counts.failed;
    }
    return counts;
}

// The merged manifest may not take the place of a manifest it is made from.
void check_output(const fs::path& output, const std::vector<fs::path>& manifests) {
    std::error_code ec;
    for (const fs::path& manifest : manifests) {
        if (!fs::equivalent(output, manifest, ec) && output.lexically_normal() != manifest.lexically_normal()) continue;
        throw Failure(ErrorKind::usage, msg("batch.merge.output-is-input", "the merged manifest {output} would replace {input}, one of the manifests it merges",
                                            {{"output", output.string()}, {"input", manifest.string()}}));
    }
}

MergeSummary merge(const std::vector<fs::path>& manifests, const fs::path& output_asked) {
    if (manifests.empty())
        throw Failure(ErrorKind::usage, msg("batch.merge.no-manifests", "no manifests given: give every shard's, manifest-1-of-N.json to manifest-N-of-N.json"));
    const fs::path output = output_asked.empty() ? manifests.front().parent_path() / "manifest.json" : output_asked;
    check_output(output, manifests);
    std::vector<Shard> shards;
    for (const fs::path& path : manifests) shards.push_back(read_shard(path));
    check_one_batch(shards);
    const std::vector<const Shard*> ordered = by_index(shards);
    std::size_t total = 0;
    double seconds = 0;
    for (const Shard& shard : shards) {
        total += shard.records;
        seconds += shard.manifest["summary"].value("seconds", 0.0);
    }
    const std::vector<ordered_json*> records = records_in_order(shards, total);

    MergeSummary summary;
    summary.clashes = fail_clashes(records);
    summary.counts = count_records(records);
    summary.shards = static_cast<unsigned>(shards.size());
    ordered_json about_run = {{"records", total},
                              {"written", summary.counts.written},
                              {"skipped", summary.counts.skipped},
                              {"failed", summary.counts.failed},
                              {"complete", true},
                              {"seconds", seconds}}; // the shards' times added: work, not wall time
    if (const ordered_json* digest = field(shards.front().manifest, "records_sha256")) about_run["records_sha256"] = *digest;
    batch::ManifestWriter writer(output, merged_about(ordered), {});
    for (std::size_t number = 1; number <= total; ++number) writer.add_entry(*records[number]);
    writer.finish(about_run);
    summary.manifest = output;
    summary.ok = true;
    return summary;
}

} // namespace

int MergeSummary::exit_code() const {
    if (!ok) return vanban::exit_code(error.kind);
    return counts.failed > 0 ? kExitSomeRecordsFailed : 0;
}

MergeSummary merge_manifests(const std::vector<fs::path>& manifests, const fs::path& output) {
    MergeSummary summary;
    try {
        summary = merge(manifests, output);
    } catch (const Failure& failure) {
        summary = MergeSummary{};
        summary.error = failure.error();
    } catch (const std::bad_alloc&) {
        summary = MergeSummary{};
        summary.error = Failure(ErrorKind::limit, msg("limit.out-of-memory", "out of memory")).error();
    } catch (const std::exception& e) {
        summary = MergeSummary{};
        summary.error = Failure(ErrorKind::internal, msg("internal.exception", "internal error: {what}",
                                                         {{"what", Message::verbatim(e.what())}}))
                            .error();
    }
    return summary;
}

} // namespace vanban
