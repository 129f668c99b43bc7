// Small helpers over pugixml for writing WordprocessingML: element names are always written
// with their prefix ("w:p"), and most properties are an empty element with a w:val attribute.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace vanban::docx::xml {

inline constexpr const char* ns_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The root element `name` of a part, declaring the main namespace (w:).
inline pugi::xml_node add_root(pugi::xml_document& document, const char* name) {
    pugi::xml_node root = document.append_child(name);
    root.append_attribute("xmlns:w") = ns_w;
    return root;
}

// The same for a part that refers to other parts by relationship id (the document, a
// header): it declares the relationships namespace (r:) too.
inline pugi::xml_node add_root_with_relationships(pugi::xml_document& document, const char* name) {
    pugi::xml_node root = add_root(document, name);
    root.append_attribute("xmlns:r") = ns_r;
    return root;
}

inline pugi::xml_node add(pugi::xml_node parent, const char* name) {
    return parent.append_child(name);
}

// <name w:val="value"/>
inline pugi::xml_node add_val(pugi::xml_node parent, const char* name, const char* value) {
    pugi::xml_node node = parent.append_child(name);
    node.append_attribute("w:val") = value;
    return node;
}

inline pugi::xml_node add_val(pugi::xml_node parent, const char* name, long value) {
    pugi::xml_node node = parent.append_child(name);
    node.append_attribute("w:val") = value;
    return node;
}

// <name/> for true, <name w:val="0"/> for false: how a boolean property is switched on or,
// against an inherited style, switched off.
inline void add_toggle(pugi::xml_node parent, const char* name, bool on) {
    pugi::xml_node node = parent.append_child(name);
    if (!on) node.append_attribute("w:val") = "0";
}

// The part's bytes: XML declaration (standalone, as Office writes it) and no indentation.
std::string serialize(const pugi::xml_document& document);

// Text as XML 1.0 allows it: control characters other than tab, line feed and carriage
// return cannot appear even as character references, and ill-formed UTF-8 would make the
// whole part unreadable, so both become U+FFFD. Returns the input when it is already clean.
std::string clean_text(std::string_view text);

} // namespace vanban::docx::xml
