// Data enters the library here: UTF-8 is checked, JSON errors are located, text becomes NFC.
#include <catch2/catch.hpp>

#include "engine/data_reader.hpp"
#include "vanban/error.hpp"

using namespace vanban;

namespace {
Error data_error(std::string_view text) {
    try {
        engine::parse_data(text, "plan.json");
    } catch (const Failure& f) {
        return f.error();
    }
    FAIL("the data was accepted");
    return {};
}
} // namespace

TEST_CASE("data: a byte-order mark and CRLF line ends are accepted") {
    auto data = engine::parse_data("\xEF\xBB\xBF{\r\n  \"a\": \"b\"\r\n}\r\n", "plan.json");
    CHECK(data["a"] == "b");
}

TEST_CASE("data: invalid UTF-8 is reported with its byte offset") {
    Error e = data_error("{\"a\": \"ng\xE0y\"}");
    CHECK(e.kind == ErrorKind::data);
    CHECK(e.byte_offset == 9);
    CHECK(e.where.file == "plan.json");
    CHECK_THAT(e.message.text(), Catch::StartsWith("invalid UTF-8 at byte 9"));
}

TEST_CASE("data: malformed JSON is reported at its line and column") {
    Error e = data_error("{\n  \"tiêu đề\": \"Kế hoạch\",\n  \"số\": ,\n}");
    CHECK(e.kind == ErrorKind::data);
    CHECK(e.where.file == "plan.json");
    CHECK(e.where.line == 3);
    CHECK(e.where.column == 9); // counted in code points: "  "số": " is 8 of them
    CHECK(e.source_line == "  \"số\": ,");
    CHECK_THAT(e.message.text(), Catch::StartsWith("malformed JSON: "));
    CHECK_THAT(e.format(), Catch::Contains("plan.json:3:9: error: malformed JSON"));
}

TEST_CASE("data: truncated JSON is reported at the end") {
    Error e = data_error("{\"a\": [1, 2");
    CHECK(e.where.line == 1);
    CHECK(e.kind == ErrorKind::data);
}

// Found by fuzzing (tests/fuzz/data.cpp): nlohmann reports a number beyond double's range
// with an exception of its own, which escaped as an unexplained failure.
TEST_CASE("data: a number too large for a double is a data error at its place") {
    Error e = data_error("{\n  \"a\": \"1e400\",\n  \"b\": [21e400, 1e400]\n}");
    CHECK(e.kind == ErrorKind::data);
    CHECK(e.where.file == "plan.json");
    CHECK(e.where.line == 3);
    CHECK(e.where.column == 9); // the first 1e400 outside a string, not the one in "a"
    CHECK(e.message.text() == "malformed JSON: the number 21e400 is too large (beyond ±1.8e308)");
    Error negative = data_error("[-1e999]");
    CHECK(negative.where.column == 2);
    CHECK_THAT(negative.message.text(), Catch::Contains("-1e999"));
    // Tiny numbers become 0, as strtod makes them; they are not errors.
    CHECK(engine::parse_data("[1e-400]", "plan.json")[0] == 0.0);
}

TEST_CASE("data: decomposed text becomes NFC, tone placement is kept") {
    // "Đảng uỷ" and "ủy" written with combining marks (NFD).
    auto data = engine::parse_data("{\"O\xCC\x9B\": \"\xC4\x90" "a\xCC\x89ng uy\xCC\x89\", "
                                   "\"b\": [\"u\xCC\x89y\"]}",
                                   "plan.json");
    CHECK(data["b"][0] == "\xE1\xBB\xA7y");                      // "ủy", tone on u
    CHECK(data["\xC6\xA0"] == "\xC4\x90\xE1\xBA\xA3ng u\xE1\xBB\xB7"); // "Đảng uỷ", tone on y
    CHECK(data.contains("\xC6\xA0"));                   // the key "Ơ" was normalised too
    CHECK_FALSE(data.contains("O\xCC\x9B"));
}

TEST_CASE("data: pathological nesting is refused before it can exhaust the stack") {
    std::string deep(100000, '[');
    Error e = data_error(deep);
    CHECK(e.kind == ErrorKind::limit); // a safety limit, like the template's nesting limits
    CHECK_THAT(e.message.text(), Catch::Contains("nesting deeper than 256"));
    // Brackets inside strings do not count.
    std::string fine = "{\"a\": \"" + std::string(1000, '[') + "\"}";
    CHECK_NOTHROW(engine::parse_data(fine, "plan.json"));
    // An escaped quote does not end the string, so these brackets are still inside it...
    std::string escaped = "[\"\\\"" + std::string(1000, '[') + "\"]";
    CHECK_NOTHROW(engine::parse_data(escaped, "plan.json"));
    // ...but a quote after an escaped backslash does, and the brackets after it count.
    std::string after_backslash = "[\"\\\\\", " + std::string(300, '[') + std::string(300, ']') + "]";
    CHECK(data_error(after_backslash).kind == ErrorKind::limit);
}

// ------------------------------------------------------------------ the one way in

namespace {

engine::DataLimits small_limits() {
    engine::DataLimits limits;
    limits.max_data_bytes = 200;
    limits.max_data_string_bytes = 8;
    limits.max_values = 6;
    limits.max_depth = 3;
    return limits;
}

Error read_error(std::string_view text, const engine::DataLimits& limits = small_limits()) {
    try {
        engine::read_data(text, {"d.json", InputEncoding::utf8}, limits, nullptr);
    } catch (const Failure& f) {
        return f.error();
    }
    FAIL("the data was accepted");
    return {};
}

Error adopt_error(nlohmann::json data, const engine::DataLimits& limits = small_limits()) {
    try {
        engine::adopt_data(std::move(data), {"record 3", InputEncoding::utf8}, limits, nullptr);
    } catch (const Failure& f) {
        return f.error();
    }
    FAIL("the data was accepted");
    return {};
}

} // namespace

TEST_CASE("data: text and built JSON meet the same limits") {
    // Values: members and items, counted on the text before anything is built.
    const Error values = read_error(R"({"a": [1, 2, 3], "b": {"c": 4, "d": 5}})");
    CHECK(values.kind == ErrorKind::limit);
    CHECK(values.where.line == 1);
    CHECK(values.where.column == 23); // the bracket that opens the seventh value
    CHECK_THAT(values.message.text(), Catch::Contains("more than 6 values (max_data_values)"));
    CHECK_NOTHROW(engine::read_data(R"({"a": [1, 2, 3], "b": {}})", {"d.json"}, small_limits(), nullptr));
    CHECK_NOTHROW(engine::read_data(R"([[], {}, "a,b,c,d"])", {"d.json"}, small_limits(), nullptr));
    CHECK_THAT(adopt_error(nlohmann::json::parse(R"({"a": [1, 2, 3], "b": {"c": 4, "d": 5}})")).message.text(),
               Catch::Contains("more than 6 values (max_data_values)"));

    const Error text = read_error(R"({"s": "123456789"})");
    CHECK(text.kind == ErrorKind::limit);
    CHECK(text.json_path == "s");
    const Error built_text = adopt_error({{"s", "123456789"}});
    CHECK(built_text.message.text() == text.message.text());
    CHECK(built_text.where.file == "record 3");

    CHECK(read_error("[[[[1]]]]").kind == ErrorKind::limit);
    const Error deep = adopt_error(nlohmann::json::parse("[[[[1]]]]"));
    CHECK(deep.kind == ErrorKind::limit);
    CHECK(deep.json_path == "[0][0][0]");

    CHECK_THAT(read_error("[\"" + std::string(200, ' ') + "\"]").message.text(), Catch::Contains("larger than 200 bytes"));
    engine::DataLimits few_bytes = small_limits();
    few_bytes.max_data_string_bytes = 1000;
    CHECK_THAT(adopt_error({{"s", std::string(300, 'x')}}, few_bytes).message.text(), Catch::Contains("larger than 200 bytes"));
}

TEST_CASE("data: built JSON is brought to NFC and checked as UTF-8, or decoded from a legacy encoding") {
    const auto nfc = engine::adopt_data({{"O\xCC\x9B", "u\xCC\x89y"}}, {"r"}, {}, nullptr);
    CHECK(nfc == nlohmann::json{{"\xC6\xA0", "\xE1\xBB\xA7y"}});
    const Error bad = adopt_error({{"a", {{"b", "ng\xE0y"}}}});
    CHECK(bad.kind == ErrorKind::data);
    CHECK(bad.json_path == "a.b");
    CHECK_THAT(bad.message.text(), Catch::StartsWith("a.b: the text is not valid UTF-8 (byte 2"));
    // Raw TCVN3 bytes in one string, TCVN3 shown as Latin-1 in another: both decoded.
    const std::string raw = "\xAE\xB6ng";
    const auto decoded = engine::adopt_data({{"raw", raw}, {"shown", "\xC2\xAE\xC2\xB6ng"}, {"plain", "Đảng"}},
                                            {"r", InputEncoding::tcvn3}, {}, nullptr);
    CHECK(decoded["raw"] == decoded["shown"]);
    CHECK(decoded["plain"] == "Đảng"); // real Unicode is kept
}

TEST_CASE("data: a control character other than tab, line feed and carriage return is refused where it stands") {
    const Error e = data_error("{\"plan\": {\"tasks\": [\"ok\", \"Kiểm tra \\u0001 xong\"]}}");
    CHECK(e.kind == ErrorKind::data);
    CHECK(e.where.file == "plan.json");
    CHECK(e.json_path == "plan.tasks[1]");
    // Characters, not bytes: "Kiểm tra " is nine characters and eleven bytes.
    CHECK_THAT(e.message.text(), Catch::StartsWith("plan.tasks[1]: the text holds a control character, U+0001, at character 10"));
    CHECK(e.hint.empty());
    // Word's Shift+Enter line break gets a hint saying what to write instead.
    const Error word = data_error("{\"a\": \"dòng một\\u000bdòng hai\"}");
    CHECK(word.hint.code() == "data.control-character-line-break");
    // Built JSON (the library's and batch's records) meets the same check.
    const Error built = adopt_error({{"a", {{"b", std::string("x\x1F")}}}});
    CHECK(built.json_path == "a.b");
    CHECK_THAT(built.message.text(), Catch::EndsWith("a control character, U+001F, at character 2: it cannot be printed, "
                                                     "nor kept in the PDF's metadata or in Word; remove it"));
    // U+FFFF, no character at all.
    const Error noncharacter = data_error("{\"a\": \"Ủy ban \\uffff\"}");
    CHECK_THAT(noncharacter.message.text(), Catch::StartsWith("a: the text holds U+FFFF at character 8, which is no character"));
    // Tab, line feed and carriage return are text.
    const auto kept = engine::parse_data("{\"a\": \"m\\u1ed9t\\tdòng\\r\\nhai\"}", "plan.json");
    CHECK(kept["a"] == "một\tdòng\r\nhai");
}
