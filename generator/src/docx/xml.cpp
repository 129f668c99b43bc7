#include "docx/xml.hpp"

#include <array>
#include <charconv>

#include "text/bytes.hpp"
#include "text/utf8.hpp"

namespace vanban::docx::xml {
namespace {

using text::bytes::any_below;
using text::bytes::any_equal;
using text::bytes::load8;


// Length of the character at text[i] if XML may hold it: well-formed UTF-8 (no overlong
// forms, surrogates or values past U+10FFFF), not a forbidden control character, not
// U+FFFE or U+FFFF. Zero otherwise. Every text of the document passes here, so this is one
// pass over the bytes rather than a call per character.
std::size_t allowed_length(std::string_view text, std::size_t i) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return lead >= 0x20 || text::bytes::is_xml_control(lead) ? 1 : 0;
    std::size_t length;
    char32_t cp, smallest;
    if ((lead & 0xE0) == 0xC0) length = 2, cp = lead & 0x1F, smallest = 0x80;
    else if ((lead & 0xF0) == 0xE0) length = 3, cp = lead & 0x0F, smallest = 0x800;
    else if ((lead & 0xF8) == 0xF0) length = 4, cp = lead & 0x07, smallest = 0x10000;
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        unsigned char next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    bool bad = cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF;
    return bad ? 0 : length;
}

// Whether the text holds something XML cannot: a control character other than tab, line
// feed and carriage return, ill-formed UTF-8, or U+FFFE / U+FFFF (EF BF BE, EF BF BF). Each
// is looked for with a fast whole-text check; clean_text decodes character by character only
// for the rare text that fails one.
bool needs_cleaning(std::string_view text) {
    return text::bytes::find_not_in_xml(text) < text.size() || !text::is_valid_utf8(text);
}

// ---------------------------------------------------------------- escaping, as pugixml does

// What saving must escape: in text, control characters other than tab, line feed and
// carriage return, and & < >; in attribute values, every control character, and & < ".
// Control characters are written "&#NN;" with two digits (pugixml's form); the writer
// cleans texts first (clean_text), so they appear only in values it does not clean.
constexpr unsigned char special_in_text = 1, special_in_attribute = 2;

constexpr std::array<unsigned char, 256> special_table() {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 32; ++c) {
        table[c] = special_in_attribute;
        if (c != '\t' && c != '\n' && c != '\r') table[c] |= special_in_text;
    }
    table['&'] = special_in_text | special_in_attribute;
    table['<'] = special_in_text | special_in_attribute;
    table['>'] = special_in_text;
    table['"'] = special_in_attribute;
    return table;
}
constexpr std::array<unsigned char, 256> special = special_table();

// Where the next byte that `kind` escapes is, from `pos`; the text's size if none. Plain
// text, nearly all of it, is passed over eight bytes at a time.
std::size_t next_special(std::string_view text, std::size_t pos, unsigned char kind) {
    using text::bytes::ones;
    const char* bytes = text.data();
    for (; pos + 8 <= text.size(); pos += 8) {
        const std::uint64_t word = load8(bytes + pos);
        // Three tests find the candidates of both kinds: a byte below 0x20, '"' or '&'
        // (0x22 and 0x26 both read 0x26 with bit 2 set), '<' or '>' (0x3C, 0x3E: 0x3E).
        if (!(any_below(word, 0x20) | any_equal(word | (ones * 0x04), '&') | any_equal(word | (ones * 0x02), '>')))
            continue;
        // A candidate may be one that this kind keeps (a tab or a line feed in text, a quote).
        for (std::size_t i = pos; i < pos + 8; ++i)
            if (special[static_cast<unsigned char>(bytes[i])] & kind) return i;
    }
    for (; pos < text.size(); ++pos)
        if (special[static_cast<unsigned char>(bytes[pos])] & kind) return pos;
    return text.size();
}

void append_escaped(std::string& out, std::string_view text, unsigned char kind) {
    std::size_t run = 0; // start of the characters not yet written
    for (std::size_t i = next_special(text, 0, kind); i < text.size(); i = next_special(text, i + 1, kind)) {
        out.append(text, run, i - run);
        run = i + 1;
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
            out += "&#";
            out += static_cast<char>('0' + c / 10);
            out += static_cast<char>('0' + c % 10);
            out += ';';
        }
    }
    out.append(text, run, text.size() - run);
}

} // namespace

// ---------------------------------------------------------------- the tree

Document::Document() {
    elements_.reserve(256);
    attributes_.reserve(128);
    strings_.reserve(4096);
    elements_.push_back(Element{""});
}

Node Document::append_child(const char* name) { return Node(this, 0).append_child(name); }

void Document::clear() {
    elements_.resize(1);
    elements_[0] = Element{""};
    attributes_.clear();
    strings_.clear();
    saved_.clear();
    saved_bytes_ = 0;
}

std::uint32_t Document::add_string(const char* text, std::size_t size) {
    const auto at = static_cast<std::uint32_t>(strings_.size());
    strings_.append(text, size);
    return at;
}

std::uint32_t Document::new_element(const char* name, std::uint32_t parent) {
    Element element{name};
    element.name_size = static_cast<std::uint32_t>(std::strlen(name));
    element.parent = parent;
    elements_.push_back(element);
    return static_cast<std::uint32_t>(elements_.size() - 1);
}

// Puts `element` between two siblings (none: at that end of its parent's children).
void Document::link_between(std::uint32_t element, std::uint32_t previous, std::uint32_t next) {
    Element& e = elements_[element];
    e.previous = previous;
    e.next = next;
    Element& parent = elements_[e.parent];
    (previous == none ? parent.first_child : elements_[previous].next) = element;
    (next == none ? parent.last_child : elements_[next].previous) = element;
}

void Document::save(std::string& out) const {
    out.reserve(out.size() + strings_.size() + saved_bytes_ + 24 * elements_.size() + 12 * attributes_.size());
    for (std::uint32_t e = elements_[0].first_child; e != none; e = elements_[e].next) save_element(out, e);
}

// An element has either text or child elements (the writer never mixes them).
void Document::save_element(std::string& out, std::uint32_t index) const {
    const Element& e = elements_[index];
    if (e.saved) {
        out += saved_[e.text_at];
        return;
    }
    out += '<';
    out.append(e.name, e.name_size);
    for (std::uint32_t a = e.first_attribute; a != none; a = attributes_[a].next) {
        const AttributeData& attribute = attributes_[a];
        out += ' ';
        out.append(attribute.name, attribute.name_size);
        out += "=\"";
        append_escaped(out, std::string_view(strings_).substr(attribute.value_at, attribute.value_size),
                       special_in_attribute);
        out += '"';
    }
    if (e.first_child == none && !e.has_text) {
        out += "/>";
        return;
    }
    out += '>';
    if (e.has_text) append_escaped(out, std::string_view(strings_).substr(e.text_at, e.text_size), special_in_text);
    for (std::uint32_t child = e.first_child; child != none; child = elements_[child].next) save_element(out, child);
    out += "</";
    out.append(e.name, e.name_size);
    out += '>';
}

Node Node::linked(std::uint32_t index) const { return index == Document::none ? Node() : Node(document_, index); }

const char* Node::name() const { return document_ ? document_->elements_[index_].name : ""; }

Node Node::append_child(const char* name) {
    if (!document_) return {};
    const std::uint32_t e = document_->new_element(name, index_);
    document_->link_between(e, document_->elements_[index_].last_child, Document::none);
    return Node(document_, e);
}

Node Node::prepend_child(const char* name) {
    if (!document_) return {};
    const std::uint32_t e = document_->new_element(name, index_);
    document_->link_between(e, Document::none, document_->elements_[index_].first_child);
    return Node(document_, e);
}

Node Node::insert_child_after(const char* name, Node before) {
    if (!document_) return {};
    const std::uint32_t e = document_->new_element(name, index_);
    document_->link_between(e, before.index_, document_->elements_[before.index_].next);
    return Node(document_, e);
}

Node Node::insert_child_before(const char* name, Node after) {
    if (!document_) return {};
    const std::uint32_t e = document_->new_element(name, index_);
    document_->link_between(e, document_->elements_[after.index_].previous, after.index_);
    return Node(document_, e);
}

void Node::remove_child(Node child) {
    if (!document_ || !child) return;
    auto& elements = document_->elements_;
    Document::Element& c = elements[child.index_];
    Document::Element& parent = elements[index_];
    (c.previous == Document::none ? parent.first_child : elements[c.previous].next) = c.next;
    (c.next == Document::none ? parent.last_child : elements[c.next].previous) = c.previous;
    c.parent = c.previous = c.next = Document::none;
}

Node Node::parent() const { return document_ ? linked(document_->elements_[index_].parent) : Node(); }
Node Node::first_child() const { return document_ ? linked(document_->elements_[index_].first_child) : Node(); }
Node Node::last_child() const { return document_ ? linked(document_->elements_[index_].last_child) : Node(); }
Node Node::next_sibling() const { return document_ ? linked(document_->elements_[index_].next) : Node(); }
Node Node::previous_sibling() const { return document_ ? linked(document_->elements_[index_].previous) : Node(); }

Node Node::child(std::string_view name) const {
    if (!document_) return {};
    const auto& elements = document_->elements_;
    for (std::uint32_t c = elements[index_].first_child; c != Document::none; c = elements[c].next)
        if (std::string_view(elements[c].name, elements[c].name_size) == name) return Node(document_, c);
    return {};
}

Node Node::next_named(std::string_view name) const {
    const auto& elements = document_->elements_;
    for (std::uint32_t c = elements[index_].next; c != Document::none; c = elements[c].next)
        if (std::string_view(elements[c].name, elements[c].name_size) == name) return Node(document_, c);
    return {};
}

bool Node::empty() const {
    if (!document_) return true;
    const Document::Element& e = document_->elements_[index_];
    return e.first_child == Document::none && e.first_attribute == Document::none && !e.has_text && !e.saved;
}

void Node::append_saved(std::string xml) {
    if (!document_) return;
    const std::uint32_t e = document_->new_element("", index_);
    document_->link_between(e, document_->elements_[index_].last_child, Document::none);
    Document::Element& element = document_->elements_[e];
    element.text_at = static_cast<std::uint32_t>(document_->saved_.size());
    element.saved = true;
    document_->saved_bytes_ += xml.size();
    document_->saved_.push_back(std::move(xml));
}

Attribute Node::append_attribute(const char* name) {
    if (!document_) return {};
    auto& attributes = document_->attributes_;
    Document::AttributeData attribute{name};
    attribute.name_size = static_cast<std::uint32_t>(std::strlen(name));
    attributes.push_back(attribute);
    const auto a = static_cast<std::uint32_t>(attributes.size() - 1);
    Document::Element& e = document_->elements_[index_];
    (e.last_attribute == Document::none ? e.first_attribute : attributes[e.last_attribute].next) = a;
    e.last_attribute = a;
    return Attribute(document_, a);
}

Attribute Node::attribute(std::string_view name) const {
    if (!document_) return {};
    const auto& attributes = document_->attributes_;
    for (std::uint32_t a = document_->elements_[index_].first_attribute; a != Document::none; a = attributes[a].next)
        if (std::string_view(attributes[a].name, attributes[a].name_size) == name) return Attribute(document_, a);
    return {};
}

Attribute& Attribute::set(const char* value, std::size_t size) {
    if (!document_) return *this;
    Document::AttributeData& attribute = document_->attributes_[index_];
    attribute.value_at = document_->add_string(value, size);
    attribute.value_size = static_cast<std::uint32_t>(size);
    return *this;
}

Attribute& Attribute::set_number(long long value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return set(digits, static_cast<std::size_t>(end - digits));
}

std::string_view Attribute::value() const {
    if (!document_) return {};
    const Document::AttributeData& attribute = document_->attributes_[index_];
    return std::string_view(document_->strings_).substr(attribute.value_at, attribute.value_size);
}

void Text::set(const char* text, std::size_t size) {
    if (!document_) return;
    const std::uint32_t at = document_->add_string(text, size);
    Document::Element& e = document_->elements_[element_];
    e.text_at = at;
    e.text_size = static_cast<std::uint32_t>(size);
    e.has_text = true;
}

std::string serialize(const Document& document) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    document.save(out);
    return out;
}

bool is_clean_text(std::string_view text) { return !needs_cleaning(text); }

std::string clean_text(std::string_view text) {
    if (!needs_cleaning(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = allowed_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for the one byte that cannot be kept
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

} // namespace vanban::docx::xml
