#include "import/ooxml.hpp"

#include <cstring>

#include "import/failure.hpp"
#include "vanban/error.hpp"

namespace vanban::import::ooxml {

void parse(pugi::xml_document& document, const std::string& bytes, const std::string& source,
           std::string_view part) {
    // parse_default without parse_doctype: the DOCTYPE (and any entity it declares) is
    // skipped, and &name; references that are not XML's own stay as text. parse_ws_pcdata
    // keeps <w:t> </w:t>, a space of its own.
    const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata;
    const pugi::xml_parse_result result = document.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8);
    if (result) return;
    fail(ErrorKind::data, source,
         msg("import.xml-malformed", "not a readable DOCX: its part {part} is not well-formed XML ({reason} at byte {byte})",
             {{"part", part}, {"reason", result.description()}, {"byte", static_cast<long long>(result.offset)}}),
         resave_hint());
}

bool is_main_namespace(std::string_view uri) {
    return uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
           uri == "http://purl.oclc.org/ooxml/wordprocessingml/main";
}

Names::Names(pugi::xml_node root) {
    for (pugi::xml_attribute a : root.attributes()) {
        const std::string_view name = a.name();
        if (!is_main_namespace(a.value())) continue;
        if (name == "xmlns") prefix_.clear();
        else if (name.substr(0, 6) == "xmlns:") prefix_ = std::string(name.substr(6)) + ":";
        return;
    }
}

bool Names::is(pugi::xml_node node, const char* local) const {
    const char* name = node.name();
    if (prefix_.empty()) return std::strcmp(name, local) == 0;
    return std::strncmp(name, prefix_.data(), prefix_.size()) == 0 && std::strcmp(name + prefix_.size(), local) == 0;
}

pugi::xml_attribute Names::val(pugi::xml_node node, const char* local) const {
    return child(node, local).attribute((*this)("val").c_str());
}

pugi::xml_attribute Names::attr(pugi::xml_node node, const char* local) const {
    return node.attribute((*this)(local).c_str());
}

std::optional<bool> toggle(const Names& w, pugi::xml_node props, const char* local) {
    const pugi::xml_node node = w.child(props, local);
    if (!node) return std::nullopt;
    const std::string_view v = node.attribute(w("val").c_str()).value();
    return !(v == "0" || v == "false" || v == "off" || v == "none");
}

} // namespace vanban::import::ooxml
