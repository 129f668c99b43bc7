// Input the import must refuse with a clear message and the documented exit code, never a
// crash: files that are not DOCX, damaged and encrypted zips, zip bombs, external entities,
// documents past the limits (docs/import.md, "Bad input").
#include <catch2/catch.hpp>

#include <string>

#include "golden/golden_support.hpp"
#include "import/docx_reader.hpp"
#include "import/zip_package.hpp"
#include "import/zip_maker.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using vanban::testing::make_docx;
using vanban::testing::make_zip;
using vanban::testing::paragraph_xml;

namespace {

ImportResult import_bytes(const std::string& bytes) {
    return import_document(golden::repository_engine(), bytes, {.source_name = "draft.docx"});
}

void require_refused(const ImportResult& result, ErrorKind kind, const std::string& words) {
    INFO(result.error.format());
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.kind == kind);
    CHECK(result.error.format().find(words) != std::string::npos);
    CHECK(result.error.where.file == "draft.docx");
    CHECK(result.data_json.empty());
}

} // namespace

TEST_CASE("a file that is not a DOCX says what it is", "[import][bad]") {
    require_refused(import_bytes(std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0", 12)), ErrorKind::data, "binary data");
    require_refused(import_bytes("%PDF-1.7\n1 0 obj\n"), ErrorKind::data, "this is a PDF");
    require_refused(import_bytes("{\\rtf1\\ansi hello}"), ErrorKind::data, "RTF");
    // An old Word 97-2003 file and a password-protected Office file are both OLE packages.
    const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" "0000", 12);
    require_refused(import_bytes(ole + std::string(500, '\0')), ErrorKind::data, "old Word document (.doc");
    std::string encrypted = ole + std::string(100, '\0');
    for (char c : std::string("EncryptedPackage")) encrypted += std::string{c, '\0'};
    require_refused(import_bytes(encrypted), ErrorKind::data, "password-protected");
    // A zip of something else.
    require_refused(import_bytes(make_zip({{"content.xml", "<office/>"}, {"mimetype", "application/vnd.oasis.opendocument.text", false}})),
                    ErrorKind::data, "OpenDocument");
    require_refused(import_bytes(make_zip({{"xl/workbook.xml", "<workbook/>"}})), ErrorKind::data, "holds no word/document.xml");
}

TEST_CASE("a damaged zip is refused, not half read", "[import][bad]") {
    const std::string docx = make_docx(paragraph_xml("KẾ HOẠCH") + paragraph_xml("về công tác năm 2026"));
    REQUIRE(import_bytes(docx).ok);
    // Cut in the middle: the directory is gone.
    require_refused(import_bytes(docx.substr(0, docx.size() / 2)), ErrorKind::data, "the zip is damaged");
    // One byte of the deflated document changed: the checksum disagrees.
    std::string flipped = docx;
    const std::size_t at = flipped.find("word/document.xml") + std::string("word/document.xml").size() + 4;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x55);
    const ImportResult result = import_bytes(flipped);
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.kind == ErrorKind::data);
    CHECK(result.error.message.text().find("not a readable DOCX") != std::string::npos);
}

TEST_CASE("an encrypted zip entry is a password-protected DOCX", "[import][bad]") {
    const std::string document = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>";
    const std::string zip = make_zip({{"word/document.xml", document, true, std::nullopt, true}});
    require_refused(import_bytes(zip), ErrorKind::data, "password-protected");
}

TEST_CASE("a DOCX with no text is refused", "[import][bad]") {
    require_refused(import_bytes(make_docx("")), ErrorKind::data, "has no text");
    require_refused(import_bytes(make_docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")), ErrorKind::data, "has no text");
    require_refused(import_bytes(""), ErrorKind::data, "has no text");
}

// 70 MB of one repeated paragraph (past the 64 MB a part may inflate to), deflated once for
// every section: about 70 KB.
const std::string& bomb_document() {
    static const std::string body = [] {
        std::string huge = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
        const std::string unit = paragraph_xml("KẾ HOẠCH");
        huge.reserve(70u << 20);
        while (huge.size() < (70u << 20)) huge += unit;
        return huge;
    }();
    return body;
}

TEST_CASE("a zip bomb stops at the cap, whatever its header says", "[import][bad]") {
    const std::string& body = bomb_document();
    SECTION("an honest header: refused before anything is inflated") {
        const std::string zip = make_zip({{"word/document.xml", body}});
        CHECK(zip.size() < (1u << 20));
        import::ZipPackage package(zip, import::ReadLimits{}, "bomb.docx");
        try {
            package.read("word/document.xml");
            FAIL("the bomb was read");
        } catch (const Failure& f) {
            CHECK(f.error().kind == ErrorKind::limit);
            CHECK(f.error().message.text().find("would inflate to") != std::string::npos);
        }
        CHECK(package.inflated_bytes() == 0);
    }
    SECTION("a lying header: reading stops one buffer past the declared size") {
        const std::string zip = make_zip({{"word/document.xml", body, true, 4096u}});
        import::ZipPackage package(zip, import::ReadLimits{}, "bomb.docx");
        try {
            package.read("word/document.xml");
            FAIL("the bomb was read");
        } catch (const Failure& f) {
            const bool refused = f.error().kind == ErrorKind::limit || f.error().kind == ErrorKind::data;
            CHECK(refused);
        }
        CHECK(package.inflated_bytes() == 0);
    }
    SECTION("through the whole import: limit, exit code 9") {
        const ImportResult result = import_bytes(make_zip({{"word/document.xml", body}}));
        REQUIRE_FALSE(result.ok);
        CHECK(result.error.kind == ErrorKind::limit);
        CHECK(exit_code(result.error.kind) == 9);
    }
}

TEST_CASE("external entities are never resolved, entity bombs never expand", "[import][bad]") {
    const std::string doctype =
        "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>";
    const std::string docx = make_docx(paragraph_xml("KẾ HOẠCH") + paragraph_xml("về việc &xxe; và &c;") +
                                           paragraph_xml("I- MỤC ĐÍCH") + paragraph_xml("Nội dung."),
                                       doctype);
    const ImportResult result = import_bytes(docx);
    INFO(result.error.format());
    REQUIRE(result.ok);
    CHECK(result.data_json.find("root:") == std::string::npos);     // no line of /etc/passwd
    CHECK(result.data_json.find("aaaaaaaaaa") == std::string::npos); // no expansion
    CHECK(result.data_json.find("&xxe;") != std::string::npos);      // the reference stays as it was written
}

TEST_CASE("a huge document is refused at the paragraph limit", "[import][bad]") {
    std::string paragraphs;
    for (int i = 0; i < 100'001; ++i) paragraphs += "<w:p/>";
    const ImportResult result = import_bytes(make_docx(paragraphs));
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.kind == ErrorKind::limit);
    CHECK(result.error.message.text().find("more than 100000 paragraphs") != std::string::npos);
    // Deep nesting (tables in tables) is refused too, before any recursion gets deep.
    std::string nested;
    for (int i = 0; i < 40; ++i) nested += "<w:tbl><w:tr><w:tc>";
    nested += paragraph_xml("x");
    for (int i = 0; i < 40; ++i) nested += "</w:tc></w:tr></w:tbl>";
    const ImportResult deep = import_bytes(make_docx(nested));
    REQUIRE_FALSE(deep.ok);
    CHECK(deep.error.kind == ErrorKind::limit);
}

TEST_CASE("text that is not UTF-8 points at the byte", "[import][bad]") {
    const ImportResult result = import_bytes("KÕ ho¹ch\n\xe1\x80 ABC");
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.kind == ErrorKind::data);
    CHECK(result.error.byte_offset >= 0);
    CHECK(result.error.hint.text().find("vanban convert") != std::string::npos);
}
