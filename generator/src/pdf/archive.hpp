// The parts of a PDF/A-2b file (ISO 19005-2, level B) that the writer adds to what libharu
// builds: the XMP metadata packet, the sRGB output intent, and the file identifier. The
// writer (writer.cpp) hands them to libharu as finished objects; docs/pdf.md lists the
// clauses they answer and the tests that check them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vanban::pdf::archive {

// A date as the Info dictionary and the XMP write it. `zone` is 'Z', '+' or '-' (with
// zone_hour and zone_minute), or ' ' when the date has no time zone (a date given as
// "2019-03-25"): both then omit it, so that they stay equivalent (6.6.3 of ISO 19005-2
// compares them).
struct Date {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    char zone = ' ';
    int zone_hour = 0, zone_minute = 0;
};

// "2019-03-25T08:30:00+07:00", "…Z", or "2019-03-25T00:00:00" without a zone.
std::string xmp_date(const Date& date);

// NĐ30 Phụ lục VI, Phần II, Mục I: the metadata of an outgoing document, as the fields the
// decree names (CodeNumber, CodeNotation, IssuedDate, OrganName, Subject, …), in the
// document's XMP under the namespace below (docs/electronic.md, "Metadata").
inline constexpr const char* record_namespace = "urn:vanban:nd30-record:1.0/";
inline constexpr const char* record_prefix = "nd30";

// What the Info dictionary says, and the XMP must say too (6.6.2.3.1).
struct DocumentInfo {
    std::string title, author, subject, keywords;
    std::string creator;  // xmp:CreatorTool
    std::string producer; // pdf:Producer
    Date created;         // xmp:CreateDate
    // NĐ30 Phụ lục VI fields, in order; a name may repeat ("To").
    std::vector<std::pair<std::string, std::string>> record;
};

// The XMP packet of the Catalog's Metadata stream: Dublin Core title, creator and
// description, the PDF and XMP basic properties, pdfaid part 2 conformance B, and the
// record fields with their PDF/A extension schema. UTF-8, every text escaped for XML.
std::string xmp_packet(const DocumentInfo& info);

// The sRGB profile (icc-profiles-free's sRGB.icc, compiled in), deflated once per process.
const std::string& srgb_profile_deflated();
inline constexpr int srgb_profile_components = 3;

// The entries of the output intent dictionary, its DestOutputProfile given.
std::string output_intent_entries(unsigned profile_object);

// The file identifier (trailer /ID, 6.1.3): 16 bytes derived from the content. The writer
// saves with id_placeholder() in both entries; stamp_file_id then puts in their place
// content_digest of the whole file as saved (placeholder included), so that the same
// document gives the same bytes and any change of content a new identifier.
const std::string& id_placeholder(); // 16 zero bytes
void stamp_file_id(std::string& pdf);
// MD5 of the file's CRC-32 (big-endian), Adler-32 (big-endian) and length (64-bit big-endian).
std::array<std::uint8_t, 16> content_digest(std::string_view bytes);

} // namespace vanban::pdf::archive
