#include "batch/records.hpp"

#include "batch/csv.hpp"
#include "batch/sha256.hpp"
#include "engine/data_file.hpp"

namespace vanban::batch {

namespace {

namespace fs = std::filesystem;

Error record_error(std::size_t number, Message message, const std::string& file = {}, std::uint32_t line = 0) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = std::move(message);
    error.record = static_cast<std::int64_t>(number);
    error.where.file = file;
    error.where.line = line;
    return error;
}

// A problem of the records file as a whole: it stops the batch where it is.
[[noreturn]] void fail_stream(const std::string& name, Message message, std::uint32_t line = 0,
                              std::uint32_t column = 0, Message hint = {}) {
    Error error = record_error(0, std::move(message), name, line);
    error.hint = std::move(hint);
    error.where.column = column;
    error.record = -1;
    throw Failure(std::move(error));
}

Message json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::array: return msg("json.a-list", "a list");
    case nlohmann::json::value_t::string: return msg("json.a-string", "a string");
    case nlohmann::json::value_t::null: return msg("json.null", "null");
    case nlohmann::json::value_t::boolean: return msg("json.a-boolean", "a boolean");
    default: return value.is_number() ? msg("json.a-number", "a number") : msg("json.a-value", "a value");
    }
}

[[noreturn]] void fail_read(const std::string& name) {
    fail_stream(name, msg("batch.records-read-failed", "cannot read {file} to its end", {{"file", name}}));
}

void skip_bom(ByteSource& source) { source.skip_utf8_bom(); }

// Where a record's text starts in the file: its line, and its column in code points.
struct TextStart {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

// A record that failed: its number, and its place in the file. An error that the data
// reader placed inside the record's text is moved to the file's line and column (on the
// record's first line, the source line is only the record's part of it: dropped).
void fail_record(Record& record, Error error, const std::string& file, TextStart start) {
    error.record = static_cast<std::int64_t>(record.number);
    error.where.file = file;
    if (!error.where.known()) {
        error.where.line = start.line;
        error.where.column = 0;
    } else {
        if (error.where.line == 1) {
            error.where.column += start.column - 1;
            if (start.column > 1) error.source_line.clear();
        }
        error.where.line += start.line - 1;
    }
    record.error = std::move(error);
}

// Records must be objects: their fields are merged over the shared data's.
void check_object(Record& record, const std::string& file, TextStart start) {
    if (record.error || record.data.is_object()) return;
    fail_record(record,
                record_error(record.number, msg("batch.record-not-object", "the record is {type}, not an object of fields",
                                                {{"type", json_type_name(record.data)}})),
                file, start);
}

// One record's JSON text through the engine's way in.
void read_record_text(Record& record, std::string_view text, const std::string& file, TextStart start,
                      const RecordSettings& settings) {
    try {
        record.data = engine::read_data(text, engine::DataSource{file, settings.encoding}, settings.limits,
                                        &record.warnings);
    } catch (Failure& failure) {
        fail_record(record, std::move(failure.error()), file, start);
        return;
    }
    check_object(record, file, start);
}

// ------------------------------------------------------------------- JSON array

// A JSON array read item by item: the text of each item is found by matching brackets
// (strings skipped), then read as any record's text. Nothing but the item in hand is held.
class JsonArrayReader final : public RecordReader {
public:
    JsonArrayReader(std::unique_ptr<ByteSource> source, std::string name, const RecordSettings& settings,
                    std::optional<std::size_t> total)
        : source_(std::move(source)), name_(std::move(name)), settings_(settings), total_(total) {
        skip_bom(*source_);
        skip_space();
        if (source_->peek() != '[')
            fail_stream(name_, msg("batch.not-an-array", "the records must be a JSON array of objects, one per record"),
                        line_, column_, msg("batch.not-an-array-hint", "or give one object per line, as JSON Lines"));
        get();
        skip_space();
        if (source_->peek() == ']') end();
    }

    bool next(Record& record) override {
        if (ended_) return false;
        if (count_ > 0 && !after_item()) return false;
        skip_space();
        if (source_->peek() == ']')
            fail_here(msg("batch.array-trailing-comma", "a comma after the last record (JSON allows none)"));
        if (source_->peek() < 0) fail_ends_early();
        record = Record{};
        record.number = ++count_;
        const TextStart start{line_, column_};
        record.line = start.line;
        std::string text;
        read_item(text);
        read_record_text(record, text, name_, start, settings_);
        return true;
    }

    std::optional<std::size_t> total() const override { return total_; }

private:
    // After an item: a comma, or the end of the array. False at the end.
    bool after_item() {
        skip_space();
        const int c = source_->peek();
        if (c == ',') {
            get();
            return true;
        }
        if (c == ']') {
            end();
            return false;
        }
        if (c < 0) fail_ends_early();
        fail_here(msg("batch.array-no-comma", "expected ',' or ']' after record {number}", {{"number", count_}}));
    }

    void end() {
        get(); // ']'
        skip_space();
        if (source_->peek() >= 0) fail_here(msg("batch.array-text-after", "text after the end of the JSON array"));
        ended_ = true;
    }

    // The text of one item: an object or array to its matching bracket, a string to its
    // closing quote, anything else to the next separator. Past the data limit, the rest is
    // skipped (the record is then refused as too large).
    void read_item(std::string& text) {
        const std::size_t keep = settings_.limits.max_data_bytes + 1;
        const auto take = [&] {
            const int c = get();
            if (c >= 0 && text.size() < keep) text += static_cast<char>(c);
            return c;
        };
        int depth = 0;
        do {
            int c = source_->peek();
            if (c < 0) return;
            if (depth == 0 && c != '{' && c != '[' && c != '"') {
                while ((c = source_->peek()) >= 0 && c != ',' && c != ']' && !is_space(c)) take();
                return;
            }
            c = take();
            if (c == '"') {
                for (int s = take(); s >= 0 && s != '"'; s = take())
                    if (s == '\\') take();
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                --depth;
            }
        } while (depth > 0);
    }

    static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    void skip_space() {
        while (is_space(source_->peek())) get();
    }

    // One byte, keeping count of the line and of the column in code points.
    int get() {
        const int c = source_->get();
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if (c >= 0 && (c & 0xC0) != 0x80) {
            ++column_;
        }
        return c;
    }

    [[noreturn]] void fail_here(Message problem) {
        fail_stream(name_, msg("batch.array-malformed", "malformed JSON array: {problem}", {{"problem", std::move(problem)}}),
                    line_, column_);
    }

    [[noreturn]] void fail_ends_early() {
        fail_here(msg("batch.array-ends-early", "the JSON array ends early, after record {number} (is the file cut short?)",
                      {{"number", count_}}));
    }

    std::unique_ptr<ByteSource> source_;
    std::string name_;
    RecordSettings settings_;
    std::optional<std::size_t> total_;
    std::size_t count_ = 0;
    std::uint32_t line_ = 1, column_ = 1;
    bool ended_ = false;
};

// ------------------------------------------------------------------- JSON Lines

class JsonLinesReader final : public RecordReader {
public:
    JsonLinesReader(std::unique_ptr<ByteSource> source, std::string name, const RecordSettings& settings,
                    std::optional<std::size_t> total)
        : source_(std::move(source)), name_(std::move(name)), settings_(settings), total_(total) {
        skip_bom(*source_);
    }

    bool next(Record& record) override {
        std::string line;
        for (;;) {
            if (!source_->read_line(line, settings_.limits.max_data_bytes)) {
                if (source_->failed()) fail_read(name_);
                return false;
            }
            ++line_;
            if (line.find_first_not_of(" \t\r") != std::string::npos) break; // blank lines are not records
        }
        if (line.back() == '\r') line.pop_back();
        record = Record{};
        record.number = ++count_;
        record.line = line_;
        read_record_text(record, line, name_, TextStart{line_, 1}, settings_);
        return true;
    }

    std::optional<std::size_t> total() const override { return total_; }

private:
    std::unique_ptr<ByteSource> source_;
    std::string name_;
    RecordSettings settings_;
    std::optional<std::size_t> total_;
    std::size_t count_ = 0;
    std::uint32_t line_ = 0;
};

// ------------------------------------------------------------------- CSV

class CsvReader final : public RecordReader {
public:
    CsvReader(std::unique_ptr<ByteSource> source, std::string name, const RecordSettings& settings,
              std::optional<std::size_t> total)
        : source_(std::move(source)), parser_(*source_), name_(std::move(name)), settings_(settings), total_(total) {
        skip_bom(*source_);
        CsvParser::Row header;
        if (!parser_.next(header))
            throw Failure(record_error(0, msg("batch.csv-empty", "the CSV file is empty: it needs a header row"), name_));
        if (!header.problem.empty())
            fail_stream(name_, msg("batch.csv-header-problem", "CSV header: {problem}", {{"problem", std::move(header.problem)}}),
                        header.line);
        columns_ = parse_csv_header(header.cells, name_);
    }

    bool next(Record& record) override {
        CsvParser::Row row;
        if (!parser_.next(row)) {
            if (source_->failed()) fail_read(name_);
            return false;
        }
        record = Record{};
        record.number = ++count_;
        record.line = row.line;
        const TextStart start{row.line, 0};
        if (!row.problem.empty()) {
            fail_record(record, record_error(record.number, std::move(row.problem)), name_, start);
        } else if (row.cells.size() != columns_.size()) {
            fail_record(record,
                        record_error(record.number, msg("batch.csv-cell-count", "the row has {cells} cells, the header {columns}",
                                                        {{"cells", row.cells.size()}, {"columns", columns_.size()}})),
                        name_, start);
        } else {
            adopt_row(record, row, start);
        }
        return true;
    }

    std::optional<std::size_t> total() const override { return total_; }

private:
    // The cells as a record, through the engine's way in for JSON built here.
    void adopt_row(Record& record, const CsvParser::Row& row, TextStart start) {
        try {
            record.data = engine::adopt_data(csv_row_to_record(columns_, row.cells),
                                             engine::DataSource{name_, settings_.encoding}, settings_.limits,
                                             &record.warnings);
        } catch (Failure& failure) {
            Error error = std::move(failure.error());
            error.where = SourceLocation{}; // the row's line, not a place in text it never had
            fail_record(record, std::move(error), name_, start);
        }
    }

    std::unique_ptr<ByteSource> source_;
    CsvParser parser_;
    std::string name_;
    RecordSettings settings_;
    std::optional<std::size_t> total_;
    std::vector<CsvColumn> columns_;
    std::size_t count_ = 0;
};

// A reader whose bytes were digested as they came: the SHA-256 of the records file, once read
// to its end.
class DigestedReader final : public RecordReader {
public:
    DigestedReader(std::shared_ptr<Sha256> digest, const ByteSource& source, std::unique_ptr<RecordReader> reader)
        : digest_(std::move(digest)), source_(source), reader_(std::move(reader)) {}
    bool next(Record& record) override { return reader_->next(record); }
    std::optional<std::size_t> total() const override { return reader_->total(); }
    std::optional<std::string> sha256() override {
        if (!source_.read_to_end()) return std::nullopt;
        if (hex_.empty()) hex_ = digest_->hex(); // once: hex() starts the digest over
        return hex_;
    }

private:
    std::shared_ptr<Sha256> digest_;
    const ByteSource& source_; // the reader's own
    std::unique_ptr<RecordReader> reader_;
    std::string hex_;
};

// A reader that owns the stream it reads.
class OwningReader final : public RecordReader {
public:
    OwningReader(engine::DataStream stream, std::unique_ptr<RecordReader> reader)
        : stream_(std::move(stream)), reader_(std::move(reader)) {}
    bool next(Record& record) override { return reader_->next(record); }
    std::optional<std::size_t> total() const override { return reader_->total(); }
    std::optional<std::string> sha256() override { return reader_->sha256(); }

private:
    engine::DataStream stream_; // declared first: destroyed after the reader
    std::unique_ptr<RecordReader> reader_;
};

std::string lower_extension(const std::string& file_name) {
    std::string ext = fs::path(file_name).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// The records of a regular file, counted in a first quick pass. Only a regular file: a
// pipe read to count its records would be empty for the reading of them.
std::optional<std::size_t> count_file(const fs::path& path, RecordsFormat format) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return count_records(in, format);
}

// The top-level items of a JSON array: commas outside strings and nested values.
std::size_t count_array_items(ByteSource& source) {
    std::size_t commas = 0;
    int depth = 0;
    bool any = false;
    for (int c = source.get(); c >= 0; c = source.get()) {
        if (c == '"') {
            for (int s = source.get(); s >= 0 && s != '"'; s = source.get())
                if (s == '\\') source.get();
            any = true;
        } else if (c == '[' || c == '{') {
            if (depth++ == 1) any = true;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 1) {
            ++commas;
        } else if (depth == 1 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            any = true;
        }
    }
    return any ? commas + 1 : 0;
}

// The bytes up to the first one that is not white space (after a byte-order mark), at most
// 512: all detect_format needs, without waiting for more from a pipe that has only them.
std::string opening_bytes(ByteSource& source) {
    constexpr std::size_t kMost = 512;
    std::size_t count = 0;
    for (int c = source.peek(0); c >= 0 && count < kMost; c = source.peek(count)) {
        ++count;
        const bool bom_byte = count <= 3 && (c == 0xEF || c == 0xBB || c == 0xBF);
        if (!bom_byte && c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
    }
    return source.look_ahead(count);
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
                                           const RecordSettings& settings, std::optional<std::size_t> total) {
    auto digest = std::make_shared<Sha256>();
    auto source = std::make_unique<ByteSource>(in, [digest](std::string_view bytes) { digest->add(bytes); });
    const ByteSource& bytes = *source;
    // The look-ahead stays in the source: the reader chosen starts from the first byte.
    if (format == RecordsFormat::automatic) format = detect_format(name, opening_bytes(*source));
    std::unique_ptr<RecordReader> reader;
    switch (format) {
    case RecordsFormat::json_array: reader = std::make_unique<JsonArrayReader>(std::move(source), name, settings, total); break;
    case RecordsFormat::json_lines: reader = std::make_unique<JsonLinesReader>(std::move(source), name, settings, total); break;
    case RecordsFormat::csv:
    case RecordsFormat::automatic: reader = std::make_unique<CsvReader>(std::move(source), name, settings, total); break;
    }
    return std::make_unique<DigestedReader>(std::move(digest), bytes, std::move(reader));
}

std::unique_ptr<RecordReader> open_records(const fs::path& path, RecordsFormat format, const RecordSettings& settings) {
    const std::string name = path.string() == "-" ? "<stdin>" : path.string();
    engine::DataStream stream = engine::open_data(path.string(), engine::Pipes::allowed);
    std::optional<std::size_t> total;
    if (stream.regular_file()) {
        if (format == RecordsFormat::automatic) {
            std::string first(512, '\0');
            std::ifstream peek(path, std::ios::binary);
            peek.read(first.data(), static_cast<std::streamsize>(first.size()));
            first.resize(static_cast<std::size_t>(peek.gcount()));
            format = detect_format(name, first);
        }
        total = count_file(path, format);
    }
    auto reader = read_records(stream.in(), format, name, settings, total);
    return std::make_unique<OwningReader>(std::move(stream), std::move(reader));
}

std::size_t count_records(std::istream& in, RecordsFormat format) {
    ByteSource source(in);
    skip_bom(source);
    std::size_t count = 0;
    if (format == RecordsFormat::json_array) return count_array_items(source);
    if (format == RecordsFormat::json_lines) {
        bool has_text = false; // blank lines are not records
        for (int c = source.get(); c >= 0; c = source.get()) {
            if (c == '\n') {
                count += has_text ? 1 : 0;
                has_text = false;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                has_text = true;
            }
        }
        return count + (has_text ? 1 : 0);
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
