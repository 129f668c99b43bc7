// One test per supported keyword: what it accepts, what it rejects, and the message it gives.
#include <catch2/catch.hpp>

#include "schema_test_support.hpp"

using schema_test::Lines;
using schema_test::problems;
using schema_test::problems_vi;

TEST_CASE("type names the expected and the found type", "[schema][type]") {
    const char* schema = R"({"properties": {"title": {"type": "string"}, "count": {"type": "integer"},
                             "note": {"type": ["string", "null"]}}})";
    CHECK(problems(schema, R"({"title": "Kế hoạch", "count": 3, "note": null})").empty());
    CHECK(problems(schema, R"({"title": 12})") == Lines{"title: expected a string, found a number"});
    CHECK(problems(schema, R"({"count": 2.5})") == Lines{"count: expected a whole number, found a number with a fraction (2.5)"});
    CHECK(problems(schema, R"({"count": 2.0})").empty()); // integer: no fractional part
    CHECK(problems(schema, R"({"note": true})") == Lines{"note: expected a string or null, found true"});
    CHECK(problems(R"({"type": "array"})", R"({})") == Lines{": expected a list, found an object"});
    CHECK(problems(R"({"type": ["object", "boolean"]})", R"("x")") == Lines{": expected an object or true or false, found a string"});
}

TEST_CASE("a wrong type gives one message, not one per keyword", "[schema][type]") {
    CHECK(problems(R"({"type": "string", "minLength": 2, "enum": ["ab", "cd"]})", "7") ==
          Lines{": expected a string, found a number"});
}

TEST_CASE("enum and const list the allowed values", "[schema][enum]") {
    CHECK(problems(R"({"properties": {"profile": {"enum": ["party", "state"]}}})", R"({"profile": "stat"})") ==
          Lines{R"(profile: must be one of "party", "state")"});
    CHECK(problems(R"({"enum": [1, "1", null]})", "1.0").empty()); // 1 and 1.0 are the same number
    CHECK(problems(R"({"enum": [0]})", "false") == Lines{": must be 0"});
    CHECK(problems(R"({"const": {"a": [1, 2]}})", R"({"a": [1, 2]})").empty());
    CHECK(problems(R"({"const": "party"})", R"("state")") == Lines{R"(: must be "party")"});
}

TEST_CASE("a long enum is shortened in the message", "[schema][enum]") {
    auto lines = problems(R"({"enum": [1,2,3,4,5,6,7,8,9,10,11,12]})", "13");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == ": must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (12 values)");
}

TEST_CASE("required names each missing field at the object's path", "[schema][required]") {
    const char* schema = R"({"properties": {"signature": {"required": ["name", "title"]}}})";
    CHECK(problems(schema, R"({"signature": {"name": "Nguyễn Văn A", "title": "BÍ THƯ"}})").empty());
    CHECK(problems(schema, R"({"signature": {}})") ==
          Lines{R"(signature: missing required field "name")", R"(signature: missing required field "title")"});
    CHECK(problems(schema, R"({"signature": "x"})").empty()); // required applies to objects only
}

TEST_CASE("additionalProperties false reports the unexpected field at its own path", "[schema][additionalProperties]") {
    const char* schema = R"({"properties": {"title": {}}, "patternProperties": {"^x-": {}},
                             "additionalProperties": false})";
    CHECK(problems(schema, R"({"title": 1, "x-note": 2})").empty());
    CHECK(problems(schema, R"({"titel": 1})") == Lines{R"(titel: unexpected field "titel" (check its spelling))"});
    CHECK(problems(R"({"additionalProperties": {"type": "string"}})", R"({"a": "x", "b": 2})") ==
          Lines{"b: expected a string, found a number"});
}

TEST_CASE("patternProperties apply to every matching key, in code points", "[schema][patternProperties]") {
    const char* schema = R"({"patternProperties": {"^ngày_": {"format": "date"}, "^.{3}$": {"type": "number"}}})";
    CHECK(problems(schema, R"({"ngày_ký": "2024-03-25", "đơn": 3})").empty());
    CHECK(problems(schema, R"({"đơn": "ba"})") == Lines{"đơn: expected a number, found a string"});
}

TEST_CASE("items and prefixItems check each item with its index in the path", "[schema][items]") {
    const char* schema = R"({"properties": {"plan": {"properties": {"sections": {"items": {
                             "properties": {"title": {"type": "string"}}}}}}}})";
    CHECK(problems(schema, R"({"plan": {"sections": [{"title": "a"}, {"title": "b"}, {"title": 3}]}})") ==
          Lines{"plan.sections[2].title: expected a string, found a number"});
    const char* tuple = R"({"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false})";
    CHECK(problems(tuple, R"(["Hà Nội", 2024])").empty());
    CHECK(problems(tuple, R"([1])") == Lines{"[0]: expected a string, found a number"});
    CHECK(problems(tuple, R"(["a", 1, true])") == Lines{"[2]: unexpected item: this list takes at most 2 items"});
}

TEST_CASE("minItems, maxItems and uniqueItems", "[schema][items]") {
    CHECK(problems(R"({"minItems": 2})", "[1]") == Lines{": must have at least 2 items, found 1"});
    CHECK(problems(R"({"maxItems": 1})", "[1, 2]") == Lines{": must have at most 1 item, found 2"});
    CHECK(problems(R"({"minItems": 1})", R"("not a list")").empty());
    CHECK(problems(R"({"uniqueItems": true})", R"([1, "1", {"a": 1}, {"a": 1.0}])") ==
          Lines{"[3]: repeats item [2]; the items of this list must all differ"});
    CHECK(problems(R"({"uniqueItems": false})", "[1, 1]").empty());
}

TEST_CASE("minLength and maxLength count code points, not bytes", "[schema][length]") {
    CHECK(problems(R"({"maxLength": 6})", R"("Kế hoạch")") == Lines{": must be at most 6 characters long, found 8"});
    CHECK(problems(R"({"maxLength": 8})", R"("Kế hoạch")").empty()); // 12 bytes, 8 code points
    CHECK(problems(R"({"minLength": 1})", R"("")") == Lines{": must be at least 1 character long, found 0"});
}

TEST_CASE("pattern is an ECMAScript regex searched anywhere in the string", "[schema][pattern]") {
    const char* schema = R"({"pattern": "^[0-9]+-KH/[A-ZĐ]+$"})";
    CHECK(problems(schema, R"("19-KH/ĐU")").empty());
    CHECK(problems(schema, R"("KH-19")") == Lines{R"(: "KH-19" does not have the expected form (pattern ^[0-9]+-KH/[A-ZĐ]+$))"});
    CHECK(problems(R"({"pattern": "ạ"})", R"("Kế hoạch")").empty()); // not anchored
    CHECK(problems(R"({"pattern": "^.{2}$"})", R"("ạc")").empty());   // "." is one code point
}

TEST_CASE("x-vanban-pattern-message says what a pattern asks for, in the reader's language", "[schema][pattern]") {
    const char* schema = R"({"pattern": "^ *[-/]", "x-vanban-pattern-message":
        {"en": "write only the code, e.g. {/KH-UBND}", "vi": "chỉ ghi ký hiệu, ví dụ {/KH-UBND}"}})";
    CHECK(problems(schema, R"("/KH-UBND")").empty());
    // Braces in the author's text are text, not arguments.
    CHECK(problems(schema, R"("19/KH-UBND")") ==
          Lines{R"(: "19/KH-UBND" does not have the expected form: write only the code, e.g. {/KH-UBND})"});
    CHECK(problems_vi(schema, R"("19/KH-UBND")") ==
          Lines{R"(: "19/KH-UBND" không đúng dạng yêu cầu: chỉ ghi ký hiệu, ví dụ {/KH-UBND})"});
}

TEST_CASE("a very long string is reported, not matched, against a pattern", "[schema][pattern]") {
    std::string long_text(1001, 'a');
    auto lines = problems(R"({"pattern": "^(a|b)*$"})", nlohmann::json(long_text).dump());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("too long to check against the pattern") != std::string::npos);
    CHECK(problems(R"({"pattern": "^(a|b)*$"})", nlohmann::json(std::string(1000, 'a')).dump()).empty());
}

TEST_CASE("format date is a real calendar date", "[schema][format]") {
    const char* schema = R"({"properties": {"header": {"properties": {"date": {"format": "date"}}}}})";
    CHECK(problems(schema, R"({"header": {"date": "2024-02-29"}})").empty());
    CHECK(problems(schema, R"({"header": {"date": "2019-3-25"}})") ==
          Lines{R"(header.date: "2019-3-25" is not a date (YYYY-MM-DD))"});
    CHECK(problems(schema, R"({"header": {"date": "2023-02-29"}})") ==
          Lines{R"(header.date: "2023-02-29" is not a date: February 2023 has 28 days)"});
    CHECK(problems(schema, R"({"header": {"date": "2024-13-01"}})") ==
          Lines{R"(header.date: "2024-13-01" is not a date: there is no month 13)"});
    CHECK(problems(R"({"format": "date"})", "20240101").empty()); // formats apply to strings only
}

TEST_CASE("format date-time is RFC 3339", "[schema][format]") {
    const char* schema = R"({"format": "date-time"})";
    CHECK(problems(schema, R"("2024-03-25T08:30:00+07:00")").empty());
    CHECK(problems(schema, R"("2024-03-25t01:30:00.5z")").empty());
    CHECK(problems(schema, R"("2016-12-31T23:59:60Z")").empty()); // a leap second
    CHECK(problems(schema, R"("2016-12-31T22:59:60Z")").size() == 1);
    CHECK(problems(schema, R"("2024-03-25 08:30")") ==
          Lines{R"(: "2024-03-25 08:30" is not a date and time (YYYY-MM-DDThh:mm:ss with a time zone, e.g. 2024-03-25T08:30:00+07:00))"});
    CHECK(problems(R"({"format": "email"})", R"("not an email")").empty()); // an annotation only
}

TEST_CASE("numeric bounds and multipleOf", "[schema][number]") {
    CHECK(problems(R"({"minimum": 1})", "0") == Lines{": must be at least 1, found 0"});
    CHECK(problems(R"({"maximum": 10})", "12.5") == Lines{": must be at most 10, found 12.5"});
    CHECK(problems(R"({"exclusiveMinimum": 0})", "0") == Lines{": must be greater than 0, found 0"});
    CHECK(problems(R"({"exclusiveMaximum": 100})", "100") == Lines{": must be less than 100, found 100"});
    CHECK(problems(R"({"multipleOf": 5})", "12") == Lines{": must be a multiple of 5, found 12"});
    CHECK(problems(R"({"multipleOf": 0.01})", "0.07").empty());
    CHECK(problems(R"({"maximum": 9007199254740992})", "9007199254740993") ==
          Lines{": must be at most 9007199254740992, found 9007199254740993"}); // exact for integers
    CHECK(problems(R"({"minimum": -1})", "18446744073709551615").empty());
}

TEST_CASE("allOf reports the problems of every branch, each once", "[schema][allOf]") {
    const char* schema = R"({"allOf": [{"required": ["a"]}, {"required": ["a", "b"]}]})";
    CHECK(problems(schema, "{}") == Lines{R"(: missing required field "a")", R"(: missing required field "b")"});
}

TEST_CASE("anyOf summarises rather than listing every branch", "[schema][anyOf]") {
    const char* schema = R"({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})";
    CHECK(problems(schema, R"("a")").empty());
    CHECK(problems(schema, R"(["a"])").empty());
    CHECK(problems(schema, "3") == Lines{": expected a string or a list, found a number"});
    // The value's type fits one branch only: that branch's own problems are the useful ones.
    CHECK(problems(schema, "[3]") == Lines{"[0]: expected a string, found a number"});
    const char* titled = R"({"anyOf": [{"title": "một ngày", "format": "date"}, {"title": "một khoảng", "pattern": " - "}]})";
    CHECK(problems(titled, R"("hôm qua")") == Lines{R"(: does not match any of the allowed forms: "một ngày", "một khoảng")"});
    CHECK(problems(R"({"anyOf": [{"minimum": 5}, {"multipleOf": 2}]})", "3") ==
          Lines{": does not match any of the allowed forms"});
}

TEST_CASE("oneOf wants exactly one matching form", "[schema][oneOf]") {
    const char* schema = R"({"oneOf": [{"type": "integer"}, {"minimum": 2}]})";
    CHECK(problems(schema, "1").empty());
    CHECK(problems(schema, "2.5").empty());
    CHECK(problems(schema, "3") == Lines{": matches more than one of the allowed forms (form 1 and form 2); it must match exactly one"});
    CHECK(problems(schema, "1.5") == Lines{": does not match any of the allowed forms"});
}

TEST_CASE("not rejects values that match its schema", "[schema][not]") {
    CHECK(problems(R"({"not": {"type": "null"}})", "1").empty());
    CHECK(problems(R"({"not": {"title": "để trống", "const": ""}})", R"("")") ==
          Lines{R"(: is not allowed here: it has a form the template excludes ("để trống"))"});
}

TEST_CASE("if/then/else applies then or else with their own messages", "[schema][if]") {
    const char* schema = R"({"if": {"properties": {"profile": {"const": "state"}}},
                             "then": {"required": ["agency"]}, "else": {"required": ["party_unit"]}})";
    CHECK(problems(schema, R"({"profile": "state", "agency": "UBND"})").empty());
    CHECK(problems(schema, R"({"profile": "state"})") == Lines{R"(: missing required field "agency")"});
    CHECK(problems(schema, R"({"profile": "party"})") == Lines{R"(: missing required field "party_unit")"});
}

TEST_CASE("$ref to $defs and to the root, recursively through the data", "[schema][ref]") {
    const char* schema = R"({"$defs": {"task": {"properties": {"deadline": {"format": "date"},
                                                              "subtasks": {"items": {"$ref": "#/$defs/task"}}}}},
                             "properties": {"plan": {"properties": {"tasks": {"items": {"$ref": "#/$defs/task"}}}}}})";
    CHECK(problems(schema, R"({"plan": {"tasks": [{"deadline": "2024-01-01"}, {"subtasks": [{"deadline": "x"}]}]}})") ==
          Lines{R"(plan.tasks[1].subtasks[0].deadline: "x" is not a date (YYYY-MM-DD))"});
    const char* tree = R"({"properties": {"children": {"items": {"$ref": "#"}}, "name": {"type": "string"}}})";
    CHECK(problems(tree, R"({"children": [{"children": [{"name": 1}]}]})") ==
          Lines{"children[0].children[0].name: expected a string, found a number"});
    // 2020-12: keywords next to $ref still apply.
    CHECK(problems(R"({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2})", R"("abc")") ==
          Lines{": must be at most 2 characters long, found 3"});
}

TEST_CASE("boolean schemas", "[schema][boolean]") {
    CHECK(problems("true", R"({"anything": [1]})").empty());
    CHECK(problems("false", "1") == Lines{": no value is allowed here"});
    CHECK(problems(R"({"properties": {"old": false}})", R"({"old": 1})") == Lines{"old: no value is allowed here"});
}

TEST_CASE("annotations are accepted and ignored", "[schema][annotations]") {
    const char* schema = R"({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:x",
                             "$comment": "c", "title": "t", "description": "d", "default": 1, "examples": [1],
                             "deprecated": true, "readOnly": false, "writeOnly": false, "type": "integer"})";
    CHECK(problems(schema, "1").empty());
    CHECK(problems(schema, R"("1")").size() == 1);
}

TEST_CASE("problems in Vietnamese: type names, lists of types, counts and months", "[schema][vi]") {
    CHECK(problems_vi(R"({"properties": {"title": {"type": "string"}}})", R"({"title": 12})") ==
          Lines{"title: phải là chuỗi ký tự, không phải số"});
    CHECK(problems_vi(R"({"type": ["string", "integer", "null"]})", "2.5") ==
          Lines{": phải là chuỗi ký tự, số nguyên hoặc null, không phải số có phần thập phân (2.5)"});
    CHECK(problems_vi(R"({"minItems": 2})", "[1]") == Lines{": phải có ít nhất 2 phần tử, nhưng chỉ có 1"});
    CHECK(problems_vi(R"({"format": "date"})", R"("2023-02-29")") ==
          Lines{": \"2023-02-29\" không phải là ngày tháng: tháng 2 năm 2023 có 28 ngày"});
    CHECK(problems_vi(R"({"required": ["issuer"]})", "{}") == Lines{": thiếu trường bắt buộc \"issuer\""});
}
