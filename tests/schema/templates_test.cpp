// The schemas of the repository's templates compile with the supported subset, their
// examples are valid, and validating a real plan is fast.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "schema/schema.hpp"
#include "vanban/error.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRoot = VANBAN_SOURCE_DIR;

json read_json(const fs::path& file) {
    std::ifstream in(file);
    INFO(file.string());
    REQUIRE(in);
    return json::parse(in);
}

std::string describe(const std::vector<vanban::schema::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.json_path + ": " + p.message.text() + "\n";
    return out;
}

} // namespace

TEST_CASE("every template's schema compiles and accepts the template's example", "[schema][templates]") {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(kRoot / "templates")) {
        fs::path schema_file = entry.path() / "schema.json";
        if (!fs::exists(schema_file)) continue;
        INFO(schema_file.string());
        auto schema = vanban::schema::Schema::compile(read_json(schema_file), schema_file.string());
        fs::path example = entry.path() / "example.json";
        if (!fs::exists(example)) continue;
        auto problems = schema.validate(read_json(example));
        INFO(describe(problems));
        CHECK(problems.empty());
        ++checked;
    }
    CHECK(checked >= 1);
}

TEST_CASE("a real plan with mistakes gets one clear line per mistake", "[schema][templates]") {
    auto schema = vanban::schema::Schema::compile(read_json(kRoot / "templates/ke-hoach/schema.json"), "ke-hoach");
    json data = read_json(kRoot / "data/000-quang-nam-ke-hoach-28.json");
    REQUIRE(schema.validate(data).empty());
    data["profile"] = "stat";
    data["header"]["date"] = "2019-3-25";
    data["header"].erase("issuer");
    data["signture"] = json::object();
    std::vector<std::string> lines;
    for (const auto& p : schema.validate(data)) lines.push_back(p.json_path + ": " + p.message.text());
    CHECK(lines == std::vector<std::string>{R"(header: missing required field "issuer")",
                                            R"(header.date: "2019-3-25" is not a date (YYYY-MM-DD))",
                                            R"(profile: must be one of "party", "state")",
                                            R"(signture: unexpected field "signture" (check its spelling))"});
}
