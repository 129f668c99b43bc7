// Reading the records of a batch: a JSON array, JSON Lines, or CSV with a header row.
//
// Every format is read as a stream, one record at a time and once (a pipe cannot be read
// twice), so a batch of any size runs in the same memory. Each record goes through the
// engine's one way in for data (engine/data_reader.hpp): the same encodings, NFC, limits
// and warnings as the data of `vanban render`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/data_reader.hpp"
#include "vanban/batch.hpp"
#include "vanban/error.hpp"

namespace vanban::batch {

struct Record {
    std::size_t number = 0;     // 1-based: the n-th record of the input (blank lines not counted)
    std::uint32_t line = 0;     // the line it starts on
    nlohmann::json data;        // an object, when there is no error
    std::vector<Warning> warnings; // about its data
    std::optional<Error> error; // why this record could not be read (kind data or limit, record set)
};

// How each record is read: the encoding the user gave and the data limits of the engine.
struct RecordSettings {
    InputEncoding encoding = InputEncoding::utf8;
    engine::DataLimits limits;
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    // The next record; false at the end. A record that cannot be read comes back with its
    // error, and the next call goes on with the record after it. Throws Failure (kind data)
    // when the stream itself cannot go on (a read error, a JSON array broken between items).
    virtual bool next(Record& record) = 0;
    // How many records the input holds, when known before reading them (a regular file,
    // counted first); nullopt for a stream that can be read only once.
    virtual std::optional<std::size_t> total() const = 0;
    // The SHA-256 (hex) of the records file's bytes, once next() has returned false (the
    // file read to its end); nullopt before. The manifest records it, so that the shards
    // of one batch can be shown to have read the same records.
    virtual std::optional<std::string> sha256() { return std::nullopt; }
};

// The format `automatic` stands for: .jsonl/.ndjson and .csv by extension; otherwise the first
// character that is not white space: '[' a JSON array, '{' JSON Lines, anything else CSV.
RecordsFormat detect_format(const std::string& file_name, std::string_view first_bytes);

// Opens a records file ("-" reads standard input; a named pipe or <(…) is read as it comes).
// Throws Failure (kind data) when the file cannot be read, a JSON array does not start as
// one, or a CSV header is wrong.
std::unique_ptr<RecordReader> open_records(const std::filesystem::path& path, RecordsFormat format,
                                           const RecordSettings& settings = {});

// Reads records from a stream the caller keeps alive; `name` is how messages call it.
// `total`, when known, is passed through to RecordReader::total().
std::unique_ptr<RecordReader> read_records(std::istream& in, RecordsFormat format, const std::string& name,
                                           const RecordSettings& settings = {},
                                           std::optional<std::size_t> total = std::nullopt);

// Counts the records of a file in one quick pass, without parsing values.
std::size_t count_records(std::istream& in, RecordsFormat format);

} // namespace vanban::batch
