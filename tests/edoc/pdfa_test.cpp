// PDF/A-2b (ISO 19005-2, level B): the rules vanban implements, read back from the file with
// qpdf, poppler and pugixml (no PDF/A validator is packaged for Debian 12). docs/pdf.md
// lists the clauses these tests cover and the ones they do not.
#include <catch2/catch.hpp>

#include <array>
#include <regex>
#include <sstream>

#include <nettle/md5.h>
#include <pugixml.hpp>
#include <zlib.h>

#include "edoc/edoc_support.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

// The file's objects as qpdf reads them ("obj:12 0 R" -> {"value": …} or {"stream": …}).
struct Objects {
    json all;
    explicit Objects(const std::string& path) {
        const json document = json::parse(output_of("qpdf --json=2 --json-key=qpdf " +
                                                    shell_quote(path)));
        all = document.at("qpdf").at(1);
    }
    const json& object(const std::string& reference) const { return all.at("obj:" + reference); }
    // The dictionary of an object, stream or not.
    const json& dictionary(const std::string& reference) const {
        const json& o = object(reference);
        return o.contains("stream") ? o.at("stream").at("dict") : o.at("value");
    }
    const json& trailer() const { return all.at("trailer").at("value"); }
    const json& catalog() const { return dictionary(trailer().at("/Root").get<std::string>()); }
};

std::string stream_data(const std::string& path, const std::string& reference) {
    const std::string number = reference.substr(0, reference.find(' '));
    return output_of("qpdf --show-object=" + number + " --filtered-stream-data " + shell_quote(path));
}

// The identifier as docs/pdf.md defines it, recomputed with zlib's checksums (not the
// libdeflate ones the writer uses): MD5 of the CRC-32, the Adler-32 and the length of the
// file with the identifier zeroed, each big-endian.
std::string file_digest_hex(const std::string& bytes) {
    const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
    const uLong crc = crc32(0L, data, static_cast<uInt>(bytes.size()));
    const uLong adler = adler32(1L, data, static_cast<uInt>(bytes.size()));
    std::array<std::uint8_t, 16> summary{};
    for (int i = 0; i < 4; ++i) {
        summary[i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
        summary[4 + i] = static_cast<std::uint8_t>(adler >> (24 - 8 * i));
    }
    for (int i = 0; i < 8; ++i) summary[8 + i] = static_cast<std::uint8_t>(std::uint64_t(bytes.size()) >> (56 - 8 * i));
    md5_ctx context;
    md5_init(&context);
    md5_update(&context, summary.size(), summary.data());
    std::array<std::uint8_t, MD5_DIGEST_SIZE> digest{};
    md5_digest(&context, digest.size(), digest.data());
    std::string hex;
    char two[3];
    for (std::uint8_t b : digest) {
        std::snprintf(two, sizeof two, "%02X", b);
        hex += two;
    }
    return hex;
}

// "Title: …" lines of pdfinfo, dates as ISO 8601.
std::string pdfinfo_field(const std::string& path, const std::string& field) {
    const std::string info = output_of("pdfinfo -isodates " + shell_quote(path));
    const std::regex line("(^|\n)" + field + ": *([^\n]*)");
    std::smatch m;
    return std::regex_search(info, m, line) ? std::string(m[2]) : std::string();
}

struct Rendered {
    TempDir dir;
    std::string bytes, path;
    explicit Rendered(const json& data) {
        RenderResult r = render_plan(data, Format::pdf);
        if (!r) throw std::runtime_error(r.error.format());
        bytes = std::move(r.bytes);
        path = saved(dir, "plan.pdf", bytes);
    }
};

} // namespace

TEST_CASE("PDF/A-2b: PDF 1.7 header with a binary comment (6.1.2), qpdf finds no error", "[pdfa]") {
    for (const char* profile : {"party", "state"}) {
        Rendered pdf(example_plan(profile));
        CHECK(pdf.bytes.rfind("%PDF-1.7\n%", 0) == 0);
        const std::string comment = pdf.bytes.substr(10, 4);
        for (char c : comment) CHECK(static_cast<unsigned char>(c) > 127);
        CHECK(pdf.bytes.substr(pdf.bytes.size() - 6) == "%%EOF\n"); // nothing after %%EOF but one EOL (6.1.3)
        const CommandResult check = read_command("qpdf --check " + shell_quote(pdf.path) + " 2>&1");
        CHECK(check.exit_code == 0);
        CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);
    }
}

TEST_CASE("PDF/A-2b: the file identifier is derived from every byte of the file (6.1.3)", "[pdfa]") {
    Rendered pdf(example_plan("party"));
    const Objects objects(pdf.path);
    const json& id = objects.trailer().at("/ID");
    REQUIRE(id.size() == 2);
    const std::string first = id[0].get<std::string>(), second = id[1].get<std::string>();
    CHECK(first == second);
    REQUIRE(first.size() == 2 + 32); // "b:" and 32 hexadecimal digits (qpdf's JSON for a binary string)
    std::string zeroed = pdf.bytes;
    const std::string hex = first.substr(2);
    std::string upper = hex;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (std::size_t at = zeroed.find(upper); at != std::string::npos; at = zeroed.find(upper, at))
        zeroed.replace(at, upper.size(), std::string(32, '0'));
    CHECK(file_digest_hex(zeroed) == upper);

    // Byte-identical with a fixed date; another document, another identifier.
    Rendered again(example_plan("party"));
    CHECK(again.bytes == pdf.bytes);
    Rendered state(example_plan("state"));
    CHECK(Objects(state.path).trailer().at("/ID")[0] != id[0]);
    // No encryption (6.1.3).
    CHECK_FALSE(objects.trailer().contains("/Encrypt"));
}

TEST_CASE("PDF/A-2b: XMP metadata agrees with the Info dictionary, Vietnamese escaped (6.6.2, 6.6.3)", "[pdfa]") {
    json data = example_plan("state");
    data["summary"] = json::array({"về bảo đảm an toàn <thông tin> & dữ liệu \"số\" năm 2026"});
    Rendered pdf(data);
    const Objects objects(pdf.path);
    const std::string metadata = objects.catalog().at("/Metadata").get<std::string>();
    const json& dictionary = objects.dictionary(metadata);
    CHECK(dictionary.at("/Type") == "/Metadata");
    CHECK(dictionary.at("/Subtype") == "/XML");
    CHECK_FALSE(dictionary.contains("/Filter")); // readable without decoding
    const std::string xmp = stream_data(pdf.path, metadata);
    CHECK(xmp.find("bytes=") == std::string::npos);  // 6.6.2.2: no bytes or encoding attribute
    CHECK(xmp.find("encoding=") == std::string::npos);

    pugi::xml_document document;
    REQUIRE(document.load_string(xmp.c_str()));
    auto text_of = [&](const char* xpath) {
        const pugi::xpath_node node = document.select_node(xpath);
        return node ? std::string(node.node().child_value()) : std::string("(missing)");
    };
    CHECK(text_of("//*[name()='pdfaid:part']") == "2");
    CHECK(text_of("//*[name()='pdfaid:conformance']") == "B");
    const std::string title = text_of("//*[name()='dc:title']/*/*[name()='rdf:li']");
    CHECK(title == "KẾ HOẠCH về bảo đảm an toàn <thông tin> & dữ liệu \"số\" năm 2026");
    CHECK(title == pdfinfo_field(pdf.path, "Title"));
    CHECK(text_of("//*[name()='dc:creator']/*/*[name()='rdf:li']") == pdfinfo_field(pdf.path, "Author"));
    CHECK(text_of("//*[name()='dc:creator']/*/*[name()='rdf:li']") == "ỦY BAN NHÂN DÂN PHƯỜNG THẠCH THANG");
    CHECK(text_of("//*[name()='dc:description']/*/*[name()='rdf:li']") == pdfinfo_field(pdf.path, "Subject"));
    CHECK(text_of("//*[name()='xmp:CreatorTool']") == pdfinfo_field(pdf.path, "Creator"));
    CHECK(text_of("//*[name()='pdf:Producer']") == pdfinfo_field(pdf.path, "Producer"));
    // The engine gives both writers the fixed date in UTC: the same instant in both places.
    CHECK(text_of("//*[name()='xmp:CreateDate']") == "2026-03-05T02:30:00Z");
    CHECK(pdfinfo_field(pdf.path, "CreationDate") == "2026-03-05T02:30:00Z");
}

TEST_CASE("PDF/A-2b: an sRGB output intent with the ICC profile of icc-profiles-free (6.2.3)", "[pdfa]") {
    Rendered pdf(example_plan("party"));
    const Objects objects(pdf.path);
    const json& intents = objects.catalog().at("/OutputIntents");
    REQUIRE(intents.size() == 1);
    const json& intent = objects.dictionary(intents[0].get<std::string>());
    CHECK(intent.at("/S") == "/GTS_PDFA1");
    CHECK(intent.at("/Type") == "/OutputIntent");
    CHECK(intent.at("/OutputConditionIdentifier") == "u:sRGB IEC61966-2.1");
    const std::string profile = intent.at("/DestOutputProfile").get<std::string>();
    CHECK(objects.dictionary(profile).at("/N") == 3);
    const std::string icc = stream_data(pdf.path, profile);
    CHECK(icc == read_file("/usr/share/color/icc/sRGB.icc"));
    CHECK(icc.substr(16, 4) == "RGB "); // the profile's colour space matches /N 3
}

TEST_CASE("PDF/A-2b: every font embedded, no forbidden feature (6.1, 6.2.11, 6.3, 6.5)", "[pdfa]") {
    TempDir images;
    make_signature_images(images);
    json data = example_plan("state");
    data["signature"]["image"] = "signature.png";
    data["signature"]["seal"] = "seal.png";
    RenderResult r = render_plan(data, Format::pdf, images.path());
    REQUIRE(r);
    const std::string path = saved(images, "signed.pdf", r.bytes);

    // pdffonts: every font embedded (its "emb" column "yes").
    const std::string fonts = output_of("pdffonts " + shell_quote(path));
    int rows = 0;
    std::istringstream lines(fonts);
    std::string line;
    for (int n = 0; std::getline(lines, line); ++n) {
        if (n < 2 || line.empty()) continue;
        ++rows;
        CHECK(line.find(" yes ") != std::string::npos);
    }
    CHECK(rows >= 2);

    const Objects objects(path);
    for (const auto& [name, object] : objects.all.items()) {
        if (name.rfind("obj:", 0) != 0) continue;
        const json& dictionary = object.contains("stream") ? object.at("stream").at("dict") : object.at("value");
        if (!dictionary.is_object()) continue;
        INFO(name << " " << dictionary.dump());
        for (const char* key : {"/JS", "/JavaScript", "/Encrypt", "/AA", "/OpenAction", "/Launch", "/EmbeddedFiles",
                                "/NeedsRendering", "/Interpolate", "/OPI", "/Alternates", "/PS", "/TR", "/TR2", "/HTP"})
            CHECK_FALSE(dictionary.contains(key));
        if (dictionary.contains("/Filter")) {
            const std::string filter = dictionary.at("/Filter").dump();
            CHECK(filter.find("LZW") == std::string::npos); // 6.1.7.2
        }
        // Transparency groups need a blending colour space unless an output intent is
        // present (6.2.10); vanban draws none.
        CHECK_FALSE(dictionary.contains("/Group"));
        if (dictionary.contains("/Subtype") && dictionary.at("/Subtype") == "/Widget") {
            CHECK(dictionary.at("/F") == 4);                     // printable, not hidden (6.3.2)
            CHECK(dictionary.at("/AP").contains("/N"));          // an appearance (6.3.3)
            CHECK(dictionary.at("/AP").size() == 1);
        }
        if (dictionary.contains("/Subtype") && dictionary.at("/Subtype") == "/Image" && dictionary.contains("/SMask")) {
            const json& mask = objects.dictionary(dictionary.at("/SMask").get<std::string>());
            CHECK(mask.at("/ColorSpace") == "/DeviceGray");
        }
        if (dictionary.contains("/Type") && dictionary.at("/Type") == "/Catalog" && dictionary.contains("/AcroForm")) {
            const json& form = objects.dictionary(dictionary.at("/AcroForm").get<std::string>());
            CHECK_FALSE(form.contains("/NeedAppearances")); // 6.4.1
            CHECK(form.at("/Fields").size() == 2);
        }
    }
}
