// The XML the DOCX writer builds: a small element tree made for writing WordprocessingML,
// and helpers over it (element names always with their prefix, "w:p"; most properties an
// empty element with a w:val attribute).
//
// Why not pugixml's tree: the writer builds a tree only to save it once, and pugixml copied
// every element and attribute name into its pages and escaped the whole document character
// by character on saving, which cost more than deflating the result (docs/docx.md,
// "Measured"). Here names are kept by pointer (they are string literals), attribute values
// and texts go into one buffer, and saving copies runs of plain text whole. The bytes are
// those pugixml wrote with format_raw (tests/docx/xml_test.cpp compares the two). The
// writer still edits the tree after the fact (a paragraph kept with the next one once the
// next one is known), which is why it is a tree and not a stream.
//
// Reading DOCX (the import stage) uses pugixml.
#pragma once

#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::docx::xml {

class Document;
class Children;

// An attribute just added, or found: assign its value (text or a whole number).
class Attribute {
public:
    Attribute() = default;
    explicit operator bool() const { return document_ != nullptr; }
    Attribute& operator=(const char* value) { return set(value, std::strlen(value)); }
    Attribute& operator=(const std::string& value) { return set(value.data(), value.size()); }
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    Attribute& operator=(T value) {
        return set_number(static_cast<long long>(value));
    }
    // The value ("" for no attribute); valid until the tree changes.
    std::string_view value() const;

private:
    friend class Node;
    Attribute(Document* document, std::uint32_t index) : document_(document), index_(index) {}
    Attribute& set(const char* value, std::size_t size);
    Attribute& set_number(long long value);
    Document* document_ = nullptr;
    std::uint32_t index_ = 0;
};

// The text content of an element (<w:t>text</w:t>).
class Text {
public:
    Text& operator=(const char* text) {
        set(text, std::strlen(text));
        return *this;
    }
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    Text& operator=(T value) {
        const std::string digits = std::to_string(value);
        set(digits.data(), digits.size());
        return *this;
    }
    void set(const char* text, std::size_t size);

private:
    friend class Node;
    Text(Document* document, std::uint32_t element) : document_(document), element_(element) {}
    Document* document_;
    std::uint32_t element_;
};

// An element of a Document, or no element (false). Cheap to copy, like pugi::xml_node, and
// like it, no element answers every question with nothing and ignores every change (the
// writer relies on it: a paragraph without properties is left as it is). Names must
// outlive the document: pass string literals.
class Node {
public:
    Node() = default;
    explicit operator bool() const { return document_ != nullptr; }
    bool operator==(const Node& other) const = default;

    const char* name() const; // "" for no element
    Node append_child(const char* name);
    Node prepend_child(const char* name);
    Node insert_child_after(const char* name, Node before);
    Node insert_child_before(const char* name, Node after);
    void remove_child(Node child);

    Node parent() const;
    Node first_child() const;
    Node last_child() const;
    Node next_sibling() const;
    Node previous_sibling() const;
    Node child(std::string_view name) const; // the first child element so named
    // No children, no attributes and no text.
    bool empty() const;

    // XML saved already (by Document::save), written out as it is where it stands among
    // the children: a part of the tree that is finished, kept as its bytes. It is no element
    // (its name is "").
    void append_saved(std::string xml);

    Attribute append_attribute(const char* name);
    Attribute attribute(std::string_view name) const;
    Text text() { return Text(document_, index_); }

    // The child elements named `name`, for a range-for loop.
    Children children(std::string_view name) const;

private:
    friend class Document;
    friend class Attribute;
    friend class Children;
    Node(Document* document, std::uint32_t index) : document_(document), index_(index) {}
    Node next_named(std::string_view name) const; // the next sibling so named
    Node linked(std::uint32_t index) const;
    Document* document_ = nullptr;
    std::uint32_t index_ = 0;
};

// The child elements of one name, for a range-for loop.
class Children {
public:
    class iterator {
    public:
        Node operator*() const { return node_; }
        iterator& operator++() {
            node_ = node_.next_named(name_);
            return *this;
        }
        bool operator!=(const iterator& other) const { return !(node_ == other.node_); }

    private:
        friend class Children;
        iterator(Node node, std::string_view name) : node_(node), name_(name) {}
        Node node_;
        std::string_view name_;
    };
    iterator begin() const { return {first_, name_}; }
    iterator end() const { return {Node(), name_}; }

private:
    friend class Node;
    Children(Node first, std::string_view name) : first_(first), name_(name) {}
    Node first_;
    std::string_view name_;
};

inline Children Node::children(std::string_view name) const { return Children(child(name), name); }

// A part's element tree. Not copyable: nodes point to it.
class Document {
public:
    Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // The root element (a part has one).
    Node append_child(const char* name);
    // The document itself, the parent of its top elements: a piece of a part (rows of a
    // table, say) may have several.
    Node top() { return Node(this, 0); }
    // Empties the document, keeping its memory for what is built next.
    void clear();
    // The elements as pugixml's format_raw writes them: no declaration, no indentation,
    // "<a/>" for an empty element, & < > escaped in text, & < " and control characters in
    // attribute values.
    void save(std::string& out) const;

private:
    friend class Node;
    friend class Attribute;
    friend class Text;
    static constexpr std::uint32_t none = UINT32_MAX;
    struct Element {
        const char* name;
        std::uint32_t name_size = 0;
        std::uint32_t parent = none, first_child = none, last_child = none, previous = none, next = none;
        std::uint32_t first_attribute = none, last_attribute = none;
        std::uint32_t text_at = 0, text_size = 0;
        bool has_text = false;
        bool saved = false; // saved XML (Node::append_saved): text_at is its index in saved_
    };
    struct AttributeData {
        const char* name;
        std::uint32_t name_size = 0;
        std::uint32_t value_at = 0, value_size = 0;
        std::uint32_t next = none;
    };
    std::uint32_t add_string(const char* text, std::size_t size);
    std::uint32_t new_element(const char* name, std::uint32_t parent);
    void link_between(std::uint32_t element, std::uint32_t previous, std::uint32_t next);
    void save_element(std::string& out, std::uint32_t element) const;

    std::vector<Element> elements_; // [0]: the document itself
    std::vector<AttributeData> attributes_;
    std::string strings_; // attribute values and texts
    // Saved XML, each piece kept as it came rather than copied into strings_: a long table's
    // saved rows are most of document.xml (20 MB at 10,000 rows), and the pool, growing by
    // doubling, copied them again at each step and took fresh pages from the kernel for
    // them at every render.
    std::vector<std::string> saved_;
    std::size_t saved_bytes_ = 0;
};

inline constexpr const char* ns_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The root element `name` of a part, declaring the main namespace (w:).
inline Node add_root(Document& document, const char* name) {
    Node root = document.append_child(name);
    root.append_attribute("xmlns:w") = ns_w;
    return root;
}

// The same for a part that refers to other parts by relationship id (the document, a
// header): it declares the relationships namespace (r:) too.
inline Node add_root_with_relationships(Document& document, const char* name) {
    Node root = add_root(document, name);
    root.append_attribute("xmlns:r") = ns_r;
    return root;
}

inline Node add(Node parent, const char* name) { return parent.append_child(name); }

// <name w:val="value"/>
inline Node add_val(Node parent, const char* name, const char* value) {
    Node node = parent.append_child(name);
    node.append_attribute("w:val") = value;
    return node;
}

inline Node add_val(Node parent, const char* name, long value) {
    Node node = parent.append_child(name);
    node.append_attribute("w:val") = value;
    return node;
}

// <name/> for true, <name w:val="0"/> for false: how a boolean property is switched on or,
// against an inherited style, switched off.
inline void add_toggle(Node parent, const char* name, bool on) {
    Node node = parent.append_child(name);
    if (!on) node.append_attribute("w:val") = "0";
}

// The part's bytes: XML declaration (standalone, as Office writes it) and no indentation.
std::string serialize(const Document& document);

// Whether XML 1.0 can hold the text as it is (see clean_text).
bool is_clean_text(std::string_view text);

// Text as XML 1.0 allows it: control characters other than tab, line feed and carriage
// return cannot appear even as character references, and ill-formed UTF-8 would make the
// whole part unreadable, so both become U+FFFD. Returns the input when it is already clean.
std::string clean_text(std::string_view text);

} // namespace vanban::docx::xml
