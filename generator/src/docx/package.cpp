#include "docx/package.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include <libdeflate.h>
#include <zip.h>

#include "docx/parts.hpp"
#include "docx/xml.hpp"
#include "vanban/error.hpp"

namespace vanban::docx {
namespace {

constexpr const char* ns_content_types = "http://schemas.openxmlformats.org/package/2006/content-types";
constexpr const char* ns_relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* office_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

void add_override(xml::Node types, const char* part, const std::string& type) {
    xml::Node o = types.append_child("Override");
    o.append_attribute("PartName") = part;
    o.append_attribute("ContentType") = type.c_str();
}

void add_relationship(xml::Node rels, const char* id, const std::string& type, const char* target) {
    xml::Node r = rels.append_child("Relationship");
    r.append_attribute("Id") = id;
    r.append_attribute("Type") = type.c_str();
    r.append_attribute("Target") = target;
}

xml::Node relationships_root(xml::Document& document) {
    xml::Node rels = document.append_child("Relationships");
    rels.append_attribute("xmlns") = ns_relationships;
    return rels;
}

void add_text_element(xml::Node parent, const char* name, const std::string& text) {
    if (!text.empty()) parent.append_child(name).text() = xml::clean_text(text).c_str();
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : " ") + line;
    return out;
}

// The title shown by file managers and Word's properties: the metadata's, or else the type
// and the first line of the summary ("KẾ HOẠCH thực hiện Chỉ thị số 28-CT/TW …").
std::string document_title(const model::Document& doc) {
    if (!doc.metadata.title.empty() || !doc.title) return doc.metadata.title;
    std::string title = doc.title->type_name;
    if (!doc.title->summary.empty()) {
        std::string first;
        for (const model::Run& run : doc.title->summary.front()) first += run.text;
        if (!first.empty()) title += (title.empty() ? "" : " ") + first;
    }
    return title;
}

std::string document_author(const model::Document& doc) {
    if (!doc.metadata.author.empty() || !doc.header) return doc.metadata.author;
    return joined(doc.header->issuer);
}

// ---------------------------------------------------------------- deflate

// Every part is deflated by libdeflate and handed to libzip already compressed (a source
// that reports ZIP_CM_DEFLATE with its CRC and size: zip_source_function(3)), so libzip
// only writes the headers. zlib, which libzip would use, starts each entry with a fresh
// 256 KB state that it clears: for a 15 KB document that set-up cost more than the
// compression. The compressor is kept per thread and reused.
constexpr int deflate_level = 1; // seed 000: 10.8 KB and 0.8 M instructions; level 6: 9.9 KB and 1.7 M

struct DeflatedPart {
    std::string bytes;         // raw deflate stream (RFC 1951), or the part itself when stored
    bool stored = false;       // deflating did not make it smaller
    std::uint32_t crc32 = 0;   // of the uncompressed part
    std::uint64_t size = 0;    // uncompressed
};

libdeflate_compressor& thread_compressor() {
    struct Free {
        void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
    };
    thread_local const std::unique_ptr<libdeflate_compressor, Free> compressor(
        libdeflate_alloc_compressor(deflate_level));
    if (!compressor) throw Failure(ErrorKind::limit, msg("docx.deflate-memory", "cannot build the DOCX archive: out of memory for libdeflate"));
    return *compressor;
}

DeflatedPart deflate_part(const std::string& xml) {
    DeflatedPart part;
    part.size = xml.size();
    part.crc32 = libdeflate_crc32(0, xml.data(), xml.size());
    libdeflate_compressor& compressor = thread_compressor();
    // The worst case's room is not zero-filled: a 10,000-row table's document.xml is 20 MB,
    // which a zero-filled string would take from the kernel page by page on every render,
    // for a deflate stream of 0.3 MB (only the pages written are taken).
    const std::size_t room = libdeflate_deflate_compress_bound(&compressor, xml.size());
    const std::unique_ptr<char[]> deflated = std::make_unique_for_overwrite<char[]>(room);
    const std::size_t n = libdeflate_deflate_compress(&compressor, xml.data(), xml.size(), deflated.get(), room);
    part.stored = n == 0 || n >= xml.size();
    part.bytes = part.stored ? xml : std::string(deflated.get(), n);
    return part;
}

// Most parts (styles, settings, relationships, headers) are the same for every document of a
// profile: the last deflated form of each such part is kept per thread and reused while the
// part's text is unchanged.
const DeflatedPart& deflated_reusable(const Part& part) {
    struct Cached {
        std::string xml;
        std::optional<DeflatedPart> deflated;
    };
    thread_local std::map<std::string, Cached, std::less<>> cache;
    Cached& entry = cache[part.name];
    if (!entry.deflated || entry.xml != part.xml) {
        entry.deflated = deflate_part(part.xml);
        entry.xml = part.xml;
    }
    return *entry.deflated;
}

// ---------------------------------------------------------------- zip

[[noreturn]] void zip_failure(const std::string& what, zip_error_t* error) {
    throw Failure(ErrorKind::internal, msg("docx.zip-failed", "cannot build the DOCX archive: {part}: {reason}",
                                           {{"part", what}, {"reason", zip_error_strerror(error)}}));
}

struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;

// A libzip source serving a deflate stream made beforehand. libzip copies it as it is
// because the stat says it is deflated and gives its CRC and sizes.
struct RawDeflateSource {
    const DeflatedPart* part;
    std::size_t offset = 0;
    zip_error_t error;
};

zip_int64_t serve_raw_deflate(void* userdata, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* source = static_cast<RawDeflateSource*>(userdata);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        source->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const std::size_t n = std::min<std::size_t>(length, source->part->bytes.size() - source->offset);
        std::memcpy(data, source->part->bytes.data() + source->offset, n);
        source->offset += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        stat->size = source->part->size;
        stat->comp_size = source->part->bytes.size();
        stat->comp_method = ZIP_CM_DEFLATE;
        stat->crc = source->part->crc32;
        stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&source->error);
        delete source;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

zip_source_t* source_for(zip_t* archive, const DeflatedPart& part) {
    // Both kinds point into `part`, which zip_parts keeps until zip_close is done.
    if (part.stored) return zip_source_buffer(archive, part.bytes.data(), part.bytes.size(), 0);
    auto* raw = new RawDeflateSource{&part, 0, {}};
    zip_error_init(&raw->error);
    zip_source_t* source = zip_source_function(archive, serve_raw_deflate, raw);
    if (!source) {
        zip_error_fini(&raw->error);
        delete raw;
    }
    return source;
}

void add_entry(zip_t* archive, const Part& part, const DeflatedPart& deflated, std::int64_t zip_time) {
    zip_source_t* source = source_for(archive, deflated);
    if (!source) zip_failure(part.name, zip_get_error(archive));
    zip_int64_t index = zip_file_add(archive, part.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        zip_failure(part.name, zip_get_error(archive));
    }
    auto i = static_cast<zip_uint64_t>(index);
    const zip_int32_t method = deflated.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(archive, i, method, 0) < 0 ||
        zip_file_set_mtime(archive, i, static_cast<time_t>(zip_time), 0) < 0)
        zip_failure(part.name, zip_get_error(archive));
}

std::string read_all(zip_source_t* buffer) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer, &stat) < 0 || !(stat.valid & ZIP_STAT_SIZE))
        zip_failure("reading the archive", zip_source_error(buffer));
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    if (zip_source_open(buffer) < 0) zip_failure("reading the archive", zip_source_error(buffer));
    zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
        zip_failure("reading the archive", zip_source_error(buffer));
    return bytes;
}

} // namespace

std::string content_types_xml(bool headers, bool first_page_header, bool numbering, bool png, std::size_t charts) {
    xml::Document document;
    xml::Node types = document.append_child("Types");
    types.append_attribute("xmlns") = ns_content_types;
    xml::Node rels = types.append_child("Default");
    rels.append_attribute("Extension") = "rels";
    rels.append_attribute("ContentType") = "application/vnd.openxmlformats-package.relationships+xml";
    xml::Node xml_default = types.append_child("Default");
    xml_default.append_attribute("Extension") = "xml";
    xml_default.append_attribute("ContentType") = "application/xml";
    if (png) {
        xml::Node png_default = types.append_child("Default");
        png_default.append_attribute("Extension") = "png";
        png_default.append_attribute("ContentType") = "image/png";
    }
    if (charts > 0) {
        xml::Node workbook = types.append_child("Default");
        workbook.append_attribute("Extension") = "xlsx";
        workbook.append_attribute("ContentType") = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    add_override(types, "/word/document.xml", std::string(wml) + "document.main+xml");
    add_override(types, "/word/styles.xml", std::string(wml) + "styles+xml");
    add_override(types, "/word/settings.xml", std::string(wml) + "settings+xml");
    if (numbering) add_override(types, "/word/numbering.xml", std::string(wml) + "numbering+xml");
    if (headers) add_override(types, "/word/header1.xml", std::string(wml) + "header+xml");
    if (first_page_header) add_override(types, "/word/header2.xml", std::string(wml) + "header+xml");
    for (std::size_t n = 1; n <= charts; ++n)
        add_override(types, ("/" + chart_part_name(n)).c_str(),
                     "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    add_override(types, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    add_override(types, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return xml::serialize(document);
}

std::string package_relationships_xml() {
    xml::Document document;
    xml::Node rels = relationships_root(document);
    add_relationship(rels, "rId1", std::string(office_rel) + "officeDocument", "word/document.xml");
    add_relationship(rels, "rId2",
                     "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                     "docProps/core.xml");
    add_relationship(rels, "rId3", std::string(office_rel) + "extended-properties", "docProps/app.xml");
    return xml::serialize(document);
}

std::string document_relationships_xml(bool headers, bool first_page_header, bool numbering,
                                       const std::vector<std::pair<std::string, std::string>>& images, std::size_t charts) {
    xml::Document document;
    xml::Node rels = relationships_root(document);
    add_relationship(rels, rel_id::styles, std::string(office_rel) + "styles", "styles.xml");
    add_relationship(rels, rel_id::settings, std::string(office_rel) + "settings", "settings.xml");
    if (headers) add_relationship(rels, rel_id::page_number_header, std::string(office_rel) + "header", "header1.xml");
    if (first_page_header)
        add_relationship(rels, rel_id::first_page_header, std::string(office_rel) + "header", "header2.xml");
    if (numbering) add_relationship(rels, rel_id::numbering, std::string(office_rel) + "numbering", "numbering.xml");
    for (const auto& [id, target] : images)
        add_relationship(rels, id.c_str(), std::string(office_rel) + "image", target.c_str());
    for (std::size_t n = 1; n <= charts; ++n)
        add_relationship(rels, chart_rel_id(n).c_str(), std::string(office_rel) + "chart",
                         chart_part_name(n).substr(5).c_str()); // relative to word/
    return xml::serialize(document);
}

std::string settings_xml(const model::Profile& profile) {
    xml::Document document;
    xml::Node settings = document.append_child("w:settings");
    settings.append_attribute("xmlns:w") = xml::ns_w;
    settings.append_child("w:zoom").append_attribute("w:percent") = 100;
    // Double-sided printing: the left margin is the inside one, so back pages swap them
    // (the PDF moves its even pages the same way, layout/mirror.cpp).
    if (profile.page.mirror_margins) settings.append_child("w:mirrorMargins");
    xml::add_val(settings, "w:defaultTabStop", 720);
    xml::add_val(settings, "w:characterSpacingControl", "doNotCompress");
    // Compatibility mode 15 (Word 2013 and later): Word opens the file without the
    // "Compatibility Mode" banner and lays it out with its current engine.
    xml::Node compat = settings.append_child("w:compat").append_child("w:compatSetting");
    compat.append_attribute("w:name") = "compatibilityMode";
    compat.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
    compat.append_attribute("w:val") = 15;
    xml::add_val(settings, "w:themeFontLang", "vi-VN");
    return xml::serialize(document);
}

std::string core_properties_xml(const model::Document& doc, const std::string& created_w3cdtf) {
    xml::Document document;
    xml::Node core = document.append_child("cp:coreProperties");
    core.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    core.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    core.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    core.append_attribute("xmlns:dcmitype") = "http://purl.org/dc/dcmitype/";
    core.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    add_text_element(core, "dc:title", document_title(doc));
    add_text_element(core, "dc:subject", doc.metadata.subject);
    add_text_element(core, "dc:creator", document_author(doc));
    add_text_element(core, "cp:keywords", doc.metadata.keywords);
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
        xml::Node date = core.append_child(name);
        date.append_attribute("xsi:type") = "dcterms:W3CDTF";
        date.text() = created_w3cdtf.c_str();
    }
    return xml::serialize(document);
}

std::string app_properties_xml() {
    xml::Document document;
    xml::Node props = document.append_child("Properties");
    props.append_attribute("xmlns") = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    props.append_attribute("xmlns:vt") = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    props.append_child("Application").text() = "vanban";
    props.append_child("DocSecurity").text() = 0;
    return xml::serialize(document);
}

// libzip 1.7.3 (Debian 12) fills two static variables on its first zip_open_from_source,
// without a lock: a second thread opening an archive at that moment may see the first filled
// and not the second, take the buffer for read-only and fail with "Read-only archive". One
// open behind a C++ static (initialised once, and every later caller synchronises with it)
// fills them before any archive of ours is opened. Newer libzip versions use constants.
void prime_libzip_statics() {
    static const bool primed = [] {
        zip_error_t error;
        zip_error_init(&error);
        if (zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error)) {
            if (zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error)) zip_discard(archive);
            else zip_source_free(buffer);
        }
        zip_error_fini(&error);
        return true;
    }();
    (void)primed;
}

std::string zip_parts(const std::vector<Part>& parts, std::int64_t zip_time) {
    prime_libzip_statics();
    zip_error_t error;
    zip_error_init(&error);
    SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) zip_failure("creating the buffer", &error);
    ArchivePtr archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
    if (!archive) zip_failure("opening the archive", &error);
    // The archive now owns a reference to the buffer; keep ours to read the result.
    zip_source_keep(buffer.get());
    std::vector<DeflatedPart> fresh; // reserved: the pointers below must stay valid
    fresh.reserve(parts.size());
    std::vector<const DeflatedPart*> deflated_parts;
    for (const Part& part : parts)
        deflated_parts.push_back(part.same_for_every_document ? &deflated_reusable(part)
                                                              : &fresh.emplace_back(deflate_part(part.xml)));
    for (std::size_t i = 0; i < parts.size(); ++i) add_entry(archive.get(), parts[i], *deflated_parts[i], zip_time);
    if (zip_close(archive.get()) < 0) zip_failure("writing the archive", zip_get_error(archive.get()));
    archive.release(); // zip_close freed it
    return read_all(buffer.get());
}

} // namespace vanban::docx
