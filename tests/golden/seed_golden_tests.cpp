// Golden tests: each seed plan (tests/golden/seeds/, copies of the project's reference
// texts) is rendered from its data file to PDF and DOCX, and the text three readers take
// out of them (pdftotext, mutool, the DOCX's document.xml) must equal the seed's text word
// for word, after the normalisation and the documented differences of differences.json.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "golden/compare.hpp"
#include "golden/extract.hpp"
#include "golden/golden_support.hpp"
#include "text/utf8.hpp"

using namespace vanban::golden;
using nlohmann::json;

namespace {

const char* const kDifferences = "tests/golden/differences.json";

struct Reader {
    std::string name;
    std::function<std::string(const Rendered&)> read;
};

const std::vector<Reader>& readers() {
    static const std::vector<Reader> all = {
        {"pdftotext", [](const Rendered& r) { return pdftotext(r.pdf); }},
        {"mutool", [](const Rendered& r) { return mutool_text(r.pdf); }},
        {"docx", [](const Rendered& r) { return docx_text(r.docx); }},
    };
    return all;
}

std::vector<std::string> white_space(const json& differences) {
    return differences["white_space"]["characters"].get<std::vector<std::string>>();
}

const json& seed_entry(const json& differences, const std::string& seed) {
    for (const json& entry : differences["seeds"])
        if (entry["seed"] == seed) return entry;
    FAIL(seed << " has no entry in " << kDifferences);
    throw std::logic_error("unreachable");
}

// A "from" names the data or profile field a filled-in value comes from; the value written
// in differences.json must be that field's, so data/, the profile and the documented
// differences cannot drift apart.
void check_from(const json& item, const std::string& value, const json& data, const json& profile,
                const std::vector<std::string>& spaces) {
    if (!item.contains("from")) return;
    const std::string from = item["from"];
    const bool in_data = from.rfind("data:", 0) == 0;
    const bool in_profile = from.rfind("profile:", 0) == 0;
    INFO("difference " << item.dump());
    REQUIRE((in_data || in_profile));
    const auto field = lookup_text(in_data ? data : profile, from.substr(from.find(':') + 1));
    REQUIRE(field.has_value());
    CHECK(split_words(*field, spaces) == split_words(value, spaces));
}

// The seed's words after its edits, split into zones, with the filled-in values added:
// in the header (a multiset, so where does not matter) and at the end of the closing.
Zones expected_zones(const json& differences, const json& entry, const json& data, const json& profile) {
    const auto spaces = white_space(differences);
    for (const json& edit : entry["edits"])
        if (edit.contains("with")) check_from(edit, edit["with"], data, profile, spaces);
    Edited seed = apply_edits(read_source("tests/golden/seeds/" + entry["seed"].get<std::string>()),
                              entry["edits"], spaces);
    for (const std::string& problem : seed.problems) FAIL_CHECK("seed: " << problem);

    std::vector<std::string> problems;
    const auto& zones = differences["zones"];
    auto split = split_zones(seed.words, split_words(zones["header_ends_before"].get<std::string>(), spaces),
                             split_words(zones["closing_starts_at"].get<std::string>(), spaces), problems);
    for (const std::string& problem : problems) FAIL("seed: " << problem);
    for (const json& added : entry["added"]) {
        INFO("added " << added.dump());
        REQUIRE(added.contains("why"));
        check_from(added, added["text"], data, profile, spaces);
        REQUIRE((added["zone"] == "header" || added["zone"] == "closing"));
        Words& zone = added["zone"] == "header" ? split->header : split->closing;
        for (std::string& word : split_words(added["text"].get<std::string>(), spaces)) zone.push_back(std::move(word));
    }
    return *split;
}

// What one reader read, normalised the same way: page numbers dropped, the reader's edits.
void check_reader(const json& differences, const Reader& reader, const std::string& text, const Zones& expected) {
    INFO("reader " << reader.name);
    CHECK(vanban::text::is_nfc(text));
    std::vector<std::string> problems;
    std::string normalised = text;
    const auto& numbered = differences["page_numbers"]["readers"];
    if (std::find(numbered.begin(), numbered.end(), reader.name) != numbered.end())
        normalised = drop_page_numbers(text, differences["page_numbers"]["from"], problems);
    const auto spaces = white_space(differences);
    Edited edited = apply_edits(normalised, differences["readers"][reader.name], spaces);
    problems.insert(problems.end(), edited.problems.begin(), edited.problems.end());
    const auto& zones = differences["zones"];
    const auto got = split_zones(edited.words, split_words(zones["header_ends_before"].get<std::string>(), spaces),
                                 split_words(zones["closing_starts_at"].get<std::string>(), spaces), problems);
    for (const std::string& problem : problems) FAIL_CHECK(reader.name << ": " << problem);
    if (!got) return;
    for (const std::string& mismatch : {compare_multiset("header", expected.header, got->header),
                                        compare_sequence("body", expected.body, got->body),
                                        compare_sequence("closing", expected.closing, got->closing)})
        if (!mismatch.empty()) FAIL_CHECK(reader.name << ": " << mismatch);
}

void check_seed(const std::string& seed) {
    const json differences = read_source_json(kDifferences);
    const json& entry = seed_entry(differences, seed);
    const std::string data_file = entry["data"];
    const json data = read_source_json(data_file);
    const std::string profile_name = data.value("profile", "party");
    const json profile = read_source_json("templates/_profiles/" + profile_name + ".json");
    INFO("seed " << seed << ", data " << data_file);

    const Zones expected = expected_zones(differences, entry, data, profile);
    const Rendered rendered = render_both(entry["template"], data_file);
    for (const Reader& reader : readers()) check_reader(differences, reader, reader.read(rendered), expected);
}

} // namespace

TEST_CASE("golden: every seed has its entry in differences.json") {
    std::set<std::string> on_disk, listed;
    for (const auto& file : std::filesystem::directory_iterator(source_path("tests/golden/seeds")))
        if (file.path().extension() == ".txt") on_disk.insert(file.path().filename().string());
    const json differences = read_source_json(kDifferences);
    for (const json& entry : differences["seeds"]) listed.insert(entry["seed"].get<std::string>());
    CHECK(on_disk.size() == 3);
    CHECK(on_disk == listed);
}

TEST_CASE("golden: seed 000 (Quang Nam province plan) reads back word for word from PDF and DOCX") {
    check_seed("000_31207cd5fccca516.txt");
}

TEST_CASE("golden: seed 001 (Tran Phu school branch plan) reads back word for word from PDF and DOCX") {
    check_seed("001_332b50477ca74014.txt");
}

TEST_CASE("golden: seed 002 (Hung Yen province plan) reads back word for word from PDF and DOCX") {
    check_seed("002_4fef3326de584c68.txt");
}
