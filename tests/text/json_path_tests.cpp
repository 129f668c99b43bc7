#include "text/json_path.hpp"

#include <catch2/catch.hpp>

using namespace vanban::text;

TEST_CASE("json path: names after dots, other keys as JSON strings in brackets", "[json_path]") {
    CHECK(JsonPath().key("header").key("issuer").index(1).text() == "header.issuer[1]");
    CHECK(JsonPath().key("tên_đơn_vị").key("số_hiệu").text() == "tên_đơn_vị.số_hiệu");
    CHECK(JsonPath().key("x").key("a-b").key("c").text() == R"(x["a-b"].c)");
    CHECK(JsonPath().key("x").key("số hiệu").text() == R"(x["số hiệu"])");
    CHECK(JsonPath().key("a.b").text() == R"(["a.b"])");
    CHECK(JsonPath().key("").text() == R"([""])");
    CHECK(JsonPath().key("1x").text() == R"(["1x"])");
    CHECK(JsonPath().key("x").key(R"(say "hi"\)").text() == R"(x["say \"hi\"\\"])");
    CHECK(JsonPath().key("tab\there").text() == R"(["tab\u0009here"])");
    CHECK(JsonPath().index(0).key("a").text() == "[0].a");
    CHECK(JsonPath().describe() == "the data");
    CHECK(JsonPath().key("a").describe() == "a");
}

TEST_CASE("json path: the template language's names", "[json_path]") {
    CHECK(is_name("branch_code"));
    CHECK(is_name("đơn_vị2"));
    CHECK(is_name("_x"));
    CHECK_FALSE(is_name(""));
    CHECK_FALSE(is_name("2x"));
    CHECK_FALSE(is_name("a-b"));
    CHECK_FALSE(is_name("a b"));
    CHECK_FALSE(is_name("\xC3"));
}

TEST_CASE("json path: written paths read back into the same steps", "[json_path]") {
    for (const JsonPath& path : {JsonPath().key("header").key("issuer").index(1),
                                 JsonPath().key("x").key("a-b").key("c"),
                                 JsonPath().key("x").key(R"(say "hi"\)").key("tab\there"),
                                 JsonPath().index(3).index(4).key("số hiệu")}) {
        const auto steps = parse_json_path(path.text());
        REQUIRE(steps);
        JsonPath again;
        for (const JsonPathStep& step : *steps) step.index ? again.add_index(*step.index) : again.add_key(step.key);
        CHECK(again.text() == path.text());
    }
    const auto steps = parse_json_path("header.issuer[0]");
    REQUIRE(steps);
    REQUIRE(steps->size() == 3);
    CHECK((*steps)[1].key == "issuer");
    CHECK((*steps)[2].index == 0u);
}

TEST_CASE("json path: malformed paths are refused", "[json_path]") {
    for (const char* bad : {"", ".a", "a.", "a..b", "a[", "a[x]", "a[1", "a[\"b]", "a b", "a-b", "a[0]b", "a[-1]"})
        CHECK_FALSE(parse_json_path(bad));
}
