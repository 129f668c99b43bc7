// Drafts (NĐ30 Điều 15.3), the boxed marks and mirrored margins, in both writers.
#include <catch2/catch.hpp>

#include <regex>

#include "edoc/edoc_support.hpp"
#include "support/text.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

std::string docx_part(const TempDir& dir, const std::string& docx, const std::string& part) {
    const std::string path = saved(dir, "doc.docx", docx);
    return output_of("python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' " +
                     shell_quote(path) + " " + shell_quote(part));
}

// The text mutool extracts from page `page`, spaces as the PDF has them.
std::string pdf_text(const TempDir& dir, const std::string& pdf, int page = 1) {
    const std::string path = saved(dir, "doc.pdf", pdf);
    return output_of("mutool draw -F txt " + shell_quote(path) + " " + std::to_string(page));
}

json draft_plan(const std::string& profile) {
    json data = example_plan(profile);
    data["header"]["number"] = profile == "state" ? "/KH-UBND" : "-KH/CB";
    data["draft"] = true;
    return data;
}

} // namespace

TEST_CASE("a draft leaves the number and the day and month blank, as given, in both writers", "[draft]") {
    TempDir dir;
    for (const std::string profile : {"state", "party"}) {
        const json data = draft_plan(profile);
        const std::string number = profile == "state" ? "Số:      /KH-UBND" : "Số     -KH/CB";
        const std::string date = "Đà Nẵng, ngày     tháng     năm 2019";

        RenderResult model = render_plan(data, Format::model);
        REQUIRE(model);
        const json header = json::parse(model.bytes).at("header");
        CHECK(header.at("number_line") == number);
        CHECK(header.at("place_date_line") == date);
        CHECK(header.at("draft_mark") == "DỰ THẢO");

        RenderResult pdf = render_plan(data, Format::pdf);
        REQUIRE(pdf);
        const std::string text = pdf_text(dir, pdf.bytes);
        CHECK(text.find(number) != std::string::npos);
        CHECK(text.find("ngày     tháng     năm 2019") != std::string::npos);
        CHECK(text.find("DỰ THẢO") != std::string::npos);

        RenderResult docx = render_plan(data, Format::docx);
        REQUIRE(docx);
        const std::string xml = docx_part(dir, docx.bytes, "word/document.xml");
        CHECK(xml.find("<w:t xml:space=\"preserve\">" + number + "</w:t>") != std::string::npos);
        CHECK(xml.find("ngày     tháng     năm 2019</w:t>") != std::string::npos);
        CHECK(xml.find(">DỰ THẢO</w:t>") != std::string::npos);
    }
}

TEST_CASE("the option --draft is the data's \"draft\": true", "[draft]") {
    json data = draft_plan("state");
    data.erase("draft");
    RenderResult by_option = render_plan(data, Format::pdf, {}, /*draft=*/true);
    RenderResult by_data = render_plan(draft_plan("state"), Format::pdf);
    REQUIRE(by_option);
    REQUIRE(by_data);
    CHECK(by_option.bytes == by_data.bytes);
}

TEST_CASE("a draft with a number is refused at the number's JSON path", "[draft]") {
    json data = draft_plan("state");
    data["header"]["number"] = "19/KH-UBND";
    RenderResult r = render_plan(data, Format::pdf);
    REQUIRE_FALSE(r);
    CHECK(r.error.kind == ErrorKind::validation);
    CHECK(r.error.json_path == "header.number");
}

TEST_CASE("blanks inside any line are printed as given, not squeezed", "[draft]") {
    TempDir dir;
    json data = example_plan("party");
    data["header"]["date_text"] = "ngày  12  tháng   7 năm 2026";
    data["intro"] = json::array({"Họ và tên:          , chức vụ:     ."});
    RenderResult pdf = render_plan(data, Format::pdf);
    REQUIRE(pdf);
    const std::string text = pdf_text(dir, pdf.bytes);
    CHECK(text.find("ngày  12  tháng   7 năm 2026") != std::string::npos);
    CHECK(text.find("Họ và tên:          , chức vụ:     .") != std::string::npos);
}

TEST_CASE("urgency and secrecy marks are boxed under the number, NĐ30's stamps at their sizes", "[marks]") {
    json data = example_plan("state");
    data["header"]["marks"] = {"THƯỢNG KHẨN", "MẬT", "XEM XONG TRẢ LẠI"};
    RenderResult model = render_plan(data, Format::model);
    REQUIRE(model);
    CHECK(json::parse(model.bytes).at("header").at("marks") == json({"THƯỢNG KHẨN", "MẬT", "XEM XONG TRẢ LẠI"}));

    TempDir dir;
    RenderResult pdf = render_plan(data, Format::pdf);
    REQUIRE(pdf);
    // The 40 x 8 mm rectangle of THƯỢNG KHẨN: two horizontal strokes 113.39 pt long.
    const std::string path = saved(dir, "marks.pdf", pdf.bytes);
    const std::string content = output_of("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
    const std::regex stroke(R"(([0-9.]+) ([0-9.]+) m ([0-9.]+) \2 l)");
    int wide = 0;
    for (auto it = std::sregex_iterator(content.begin(), content.end(), stroke); it != std::sregex_iterator(); ++it)
        if (std::abs(std::stod((*it)[3]) - std::stod((*it)[1]) - 40 * 72 / 25.4) < 0.05) ++wide;
    CHECK(wide == 2);

    RenderResult docx = render_plan(data, Format::docx);
    REQUIRE(docx);
    const std::string xml = docx_part(dir, docx.bytes, "word/document.xml");
    for (const char* mark : {"THƯỢNG KHẨN", "MẬT", "XEM XONG TRẢ LẠI"})
        CHECK(xml.find(std::string(">") + mark + "</w:t>") != std::string::npos);
    std::size_t boxes = 0;
    for (std::size_t at = xml.find("<w:pBdr>"); at != std::string::npos; at = xml.find("<w:pBdr>", at + 1)) ++boxes;
    CHECK(boxes == 3);
}

TEST_CASE("mirrored margins: back pages swap the margins in the PDF, the DOCX says w:mirrorMargins", "[margins]") {
    TempDir dir;
    std::string party = read_file(std::string(VANBAN_SOURCE_DIR) + "/templates/_profiles/party.json");
    party.replace(party.find("\"mirror_margins\": false"), 23, "\"mirror_margins\": true");
    party.replace(party.find("\"name\": \"party\""), 15, "\"name\": \"mirror\"");
    dir.write("_profiles/mirror.json", party);
    Engine engine({.template_dirs = {dir.path(), std::string(VANBAN_SOURCE_DIR) + "/templates"},
                   .fixed_creation_date = fixed_date});
    RenderOptions mirrored, plain;
    mirrored.profile = "mirror";
    plain.profile = "party";
    const std::string data = example_plan("party").dump();
    RenderResult a = engine.render("ke-hoach", data, Format::pdf, mirrored);
    RenderResult b = engine.render("ke-hoach", data, Format::pdf, plain);
    REQUIRE(a);
    REQUIRE(b);
    // Page 2's text starts 15 mm further left (margins 30/15 become 15/30); page 1 does not move.
    auto left_edge = [&](const std::string& pdf, int page) {
        const std::string path = saved(dir, "m.pdf", pdf);
        const std::string bbox = output_of("pdftotext -bbox -f " + std::to_string(page) + " -l " +
                                           std::to_string(page) + " " + shell_quote(path) + " -");
        double left = 1e9;
        const std::regex word(R"re(xMin="([0-9.]+)")re");
        for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator(); ++it)
            left = std::min(left, std::stod((*it)[1]));
        return left;
    };
    CHECK(left_edge(a.bytes, 1) == Approx(left_edge(b.bytes, 1)).margin(0.01));
    CHECK(left_edge(b.bytes, 2) - left_edge(a.bytes, 2) == Approx(15 * 72 / 25.4).margin(0.1));

    RenderResult docx = engine.render("ke-hoach", data, Format::docx, mirrored);
    REQUIRE(docx);
    CHECK(docx_part(dir, docx.bytes, "word/settings.xml").find("<w:mirrorMargins") != std::string::npos);
    RenderResult unmirrored = engine.render("ke-hoach", data, Format::docx, plain);
    CHECK(docx_part(dir, unmirrored.bytes, "word/settings.xml").find("mirrorMargins") == std::string::npos);
}
