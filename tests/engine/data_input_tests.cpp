// Data enters the library here: UTF-8 is checked, JSON errors are located, text becomes NFC.
#include <catch2/catch.hpp>

#include "engine/data_input.hpp"
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
