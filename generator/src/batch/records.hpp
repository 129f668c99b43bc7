// Reading the records of a batch: a JSON array, JSON Lines, or CSV with a header row.
//
// JSON Lines and CSV are read as a stream, one record at a time, so a batch of any size runs
// in the same memory; a JSON array is parsed whole (and its records handed out one by one).
// Every string is validated as UTF-8 and normalised to NFC, as for single documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "vanban/batch.hpp"
#include "vanban/error.hpp"

namespace vanban::batch {

struct Record {
    std::size_t number = 0;     // 1-based: the n-th record of the input (blank lines not counted)
    std::uint32_t line = 0;     // the line it starts on; 0 when unknown (JSON array)
    nlohmann::json data;        // an object, when there is no error
    std::optional<Error> error; // why this record could not be read (kind data, record set)
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    // The next record; false at the end. A record that cannot be read comes back with its
    // error, and the next call goes on with the record after it.
    virtual bool next(Record& record) = 0;
    // How many records the input holds, when known before reading them (for progress).
    virtual std::optional<std::size_t> total() const = 0;
};

// The format `automatic` stands for: .jsonl/.ndjson and .csv by extension; otherwise the first
// character that is not white space: '[' a JSON array, '{' JSON Lines, anything else CSV.
RecordsFormat detect_format(const std::string& file_name, std::string_view first_bytes);

// Opens a records file ("-" reads standard input). Throws Failure (kind data) when the file
// cannot be read, a JSON array is malformed or not an array, or a CSV header is wrong.
std::unique_ptr<RecordReader> open_records(const std::filesystem::path& path, RecordsFormat format);

// Reads records from a stream the caller keeps alive; `name` is how messages call it.
// `total`, when known, is passed through to RecordReader::total().
std::unique_ptr<RecordReader> read_records(std::istream& in, RecordsFormat format, const std::string& name,
                                           std::optional<std::size_t> total = std::nullopt);

// Counts the records of a JSON Lines or CSV file in one quick pass, without parsing values.
std::size_t count_records(std::istream& in, RecordsFormat format);

} // namespace vanban::batch
