#include "docx/package.hpp"

#include <cstdio>
#include <memory>

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

void add_override(pugi::xml_node types, const char* part, const std::string& type) {
    pugi::xml_node o = types.append_child("Override");
    o.append_attribute("PartName") = part;
    o.append_attribute("ContentType") = type.c_str();
}

void add_relationship(pugi::xml_node rels, const char* id, const std::string& type, const char* target) {
    pugi::xml_node r = rels.append_child("Relationship");
    r.append_attribute("Id") = id;
    r.append_attribute("Type") = type.c_str();
    r.append_attribute("Target") = target;
}

pugi::xml_node relationships_root(pugi::xml_document& document) {
    pugi::xml_node rels = document.append_child("Relationships");
    rels.append_attribute("xmlns") = ns_relationships;
    return rels;
}

void add_text_element(pugi::xml_node parent, const char* name, const std::string& text) {
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

// ---------------------------------------------------------------- zip

[[noreturn]] void zip_failure(const std::string& what, zip_error_t* error) {
    throw Failure(ErrorKind::internal, "cannot build the DOCX archive: " + what + ": " + zip_error_strerror(error));
}

struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;

// Small parts (relationships, settings, properties, headers: a few hundred bytes each) are
// stored: deflating saves little on them, and each deflate stream costs a fresh zlib state of
// about 256 KB, which dominates the time of a whole render. Larger parts are deflated.
constexpr std::size_t deflate_from_bytes = 2048;
constexpr zip_uint32_t deflate_level = 1; // fastest; the seed-000 plan is 15 KB (level 6: 13 KB, 60 % slower)

void add_entry(zip_t* archive, const Part& part, std::int64_t zip_time) {
    // The source points into part.xml, which outlives zip_close.
    zip_source_t* source = zip_source_buffer(archive, part.xml.data(), part.xml.size(), 0);
    if (!source) zip_failure(part.name, zip_get_error(archive));
    zip_int64_t index = zip_file_add(archive, part.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
        zip_source_free(source);
        zip_failure(part.name, zip_get_error(archive));
    }
    auto i = static_cast<zip_uint64_t>(index);
    bool deflate = part.xml.size() >= deflate_from_bytes;
    if (zip_set_file_compression(archive, i, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, deflate ? deflate_level : 0) < 0 ||
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

std::string content_types_xml(bool headers, bool first_page_header) {
    pugi::xml_document document;
    pugi::xml_node types = document.append_child("Types");
    types.append_attribute("xmlns") = ns_content_types;
    pugi::xml_node rels = types.append_child("Default");
    rels.append_attribute("Extension") = "rels";
    rels.append_attribute("ContentType") = "application/vnd.openxmlformats-package.relationships+xml";
    pugi::xml_node xml_default = types.append_child("Default");
    xml_default.append_attribute("Extension") = "xml";
    xml_default.append_attribute("ContentType") = "application/xml";
    add_override(types, "/word/document.xml", std::string(wml) + "document.main+xml");
    add_override(types, "/word/styles.xml", std::string(wml) + "styles+xml");
    add_override(types, "/word/settings.xml", std::string(wml) + "settings+xml");
    if (headers) add_override(types, "/word/header1.xml", std::string(wml) + "header+xml");
    if (first_page_header) add_override(types, "/word/header2.xml", std::string(wml) + "header+xml");
    add_override(types, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    add_override(types, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return xml::serialize(document);
}

std::string package_relationships_xml() {
    pugi::xml_document document;
    pugi::xml_node rels = relationships_root(document);
    add_relationship(rels, "rId1", std::string(office_rel) + "officeDocument", "word/document.xml");
    add_relationship(rels, "rId2",
                     "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                     "docProps/core.xml");
    add_relationship(rels, "rId3", std::string(office_rel) + "extended-properties", "docProps/app.xml");
    return xml::serialize(document);
}

std::string document_relationships_xml(bool headers, bool first_page_header) {
    pugi::xml_document document;
    pugi::xml_node rels = relationships_root(document);
    add_relationship(rels, rel_id::styles, std::string(office_rel) + "styles", "styles.xml");
    add_relationship(rels, rel_id::settings, std::string(office_rel) + "settings", "settings.xml");
    if (headers) add_relationship(rels, rel_id::page_number_header, std::string(office_rel) + "header", "header1.xml");
    if (first_page_header)
        add_relationship(rels, rel_id::first_page_header, std::string(office_rel) + "header", "header2.xml");
    return xml::serialize(document);
}

std::string settings_xml() {
    pugi::xml_document document;
    pugi::xml_node settings = document.append_child("w:settings");
    settings.append_attribute("xmlns:w") = xml::ns_w;
    settings.append_child("w:zoom").append_attribute("w:percent") = 100;
    xml::add_val(settings, "w:defaultTabStop", 720);
    xml::add_val(settings, "w:characterSpacingControl", "doNotCompress");
    // Compatibility mode 15 (Word 2013 and later): Word opens the file without the
    // "Compatibility Mode" banner and lays it out with its current engine.
    pugi::xml_node compat = settings.append_child("w:compat").append_child("w:compatSetting");
    compat.append_attribute("w:name") = "compatibilityMode";
    compat.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
    compat.append_attribute("w:val") = 15;
    xml::add_val(settings, "w:themeFontLang", "vi-VN");
    return xml::serialize(document);
}

std::string core_properties_xml(const model::Document& doc, const std::string& created_w3cdtf) {
    pugi::xml_document document;
    pugi::xml_node core = document.append_child("cp:coreProperties");
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
        pugi::xml_node date = core.append_child(name);
        date.append_attribute("xsi:type") = "dcterms:W3CDTF";
        date.text() = created_w3cdtf.c_str();
    }
    return xml::serialize(document);
}

std::string app_properties_xml() {
    pugi::xml_document document;
    pugi::xml_node props = document.append_child("Properties");
    props.append_attribute("xmlns") = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    props.append_attribute("xmlns:vt") = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    props.append_child("Application").text() = "vanban";
    props.append_child("DocSecurity").text() = 0;
    return xml::serialize(document);
}

std::string zip_parts(const std::vector<Part>& parts, std::int64_t zip_time) {
    zip_error_t error;
    zip_error_init(&error);
    SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) zip_failure("creating the buffer", &error);
    ArchivePtr archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
    if (!archive) zip_failure("opening the archive", &error);
    // The archive now owns a reference to the buffer; keep ours to read the result.
    zip_source_keep(buffer.get());
    for (const Part& part : parts) add_entry(archive.get(), part, zip_time);
    if (zip_close(archive.get()) < 0) zip_failure("writing the archive", zip_get_error(archive.get()));
    archive.release(); // zip_close freed it
    return read_all(buffer.get());
}

} // namespace vanban::docx
