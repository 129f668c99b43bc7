// Drafts (NĐ30 Điều 15.3), the boxed marks and mirrored margins, in both writers.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include <pugixml.hpp>

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

namespace {

// The page contents of a PDF, uncompressed (qpdf's QDF form).
std::string contents(const TempDir& dir, const std::string& pdf) {
    const std::string path = saved(dir, "contents.pdf", pdf);
    return output_of("qpdf --qdf --object-streams=disable " + shell_quote(path) + " -");
}

// A rectangle stroked as one closed path, and the stroke colour set before it ("1 0 0").
struct Frame {
    std::string colour;
    double width_mm = 0, height_mm = 0, left = 0, top = 0;
};

std::vector<Frame> frames_in(const std::string& content) {
    static const std::regex rectangle(
        R"(([0-9.]+ [0-9.]+ [0-9.]+) RG\n[0-9.]+ w\n([0-9.]+) ([0-9.]+) m\n([0-9.]+) [0-9.]+ l\n[0-9.]+ ([0-9.]+) l\n[0-9.]+ [0-9.]+ l\nh\nS\n)");
    std::vector<Frame> frames;
    for (auto it = std::sregex_iterator(content.begin(), content.end(), rectangle); it != std::sregex_iterator(); ++it) {
        const double x1 = std::stod((*it)[2]), y1 = std::stod((*it)[3]), x2 = std::stod((*it)[4]), y2 = std::stod((*it)[5]);
        frames.push_back({(*it)[1], (x2 - x1) * 25.4 / 72, (y1 - y2) * 25.4 / 72, x1, y1});
    }
    return frames;
}

// The strings shown (Tj, ', ") while the fill colour `rg` ("1 0 0") is set, in order.
long shown_in(const std::string& content, const std::string& rg) {
    long shown = 0;
    const std::string set = "\n" + rg + " rg\n";
    static const std::regex show(R"((Tj|'|")\n)");
    for (std::size_t at = content.find(set); at != std::string::npos; at = content.find(set, at + 1)) {
        const std::size_t begin = at + set.size();
        const std::size_t end = std::min(content.find(" rg\n", begin), content.find("\nET\n", begin));
        const std::string block = content.substr(begin, end - begin);
        shown += std::distance(std::sregex_iterator(block.begin(), block.end(), show), std::sregex_iterator());
    }
    return shown;
}

// Each line of page 1 as MuPDF reads it, with the colours of its characters (mutool's
// structured text: an independent reader of the fill colour).
std::map<std::string, std::set<std::string>> line_colours(const TempDir& dir, const std::string& pdf) {
    const std::string path = saved(dir, "colours.pdf", pdf);
    pugi::xml_document document;
    REQUIRE(document.load_string(output_of("mutool draw -F stext -o - " + shell_quote(path) + " 1").c_str()));
    std::map<std::string, std::set<std::string>> lines;
    for (const pugi::xpath_node& line : document.select_nodes("//line")) {
        std::string text;
        std::set<std::string> colours;
        for (const pugi::xpath_node& c : line.node().select_nodes(".//char")) {
            text += c.node().attribute("c").value();
            colours.insert(c.node().attribute("color").value());
        }
        lines[text].insert(colours.begin(), colours.end());
    }
    return lines;
}

// A paragraph of the DOCX's document.xml up to the end of its text `mark`.
std::string paragraph_of(const std::string& xml, const std::string& mark) {
    const std::size_t text = xml.find(">" + mark + "</w:t>");
    if (text == std::string::npos) return {};
    const std::size_t start = xml.rfind("<w:p>", text);
    return start == std::string::npos ? std::string() : xml.substr(start, text - start);
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("urgency and secrecy marks are boxed under the number, the stamps at their sizes", "[marks]") {
    json data = example_plan("state");
    data["header"]["marks"] = {"THƯỢNG KHẨN", "TỐI MẬT", "XEM XONG TRẢ LẠI"};
    RenderResult model = render_plan(data, Format::model);
    REQUIRE(model);
    CHECK(json::parse(model.bytes).at("header").at("marks") == json({"THƯỢNG KHẨN", "TỐI MẬT", "XEM XONG TRẢ LẠI"}));

    TempDir dir;
    RenderResult pdf = render_plan(data, Format::pdf);
    REQUIRE(pdf);
    const std::vector<Frame> frames = frames_in(contents(dir, pdf.bytes));
    // THƯỢNG KHẨN: one 40 x 8 mm frame (NĐ30). TỐI MẬT: 30 x 8 mm and a second frame 1 mm
    // inside it (the law on state secrets). The circulation note: one frame fitted to its text.
    REQUIRE(frames.size() == 4);
    CHECK(frames[0].width_mm == Approx(40).margin(0.01));
    CHECK(frames[0].height_mm == Approx(8).margin(0.01));
    CHECK(frames[1].width_mm == Approx(30).margin(0.01));
    CHECK(frames[1].height_mm == Approx(8).margin(0.01));
    CHECK(frames[2].width_mm == Approx(28).margin(0.01));
    CHECK(frames[2].height_mm == Approx(6).margin(0.01));
    CHECK(frames[2].left - frames[1].left == Approx(72 / 25.4).margin(0.01));
    CHECK(frames[1].top - frames[2].top == Approx(72 / 25.4).margin(0.01));
    CHECK(frames[3].height_mm == Approx(8).margin(0.01));
    CHECK(frames[3].width_mm < 50);

    RenderResult docx = render_plan(data, Format::docx);
    REQUIRE(docx);
    const std::string xml = docx_part(dir, docx.bytes, "word/document.xml");
    for (const char* mark : {"THƯỢNG KHẨN", "TỐI MẬT", "XEM XONG TRẢ LẠI"})
        CHECK(xml.find(std::string(">") + mark + "</w:t>") != std::string::npos);
    CHECK(count_of(xml, "<w:pBdr>") == 3);
    CHECK(count_of(paragraph_of(xml, "TỐI MẬT"), "w:val=\"double\"") == 4);
    CHECK(count_of(paragraph_of(xml, "THƯỢNG KHẨN"), "w:val=\"single\"") == 4);
}

TEST_CASE("urgency and secrecy stamps are red, text and frame, in both writers; other marks black", "[marks]") {
    TempDir dir;
    json data = example_plan("state");
    data["header"]["marks"] = {"THƯỢNG KHẨN", "MẬT", "XEM XONG TRẢ LẠI"};
    RenderResult pdf = render_plan(data, Format::pdf);
    REQUIRE(pdf);
    const std::string content = contents(dir, pdf.bytes);
    // The fill colour is set red before the two stamps' strings, and black again after them.
    CHECK(shown_in(content, "1 0 0") == 2);
    const std::size_t red_text = content.find("\n1 0 0 rg\n");
    REQUIRE(red_text != std::string::npos);
    CHECK(content.find("\n0 0 0 rg\n", red_text) != std::string::npos);
    // The stroke colour is set before each frame: red for the stamps (MẬT has two), black
    // for the circulation note.
    const std::vector<Frame> frames = frames_in(content);
    REQUIRE(frames.size() == 4);
    CHECK(frames[0].colour == "1 0 0");
    CHECK(frames[1].colour == "1 0 0");
    CHECK(frames[2].colour == "1 0 0");
    CHECK(frames[3].colour == "0 0 0");
    // MuPDF reads the same colours off the page.
    const auto lines = line_colours(dir, pdf.bytes);
    CHECK(lines.at("THƯỢNG KHẨN") == std::set<std::string>{"#ff0000"});
    CHECK(lines.at("MẬT") == std::set<std::string>{"#ff0000"});
    CHECK(lines.at("XEM XONG TRẢ LẠI") == std::set<std::string>{"#000000"});

    RenderResult docx = render_plan(data, Format::docx);
    REQUIRE(docx);
    const std::string xml = docx_part(dir, docx.bytes, "word/document.xml");
    for (const char* mark : {"THƯỢNG KHẨN", "MẬT"}) {
        const std::string p = paragraph_of(xml, mark);
        CHECK(count_of(p, "<w:rPr><w:color w:val=\"FF0000\"/></w:rPr>") == 1); // the run's text
        CHECK(count_of(p, "w:color=\"FF0000\"") == 4);                             // the frame
    }
    const std::string note = paragraph_of(xml, "XEM XONG TRẢ LẠI");
    CHECK(note.find("<w:color ") == std::string::npos);
    CHECK(count_of(note, "w:color=\"auto\"") == 4);

    // No mark: nothing on the page is coloured.
    data["header"]["marks"] = json::array();
    RenderResult plain = render_plan(data, Format::pdf);
    REQUIRE(plain);
    const std::string plain_content = contents(dir, plain.bytes);
    CHECK(plain_content.find("1 0 0 rg") == std::string::npos);
    CHECK(plain_content.find("1 0 0 RG") == std::string::npos);
}

TEST_CASE("the stamps' colours are profile settings; a colour not written #rrggbb is refused", "[marks]") {
    TempDir dir;
    json profile = json::parse(read_file(std::string(VANBAN_SOURCE_DIR) + "/templates/_profiles/state.json"));
    profile["name"] = "inks";
    profile["header"]["urgency_mark_colour"] = "#c00000";
    profile["header"]["secrecy_mark_colour"] = "#000000";
    dir.write("_profiles/inks.json", profile.dump());
    Engine engine({.template_dirs = {dir.path(), std::string(VANBAN_SOURCE_DIR) + "/templates"},
                   .fixed_creation_date = fixed_date});
    RenderOptions options;
    options.profile = "inks";
    json data = example_plan("state");
    data["header"]["marks"] = {"KHẨN", "TỐI MẬT"};

    RenderResult pdf = engine.render(std::string("ke-hoach"), data.dump(), Format::pdf, options);
    REQUIRE(pdf);
    const std::string content = contents(dir, pdf.bytes);
    CHECK(shown_in(content, "0.753 0 0") == 1); // 0xc0 = 192 = 0.753 of 255: KHẨN
    CHECK(content.find("1 0 0 rg") == std::string::npos);
    const std::vector<Frame> frames = frames_in(content);
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].colour == "0.753 0 0");
    CHECK(frames[1].colour == "0 0 0");
    CHECK(frames[2].colour == "0 0 0");
    const auto lines = line_colours(dir, pdf.bytes);
    CHECK(lines.at("KHẨN") == std::set<std::string>{"#c00000"});
    CHECK(lines.at("TỐI MẬT") == std::set<std::string>{"#000000"});

    RenderResult docx = engine.render(std::string("ke-hoach"), data.dump(), Format::docx, options);
    REQUIRE(docx);
    const std::string xml = docx_part(dir, docx.bytes, "word/document.xml");
    CHECK(count_of(paragraph_of(xml, "KHẨN"), "w:color=\"C00000\"") == 4);
    CHECK(count_of(paragraph_of(xml, "TỐI MẬT"), "<w:color w:val=\"000000\"/>") == 1);

    RenderResult model = engine.render(std::string("ke-hoach"), data.dump(), Format::model, options);
    REQUIRE(model);
    CHECK(json::parse(model.bytes).at("profile").at("header").at("urgency_mark_colour") == "#c00000");

    for (const json& bad : {json("red"), json("#ff00"), json("#gg0000"), json(255)}) {
        profile["header"]["secrecy_mark_colour"] = bad;
        dir.write("_profiles/inks.json", profile.dump());
        Engine fresh({.template_dirs = {dir.path(), std::string(VANBAN_SOURCE_DIR) + "/templates"}});
        RenderResult refused = fresh.render(std::string("ke-hoach"), data.dump(), Format::pdf, options);
        REQUIRE_FALSE(refused);
        CHECK(refused.error.kind == ErrorKind::resource);
        CHECK(refused.error.json_path == "header.secrecy_mark_colour");
        CHECK(refused.error.format().find("must be a colour written \"#rrggbb\"") != std::string::npos);
    }
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
