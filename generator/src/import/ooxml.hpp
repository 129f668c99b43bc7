// Small helpers for reading WordprocessingML with pugixml: element names are matched by the
// prefix the part binds to the main namespace (Word writes "w:", other producers may not),
// attribute values in twips and half-points become millimetres and points.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace vanban::import::ooxml {

// Parses a part. Never resolves entities beyond the five of XML and character references:
// a DOCTYPE is skipped, so an external entity is never fetched and an entity bomb never
// expands. White-space-only text is kept (a run of one space is text in Word).
// Throws vanban::Failure (data) naming the part when it is not well-formed XML.
void parse(pugi::xml_document& document, const std::string& bytes, const std::string& source,
           std::string_view part);

// The WordprocessingML names of one part: "w:p" or "p", as the part declares it.
class Names {
public:
    Names() = default;
    explicit Names(pugi::xml_node root);
    // "w:" + local, or local when the namespace is the default one. (Short names stay in
    // the string's own buffer: no allocation.)
    std::string operator()(const char* local) const { return prefix_ + local; }
    bool is(pugi::xml_node node, const char* local) const;
    pugi::xml_node child(pugi::xml_node node, const char* local) const { return node.child((*this)(local).c_str()); }
    // The w:val attribute of the child `local` (an empty attribute when missing).
    pugi::xml_attribute val(pugi::xml_node node, const char* local) const;
    pugi::xml_attribute attr(pugi::xml_node node, const char* local) const;

private:
    std::string prefix_ = "w:";
};

// A boolean property: <w:b/>, <w:b w:val="1"/> are on; val 0, false, off are off.
std::optional<bool> toggle(const Names& w, pugi::xml_node props, const char* local);

inline double twips_to_mm(double twips) { return twips * 25.4 / 1440.0; }

// The main-namespace URIs (transitional, as Word writes it, and strict ISO 29500).
bool is_main_namespace(std::string_view uri);

} // namespace vanban::import::ooxml
