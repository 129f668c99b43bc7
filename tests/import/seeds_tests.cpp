// The seed plans imported from their text (tests/golden/seeds, the project's reference
// texts) render back with every body word in order: the golden tests' measure
// (tests/golden/README.md), applied to the DOCX rendered from the imported data.
#include <catch2/catch.hpp>

#include <set>

#include "golden/compare.hpp"
#include "golden/extract.hpp"
#include "golden/golden_support.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using namespace vanban::golden;
using nlohmann::json;

namespace {

const json& differences() {
    static const json parsed = read_source_json("tests/golden/differences.json");
    return parsed;
}

std::vector<std::string> spaces() { return differences()["white_space"]["characters"].get<std::vector<std::string>>(); }

Zones zones_of(const Words& words) {
    std::vector<std::string> problems;
    const json& z = differences()["zones"];
    const auto split = split_zones(words, split_words(z["header_ends_before"].get<std::string>(), spaces()),
                                   split_words(z["closing_starts_at"].get<std::string>(), spaces()), problems);
    for (const std::string& p : problems) FAIL(p);
    return *split;
}

struct Imported {
    ImportResult result;
    json data;
    std::string docx;
};

Imported import_seed(const std::string& seed) {
    Imported out;
    out.result = import_document(repository_engine(), read_source("tests/golden/seeds/" + seed), {.source_name = seed});
    INFO(out.result.error.format());
    REQUIRE(out.result.ok);
    out.data = json::parse(out.result.data_json);
    const RenderResult docx = repository_engine().render(out.result.template_name, out.result.data_json, Format::docx);
    INFO(docx.error.format());
    REQUIRE(docx.ok);
    out.docx = docx.bytes;
    return out;
}

bool has_warning(const ImportResult& r, const std::string& code, const std::string& path = "") {
    for (const Finding& w : r.warnings)
        if (w.code() == code && (path.empty() || w.json_path == path)) return true;
    return false;
}

} // namespace

TEST_CASE("each seed imported from its text renders back with every body word in order", "[import][seeds]") {
    for (const json& entry : differences()["seeds"]) {
        const std::string seed = entry["seed"];
        DYNAMIC_SECTION(seed) {
            const Imported imported = import_seed(seed);
            // The seed's side: its text after the extraction artefacts are undone, exactly as
            // the golden tests undo them; nothing is filled in.
            const Edited edited = apply_edits(read_source("tests/golden/seeds/" + seed), entry["edits"], spaces());
            const Zones expected = zones_of(edited.words);
            const Zones got = zones_of(split_words(docx_text(imported.docx), spaces()));
            const std::string body = compare_sequence("body", expected.body, got.body);
            INFO(body);
            CHECK(body.empty());
            const std::string closing = compare_sequence("closing", expected.closing, got.closing);
            INFO(closing);
            CHECK(closing.empty());
            // Every header word of the seed is in the header (which adds what the profile prints).
            std::multiset<std::string> header(got.header.begin(), got.header.end());
            for (const std::string& w : expected.header) {
                INFO("header word " << w);
                REQUIRE(header.count(w) > 0);
                header.erase(header.find(w));
            }
            CHECK(imported.result.survival.ratio() > 0.998);
        }
    }
}

TEST_CASE("seed 000: Party numbering I-, 1-, 1.1-, -, an explicit 2.9 -, and what was missing", "[import][seeds]") {
    const Imported imported = import_seed("000_31207cd5fccca516.txt");
    const json& d = imported.data;
    CHECK(d["profile"] == "party");
    CHECK(d["numbering"] == json::array({"I-", "1-", "1.1-", "-"}));
    CHECK(d["sections"][0]["numbering"] == json::array({"-"}));
    CHECK(d["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU");
    const json& tasks = d["sections"][2]["children"][1]; // 2- Ban Tổ chức Tỉnh ủy
    CHECK(tasks["title"] == "Ban Tổ chức Tỉnh ủy");
    CHECK(tasks["agency"] == "Ban Tổ chức Tỉnh ủy");
    CHECK(tasks["children"][8]["number"] == "2.9 -");
    CHECK(tasks["children"][2]["deadline"] == "trước ngày 19/5/2019");
    CHECK(d["header"]["place"] == "Quảng Nam");
    CHECK(d["header"]["date"] == "2019-03-25");
    CHECK(d["summary"].size() == 3);
    CHECK(d["closing"][0].get<std::string>().rfind("Để thực hiện có hiệu quả", 0) == 0);
    CHECK(d["recipients"][7] == "BTV, BTC các huyện, thị, thành ủy, đảng ủy trực thuộc");
    // The extraction's bookmark is left out, and said; the lost header and signature too.
    CHECK(has_warning(imported.result, "import.artefact"));
    CHECK(has_warning(imported.result, "import.missing-issuer", "header.issuer"));
    CHECK(has_warning(imported.result, "import.missing-number", "header.number"));
    CHECK(has_warning(imported.result, "import.missing-name", "signature.name"));
    CHECK(imported.result.survival.input_words - imported.result.survival.kept_words == 2);
    REQUIRE_FALSE(imported.result.survival.lost.empty());
    CHECK(imported.result.survival.lost[0].words.find("[bookmark:") == 0);
}

TEST_CASE("seed 001: the full Party header, I. and 1., titles and items told apart", "[import][seeds]") {
    const json d = import_seed("001_332b50477ca74014.txt").data;
    CHECK(d["header"]["superior"] == json::array({"ĐẢNG BỘ QUẬN HẢI CHÂU"}));
    CHECK(d["header"]["issuer"] == json::array({"CHI BỘ TRƯỜNG THPT TRẦN PHÚ"}));
    CHECK(d["header"]["number"] == "19-KH/CB");
    CHECK(d["header"]["place"] == "Đà Nẵng");
    CHECK(d["header"]["date"] == "2019-06-10");
    CHECK(d["numbering"] == json::array({"I.", "1."}));
    CHECK(d["sections"][0]["children"][0].contains("text"));  // ends with a full stop: an item
    CHECK(d["sections"][1]["children"][0].contains("title")); // no full stop, paragraphs under it
    CHECK(d["sections"][1]["children"][1]["paragraphs"].size() == 4);
    CHECK(d["sections"][2]["numbering"] == json::array({"-"}));
    CHECK(d["sections"][2]["children"][2]["lead"] == "Bí thư chi bộ");
    CHECK(d["signature"]["authority"] == json::array({"T/M CẤP ỦY CHI BỘ"}));
    CHECK(d["signature"]["position"] == json::array({"BÍ THƯ"}));
    CHECK(d["recipients"] == json::array({"BTC, BTG, UBKTGS Quận ủy (để báo cáo)", "Đăng web Chi bộ", "Lưu VT CB"}));
}

TEST_CASE("seed 002: three levels A-, I-, 1., Markdown marks read, the signer's name", "[import][seeds]") {
    const json d = import_seed("002_4fef3326de584c68.txt").data;
    CHECK(d["numbering"] == json::array({"A-", "I-", "1.", "-"}));
    CHECK(d["sections"].size() == 3);
    CHECK(d["sections"][2]["numbering"] == json::array({"1."})); // C- numbers its items 1. directly
    CHECK(d["summary"][0].get<std::string>().rfind("Triển khai thực hiện", 0) == 0); // bold by the profile, not **
    CHECK(d["signature"]["name"] == "Đỗ Xuân Tuyên");
    CHECK(d["recipients"][8] == "CVTH¹");
    const json& group = d["sections"][1]["children"][1]["children"][0];
    CHECK(group["agency"] == "Ban thường vụ huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy");
    CHECK(group["children"][0]["deadline"] == "trong tháng 5/2019");
}
