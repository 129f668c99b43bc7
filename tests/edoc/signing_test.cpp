// Signature fields and images (NĐ30 Phụ lục I, II.7.d and II.8.a): where they are, that
// the PDF and the DOCX put them in the same places, and every way an image can be wrong.
#include <catch2/catch.hpp>

#include <regex>

#include "edoc/edoc_support.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

constexpr double pt_per_mm = 72 / 25.4;

json signed_plan(const std::string& profile) {
    json data = example_plan(profile);
    data["signature"]["image"] = "signature.png";
    data["signature"]["seal"] = "seal.png";
    return data;
}

const json& field(const json& fields, const std::string& name) {
    for (const json& f : fields.at("fields"))
        if (f.at("name") == name) return f;
    throw std::runtime_error("no field " + name);
}

// Where pdftotext puts a line of text: {xMin, yMin, xMax, yMax}, y from the page's top.
std::array<double, 4> word_box(const std::string& bbox_html, const std::string& word) {
    const std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">" + word +
                        "</word>");
    std::smatch m;
    if (!std::regex_search(bbox_html, m, re)) throw std::runtime_error("no word " + word);
    return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])};
}

} // namespace

TEST_CASE("signature fields: stable names, the signer's between position and name, the seal over its left third",
          "[fields]") {
    TempDir dir;
    for (const std::string profile : {"state", "party"}) {
        RenderResult r = render_plan(example_plan(profile), Format::fields);
        REQUIRE(r);
        const json fields = json::parse(r.bytes);
        REQUIRE(fields.at("fields").size() == 2);
        const json& signer = field(fields, "signer");
        const json& agency = field(fields, "agency");
        CHECK(signer.at("page") == agency.at("page"));
        CHECK(signer.at("width_mm") == Approx(50));
        CHECK(signer.at("height_mm") == Approx(25));   // the profile's signature_space_mm
        CHECK(agency.at("width_mm") == Approx(36));    // seal_size_mm: no seal image given
        CHECK(signer.at("x_pt").get<double>() * 25.4 / 72 == Approx(signer.at("x_mm").get<double>()).margin(0.01));
        // The seal's right edge a third into the signer's box; both centred on one line.
        const double signer_x = signer.at("x_pt"), signer_w = signer.at("width_pt");
        CHECK(agency.at("x_pt").get<double>() + agency.at("width_pt").get<double>() ==
              Approx(signer_x + 0.333 * signer_w).margin(0.05));
        CHECK(agency.at("y_pt").get<double>() + agency.at("height_pt").get<double>() / 2 ==
              Approx(signer.at("y_pt").get<double>() + signer.at("height_pt").get<double>() / 2).margin(0.05));

        // In the PDF: between the position line and the name, centred under them.
        RenderResult pdf = render_plan(example_plan(profile), Format::pdf);
        REQUIRE(pdf);
        const std::string path = saved(dir, "f.pdf", pdf.bytes);
        const int page = signer.at("page");
        const std::string bbox = output_of("pdftotext -bbox -f " + std::to_string(page) + " -l " + std::to_string(page) +
                                           " " + shell_quote(path) + " -");
        const double page_height = fields.at("page_height_pt");
        const double field_top = page_height - signer.at("y_pt").get<double>() - signer.at("height_pt").get<double>();
        const double field_bottom = page_height - signer.at("y_pt").get<double>();
        const auto position = word_box(bbox, profile == "state" ? "TỊCH" : "THƯ");
        const auto name = word_box(bbox, "Hằng");
        CHECK(position[3] <= field_top + 1);
        CHECK(name[1] >= field_bottom - 1);
        // The widgets' rectangles are the ones --format fields gives.
        const json objects = json::parse(output_of("qpdf --json=2 --json-key=qpdf " + shell_quote(path))).at("qpdf").at(1);
        int widgets = 0;
        for (const auto& [name, object] : objects.items()) {
            if (!object.contains("value") || !object.at("value").is_object()) continue;
            const json& widget = object.at("value");
            if (widget.value("/Subtype", "") != "/Widget") continue;
            ++widgets;
            CHECK(widget.at("/FT") == "/Sig");
            const json& f = field(fields, widget.at("/T").get<std::string>().substr(2)); // "u:signer"
            const json& rect = widget.at("/Rect");
            CHECK(rect[0].get<double>() == Approx(f.at("x_pt").get<double>()).margin(0.01));
            CHECK(rect[1].get<double>() == Approx(f.at("y_pt").get<double>()).margin(0.01));
            CHECK(rect[2].get<double>() == Approx(f.at("x_pt").get<double>() + f.at("width_pt").get<double>()).margin(0.02));
            CHECK(rect[3].get<double>() == Approx(f.at("y_pt").get<double>() + f.at("height_pt").get<double>()).margin(0.02));
        }
        CHECK(widgets == 2);

        // The model JSON carries the same places.
        RenderResult model = render_plan(example_plan(profile), Format::model);
        REQUIRE(model);
        CHECK(json::parse(model.bytes).at("signature_fields") == fields);
    }
}

TEST_CASE("signature images: the seal at its actual size, transparency kept, in the PDF and the DOCX", "[images]") {
    TempDir images;
    make_signature_images(images);
    for (const std::string profile : {"state", "party"}) {
        RenderResult fields_run = render_plan(signed_plan(profile), Format::fields, images.path());
        REQUIRE(fields_run);
        const json fields = json::parse(fields_run.bytes);
        // seal.png says 300 dpi in pHYs: 425 px is 36 mm.
        CHECK(field(fields, "agency").at("width_mm") == Approx(425 / 300.0 * 25.4).margin(0.01));

        RenderResult pdf = render_plan(signed_plan(profile), Format::pdf, images.path());
        REQUIRE(pdf);
        const std::string path = saved(images, "signed.pdf", pdf.bytes);
        const std::string list = output_of("pdfimages -list " + shell_quote(path));
        // Two images, each with its soft mask (its alpha channel).
        CHECK(std::count(list.begin(), list.end(), '\n') == 2 + 4);
        CHECK(list.find("smask") != std::string::npos);
        CHECK(list.find(" 425   425  rgb") != std::string::npos);
        CHECK(list.find(" 480   240  rgb") != std::string::npos);

        RenderResult docx = render_plan(signed_plan(profile), Format::docx, images.path());
        REQUIRE(docx);
        const std::string docx_path = saved(images, "signed.docx", docx.bytes);
        const std::string listing = output_of(
            "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            "print(\"\\n\".join(z.namelist())); print(z.read(\"word/document.xml\").decode()); "
            "print(z.read(\"word/_rels/document.xml.rels\").decode()); print(z.read(\"[Content_Types].xml\").decode())' " +
            shell_quote(docx_path));
        CHECK(listing.find("word/media/signature.png") != std::string::npos);
        CHECK(listing.find("word/media/seal.png") != std::string::npos);
        CHECK(listing.find("Extension=\"png\" ContentType=\"image/png\"") != std::string::npos);
        CHECK(listing.find("Target=\"media/seal.png\"") != std::string::npos);
        // The seal's extent is its size: 36 mm = 1,295,400 EMU (rounded from points).
        CHECK(std::regex_search(listing, std::regex(R"(<wp:extent cx="129[0-9]{4}" cy="129[0-9]{4}")")));
        CHECK(listing.find("<wp:wrapNone") != std::string::npos);
        // The same bytes as given.
        const std::string media = output_of("python3 -c 'import sys, zipfile; sys.stdout.buffer.write("
                                            "zipfile.ZipFile(sys.argv[1]).read(\"word/media/seal.png\"))' " +
                                            shell_quote(docx_path));
        CHECK(media == read_file(images.path() / "seal.png"));
    }
}

TEST_CASE("signature images may be inline, as data:image/png base64 URIs", "[images]") {
    TempDir images;
    make_signature_images(images);
    const std::string base64 = output_of("base64 -w0 " + shell_quote((images.path() / "seal.png").string()));
    json inline_data = example_plan("state");
    inline_data["signature"]["seal"] = "data:image/png;base64," + base64;
    json file_data = example_plan("state");
    file_data["signature"]["seal"] = "seal.png";
    RenderResult a = render_plan(inline_data, Format::pdf); // no data folder: inline images only
    RenderResult b = render_plan(file_data, Format::pdf, images.path());
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a.bytes.size() == b.bytes.size()); // the same image; only the source text differs
}

TEST_CASE("a bad image stops the render at its JSON path", "[images]") {
    TempDir images;
    make_signature_images(images);
    images.write("corrupt.png", read_file(images.path() / "seal.png").substr(0, 300));
    images.write("not.png", "GIF89a...");
    std::string large = read_file(images.path() / "seal.png");
    large.resize(5u << 20, '\0');
    images.write("large.png", large);

    struct Case {
        std::string seal;
        ErrorKind kind;
        std::string words;
    };
    for (const Case& c : {Case{"missing.png", ErrorKind::data, "cannot be read"},
                          Case{"corrupt.png", ErrorKind::data, "cannot be used"},
                          Case{"not.png", ErrorKind::data, "not a PNG file"},
                          Case{"large.png", ErrorKind::limit, "more than 4194304"},
                          Case{"data:image/png;base64,@@@@", ErrorKind::data, "not valid base64"},
                          Case{"data:image/gif;base64,R0lG", ErrorKind::data, "data:image/png;base64"}}) {
        json data = example_plan("state");
        data["signature"]["seal"] = c.seal;
        for (Format format : {Format::pdf, Format::docx, Format::model}) {
            RenderResult r = render_plan(data, format, images.path());
            INFO(c.seal << " " << format_name(format));
            REQUIRE_FALSE(r);
            CHECK(r.error.kind == c.kind);
            CHECK(r.error.json_path == "signature.seal");
            CHECK(r.error.format().find(c.words) != std::string::npos);
        }
    }
    // A file name with no data folder (a library caller that gave none).
    json data = example_plan("state");
    data["signature"]["image"] = "signature.png";
    RenderResult r = render_plan(data, Format::pdf);
    REQUIRE_FALSE(r);
    CHECK(r.error.json_path == "signature.image");
}

TEST_CASE("a seal that would fall off the page is refused", "[images]") {
    TempDir images;
    // A 1 x 1 pixel PNG whose pHYs says 4 pixels a metre: 250 mm on paper.
    const std::string script = "import struct, zlib, sys\n"
                               "def chunk(k, d): return struct.pack('>I', len(d)) + k + d + struct.pack('>I', zlib.crc32(k + d))\n"
                               "sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 6, 0, 0, 0))"
                               " + chunk(b'pHYs', struct.pack('>IIB', 4, 4, 1)) + chunk(b'IDAT', zlib.compress(b'\\x00\\xff\\x00\\x00\\xff'))"
                               " + chunk(b'IEND', b''))\n";
    images.write("huge.py", script);
    REQUIRE(run_shell("cd " + shell_quote(images.path().string()) + " && python3 huge.py > huge.png") == 0);
    json data = example_plan("state");
    data["signature"]["seal"] = "huge.png";
    RenderResult r = render_plan(data, Format::pdf, images.path());
    REQUIRE_FALSE(r);
    CHECK(r.error.kind == ErrorKind::data);
    CHECK(r.error.json_path == "signature.seal");
    CHECK(r.error.format().find("would fall off the page") != std::string::npos);
}

TEST_CASE("a signature field that would fall off the page is refused, naming the profile's settings", "[fields]") {
    // No image: the agency's field is the profile's seal size, here wider than the page.
    TempDir dir;
    json profile = json::parse(read_file(std::string(VANBAN_SOURCE_DIR) + "/templates/_profiles/state.json"));
    profile["name"] = "wide-seal";
    profile["signing"]["seal_size_mm"] = 300;
    dir.write("_profiles/wide-seal.json", profile.dump());
    Engine engine({.template_dirs = {dir.path(), std::string(VANBAN_SOURCE_DIR) + "/templates"},
                   .fixed_creation_date = fixed_date});
    RenderOptions options;
    options.profile = "wide-seal";
    RenderResult r = engine.render(std::string("ke-hoach"), example_plan("state").dump(), Format::pdf, options);
    REQUIRE_FALSE(r);
    CHECK(r.error.kind == ErrorKind::data);
    CHECK(r.error.format().find("the signature field agency (300 x 300 mm) would fall off the page") != std::string::npos);
    CHECK(r.error.format().find("signing settings") != std::string::npos);
    // The same profile without fields renders.
    profile["signing"]["fields"] = false;
    dir.write("_profiles/wide-seal.json", profile.dump());
    Engine without_fields({.template_dirs = {dir.path(), std::string(VANBAN_SOURCE_DIR) + "/templates"},
                           .fixed_creation_date = fixed_date});
    CHECK(without_fields.render(std::string("ke-hoach"), example_plan("state").dump(), Format::pdf, options));
}
