// NĐ30 Phụ lục VI metadata: in the PDF's XMP and in the --metadata sidecar (JSON, XML), the
// JSON validated against docs/schemas/nd30-record.schema.json by vanban's own validator.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "edoc/edoc_support.hpp"
#include "schema/schema.hpp"
#include "support/run_vanban.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

const schema::Schema& record_schema() {
    static const schema::Schema compiled = schema::Schema::compile(
        json::parse(read_file(std::string(VANBAN_SOURCE_DIR) + "/docs/schemas/nd30-record.schema.json")),
        "nd30-record.schema.json");
    return compiled;
}

std::string problems_of(const json& sidecar) {
    std::string text;
    for (const schema::Problem& p : record_schema().validate(sidecar)) text += p.json_path + ": " + p.message.text() + "\n";
    return text;
}

int pdf_pages(const TempDir& dir, const std::string& pdf) {
    const std::string info = output_of("pdfinfo " + shell_quote(saved(dir, "p.pdf", pdf)));
    const std::size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

} // namespace

TEST_CASE("the metadata sidecar holds the decree's fields and validates against its JSON Schema", "[metadata]") {
    TempDir dir;
    for (const std::string profile : {"party", "state"}) {
        json data = example_plan(profile);
        data["record"] = {{"issued_amount", 12}, {"due_date", "2019-07-01"}, {"priority", "Khẩn"}};
        RenderResult r = render_plan(data, Format::metadata);
        REQUIRE(r);
        const json sidecar = json::parse(r.bytes);
        INFO(sidecar.dump(2));
        CHECK(problems_of(sidecar).empty());
        CHECK(sidecar.at("TypeName") == "Kế hoạch");
        CHECK(sidecar.at("CodeNumber") == "19");
        CHECK(sidecar.at("CodeNotation") == (profile == "party" ? "KH/CB" : "KH-UBND"));
        CHECK(sidecar.at("IssuedDate") == "2019-06-10");
        CHECK(sidecar.at("Subject") == "tiếp tục đổi mới, tăng cường công tác kết nạp đảng viên");
        CHECK(sidecar.at("Language") == "Tiếng Việt");
        CHECK(sidecar.at("SignerInfo").at("FullName") == "Nguyễn Thị Minh Hằng");
        CHECK(sidecar.at("To").at(0).at("OrganName") == "BTC, BTG, UBKTGS Quận ủy (để báo cáo)");
        CHECK(sidecar.at("IssuedAmount") == 12);
        CHECK(sidecar.at("Priority") == "Khẩn");
        RenderResult pdf = render_plan(data, Format::pdf);
        REQUIRE(pdf);
        CHECK(sidecar.at("PageAmount") == pdf_pages(dir, pdf.bytes));

        // The XML says the same, in the decree's order.
        RenderResult xml = render_plan(data, Format::metadata_xml);
        REQUIRE(xml);
        pugi::xml_document document;
        REQUIRE(document.load_string(xml.bytes.c_str()));
        const pugi::xml_node root = document.child("OutgoingDocument");
        CHECK(std::string(root.attribute("xmlns").value()) == "urn:vanban:nd30-record:1.0/");
        CHECK(std::string(root.child_value("CodeNotation")) == sidecar.at("CodeNotation"));
        CHECK(std::string(root.child("SignerInfo").first_child().name()) == "Position");
        CHECK(std::string(root.child("SignerInfo").child_value("FullName")) == "Nguyễn Thị Minh Hằng");
        CHECK(std::stoi(root.child_value("PageAmount")) == sidecar.at("PageAmount"));
        std::size_t to = 0;
        for (pugi::xml_node n = root.child("To"); n; n = n.next_sibling("To")) ++to;
        CHECK(to == sidecar.at("To").size());
    }
}

TEST_CASE("a draft's sidecar has no number and no date (Điều 15.3), and still validates", "[metadata]") {
    json data = example_plan("state");
    data["draft"] = true;
    data["header"]["number"] = "/KH-UBND";
    RenderResult r = render_plan(data, Format::metadata);
    REQUIRE(r);
    const json sidecar = json::parse(r.bytes);
    CHECK(problems_of(sidecar).empty());
    CHECK_FALSE(sidecar.contains("CodeNumber"));
    CHECK_FALSE(sidecar.contains("IssuedDate"));
    CHECK(sidecar.at("CodeNotation") == "KH-UBND");
}

TEST_CASE("the PDF's XMP carries the metadata under a described extension schema", "[metadata]") {
    TempDir dir;
    RenderResult pdf = render_plan(example_plan("party"), Format::pdf);
    REQUIRE(pdf);
    const std::size_t begin = pdf.bytes.find("<?xpacket begin=");
    const std::size_t end = pdf.bytes.find("<?xpacket end=\"w\"?>");
    REQUIRE(end != std::string::npos);
    pugi::xml_document xmp;
    REQUIRE(xmp.load_string(pdf.bytes.substr(begin, end + 19 - begin).c_str()));
    auto value = [&](const std::string& name) {
        const pugi::xpath_node node = xmp.select_node(("//*[name()='" + name + "']").c_str());
        return node ? std::string(node.node().child_value()) : std::string("(missing)");
    };
    CHECK(value("nd30:CodeNumber") == "19");
    CHECK(value("nd30:CodeNotation") == "KH/CB");
    CHECK(value("nd30:FullName") == "Nguyễn Thị Minh Hằng");
    CHECK(value("nd30:PageAmount") == std::to_string(pdf_pages(dir, pdf.bytes)));
    // Every nd30 property used is described by the PDF/A extension schema (ISO 19005-2, 6.6.2.3.2).
    const pugi::xpath_node_set described = xmp.select_nodes("//*[name()='pdfaProperty:name']");
    std::vector<std::string> names;
    for (const pugi::xpath_node& n : described) names.emplace_back(n.node().child_value());
    const pugi::xpath_node_set used = xmp.select_nodes("//*[starts-with(name(), 'nd30:')]");
    REQUIRE(used.size() >= 8);
    for (const pugi::xpath_node& n : used)
        CHECK(std::find(names.begin(), names.end(), std::string(n.node().name()).substr(5)) != names.end());
    CHECK(value("pdfaSchema:namespaceURI") == "urn:vanban:nd30-record:1.0/");
    CHECK(value("pdfaSchema:prefix") == "nd30");
}

TEST_CASE("vanban render --metadata writes the sidecar beside the document, or nothing", "[metadata][cli]") {
    TempDir dir;
    dir.write("plan.json", example_plan("state").dump());
    CliRun run = run_vanban("render ke-hoach plan.json -o plan.pdf --metadata plan.xml -q", dir);
    CHECK(run.exit_code == 0);
    CHECK(dir.files() == std::vector<std::string>{"plan.json", "plan.pdf", "plan.xml"});
    CHECK(read_file(dir.path() / "plan.xml").find("<CodeNotation>KH-UBND</CodeNotation>") != std::string::npos);

    TempDir bad;
    bad.write("plan.json", example_plan("state").dump());
    run = run_vanban("render ke-hoach plan.json -o plan.pdf --metadata plan.txt", bad);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("name it .json or .xml") != std::string::npos);
    CHECK(bad.files() == std::vector<std::string>{"plan.json"});
}
