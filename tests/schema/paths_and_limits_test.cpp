// Paths in problems, document order, the problem limit, deep data and thread safety.
#include <catch2/catch.hpp>

#include <thread>

#include "schema_test_support.hpp"

using schema_test::Lines;
using schema_test::problems;

TEST_CASE("keys that are not names are written in brackets", "[schema][path]") {
    const char* schema = R"({"additionalProperties": {"type": "string"}})";
    CHECK(problems(schema, R"({"key with space": 1})") == Lines{R"(["key with space"]: expected a string, found a number)"});
    CHECK(problems(schema, R"({"tên_đơn_vị": 1})") == Lines{"tên_đơn_vị: expected a string, found a number"});
    CHECK(problems(schema, R"({"2024": 1})") == Lines{R"(["2024"]: expected a string, found a number)"});
    CHECK(problems(schema, R"({"say \"hi\"": 1})") == Lines{R"(["say \"hi\""]: expected a string, found a number)"});
    CHECK(problems(R"({"additionalProperties": {"additionalProperties": {"type": "string"}}})",
                   R"({"a b": {"c": 1}})") == Lines{R"(["a b"].c: expected a string, found a number)"});
}

TEST_CASE("every problem is reported, sorted in document order", "[schema][order]") {
    // The allOf branches see the members in the opposite order of the data; the report
    // follows the data. (nlohmann::json keeps object members sorted by key.)
    const char* schema = R"({"allOf": [{"properties": {"b": {"type": "string"}}},
                                       {"properties": {"a": {"items": {"type": "string"}}}}],
                             "required": ["c"]})";
    CHECK(problems(schema, R"({"b": 1, "a": [1, "x", 2]})") ==
          Lines{R"(: missing required field "c")", "a[0]: expected a string, found a number",
                "a[2]: expected a string, found a number", "b: expected a string, found a number"});
}

TEST_CASE("at most max_problems problems are returned", "[schema][limit]") {
    auto schema = schema_test::compile(R"({"items": {"type": "string"}})");
    nlohmann::json data = nlohmann::json::array();
    for (int i = 0; i < 500; ++i) data.push_back(i);
    CHECK(schema.validate(data).size() == 100);
    CHECK(schema.validate(data, 3).size() == 3);
    CHECK(schema.validate(data, 3)[2].json_path == "[2]");
    CHECK_FALSE(schema.is_valid(data));
}

TEST_CASE("data nested deeper than 256 levels is reported, not walked", "[schema][limit]") {
    auto schema = schema_test::compile(R"({"items": {"$ref": "#"}})");
    nlohmann::json data = nlohmann::json::array();
    for (int i = 0; i < 300; ++i) data = nlohmann::json::array({data});
    auto found = schema.validate(data);
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.text() == "nested more than 256 levels deep; not checked further");
    CHECK(std::count(found[0].json_path.begin(), found[0].json_path.end(), '[') == 257);
}

TEST_CASE("a long chain of $ref on one value is bounded, not a stack overflow", "[schema][limit]") {
    nlohmann::json schema_doc = {{"$defs", nlohmann::json::object()}};
    const int chain = 3000;
    for (int i = 0; i < chain; ++i)
        schema_doc["$defs"]["d" + std::to_string(i)] = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
    schema_doc["$defs"]["d" + std::to_string(chain)] = {{"type", "string"}};
    schema_doc["$ref"] = "#/$defs/d0";
    auto schema = vanban::schema::Schema::compile(schema_doc, "chain.json");
    auto found = schema.validate("text");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.text() == "the schema nests too deeply to check this value");
}

TEST_CASE("one compiled schema validates from several threads at once", "[schema][threads]") {
    auto schema = schema_test::compile(R"({"items": {"properties": {"n": {"type": "integer", "pattern": "x"},
                                                                    "s": {"pattern": "^[a-z]+$"}}}})");
    nlohmann::json data = nlohmann::json::array();
    for (int i = 0; i < 200; ++i) data.push_back({{"n", i % 3 == 0 ? nlohmann::json("x") : nlohmann::json(i)}, {"s", i % 2 ? "abc" : "ABC"}});
    const auto expected = schema.validate(data, 1000);
    REQUIRE(expected.size() == 167); // 67 wrong types + 100 bad patterns
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                auto got = schema.validate(data, 1000);
                bool same = got.size() == expected.size();
                for (std::size_t i = 0; same && i < got.size(); ++i)
                    same = got[i].json_path == expected[i].json_path && got[i].message == expected[i].message;
                if (!same) ++mismatches[t];
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(mismatches == std::vector<int>(4, 0));
}
