#include "batch/records.hpp"

#include <fstream>
#include <iostream>

#include "batch/byte_source.hpp"
#include "batch/csv.hpp"
#include "engine/data_input.hpp"

namespace vanban::batch {

namespace {

namespace fs = std::filesystem;

Error record_error(std::size_t number, std::string message, const std::string& file = {}, std::uint32_t line = 0) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = std::move(message);
    error.record = static_cast<std::int64_t>(number);
    error.where.file = file;
    error.where.line = line;
    return error;
}

const char* json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    default: return value.is_number() ? "a number" : "a value";
    }
}

// Records must be objects: their fields are merged over the shared data's.
bool check_object(Record& record) {
    if (record.data.is_object()) return true;
    record.error = record_error(record.number, std::string("the record is ") + json_type_name(record.data) +
                                                   ", not an object of fields");
    return false;
}

void skip_bom(ByteSource& source) {
    if (source.peek() == 0xEF && source.peek(1) == 0xBB && source.peek(2) == 0xBF)
        for (int i = 0; i < 3; ++i) source.get();
}

// ------------------------------------------------------------------- JSON array

class JsonArrayReader final : public RecordReader {
public:
    JsonArrayReader(std::unique_ptr<ByteSource> source, const std::string& name) {
        std::string text;
        for (std::string line; source->read_line(line);) (text += line) += '\n';
        if (source->failed()) throw Failure(record_error(0, "cannot read " + name));
        records_ = engine::parse_data(text, name);
        if (!records_.is_array()) {
            Error error = record_error(0, "the records must be a JSON array of objects, one per record (or one "
                                          "object per line, as JSON Lines)", name);
            error.record = -1;
            throw Failure(std::move(error));
        }
    }

    bool next(Record& record) override {
        if (next_ >= records_.size()) return false;
        record = Record{};
        record.number = next_ + 1;
        // Hand the record over and keep nothing of it: the array shrinks as the batch goes.
        record.data = std::move(records_[next_]);
        records_[next_] = nullptr;
        ++next_;
        check_object(record);
        return true;
    }

    std::optional<std::size_t> total() const override { return records_.size(); }

private:
    nlohmann::json records_;
    std::size_t next_ = 0;
};

// ------------------------------------------------------------------- JSON Lines

class JsonLinesReader final : public RecordReader {
public:
    JsonLinesReader(std::unique_ptr<ByteSource> source, std::string name, std::optional<std::size_t> total)
        : source_(std::move(source)), name_(std::move(name)), total_(total) {
        skip_bom(*source_);
    }

    bool next(Record& record) override {
        std::string line;
        for (;;) {
            if (!source_->read_line(line)) {
                if (source_->failed()) throw Failure(record_error(0, "cannot read " + name_ + " to its end"));
                return false;
            }
            ++line_;
            if (line.find_first_not_of(" \t\r") != std::string::npos) break; // blank lines are not records
        }
        if (line.back() == '\r') line.pop_back();
        record = Record{};
        record.number = ++count_;
        record.line = line_;
        try {
            record.data = engine::parse_data(line, name_);
        } catch (Failure& failure) {
            Error& error = failure.error();
            error.record = static_cast<std::int64_t>(record.number);
            error.where.file = name_;
            if (error.where.known()) error.where.line = line_; // parse_data counted within the one line
            else error.where.line = line_, error.where.column = 0;
            record.error = std::move(error);
            return true;
        }
        if (!check_object(record)) record.error->where = SourceLocation{name_, line_, 0};
        return true;
    }

    std::optional<std::size_t> total() const override { return total_; }

private:
    std::unique_ptr<ByteSource> source_;
    std::string name_;
    std::optional<std::size_t> total_;
    std::size_t count_ = 0;
    std::uint32_t line_ = 0;
};

// ------------------------------------------------------------------- CSV

class CsvReader final : public RecordReader {
public:
    CsvReader(std::unique_ptr<ByteSource> source, std::string name, std::optional<std::size_t> total)
        : source_(std::move(source)), parser_(*source_), name_(std::move(name)), total_(total) {
        skip_bom(*source_);
        CsvParser::Row header;
        if (!parser_.next(header)) throw Failure(record_error(0, "the CSV file is empty: it needs a header row", name_));
        if (!header.problem.empty()) {
            Error error = record_error(0, "CSV header: " + header.problem, name_, header.line);
            error.record = -1;
            throw Failure(std::move(error));
        }
        columns_ = parse_csv_header(header.cells, name_);
    }

    bool next(Record& record) override {
        CsvParser::Row row;
        if (!parser_.next(row)) {
            if (source_->failed()) throw Failure(record_error(0, "cannot read " + name_ + " to its end"));
            return false;
        }
        record = Record{};
        record.number = ++count_;
        record.line = row.line;
        if (!row.problem.empty()) {
            record.error = record_error(record.number, row.problem, name_, row.line);
            return true;
        }
        if (row.cells.size() != columns_.size()) {
            record.error = record_error(record.number,
                                        "the row has " + std::to_string(row.cells.size()) + " cells, the header " +
                                            std::to_string(columns_.size()),
                                        name_, row.line);
            return true;
        }
        try {
            record.data = csv_row_to_record(columns_, row.cells);
        } catch (Failure& failure) {
            Error& error = failure.error();
            error.record = static_cast<std::int64_t>(record.number);
            error.where = SourceLocation{name_, row.line, 0};
            record.error = std::move(error);
        }
        return true;
    }

    std::optional<std::size_t> total() const override { return total_; }

private:
    std::unique_ptr<ByteSource> source_;
    CsvParser parser_;
    std::string name_;
    std::optional<std::size_t> total_;
    std::vector<CsvColumn> columns_;
    std::size_t count_ = 0;
};

// A reader that owns the file it reads.
class FileReader final : public RecordReader {
public:
    FileReader(std::unique_ptr<std::ifstream> file, std::unique_ptr<RecordReader> reader)
        : file_(std::move(file)), reader_(std::move(reader)) {}
    bool next(Record& record) override { return reader_->next(record); }
    std::optional<std::size_t> total() const override { return reader_->total(); }

private:
    std::unique_ptr<std::ifstream> file_; // declared first: destroyed after the reader
    std::unique_ptr<RecordReader> reader_;
};

std::string lower_extension(const std::string& file_name) {
    std::string ext = fs::path(file_name).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::optional<std::size_t> count_file(const fs::path& path, RecordsFormat format) {
    if (format == RecordsFormat::json_array) return std::nullopt; // the reader knows after parsing
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return count_records(in, format);
}

} // namespace

RecordsFormat detect_format(const std::string& file_name, std::string_view first_bytes) {
    const std::string ext = lower_extension(file_name);
    if (ext == ".jsonl" || ext == ".ndjson") return RecordsFormat::json_lines;
    if (ext == ".csv") return RecordsFormat::csv;
    if (first_bytes.substr(0, 3) == "\xEF\xBB\xBF") first_bytes.remove_prefix(3);
    const auto first = first_bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return ext == ".json" ? RecordsFormat::json_array : RecordsFormat::csv;
    if (first_bytes[first] == '[') return RecordsFormat::json_array;
    if (first_bytes[first] == '{') return RecordsFormat::json_lines;
    return RecordsFormat::csv;
}

std::unique_ptr<RecordReader> read_records(std::istream& in, RecordsFormat format, const std::string& name,
                                           std::optional<std::size_t> total) {
    auto source = std::make_unique<ByteSource>(in);
    // The look-ahead stays in the source: the reader chosen starts from the first byte.
    if (format == RecordsFormat::automatic) format = detect_format(name, source->look_ahead(512));
    switch (format) {
    case RecordsFormat::json_array: return std::make_unique<JsonArrayReader>(std::move(source), name);
    case RecordsFormat::json_lines: return std::make_unique<JsonLinesReader>(std::move(source), name, total);
    case RecordsFormat::csv:
    case RecordsFormat::automatic: break;
    }
    return std::make_unique<CsvReader>(std::move(source), name, total);
}

std::unique_ptr<RecordReader> open_records(const fs::path& path, RecordsFormat format) {
    const std::string name = path.string();
    if (name == "-") return read_records(std::cin, format, "<stdin>");
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Failure(record_error(0, "no such file: " + name));
    if (fs::is_directory(path, ec)) throw Failure(record_error(0, name + " is a folder, not a records file"));
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) throw Failure(record_error(0, "cannot read " + name));
    if (format == RecordsFormat::automatic) {
        std::string first(512, '\0');
        file->read(first.data(), static_cast<std::streamsize>(first.size()));
        first.resize(static_cast<std::size_t>(file->gcount()));
        file->clear();
        file->seekg(0);
        format = detect_format(name, first);
    }
    auto reader = read_records(*file, format, name, count_file(path, format));
    return std::make_unique<FileReader>(std::move(file), std::move(reader));
}

std::size_t count_records(std::istream& in, RecordsFormat format) {
    ByteSource source(in);
    skip_bom(source);
    std::size_t count = 0;
    if (format == RecordsFormat::json_lines) {
        for (std::string line; source.read_line(line);)
            if (line.find_first_not_of(" \t\r") != std::string::npos) ++count;
        return count;
    }
    // CSV: rows are line ends outside quotes; blank lines do not count, nor does the header.
    bool in_quotes = false, row_has_text = false;
    for (int c = source.get(); c >= 0; c = source.get()) {
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && (c == '\n' || c == '\r')) {
            if (row_has_text) ++count;
            row_has_text = false;
        } else {
            row_has_text = true;
        }
    }
    if (row_has_text) ++count;
    return count > 0 ? count - 1 : 0;
}

} // namespace vanban::batch
