// An appendix issued as a file of its own (NĐ30 Phụ lục I, II.8.b and III.1.d;
// RenderOptions::appendix): the appendix alone, in every format, with the agency's signature
// field at the top right of its first page; an appendix the document lacks is refused.
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "edoc/edoc_support.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

RenderResult render_appendix(const json& data, Format format, std::size_t appendix) {
    RenderOptions options;
    options.appendix = appendix;
    return edoc_engine().render(std::string("ke-hoach"), data.dump(), format, options);
}

// The widgets of a PDF as qpdf reads them: name ("appendix-agency") -> /Rect.
std::map<std::string, json> widgets(const std::string& path) {
    std::map<std::string, json> found;
    const json objects = json::parse(output_of("qpdf --json=2 --json-key=qpdf " + shell_quote(path))).at("qpdf").at(1);
    for (const auto& [name, object] : objects.items()) {
        if (!object.contains("value") || !object.at("value").is_object()) continue;
        const json& widget = object.at("value");
        if (widget.value("/Subtype", "") != "/Widget") continue;
        CHECK(widget.at("/FT") == "/Sig");
        found[widget.at("/T").get<std::string>().substr(2)] = widget.at("/Rect"); // "u:appendix-agency"
    }
    return found;
}

} // namespace

TEST_CASE("an appendix alone: the agency's field at the top right of its first page, in the top margin",
          "[appendix][fields]") {
    TempDir dir;
    for (const std::string profile : {"state", "party"}) {
        const json data = example_plan(profile); // its "appendix": {"tasks": true}
        RenderResult fields_result = render_appendix(data, Format::fields, 1);
        REQUIRE(fields_result);
        const json fields = json::parse(fields_result.bytes);
        REQUIRE(fields.at("fields").size() == 1);
        const json& field = fields.at("fields")[0];
        CHECK(field.at("name") == "appendix-agency");
        CHECK(field.at("page") == 1);
        // The profile's 75 x 15 mm, its right edge on the text block's (15 mm from the right
        // edge in both profiles), its top 4 mm below the page's top edge.
        CHECK(field.at("width_mm") == Approx(75));
        CHECK(field.at("height_mm") == Approx(15));
        CHECK(field.at("x_mm").get<double>() + field.at("width_mm").get<double>() == Approx(210 - 15).margin(0.02));
        CHECK(field.at("y_mm").get<double>() + field.at("height_mm").get<double>() == Approx(297 - 4).margin(0.02));

        // The PDF: that one widget, at that place; the appendix's title and table, nothing of
        // the plan's header, body or closing.
        RenderResult pdf = render_appendix(data, Format::pdf, 1);
        REQUIRE(pdf);
        const std::string path = saved(dir, "appendix-" + profile + ".pdf", pdf.bytes);
        const std::map<std::string, json> found = widgets(path);
        REQUIRE(found.size() == 1);
        REQUIRE(found.count("appendix-agency") == 1);
        const json& rect = found.at("appendix-agency");
        CHECK(rect[0].get<double>() == Approx(field.at("x_pt").get<double>()).margin(0.01));
        CHECK(rect[1].get<double>() == Approx(field.at("y_pt").get<double>()).margin(0.01));
        CHECK(rect[2].get<double>() - rect[0].get<double>() == Approx(field.at("width_pt").get<double>()).margin(0.02));
        CHECK(rect[3].get<double>() - rect[1].get<double>() == Approx(field.at("height_pt").get<double>()).margin(0.02));
        const std::string text = output_of("pdftotext " + shell_quote(path) + " -");
        CHECK(text.find("PHÂN CÔNG NHIỆM VỤ") != std::string::npos);
        CHECK(text.find("Nhiệm vụ") != std::string::npos);
        CHECK(text.find("Nơi nhận") == std::string::npos);
        CHECK(text.find(profile == "state" ? "Độc lập" : "ĐẢNG CỘNG SẢN") == std::string::npos);
        const std::string info = output_of("pdfinfo " + shell_quote(path));
        std::smatch pages;
        REQUIRE(std::regex_search(info, pages, std::regex(R"(Pages:\s+([0-9]+))")));
        CHECK(std::stoi(pages[1]) == fields.at("pages").get<int>());
        // Nothing printed under the field: every word of page 1 lies below it.
        const std::string bbox = output_of("pdftotext -bbox -f 1 -l 1 " + shell_quote(path) + " -");
        const double field_bottom_from_top = 841.89 - field.at("y_pt").get<double>();
        std::size_t words = 0;
        for (std::size_t at = bbox.find("yMin=\""); at != std::string::npos; at = bbox.find("yMin=\"", at + 1)) {
            ++words;
            CHECK(std::stod(bbox.substr(at + 6)) > field_bottom_from_top);
        }
        CHECK(words > 10);
        CHECK(run_shell("qpdf --check " + shell_quote(path) + " > /dev/null") == 0);

        // The model says which appendix it is, holds it alone, and carries the field.
        RenderResult model = render_appendix(data, Format::model, 1);
        REQUIRE(model);
        const json doc = json::parse(model.bytes);
        CHECK(doc.at("issued_appendix") == 1);
        CHECK(doc.at("header").is_null());
        CHECK(doc.at("closing").at("signature").is_null());
        CHECK(doc.at("body").empty());
        REQUIRE(doc.at("appendices").size() == 1);
        CHECK(doc.at("signature_fields") == fields);
        CHECK(doc.at("metadata").at("title").get<std::string>().rfind("Phụ lục PHÂN CÔNG NHIỆM VỤ — ", 0) == 0);
    }
}

TEST_CASE("an appendix alone: the DOCX holds the appendix only, and the whole document keeps its two fields",
          "[appendix]") {
    TempDir dir;
    const json data = example_plan("state");
    RenderResult docx = render_appendix(data, Format::docx, 1);
    REQUIRE(docx);
    const std::string path = saved(dir, "appendix.docx", docx.bytes);
    const std::string xml = output_of(
        "python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\").decode())' " +
        shell_quote(path));
    CHECK(xml.find(">PHÂN CÔNG NHIỆM VỤ<") != std::string::npos);
    CHECK(xml.find("Nơi nhận") == std::string::npos);
    CHECK(xml.find("Độc lập") == std::string::npos);
    CHECK(xml.find("w:pageBreakBefore") == std::string::npos); // no blank first page

    // Without the option: the plan and its appendix, the signer's and the agency's fields.
    RenderResult whole = render_plan(data, Format::fields);
    REQUIRE(whole);
    const json fields = json::parse(whole.bytes).at("fields");
    REQUIRE(fields.size() == 2);
    CHECK(fields[0].at("name") == "signer");
    CHECK(fields[1].at("name") == "agency");
}

TEST_CASE("an appendix the document does not have is refused, saying how many it has", "[appendix]") {
    json data = example_plan("state");
    RenderResult second = render_appendix(data, Format::pdf, 2);
    REQUIRE_FALSE(second);
    CHECK(second.error.kind == ErrorKind::usage);
    CHECK(second.error.message.code() == "engine.no-such-appendix");
    CHECK(second.error.format().find("there is no appendix 2: the document has 1 appendix") != std::string::npos);
    CHECK(second.error.format(Language::vi).find("không có phụ lục 2") != std::string::npos);

    data["appendix"]["tasks"] = false;
    RenderResult none = render_appendix(data, Format::fields, 1);
    REQUIRE_FALSE(none);
    CHECK(none.error.kind == ErrorKind::usage);
    CHECK(none.error.message.code() == "engine.no-appendix");
    CHECK_FALSE(none.error.hint.empty());
}
