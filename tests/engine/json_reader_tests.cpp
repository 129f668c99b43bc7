// The fast data reader (simdjson) must give exactly what nlohmann::json::parse gives, types
// included, or decline so that nlohmann reads the text.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "engine/data_reader.hpp"
#include "engine/json_reader.hpp"
#include "support/json_identical.hpp"

using nlohmann::json;
using vanban::testing::json_identical;

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

TEST_CASE("json reader: every data file and example reads as nlohmann reads it", "[json_reader]") {
    const std::filesystem::path root = VANBAN_SOURCE_DIR;
    int files = 0;
    for (const char* folder : {"data", "templates", "tests/fixtures"}) {
        if (!std::filesystem::exists(root / folder)) continue;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
            if (entry.path().extension() != ".json") continue;
            const std::string text = read_file(entry.path());
            json expected;
            try {
                expected = json::parse(text);
            } catch (const json::exception&) {
                CHECK_FALSE(vanban::engine::read_json_fast(text).has_value()); // a fixture of bad JSON
                continue;
            }
            INFO(entry.path().string());
            const std::optional<json> fast = vanban::engine::read_json_fast(text);
            REQUIRE(fast.has_value());
            CHECK(json_identical(*fast, expected));
            ++files;
        }
    }
    CHECK(files >= 10);
}

TEST_CASE("json reader: numbers are typed as nlohmann types them", "[json_reader]") {
    for (const char* text : {"0", "5", "-5", "9223372036854775807", "9223372036854775808", "18446744073709551615",
                             "-9223372036854775808", "1.5", "-0.0", "1e2", "1E-2", "0.1", "2.2250738585072014e-308",
                             "4.9e-324", "1.7976931348623157e308", "1e-400", "123456789012345678901234567890"}) {
        INFO(text);
        const json expected = json::parse(text);
        const std::optional<json> fast = vanban::engine::read_json_fast(text);
        if (fast) CHECK(json_identical(*fast, expected));
    }
    // The integers nlohmann reads as unsigned, simdjson as signed: converted.
    CHECK(vanban::engine::read_json_fast("5")->is_number_unsigned());
    CHECK(vanban::engine::read_json_fast("-5")->is_number_integer());
    CHECK_FALSE(vanban::engine::read_json_fast("-5")->is_number_unsigned());
}

TEST_CASE("json reader: what it declines, nlohmann reads or words as an error", "[json_reader]") {
    // Negative zero written as an integer: 0 for nlohmann, -0.0 for simdjson.
    CHECK_FALSE(vanban::engine::read_json_fast("-0").has_value());
    CHECK(json_identical(vanban::engine::parse_data("-0", "d.json"), json::parse("-0")));
    // Beyond 64-bit integers: nlohmann makes a double.
    CHECK_FALSE(vanban::engine::read_json_fast("[18446744073709551616]").has_value());
    CHECK(vanban::engine::parse_data("[18446744073709551616]", "d.json")[0].is_number_float());
    // Malformed JSON and numbers beyond double: nlohmann's messages, with their place.
    for (const char* text : {"{\"a\": 1,}", "[1e400]", "{\"a\" 1}", "\"\\ud800\"", "\"\\udc00\"", "[1] 2", "",
                             "{\"a\": \"tab\there\"}"}) {
        INFO(text);
        CHECK_FALSE(vanban::engine::read_json_fast(text).has_value());
        CHECK_THROWS(vanban::engine::parse_data(text, "d.json"));
    }
}

TEST_CASE("json reader: strings, escapes, repeated keys and nesting", "[json_reader]") {
    for (const char* text : {R"({"b": 1, "a": [true, false, null], "c": {}})", R"({"k": 1, "k": 2})",
                             R"(["\u00e9\u1ec7\ud83d\ude00", "\\\"\/\b\f\n\r\t", "Uỷ ban", "ủy ban", ""])",
                             R"([[[[[[[[[[{"deep": [[]]}]]]]]]]]]])", "[\"nul \\u0000 inside\"]"}) {
        INFO(text);
        const std::optional<json> fast = vanban::engine::read_json_fast(text);
        REQUIRE(fast.has_value());
        CHECK(json_identical(*fast, json::parse(text)));
    }
    CHECK(vanban::engine::read_json_fast(R"({"k": 1, "k": 2})")->at("k") == 2);
}

TEST_CASE("json reader: data over 1 MB (read with a parser of its own) reads the same", "[json_reader]") {
    std::string text = "[";
    for (int i = 0; i < 40000; ++i) text += (i ? "," : "") + std::string(R"({"ten": "Chi bộ số )") + std::to_string(i) + "\"}";
    text += "]";
    REQUIRE(text.size() > (1u << 20));
    for (int round = 0; round < 2; ++round) { // and the thread's own parser still works after it
        const std::optional<json> fast = vanban::engine::read_json_fast(text);
        REQUIRE(fast.has_value());
        CHECK(json_identical(*fast, json::parse(text)));
        CHECK(json_identical(*vanban::engine::read_json_fast(R"({"a": [1, 2]})"), json::parse(R"({"a": [1, 2]})")));
    }
}
