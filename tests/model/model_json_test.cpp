#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "model/model_json.hpp"
#include "model/profile.hpp"

using namespace vanban;
using namespace vanban::model;
using nlohmann::json;

namespace {

Run run(std::string text, bool bold = false, bool italic = false, bool underline = false) {
    Run r;
    r.text = std::move(text);
    r.bold = bold;
    r.italic = italic;
    r.underline = underline;
    return r;
}

Profile party() {
    return load_profile_file(std::filesystem::path(VANBAN_SOURCE_DIR) / "templates/_profiles/party.json");
}

Document sample() {
    Document d;
    d.profile = party();
    d.metadata.title = "KẾ HOẠCH thực hiện";
    d.metadata.author = "TỈNH UỶ QUẢNG NAM";
    d.header.emplace();
    d.header->issuer = {"TỈNH UỶ QUẢNG NAM"};
    d.header->number_line = "Số 19-KH/TU";
    d.header->place_date_line = "Quảng Nam, ngày 25 tháng 3 năm 2019";
    d.header->marks = {"KHẨN"};
    d.title = DocTitle{"KẾ HOẠCH", {{run("thực hiện "), run("Chỉ thị", true)}}};
    d.body.emplace_back(Heading{1, "I-", {run("MỤC ĐÍCH, YÊU CẦU")}});
    d.body.emplace_back(Paragraph{ParagraphKind::center, {run("(Kèm theo)", false, true)}});
    d.body.emplace_back(ListItem{"a)", 2, {run("điểm a", false, false, true)}});
    Table table;
    table.column_weights = {40, 60};
    TableRow header{true, {}};
    header.cells.resize(2);
    header.cells[0].paragraphs = {{run("Nhiệm vụ")}};
    header.cells[0].colspan = 2;
    header.cells[1].covered = true;
    header.cells[0].align = Align::center;
    table.rows.push_back(header);
    TableRow group{false, {}};
    group.group = true;
    group.cells.resize(2);
    table.rows.push_back(group);
    table.column_types = {ColumnType::text, ColumnType::percent};
    table.caption = {{run("Biểu 1")}};
    table.notes = {{run("Số liệu", false, true)}};
    table.landscape = true;
    d.body.emplace_back(table);
    Chart chart;
    chart.kind = ChartKind::stacked_bar;
    chart.title = "Kết nạp";
    chart.categories = {"A", "B"};
    chart.series = {{"Đã kết nạp", {3.0, std::nullopt}}};
    chart.unit = "đảng viên";
    d.body.emplace_back(chart);
    d.body.emplace_back(PageBreak{});
    d.closing.recipients = Recipients{"Nơi nhận:", {{run("- Lưu.")}}};
    d.closing.signature = Signature{{"T/M BAN THƯỜNG VỤ"}, {"PHÓ BÍ THƯ"}, "Đỗ Xuân Tuyên", ""};
    Appendix appendix;
    appendix.title = {"PHỤ LỤC"};
    appendix.subtitle = {{run("(Kèm theo Kế hoạch)", false, true)}};
    appendix.blocks.emplace_back(Paragraph{ParagraphKind::body, {run("x")}});
    d.appendices.push_back(appendix);
    return d;
}

} // namespace

TEST_CASE("plain_text joins the runs' text", "[model]") {
    CHECK(plain_text({}) == "");
    CHECK(plain_text({run("Thời gian: "), run("tháng 4/2019", true), run("\n(hết)", false, true)}) ==
          "Thời gian: tháng 4/2019\n(hết)");
}

TEST_CASE("runs write only the style flags that are set", "[model][json]") {
    const json runs = to_json(Inline{run("a"), run("b", true, false, true)});
    CHECK(runs == json::parse(R"J([{"text":"a"},{"text":"b","bold":true,"underline":true}])J"));
}

TEST_CASE("every block kind has its JSON form", "[model][json]") {
    const json body = to_json(sample())["body"];
    REQUIRE(body.size() == 6);
    CHECK(body[0] == json::parse(R"J({"type":"heading","level":1,"number":"I-","text":[{"text":"MỤC ĐÍCH, YÊU CẦU"}]})J"));
    CHECK(body[1] == json::parse(R"J({"type":"paragraph","kind":"center","text":[{"text":"(Kèm theo)","italic":true}]})J"));
    CHECK(body[2] == json::parse(R"J({"type":"list_item","marker":"a)","level":2,"text":[{"text":"điểm a","underline":true}]})J"));
    CHECK(body[3] == json::parse(R"J({"type":"table","column_weights":[40.0,60.0],"column_types":["text","percent"],
        "widths_from_content":false,"caption":[[{"text":"Biểu 1"}]],"rows":[{"header":true,"cells":[
        {"paragraphs":[[{"text":"Nhiệm vụ"}]],"colspan":2,"rowspan":1,"covered":false,"align":"center"},
        {"paragraphs":[],"colspan":1,"rowspan":1,"covered":true,"align":"left"}]},
        {"header":false,"group":true,"cells":[
        {"paragraphs":[],"colspan":1,"rowspan":1,"covered":false,"align":"left"},
        {"paragraphs":[],"colspan":1,"rowspan":1,"covered":false,"align":"left"}]}],
        "notes":[[{"text":"Số liệu","italic":true}]],"landscape":true})J"));
    CHECK(body[4] == json::parse(R"J({"type":"chart","kind":"stacked-bar","title":"Kết nạp","categories":["A","B"],
        "series":[{"name":"Đã kết nạp","values":[3.0,null]}],"unit":"đảng viên","decimals":0,"value_labels":true,
        "height_mm":0.0,"landscape":false})J"));
    CHECK(body[5] == json::parse(R"J({"type":"page_break"})J"));
}

TEST_CASE("the parts of a document", "[model][json]") {
    const json j = to_json(sample());
    CHECK(j["metadata"] == json::parse(R"J({"title":"KẾ HOẠCH thực hiện","author":"TỈNH UỶ QUẢNG NAM",
        "subject":"","keywords":"","created":"","record":[]})J"));
    CHECK(j["header"] == json::parse(R"J({"superior":[],"issuer":["TỈNH UỶ QUẢNG NAM"],"number_line":"Số 19-KH/TU",
        "place_date_line":"Quảng Nam, ngày 25 tháng 3 năm 2019","marks":["KHẨN"],"draft_mark":""})J"));
    CHECK(j["title"] == json::parse(R"J({"type_name":"KẾ HOẠCH","summary":[[{"text":"thực hiện "},{"text":"Chỉ thị","bold":true}]]})J"));
    CHECK(j["closing"] == json::parse(R"J({"recipients":{"label":"Nơi nhận:","lines":[[{"text":"- Lưu."}]]},
        "signature":{"authority":["T/M BAN THƯỜNG VỤ"],"position":["PHÓ BÍ THƯ"],"name":"Đỗ Xuân Tuyên","note":"","image":null,"seal":null}})J"));
    CHECK(j["appendices"] == json::parse(R"J([{"title":["PHỤ LỤC"],"subtitle":[[{"text":"(Kèm theo Kế hoạch)","italic":true}]],
        "blocks":[{"type":"paragraph","kind":"body","text":[{"text":"x"}]}]}])J"));
}

TEST_CASE("missing optional parts are null and empty lists are []", "[model][json]") {
    const json j = to_json(Document{});
    CHECK(j["header"].is_null());
    CHECK(j["title"].is_null());
    CHECK(j["closing"]["recipients"].is_null());
    CHECK(j["closing"]["signature"].is_null());
    CHECK(j["body"] == json::array());
    CHECK(j["appendices"] == json::array());
    CHECK(j["issued_appendix"] == 0); // the whole document, not one appendix alone
    CHECK(j.size() == 8);
}

TEST_CASE("the profile reads back through the profile loader unchanged", "[model][json]") {
    const Profile original = party();
    const json written = to_json(original);
    CHECK(written["number_prefix"] == "Số ");
    CHECK(written["recipients_label_style"]["underline"] == true);
    const Profile read = profile_from_json(written, "model.json");
    // Writing the read profile again gives the same JSON: every field went through.
    CHECK(to_json(read) == written);
    CHECK(read.headings.size() == original.headings.size());
    CHECK(read.header.national_title == original.header.national_title);
}

// Every key of the profile file is written back with the file's value.
void check_contains(const json& file, const json& written, const std::string& path) {
    for (auto it = file.begin(); it != file.end(); ++it) {
        if (it.key().rfind('$', 0) == 0) continue;
        INFO(path + it.key());
        REQUIRE(written.contains(it.key()));
        if (it.value().is_object()) check_contains(it.value(), written[it.key()], path + it.key() + ".");
        else if (it.value().is_array() && !it.value().empty() && it.value()[0].is_object())
            for (std::size_t i = 0; i < it.value().size(); ++i)
                check_contains(it.value()[i], written[it.key()][i], path + it.key() + "[" + std::to_string(i) + "].");
        else CHECK(written[it.key()] == it.value());
    }
}

TEST_CASE("the profile's JSON holds every setting of the profile file", "[model][json]") {
    for (const char* name : {"party.json", "state.json"}) {
        const auto path = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates/_profiles" / name;
        std::ifstream in(path);
        const json file = json::parse(in);
        check_contains(file, to_json(load_profile_file(path)), std::string(name) + ":");
    }
}

TEST_CASE("the JSON of a document is stable", "[model][json]") {
    CHECK(to_json(sample()).dump() == to_json(sample()).dump());
    CHECK(to_json(sample()).dump().find("\"body\"") != std::string::npos);
}

// to_json_text is the same text as the tree's dump, made a block at a time (the tree of 10^6
// paragraphs took 1.1 GB). The engine writes `--format model` with it (the engine's tests
// check that output against this tree).
TEST_CASE("the model's text is the JSON tree's dump, block by block", "[model][json]") {
    Document d = sample();
    CHECK(to_json_text(d) == to_json(d).dump(2));
    Appendix second;
    second.title = {"PHỤ LỤC 2"};
    d.appendices.push_back(second); // no blocks: []
    d.appendices.push_back(d.appendices.front());
    CHECK(to_json_text(d) == to_json(d).dump(2));
    CHECK(to_json_text(Document{}) == to_json(Document{}).dump(2));
    // A text that spells the place-holder of a list of blocks changes nothing.
    d.appendices[1].subtitle = {{run("\x01" "blocks 2\x01")}};
    d.metadata.title = "\x01" "blocks 0\x01";
    CHECK(to_json_text(d) == to_json(d).dump(2));
}

TEST_CASE("the model's text takes extra members in key order, as the tree would", "[model][json]") {
    Document d = sample();
    const json extra = {{"signature_fields", {{"pages", 2}}}, {"aaa", 1}};
    json tree = to_json(d);
    tree.update(extra);
    CHECK(to_json_text(d, extra) == tree.dump(2));
    // … also when a text spells a place-holder and the whole tree is made instead.
    d.metadata.title = "\x01" "blocks 0\x01";
    tree = to_json(d);
    tree.update(extra);
    CHECK(to_json_text(d, extra) == tree.dump(2));
}
