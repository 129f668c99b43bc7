#include "pdf/archive.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include <libdeflate.h>
#include <nettle/md5.h>

#include "pdf/deflate.hpp"
#include "text/xml_escape.hpp"

namespace vanban::pdf {
extern const unsigned char srgb_icc[]; // generator/icc/icc.cmake
extern const std::size_t srgb_icc_size;
} // namespace vanban::pdf

namespace vanban::pdf::archive {

namespace {

using text::append_xml_escaped;

// <name>text</name> on a line of its own; `wrap_open` and `wrap_close` around the text
// (dc:title and dc:description are language alternatives).
void append_element(std::string& out, const char* name, std::string_view text, const char* wrap_open = "",
                    const char* wrap_close = "") {
    out += "   <";
    out += name;
    out += '>';
    out += wrap_open;
    append_xml_escaped(out, text);
    out += wrap_close;
    out += "</";
    out += name;
    out += ">\n";
}

void append_alternative(std::string& out, const char* name, std::string_view text) {
    append_element(out, name, text, "<rdf:Alt><rdf:li xml:lang=\"x-default\">", "</rdf:li></rdf:Alt>");
}

// What the decree says each field is (Phụ lục VI, Phần II, Mục I), and its XMP value type.
struct RecordField {
    std::string_view name, value_type, description;
};
constexpr std::array<RecordField, 15> record_fields{{
    {"TypeName", "Text", "Tên loại văn bản"},
    {"CodeNumber", "Text", "Số của văn bản"},
    {"CodeNotation", "Text", "Ký hiệu của văn bản"},
    {"IssuedDate", "Text", "Ngày, tháng, năm văn bản (YYYY-MM-DD)"},
    {"OrganName", "Text", "Tên cơ quan, tổ chức ban hành văn bản"},
    {"Subject", "Text", "Trích yếu nội dung"},
    {"Language", "Text", "Ngôn ngữ"},
    {"PageAmount", "Integer", "Số trang của văn bản"},
    {"Description", "Text", "Ghi chú"},
    {"Position", "Text", "Chức vụ của người ký văn bản"},
    {"FullName", "Text", "Họ và tên người ký văn bản"},
    {"To", "Seq Text", "Tên cơ quan, tổ chức nhận văn bản"},
    {"Priority", "Text", "Mức độ khẩn, độ mật"},
    {"IssuedAmount", "Text", "Số lượng bản phát hành"},
    {"DueDate", "Text", "Hạn trả lời văn bản"},
}};

// The index of the field `name` in record_fields, or -1.
int record_field(std::string_view name) {
    for (std::size_t i = 0; i < record_fields.size(); ++i)
        if (record_fields[i].name == name) return static_cast<int>(i);
    return -1;
}

// The PDF/A extension schema (ISO 19005-2, 6.6.2.3.2) of the record fields `used` (indices
// of record_fields, in the order the record first names them).
std::string record_schema(const std::vector<int>& used) {
    std::string out =
        "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>NĐ30 Phụ lục VI: thông tin đầu vào của dữ liệu quản lý văn bản đi</pdfaSchema:schema>\n"
        "    <pdfaSchema:namespaceURI>";
    out += record_namespace;
    out += "</pdfaSchema:namespaceURI>\n    <pdfaSchema:prefix>";
    out += record_prefix;
    out += "</pdfaSchema:prefix>\n    <pdfaSchema:property><rdf:Seq>\n";
    for (const int index : used) {
        const RecordField& field = record_fields[static_cast<std::size_t>(index)];
        out += "     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>";
        out += field.name;
        out += "</pdfaProperty:name><pdfaProperty:valueType>";
        out += field.value_type;
        out += "</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
               "<pdfaProperty:description>";
        append_xml_escaped(out, field.description);
        out += "</pdfaProperty:description></rdf:li>\n";
    }
    out += "    </rdf:Seq></pdfaSchema:property>\n   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n  </rdf:Description>\n";
    return out;
}

// The schema depends only on which fields are used and in what order, the same for most
// documents: it is made once per thread for each such list (a few of them) and copied.
const std::string& cached_record_schema(const std::vector<int>& used) {
    thread_local std::vector<std::pair<std::vector<int>, std::string>> made;
    for (const auto& [fields, schema] : made)
        if (fields == used) return schema;
    if (made.size() >= 16) made.erase(made.begin()); // bounded, whatever the documents
    made.emplace_back(used, record_schema(used));
    return made.back().second;
}

void append_record(std::string& out, const DocumentInfo& info) {
    // Each entry's field, looked up once; the fields in the order the record first names them.
    std::vector<int> field_of;
    field_of.reserve(info.record.size());
    std::vector<int> used;
    for (const auto& [name, value] : info.record) {
        const int field = record_field(name);
        field_of.push_back(field);
        if (field >= 0 && std::find(used.begin(), used.end(), field) == used.end()) used.push_back(field);
    }
    if (used.empty()) return;
    out += cached_record_schema(used);
    out += "  <rdf:Description rdf:about=\"\" xmlns:";
    out += record_prefix;
    out += "=\"";
    out += record_namespace;
    out += "\">\n";
    std::string element;
    for (const int field : used) {
        const RecordField& described = record_fields[static_cast<std::size_t>(field)];
        element.assign(record_prefix).append(":").append(described.name);
        if (described.value_type == "Seq Text") {
            out.append("   <").append(element).append("><rdf:Seq>");
            for (std::size_t i = 0; i < info.record.size(); ++i)
                if (field_of[i] == field) {
                    out += "<rdf:li>";
                    append_xml_escaped(out, info.record[i].second);
                    out += "</rdf:li>";
                }
            out.append("</rdf:Seq></").append(element).append(">\n");
            continue;
        }
        for (std::size_t i = 0; i < info.record.size(); ++i)
            if (field_of[i] == field) {
                append_element(out, element.c_str(), info.record[i].second);
                break;
            }
    }
    out += "  </rdf:Description>\n";
}

} // namespace

std::string xmp_date(const Date& d) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.minute,
                  d.second);
    std::string out = text;
    if (d.zone == 'Z') {
        out += 'Z';
    } else if (d.zone == '+' || d.zone == '-') {
        std::snprintf(text, sizeof text, "%c%02d:%02d", d.zone, d.zone_hour, d.zone_minute);
        out += text;
    }
    return out;
}

std::string xmp_packet(const DocumentInfo& info) {
    std::string out;
    out.reserve(8192);
    // No "bytes" or "encoding" attribute in the packet header (6.6.2.2).
    out += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
           "   <pdfaid:part>2</pdfaid:part>\n"
           "   <pdfaid:conformance>B</pdfaid:conformance>\n"
           "  </rdf:Description>\n"
           "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
           "   <dc:format>application/pdf</dc:format>\n";
    if (!info.title.empty()) append_alternative(out, "dc:title", info.title);
    if (!info.author.empty()) {
        append_element(out, "dc:creator", info.author, "<rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq>");
    }
    if (!info.subject.empty()) append_alternative(out, "dc:description", info.subject);
    out += "  </rdf:Description>\n"
           "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    append_element(out, "xmp:CreateDate", xmp_date(info.created));
    if (!info.creator.empty()) append_element(out, "xmp:CreatorTool", info.creator);
    out += "  </rdf:Description>\n"
           "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    if (!info.producer.empty()) append_element(out, "pdf:Producer", info.producer);
    if (!info.keywords.empty()) append_element(out, "pdf:Keywords", info.keywords);
    out += "  </rdf:Description>\n";
    append_record(out, info);
    out += " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    return out;
}

const std::string& srgb_profile_deflated() {
    static const std::string deflated =
        deflate_zlib(std::string_view(reinterpret_cast<const char*>(srgb_icc), srgb_icc_size), 9);
    return deflated;
}

std::string output_intent_entries(unsigned profile_object) {
    return "/Type /OutputIntent\n/S /GTS_PDFA1\n/OutputConditionIdentifier (sRGB IEC61966-2.1)\n"
           "/Info (sRGB IEC61966-2.1)\n/RegistryName (http://www.color.org)\n/DestOutputProfile " +
           std::to_string(profile_object) + " 0 R\n";
}

const std::string& id_placeholder() {
    static const std::string zeros(16, '\0');
    return zeros;
}

std::array<std::uint8_t, 16> content_digest(std::string_view bytes) {
    // Every byte counts in both checksums (libdeflate's, vectorised: a few microseconds for
    // a file, where MD5 over the whole file took a tenth of a render); MD5 mixes them and
    // the length into 16 bytes.
    const std::uint32_t crc = libdeflate_crc32(0, bytes.data(), bytes.size());
    const std::uint32_t adler = libdeflate_adler32(1, bytes.data(), bytes.size());
    std::array<std::uint8_t, 16> summary{};
    for (int i = 0; i < 4; ++i) {
        summary[i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
        summary[4 + i] = static_cast<std::uint8_t>(adler >> (24 - 8 * i));
    }
    const std::uint64_t length = bytes.size();
    for (int i = 0; i < 8; ++i) summary[8 + i] = static_cast<std::uint8_t>(length >> (56 - 8 * i));
    md5_ctx context;
    md5_init(&context);
    md5_update(&context, summary.size(), summary.data());
    std::array<std::uint8_t, MD5_DIGEST_SIZE> digest{};
    md5_digest(&context, digest.size(), digest.data());
    return digest;
}

void stamp_file_id(std::string& pdf) {
    // libharu writes each entry of /ID as a hexadecimal string, "<" 32 digits ">".
    static const std::string hex_zeros = "<" + std::string(32, '0') + ">";
    const std::size_t trailer = pdf.rfind("trailer");
    const std::size_t first = trailer == std::string::npos ? trailer : pdf.find(hex_zeros, trailer);
    const std::size_t second = first == std::string::npos ? first : pdf.find(hex_zeros, first + hex_zeros.size());
    if (second == std::string::npos) return; // no placeholder: nothing to stamp

    const std::array<std::uint8_t, 16> digest = content_digest(pdf);
    static constexpr char digits[] = "0123456789ABCDEF";
    for (const std::size_t at : {first, second})
        for (std::size_t i = 0; i < digest.size(); ++i) {
            pdf[at + 1 + 2 * i] = digits[digest[i] >> 4];
            pdf[at + 2 + 2 * i] = digits[digest[i] & 0xF];
        }
}

} // namespace vanban::pdf::archive
