// A schema the stage cannot honour is refused when it is compiled, with the schema file and
// the JSON pointer of the keyword at fault.
#include <catch2/catch.hpp>

#include "schema_test_support.hpp"
#include "vanban/error.hpp"

namespace {

// The error's message, or "" when the schema compiles.
std::string compile_error(const std::string& schema_text) {
    try {
        schema_test::compile(schema_text);
    } catch (const vanban::Failure& failure) {
        CHECK(failure.error().kind == vanban::ErrorKind::resource);
        CHECK(failure.error().where.file == "test-schema.json");
        return failure.error().message.text();
    }
    return "";
}

// The error's hint, or "" when the schema compiles.
std::string compile_hint(const std::string& schema_text) {
    try {
        schema_test::compile(schema_text);
    } catch (const vanban::Failure& failure) {
        return failure.error().hint.text();
    }
    return "";
}

} // namespace

TEST_CASE("unsupported keywords are refused with their pointer", "[schema][compile]") {
    CHECK(compile_error(R"({"properties": {"plan": {"minProperties": 1}}})") ==
          R"(unsupported keyword "minProperties" at /properties/plan)");
    CHECK(compile_error(R"({"$defs": {"a~b": {"contains": {}}}})") == R"(unsupported keyword "contains" at /$defs/a~0b)");
    CHECK(compile_error(R"({"definitions": {}})") == R"(unsupported keyword "definitions" at the schema root)");
    CHECK(compile_error(R"({"$anchor": "x"})") == R"(unsupported keyword "$anchor" at the schema root)");
}

TEST_CASE("malformed keyword values are refused", "[schema][compile]") {
    CHECK(compile_error(R"({"type": "strin"})") == R"(unknown type "strin" at /type)");
    CHECK(compile_hint(R"({"type": "strin"})") == "use string, number, integer, boolean, object, array or null");
    CHECK(compile_error(R"({"minLength": -1})") == R"("minLength" must be a whole number, 0 or more at /minLength)");
    CHECK(compile_error(R"({"required": "name"})") == R"("required" must be a list of field names at /required)");
    CHECK(compile_error(R"({"multipleOf": 0})") == R"("multipleOf" must be greater than 0 at /multipleOf)");
    CHECK(compile_error(R"({"items": [{}]})") == R"("items" must be one schema (draft 2020-12) at /items)");
    CHECK(compile_hint(R"({"items": [{}]})") == R"(use "prefixItems" for one schema per position)");
    CHECK(compile_error(R"({"anyOf": []})") == R"("anyOf" must be a non-empty list of schemas at /anyOf)");
    CHECK(compile_error(R"({"properties": {"a": 3}})") == "a schema must be an object or true/false at /properties/a");
    CHECK(compile_error(R"({"pattern": "(unclosed"})").rfind(R"(pattern "(unclosed" is not a regular expression)", 0) == 0);
    CHECK(compile_error(R"({"patternProperties": {"[": {}}})").find("at /patternProperties/[") != std::string::npos);
    CHECK(compile_error(R"({"pattern": "(?<=a)b"})").find("is not a regular expression vanban can use") != std::string::npos);
    CHECK(compile_error(R"({"pattern": "^\\pL+$"})") ==
          R"(pattern "^\\pL+$" uses a Unicode class (\p{…}), which vanban does not support, at /pattern)");
    CHECK(compile_hint(R"({"pattern": "^\\pL+$"})") == "list the letters, e.g. [a-zà-ỹ]");
    CHECK(compile_error(R"({"pattern": "a\\\\p"})").empty()); // an escaped backslash, then the letter p
    const std::string one_language =
        R"("x-vanban-pattern-message" must be an object with the texts "en" and "vi" at /x-vanban-pattern-message)";
    CHECK(compile_error(R"({"pattern": "^a", "x-vanban-pattern-message": {"en": "starts with a"}})") == one_language);
    CHECK(compile_error(R"({"pattern": "^a", "x-vanban-pattern-message": "starts with a"})") == one_language);
    CHECK(compile_error(R"({"pattern": "^a", "x-vanban-pattern-message": {"en": "starts with a", "vi": ""}})") ==
          one_language);
}

TEST_CASE("only local references are supported, and they must point somewhere", "[schema][compile][ref]") {
    CHECK(compile_error(R"({"$ref": "other.json#/$defs/a"})") == R"($ref "other.json#/$defs/a" points outside this schema at /$ref)");
    CHECK(compile_hint(R"({"$ref": "other.json#/$defs/a"})") == R"(only "#" and "#/$defs/NAME" are supported)");
    CHECK(compile_error(R"({"$ref": "#name"})").find("uses an anchor") != std::string::npos);
    CHECK(compile_error(R"({"properties": {"a": {"$ref": "#/$defs/missing"}}})") ==
          R"($ref "#/$defs/missing" points to no schema at /properties/a/$ref)");
    CHECK(compile_error(R"({"$defs": {"a b": {"type": "string"}}, "$ref": "#/$defs/a%20b"})").empty());
}

TEST_CASE("$ref pointers unescape ~0, ~1 and percent escapes", "[schema][ref]") {
    const char* schema = R"({"$defs": {"tilde~field": {"type": "integer"}, "slash/field": {"type": "string"},
                                       "percent%field": {"type": "boolean"}},
                             "properties": {"tilde": {"$ref": "#/$defs/tilde~0field"},
                                            "slash": {"$ref": "#/$defs/slash~1field"},
                                            "percent": {"$ref": "#/$defs/percent%25field"}}})";
    CHECK(schema_test::problems(schema, R"({"tilde": 1, "slash": "x", "percent": true})").empty());
    CHECK(schema_test::problems(schema, R"({"tilde": "1", "slash": 1, "percent": 1})") ==
          schema_test::Lines{"percent: expected true or false, found a number", "slash: expected a string, found a number",
                             "tilde: expected a whole number, found a string"});
    CHECK(compile_error(R"({"$defs": {"a": {}}, "$ref": "#/$defs/a~2"})") == R"($ref "#/$defs/a~2" points to no schema at /$ref)");
}

TEST_CASE("$ref loops that never reach the data are refused at compile time", "[schema][compile][ref]") {
    CHECK(compile_error(R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}})") ==
          "$ref loop that never reaches the data: #/$defs/a -> #/$defs/b -> #/$defs/b/allOf/0 -> #/$defs/a "
          "at /$defs/a/$ref");
    CHECK(compile_error(R"({"anyOf": [{"type": "string"}, {"$ref": "#"}]})").find("$ref loop") != std::string::npos);
    // Through a part of the value (items, properties) the recursion ends with the data.
    CHECK(compile_error(R"({"items": {"$ref": "#"}, "properties": {"a": {"$ref": "#"}}})").empty());
}

TEST_CASE("schemas nested absurdly deep are refused", "[schema][compile]") {
    std::string text = "{}";
    for (int i = 0; i < 200; ++i) text = R"({"not": )" + text + "}";
    CHECK(compile_error(text).rfind("schema nested deeper than 128 levels at /not/not", 0) == 0);
}

TEST_CASE("compile errors in Vietnamese, with the pointer and the hint", "[schema][compile][vi]") {
    try {
        schema_test::compile(R"({"properties": {"title": {"type": "strin"}}})");
        FAIL("the schema compiled");
    } catch (const vanban::Failure& failure) {
        CHECK(failure.error().format(vanban::Language::vi) ==
              "test-schema.json: lỗi: không có kiểu \"strin\", tại /properties/title/type\n"
              "gợi ý: hãy dùng string, number, integer, boolean, object, array hoặc null");
    }
    try {
        schema_test::compile(R"({"definitions": {}})");
        FAIL("the schema compiled");
    } catch (const vanban::Failure& failure) {
        CHECK(failure.error().message.text(vanban::Language::vi) ==
              "từ khóa \"definitions\" không được hỗ trợ, tại gốc của lược đồ");
    }
}
