// A zip written byte by byte, for tests that need zips no library writes on purpose: a size
// header that lies (a zip bomb), an entry flagged as encrypted, a part deflated to a tenth of
// a percent of its size. Entries are stored or deflated with zlib.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <zlib.h>

namespace vanban::testing {

struct ZipEntry {
    std::string name;
    std::string data;
    bool deflate = true;
    std::optional<std::uint32_t> declared_size; // written instead of the true size
    bool encrypted_flag = false;                // general-purpose bit 0: "encrypted"
};

inline void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// Raw deflate (no zlib header), as zip stores it.
inline std::string raw_deflate(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, 1, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 16, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

inline std::string make_zip(const std::vector<ZipEntry>& entries) {
    std::string out, central;
    for (const ZipEntry& e : entries) {
        const std::string body = e.deflate ? raw_deflate(e.data) : e.data;
        const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(e.data.data()),
                                                          static_cast<uInt>(e.data.size())));
        const std::uint32_t size = e.declared_size.value_or(static_cast<std::uint32_t>(e.data.size()));
        const std::uint32_t flags = e.encrypted_flag ? 1 : 0;
        const auto offset = static_cast<std::uint32_t>(out.size());
        // Local file header.
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, flags);
        put16(out, e.deflate ? 8 : 0);
        put16(out, 0);
        put16(out, 0x21);
        put32(out, crc);
        put32(out, static_cast<std::uint32_t>(body.size()));
        put32(out, size);
        put16(out, static_cast<std::uint32_t>(e.name.size()));
        put16(out, 0);
        out += e.name;
        out += body;
        // Central directory entry.
        put32(central, 0x02014b50);
        put16(central, 20);
        put16(central, 20);
        put16(central, flags);
        put16(central, e.deflate ? 8 : 0);
        put16(central, 0);
        put16(central, 0x21);
        put32(central, crc);
        put32(central, static_cast<std::uint32_t>(body.size()));
        put32(central, size);
        put16(central, static_cast<std::uint32_t>(e.name.size()));
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, 0);
        put32(central, offset);
        central += e.name;
    }
    const auto central_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, 0);
    return out;
}

// The smallest DOCX: a document part holding `body` (WordprocessingML inside <w:body>).
inline std::string make_docx(const std::string& body, const std::string& prolog = "") {
    const std::string document =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + prolog +
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body +
        "</w:body></w:document>";
    return make_zip({{"[Content_Types].xml",
                      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                      "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
                     {"word/document.xml", document}});
}

// A paragraph of plain runs: <w:p><w:r><w:t>text</w:t></w:r></w:p>.
inline std::string paragraph_xml(const std::string& text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

} // namespace vanban::testing
