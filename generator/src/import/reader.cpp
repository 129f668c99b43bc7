#include "import/reader.hpp"

#include <algorithm>

#include "import/docx_reader.hpp"
#include "import/failure.hpp"
#include "import/text_reader.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

[[noreturn]] void refuse(const std::string& source, Message message, Message hint = {}) {
    fail(ErrorKind::data, source, std::move(message), std::move(hint));
}

bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

// An OLE compound file (Word 97-2003, or an Office file encrypted with a password, whose
// encrypted package is a stream named "EncryptedPackage" in UTF-16).
bool is_encrypted_office_file(std::string_view bytes) {
    static const std::string name = [] {
        std::string utf16;
        for (char c : std::string_view("EncryptedPackage")) {
            utf16 += c;
            utf16 += '\0';
        }
        return utf16;
    }();
    return bytes.find(name) != std::string_view::npos;
}

Message save_as_docx() { return msg("import.hint-save-as-docx", "open it in Word or LibreOffice and save it as .docx"); }

bool looks_binary(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 4096);
    return std::find(head.begin(), head.end(), '\0') != head.end();
}

} // namespace

Draft read_document(std::string_view bytes, const ReadLimits& limits, const std::string& source_name) {
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
        Draft draft = read_docx(bytes, limits, source_name);
        reread_as_text(draft);
        return draft;
    }
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        if (is_encrypted_office_file(bytes))
            refuse(source_name, msg("import.encrypted-office", "the document is password-protected (encrypted)"),
                   msg("import.hint-password", "remove the password in Word (File, Info, Protect Document) and save it again"));
        refuse(source_name, msg("import.old-doc", "this is an old Word document (.doc, Word 97-2003)"), save_as_docx());
    }
    if (starts_with(bytes, "{\\rtf")) refuse(source_name, msg("import.rtf", "this is an RTF file"), save_as_docx());
    if (starts_with(bytes, "%PDF"))
        refuse(source_name, msg("import.pdf", "this is a PDF; vanban imports DOCX and text"),
               msg("import.hint-pdf", "import the Word original (.docx) instead"));
    const bool utf16 = starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF");
    if (!utf16 && looks_binary(bytes)) refuse(source_name, msg("import.binary", "not a DOCX and not a text file (it holds binary data)"));
    return read_text(bytes, limits, source_name);
}

} // namespace vanban::import
