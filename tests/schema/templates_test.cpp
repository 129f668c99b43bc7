// The schemas of the repository's templates compile with the supported subset, their
// examples are valid, and validating a real plan is fast.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
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
    for (const auto& p : problems) out += p.json_path + ": " + p.message + "\n";
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
    for (const auto& p : schema.validate(data)) lines.push_back(p.json_path + ": " + p.message);
    CHECK(lines == std::vector<std::string>{R"(header: missing required field "issuer")",
                                            R"(header.date: "2019-3-25" is not a date (YYYY-MM-DD))",
                                            R"(profile: must be one of "party", "state")",
                                            R"(signture: unexpected field "signture" (check its spelling))"});
}

TEST_CASE("validating a 20 KB plan takes well under a millisecond", "[schema][performance]") {
    using clock = std::chrono::steady_clock;
    fs::path schema_file = kRoot / "templates/ke-hoach/schema.json";
    fs::path data_file = kRoot / "data/000-quang-nam-ke-hoach-28.json";
    json schema_doc = read_json(schema_file);
    json data = read_json(data_file);

    auto start = clock::now();
    auto schema = vanban::schema::Schema::compile(schema_doc, "ke-hoach");
    double compile_us = std::chrono::duration<double, std::micro>(clock::now() - start).count();

    // The median of many batches, so that a busy machine does not decide the result.
    std::vector<double> batch_us;
    constexpr int kBatches = 50, kRuns = 20;
    for (int b = 0; b < kBatches; ++b) {
        start = clock::now();
        for (int r = 0; r < kRuns; ++r) REQUIRE(schema.validate(data).empty());
        batch_us.push_back(std::chrono::duration<double, std::micro>(clock::now() - start).count() / kRuns);
    }
    std::nth_element(batch_us.begin(), batch_us.begin() + kBatches / 2, batch_us.end());
    double median_us = batch_us[kBatches / 2];
    std::cout << "schema: " << fs::file_size(data_file) / 1024 << " KB data against a " << fs::file_size(schema_file) / 1024
              << " KB schema: validate " << median_us << " us (median), compile " << compile_us << " us\n";
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
    WARN("not an optimised build: the time is reported, not checked");
#else
    CHECK(median_us < 1000.0);
#endif
}
