// Merging a record over the shared data, and reaching fields by dotted paths.
#include <catch2/catch.hpp>

#include "batch/fields.hpp"

using nlohmann::json;
using namespace vanban::batch;

TEST_CASE("fields: a record merges over the shared data: objects deeply, lists and values replaced") {
    const json shared = {
        {"header", {{"issuer", {"TỈNH ỦY QUẢNG NAM"}}, {"number", "146-KH/TU"}, {"place", "Quảng Nam"}}},
        {"recipients", {"a", "b", "c"}},
        {"signature", {{"name", "Nguyễn Văn Thành"}, {"position", {"PHÓ BÍ THƯ"}}}},
    };
    const json record = {
        {"header", {{"issuer", {"HUYỆN ỦY X", "CHI BỘ Y"}}, {"number", "12-KH/CB"}}},
        {"recipients", {"d"}},
        {"signature", {{"name", "Lê Văn C"}}},
        {"branch", {{"code", "HC05"}}},
    };
    const json merged = merge_record(shared, record);
    CHECK(merged["header"]["issuer"] == json{"HUYỆN ỦY X", "CHI BỘ Y"}); // the list is replaced whole
    CHECK(merged["header"]["number"] == "12-KH/CB");
    CHECK(merged["header"]["place"] == "Quảng Nam");              // kept from the shared data
    CHECK(merged["recipients"] == json{"d"});
    CHECK(merged["signature"]["name"] == "Lê Văn C");
    CHECK(merged["signature"]["position"] == json{"PHÓ BÍ THƯ"});
    CHECK(merged["branch"]["code"] == "HC05");
    CHECK(shared["header"]["number"] == "146-KH/TU"); // the shared data is not changed
}

TEST_CASE("fields: null in a record removes the shared field; a value may replace an object") {
    const json shared = {{"appendix", {{"tasks", true}}}, {"a", {{"b", 1}}}, {"keep", 1}};
    const json merged = merge_record(shared, json{{"appendix", nullptr}, {"a", "text"}});
    CHECK_FALSE(merged.contains("appendix"));
    CHECK(merged["a"] == "text");
    CHECK(merged["keep"] == 1);
    CHECK(merge_record(json::object(), json{{"x", {{"y", nullptr}, {"z", 2}}}}) == json{{"x", {{"z", 2}}}});
}

TEST_CASE("fields: dotted paths reach fields and list items, and removal leaves the rest") {
    json data = {{"branch", {{"code", "HC05"}, {"name", "Chi bộ 5"}}}, {"list", {json{{"x", 1}}, 7}}, {"n", 3}};
    REQUIRE(find_field(data, "branch.code"));
    CHECK(*find_field(data, "branch.code") == "HC05");
    CHECK(*find_field(data, "list[0].x") == 1);
    CHECK(*find_field(data, "list[1]") == 7);
    CHECK(find_field(data, "list[2]") == nullptr);
    CHECK(find_field(data, "branch.code.deeper") == nullptr);
    CHECK(find_field(data, "missing") == nullptr);
    CHECK(field_text(find_field(data, "n")) == "3");
    CHECK(field_text(find_field(data, "list[0]")) == R"({"x":1})");
    CHECK(field_text(nullptr).empty());

    remove_field(data, "branch.code");
    CHECK(data["branch"] == json{{"name", "Chi bộ 5"}});
    remove_field(data, "branch");
    CHECK_FALSE(data.contains("branch"));
    remove_field(data, "not.there"); // nothing to do, no harm
    CHECK(data.size() == 2);
}

TEST_CASE("fields: key values name a record by the fields it has") {
    const json data = {{"branch", {{"code", "HC05"}}}, {"header", {{"number", "12-KH/CB"}}}};
    auto keys = key_values(data, {"branch.code", "header.number", "header.date"});
    REQUIRE(keys.size() == 2);
    CHECK(keys[0] == std::pair<std::string, std::string>{"branch.code", "HC05"});
    CHECK(keys[1].second == "12-KH/CB");
}
