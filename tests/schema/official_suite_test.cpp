// The official JSON-Schema-Test-Suite, from the Debian package json-schema-test-suite
// (scripts/install-deps --test installs it; VANBAN_JSON_SCHEMA_TEST_SUITE overrides where).
//
// Debian 12 ships version 2.0.0 of the suite, whose newest folder is draft7: it has no
// draft2020-12 folder. So this runs the draft7 files of the keywords vanban supports, which
// mean the same in 2020-12, after a mechanical translation of the two spellings that changed
// (see to_2020_12): "definitions" became "$defs", and the array form of "items" became
// "prefixItems" (with "additionalItems" becoming "items"). Groups that rely on a real
// difference between the drafts, or on keywords vanban does not support, are skipped below,
// each with the reason.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "schema/schema.hpp"
#include "vanban/error.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Keyword files whose keywords vanban supports (optional/format: only the two checked formats).
const std::vector<std::string> kFiles{
    "additionalItems.json", "additionalProperties.json", "allOf.json", "anyOf.json", "boolean_schema.json",
    "const.json", "default.json", "enum.json", "exclusiveMaximum.json", "exclusiveMinimum.json",
    "if-then-else.json", "items.json", "maxItems.json", "maxLength.json", "maximum.json", "minItems.json",
    "minLength.json", "minimum.json", "multipleOf.json", "not.json", "oneOf.json", "pattern.json",
    "patternProperties.json", "properties.json", "ref.json", "required.json", "type.json",
    "uniqueItems.json", "optional/format/date.json", "optional/format/date-time.json"};

struct Skip {
    const char* file;
    const char* group;
    const char* why;
};

const std::vector<Skip> kSkipped{
    {"ref.json", "ref overrides any sibling keywords",
     "draft7 ignores keywords next to $ref; in 2020-12 (and vanban) they apply"},
    {"ref.json", "remote ref, containing refs itself", "remote reference (the draft7 meta-schema by URL)"},
    {"ref.json", "Recursive references between schemas", "uses $id to change the base URI, and refs by URI"},
    {"ref.json", "escaped pointer ref",
     "keeps its schemas under made-up keywords, which vanban refuses (escaped $ref pointers into $defs are "
     "unit-tested in compile_errors_test.cpp)"},
    {"additionalItems.json", "additionalItems as schema",
     "draft7 ignores additionalItems without an items array; 2020-12 has no equivalent spelling"},
    {"additionalItems.json", "additionalItems as false without items",
     "draft7 ignores additionalItems without an items array; 2020-12 has no equivalent spelling"},
    {"additionalItems.json", "additionalItems are allowed by default",
     "draft7 ignores additionalItems without an items array; 2020-12 has no equivalent spelling"},
};

fs::path suite_folder() {
    if (const char* custom = std::getenv("VANBAN_JSON_SCHEMA_TEST_SUITE")) return custom;
    return "/usr/share/json-schema-test-suite/tests/draft7"; // where the Debian package puts it
}

json read_json(const fs::path& file) {
    std::ifstream in(file);
    return json::parse(in);
}

// "#/definitions/a" -> "#/$defs/a", "#/items/0" -> "#/prefixItems/0" (the items array form).
std::string translate_ref(const std::string& ref) {
    static const std::regex definitions("/definitions/"), item_position("/items/([0-9])");
    std::string out = std::regex_replace(ref, definitions, "/$$defs/");
    return std::regex_replace(out, item_position, "/prefixItems/$1");
}

// Rewrites a draft7 schema into the 2020-12 spelling of the same meaning. The keys of
// "properties" (and friends) are data field names and are left alone.
json to_2020_12(const json& schema) {
    if (!schema.is_object()) return schema;
    json out = json::object();
    for (const auto& [keyword, value] : schema.items()) {
        if (keyword == "properties" || keyword == "patternProperties" || keyword == "definitions") {
            json members = json::object();
            for (const auto& [name, sub] : value.items()) members[name] = to_2020_12(sub);
            out[keyword == "definitions" ? "$defs" : keyword] = members;
        } else if (keyword == "items" && value.is_array()) {
            json list = json::array();
            for (const auto& sub : value) list.push_back(to_2020_12(sub));
            out["prefixItems"] = list;
        } else if (keyword == "additionalItems") {
            out["items"] = to_2020_12(value);
        } else if (keyword == "$ref" && value.is_string()) {
            out[keyword] = translate_ref(value.get<std::string>());
        } else if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") {
            json list = json::array();
            for (const auto& sub : value) list.push_back(to_2020_12(sub));
            out[keyword] = list;
        } else if (keyword == "enum" || keyword == "const" || keyword == "default" || keyword == "examples") {
            out[keyword] = value; // values, not schemas
        } else {
            out[keyword] = to_2020_12(value);
        }
    }
    return out;
}

const Skip* skip_for(const std::string& file, const std::string& group) {
    for (const auto& skip : kSkipped)
        if (file == skip.file && group == skip.group) return &skip;
    return nullptr;
}

} // namespace

TEST_CASE("the official JSON-Schema-Test-Suite passes for the supported keywords", "[schema][suite]") {
    fs::path folder = suite_folder();
    INFO("suite folder: " << folder.string());
    INFO("install json-schema-test-suite (scripts/install-deps --test)");
    REQUIRE(fs::is_directory(folder));

    int ran = 0, passed = 0, skipped = 0;
    std::set<std::string> skips_used;
    for (const auto& file : kFiles) {
        fs::path path = folder / file;
        INFO(path.string());
        REQUIRE(fs::exists(path));
        for (const auto& group : read_json(path)) {
            const std::string description = group.at("description").get<std::string>();
            if (const Skip* skip = skip_for(file, description)) {
                skips_used.insert(file + ": " + description);
                skipped += static_cast<int>(group.at("tests").size());
                continue;
            }
            INFO(file << ": " << description);
            std::optional<vanban::schema::Schema> schema;
            try {
                schema = vanban::schema::Schema::compile(to_2020_12(group.at("schema")), file);
            } catch (const vanban::Failure& failure) {
                FAIL_CHECK("does not compile: " << failure.error().message.text());
                continue;
            }
            for (const auto& test : group.at("tests")) {
                INFO(test.at("description").get<std::string>() << " | data " << test.at("data").dump());
                ++ran;
                bool valid = schema->validate(test.at("data")).empty();
                CHECK(valid == test.at("valid").get<bool>());
                if (valid == test.at("valid").get<bool>()) ++passed;
            }
        }
    }
    CHECK(skips_used.size() == kSkipped.size()); // every skip still names a real group
    std::cout << "JSON-Schema-Test-Suite (draft7 files, 2020-12 spelling): " << ran << " cases ran, " << passed
              << " passed, " << skipped << " skipped\n";
    CHECK(ran > 300);
}
