// Reading batch records: JSON arrays, JSON Lines and CSV, with the edge cases people's files have.
#include <catch2/catch.hpp>

#include <sstream>

#include "batch/csv.hpp"
#include "batch/records.hpp"
#include "fixtures/legacy_text.hpp"
#include "vanban/error.hpp"

using vanban::ErrorKind;
using vanban::Failure;
using vanban::RecordsFormat;
using vanban::batch::Record;
using nlohmann::json;

namespace {

// Every record of `text`, read as `format`.
std::vector<Record> read_all(const std::string& text, RecordsFormat format,
                             const vanban::batch::RecordSettings& settings = {}) {
    std::istringstream in(text);
    auto reader = vanban::batch::read_records(in, format, "records", settings);
    std::vector<Record> records;
    for (Record record; reader->next(record);) records.push_back(std::move(record));
    return records;
}

// The error message when opening `text` fails before any record.
std::string opening_error(const std::string& text, RecordsFormat format) {
    try {
        read_all(text, format);
    } catch (const Failure& failure) {
        return failure.error().message.text();
    }
    return "";
}

std::size_t count(const std::string& text, RecordsFormat format) {
    std::istringstream in(text);
    return vanban::batch::count_records(in, format);
}

} // namespace

TEST_CASE("records: a JSON array gives its objects in order, numbered from 1") {
    auto records = read_all(R"([{"a": 1}, {"a": 2, "b": {"c": "x"}}])", RecordsFormat::json_array);
    REQUIRE(records.size() == 2);
    CHECK(records[0].number == 1);
    CHECK(records[0].data == json{{"a", 1}});
    CHECK(records[1].number == 2);
    CHECK(records[1].data["b"]["c"] == "x");
    CHECK_FALSE(records[1].error);
}

TEST_CASE("records: a JSON array item that is not an object fails alone") {
    auto records = read_all(R"([{"a": 1}, "text", [1], {"a": 3}])", RecordsFormat::json_array);
    REQUIRE(records.size() == 4);
    CHECK_FALSE(records[0].error);
    REQUIRE(records[1].error);
    CHECK_THAT(records[1].error->message.text(), Catch::Contains("a string, not an object"));
    CHECK(records[1].error->record == 2);
    REQUIRE(records[2].error);
    CHECK_THAT(records[2].error->message.text(), Catch::Contains("a list"));
    CHECK_FALSE(records[3].error);
}

TEST_CASE("records: a JSON array is read item by item; a malformed item fails alone, at its place in the file") {
    auto records = read_all("[{\"a\": 1},\n  {\"a\": },\n  {\"a\": 3}, 4]", RecordsFormat::json_array);
    REQUIRE(records.size() == 4);
    CHECK_FALSE(records[0].error);
    REQUIRE(records[1].error);
    CHECK(records[1].line == 2);
    CHECK(records[1].error->where.line == 2);
    CHECK(records[1].error->where.column == 9); // the '}' where a value should be
    CHECK_THAT(records[1].error->message.text(), Catch::Contains("malformed JSON"));
    CHECK(records[2].data == json{{"a", 3}});
    REQUIRE(records[3].error);
    CHECK_THAT(records[3].error->message.text(), Catch::Contains("a number, not an object"));
}

TEST_CASE("records: a JSON array broken between items, or not an array, stops the reading there") {
    CHECK_THAT(opening_error(R"({"a": 1})", RecordsFormat::json_array), Catch::Contains("JSON array"));
    CHECK_THAT(opening_error(R"([{"a": 1} {"a": 2}])", RecordsFormat::json_array),
               Catch::Contains("expected ',' or ']' after record 1"));
    CHECK_THAT(opening_error(R"([{"a": 1}, {"a": 2})", RecordsFormat::json_array),
               Catch::Contains("ends early, after record 2"));
    CHECK_THAT(opening_error(R"([{"a": 1},])", RecordsFormat::json_array), Catch::Contains("a comma after the last record"));
    CHECK_THAT(opening_error(R"([{"a": 1}] x)", RecordsFormat::json_array), Catch::Contains("text after the end"));
    CHECK(read_all(" [ ] ", RecordsFormat::json_array).empty());
    CHECK(count(R"([{"a": [1, 2]}, "x,y", {"b": "]"}])", RecordsFormat::json_array) == 3);
    CHECK(count("[]", RecordsFormat::json_array) == 0);
}

TEST_CASE("records: every record obeys the limits of one document's data") {
    vanban::batch::RecordSettings settings;
    settings.limits.max_data_string_bytes = 8;
    settings.limits.max_values = 4;
    for (RecordsFormat format : {RecordsFormat::json_lines, RecordsFormat::json_array, RecordsFormat::csv}) {
        const std::string text = format == RecordsFormat::csv          ? "s\nshort\nmuch too long\n"
                                 : format == RecordsFormat::json_lines ? "{\"s\": \"short\"}\n{\"s\": \"much too long\"}\n"
                                                                       : R"([{"s": "short"}, {"s": "much too long"}])";
        auto records = read_all(text, format, settings);
        REQUIRE(records.size() == 2);
        CHECK_FALSE(records[0].error);
        REQUIRE(records[1].error);
        CHECK(records[1].error->kind == ErrorKind::limit);
        CHECK(records[1].error->json_path == "s");
        CHECK(records[1].error->where.line > 0);
    }
    auto many = read_all("{\"a\": [1, 2, 3, 4]}\n", RecordsFormat::json_lines, settings);
    REQUIRE(many[0].error);
    CHECK_THAT(many[0].error->message.text(), Catch::Contains("more than 4 values (max_data_values)"));
}

TEST_CASE("records: legacy text in records is decoded as the data of a document is, with the same warnings") {
    const std::string raw = vanban::fixtures::legacy_bytes("Đảng cộng sản Việt Nam", vanban::text::LegacyEncoding::tcvn3);
    const std::string shown = vanban::fixtures::shown_as_latin1(raw);
    vanban::batch::RecordSettings tcvn3;
    tcvn3.encoding = vanban::InputEncoding::tcvn3;
    auto csv = read_all("t\n" + raw + "\n", RecordsFormat::csv, tcvn3);
    REQUIRE(csv.size() == 1);
    CHECK(csv[0].data["t"] == "Đảng cộng sản Việt Nam");
    auto lines = read_all("{\"t\": \"" + shown + "\"}\n", RecordsFormat::json_lines, tcvn3);
    CHECK(lines[0].data["t"] == "Đảng cộng sản Việt Nam");
    for (RecordsFormat format : {RecordsFormat::json_lines, RecordsFormat::csv}) {
        auto warned = read_all(format == RecordsFormat::csv ? "t\n" + shown + "\n" : "{\"t\": \"" + shown + "\"}\n", format);
        REQUIRE(warned[0].warnings.size() == 1);
        CHECK(warned[0].warnings[0].json_path == "t");
        CHECK_THAT(warned[0].warnings[0].message.text(), Catch::Contains("--input-encoding tcvn3"));
    }
}

TEST_CASE("records: JSON Lines skip blank lines, accept CRLF and a BOM, and number records and lines") {
    const std::string text = "\xEF\xBB\xBF{\"code\": \"A\"}\r\n\r\n   \n{\"code\": \"B\"}\n{\"code\": \"C\"}";
    auto records = read_all(text, RecordsFormat::json_lines);
    REQUIRE(records.size() == 3);
    CHECK(records[0].data["code"] == "A");
    CHECK(records[0].line == 1);
    CHECK(records[1].number == 2);
    CHECK(records[1].line == 4);
    CHECK(records[2].data["code"] == "C");
    CHECK(count(text, RecordsFormat::json_lines) == 3);
}

TEST_CASE("records: a malformed JSON line fails alone, with its line and column") {
    auto records = read_all("{\"a\": 1}\n{\"a\": 2,}\n{\"a\": 3}\n", RecordsFormat::json_lines);
    REQUIRE(records.size() == 3);
    CHECK_FALSE(records[0].error);
    REQUIRE(records[1].error);
    CHECK(records[1].error->kind == ErrorKind::data);
    CHECK(records[1].error->record == 2);
    CHECK(records[1].error->where.line == 2);
    CHECK(records[1].error->where.column > 1);
    CHECK_THAT(records[1].error->message.text(), Catch::Contains("malformed JSON"));
    CHECK(records[2].data["a"] == 3);
}

TEST_CASE("records: text is normalised to NFC, as single documents are") {
    // "Tỉnh" with the tone mark as a combining character (NFD).
    auto records = read_all("{\"t\": \"Ti\xCC\x89nh\"}\n", RecordsFormat::json_lines);
    REQUIRE(records.size() == 1);
    CHECK(records[0].data["t"] == "T\xE1\xBB\x89nh");
    auto csv = read_all("t\nTi\xCC\x89nh\n", RecordsFormat::csv);
    REQUIRE(csv.size() == 1);
    CHECK(csv[0].data["t"] == "T\xE1\xBB\x89nh");
}

TEST_CASE("records: CSV quotes hold commas, doubled quotes, line breaks; CRLF and a BOM are fine") {
    const std::string text = "\xEF\xBB\xBFname,note\r\n"
                             "\"Chi bộ 1, xã A\",\"say \"\"yes\"\"\"\r\n"
                             "B,\"two\r\nlines\"\r\n"
                             "C,plain\r\n";
    auto records = read_all(text, RecordsFormat::csv);
    REQUIRE(records.size() == 3);
    CHECK(records[0].data == json{{"name", "Chi bộ 1, xã A"}, {"note", "say \"yes\""}});
    CHECK(records[1].data["note"] == "two\nlines");
    CHECK(records[2].number == 3);
    CHECK(records[2].line == 5); // the quoted line break counts as a line of the file
    CHECK(count(text, RecordsFormat::csv) == 3);
}

TEST_CASE("records: CSV dotted headers build nested objects and [n] builds lists") {
    const std::string text = "branch.code,header.number, header.issuer[0] ,header.issuer[1]\n"
                             "HC05,12-KH/CB,ĐẢNG BỘ X,CHI BỘ HC05\n"
                             "HC06,,ĐẢNG BỘ X,\n";
    auto records = read_all(text, RecordsFormat::csv);
    REQUIRE(records.size() == 2);
    CHECK(records[0].data == json{{"branch", {{"code", "HC05"}}},
                                  {"header", {{"number", "12-KH/CB"}, {"issuer", {"ĐẢNG BỘ X", "CHI BỘ HC05"}}}}});
    // Empty cells are left out: the shared data keeps the value, and a list closes up.
    CHECK(records[1].data == json{{"branch", {{"code", "HC06"}}}, {"header", {{"issuer", {"ĐẢNG BỘ X"}}}}});
}

TEST_CASE("records: a malformed CSV row fails alone and the next row is read") {
    const std::string text = "a,b\n"
                             "1,2\n"
                             "1,2,3\n"
                             "x\"y,2\n"
                             "\"q\"z,2\n"
                             "4,5\n"
                             "\"never closed,6\n";
    auto records = read_all(text, RecordsFormat::csv);
    REQUIRE(records.size() == 6);
    CHECK_FALSE(records[0].error);
    REQUIRE(records[1].error);
    CHECK_THAT(records[1].error->message.text(), Catch::Contains("3 cells, the header 2"));
    CHECK(records[1].error->where.line == 3);
    REQUIRE(records[2].error);
    CHECK_THAT(records[2].error->message.text(), Catch::Contains("quote inside a field"));
    REQUIRE(records[3].error);
    CHECK_THAT(records[3].error->message.text(), Catch::Contains("after the closing quote"));
    CHECK(records[4].data == json{{"a", "4"}, {"b", "5"}});
    REQUIRE(records[5].error);
    CHECK_THAT(records[5].error->message.text(), Catch::Contains("opened on line 7 is never closed"));
}

TEST_CASE("records: a CSV cell that is not UTF-8 fails alone, naming its column and line") {
    auto records = read_all("code,name\nA,Chi b\xE1\nB,ok\n", RecordsFormat::csv);
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].error);
    CHECK(records[0].error->json_path == "name");
    CHECK(records[0].error->where.line == 2);
    CHECK(records[0].error->message.text() == "name: the text is not valid UTF-8 (byte 5)");
    CHECK_THAT(records[0].error->hint.text(), Catch::Contains("--input-encoding"));
    CHECK_FALSE(records[1].error);
}

TEST_CASE("records: CSV headers that cannot name fields are refused before any record") {
    CHECK_THAT(opening_error("", RecordsFormat::csv), Catch::Contains("empty"));
    CHECK_THAT(opening_error("a,,b\n1,2,3\n", RecordsFormat::csv), Catch::Contains("column 2") && Catch::Contains("no name"));
    CHECK_THAT(opening_error("a,a\n", RecordsFormat::csv), Catch::Contains("already"));
    CHECK_THAT(opening_error("a..b\n", RecordsFormat::csv), Catch::Contains("not a field path"));
    CHECK_THAT(opening_error("a[x]\n", RecordsFormat::csv), Catch::Contains("not a field path"));
    CHECK_THAT(opening_error("a,a.b\n", RecordsFormat::csv), Catch::Contains("clashes"));
    CHECK_THAT(opening_error("a.b,a\n", RecordsFormat::csv), Catch::Contains("clashes"));
    CHECK_THAT(opening_error("a[0],a.b\n", RecordsFormat::csv), Catch::Contains("clashes"));
    CHECK(opening_error("a.b,a.c,d[0].e,d[0].f\n", RecordsFormat::csv).empty());
}

// A header path 70,000 names deep overflowed the stack (the record was built and walked by
// recursion); it is refused at its column like JSON data nested that deep.
TEST_CASE("records: a CSV header path nested deeper than the data limit is refused at its column") {
    std::string deep = "a";
    for (int level = 0; level < 70'000; ++level) deep += ".a";
    try {
        read_all("name," + deep + "\nx,y\n", RecordsFormat::csv);
        FAIL("the header was accepted");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::limit);
        CHECK(failure.error().where.line == 1);
        CHECK(failure.error().message.text() == "CSV header, column 2: the field path nests deeper than 256 levels");
    }
    // Each list item is a level too: 128 names with an item each are 256 levels, accepted.
    std::string items = "a[0]";
    for (int level = 1; level < 128; ++level) items += ".a[0]";
    CHECK(opening_error(items + "\n", RecordsFormat::csv).empty());
    CHECK_THAT(opening_error(items + ".b\n", RecordsFormat::csv), Catch::Contains("deeper than 256"));
}

TEST_CASE("records: the format is told by extension, else by the first character") {
    using vanban::batch::detect_format;
    CHECK(detect_format("x.jsonl", "[") == RecordsFormat::json_lines);
    CHECK(detect_format("x.NDJSON", "") == RecordsFormat::json_lines);
    CHECK(detect_format("x.csv", "{") == RecordsFormat::csv);
    CHECK(detect_format("x.json", "  \n[{}]") == RecordsFormat::json_array);
    CHECK(detect_format("x.json", "\xEF\xBB\xBF{\"a\":1}") == RecordsFormat::json_lines);
    CHECK(detect_format("<stdin>", "code,name") == RecordsFormat::csv);
    // Read through the automatic path, the bytes looked at are not lost.
    auto records = read_all("{\"a\": 1}\n{\"a\": 2}\n", RecordsFormat::automatic);
    REQUIRE(records.size() == 2);
    CHECK(records[0].data["a"] == 1);
    auto csv = read_all("a\n1\n", RecordsFormat::automatic);
    REQUIRE(csv.size() == 1);
    CHECK(csv[0].data["a"] == "1");
}

TEST_CASE("records: the quick count agrees with the reader on awkward files") {
    const std::string csv = "a,b\n\"x\ny\",1\n\n2,3\r\n\"\"\"\",4";
    CHECK(count(csv, RecordsFormat::csv) == read_all(csv, RecordsFormat::csv).size());
    const std::string lines = "{}\n\n{}\r\n  \n{}";
    CHECK(count(lines, RecordsFormat::json_lines) == read_all(lines, RecordsFormat::json_lines).size());
}
