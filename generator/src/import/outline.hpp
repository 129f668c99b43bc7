// The body of a plan or report as the templates' outline: numbered sections at every depth,
// items, paragraphs, tables of figures. Built from the body's paragraphs in two steps:
// placing each one in the tree (by its heading level when its style says it, else by its
// label's numbering style), then choosing the numbering styles of the schema so that the
// template prints every label exactly as the input had it (an explicit "number" where the
// template's own count would differ).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/draft.hpp"
#include "import/inline_markup.hpp"
#include "import/labels.hpp"
#include "import/notice.hpp"

namespace vanban::import {

// A paragraph of styled text, with what its style gives anyway.
struct Text {
    std::vector<Span> spans;
    Emphasis drop;
    int paragraph = 0;
};

// One paragraph of the body as the outline sees it.
struct BodyUnit {
    const Paragraph* paragraph = nullptr;
    const Table* table = nullptr;  // a table instead of a paragraph
    std::optional<Label> label;    // typed at its start or shown by Word's numbering
    std::string list_level;        // Word's list level that shows the label, when it does
    std::vector<Span> spans;       // the text after the label
    Emphasis drop;                 // what its style gives
    int heading_level = 0;         // a heading by its style (1 …), 0 when its style does not say
    bool looks_like_heading = false; // by its look: bold throughout, capitals, or short without a full stop
    bool never_labelled = false;   // a body paragraph of vanban's own DOCX: a leading "1." is text
    bool never_heading = false;    // a list item of vanban's own DOCX
    std::optional<nlohmann::ordered_json> figures; // a table that is a table of figures, read
    std::optional<Message> not_figures;            // why a table that starts as one is not
    std::optional<Text> caption, note;             // the centred title above it, the italic line below
    std::optional<nlohmann::ordered_json> chart;   // the table's chart, drawn under it from its figures
    const DrawnChart* drawn_chart = nullptr;       // a chart instead of a paragraph (not its table's)
};

struct Node {
    int paragraph = 0;
    std::optional<Label> label;
    bool heading = false;
    Text text;                               // the title or the item's text
    std::vector<Text> paragraphs, after;
    std::optional<nlohmann::ordered_json> table; // a table of figures
    std::optional<nlohmann::ordered_json> chart; // a chart with figures of its own
    std::vector<Node> children;
    // Filled by the task reader (tasks.hpp).
    std::optional<std::string> agency, lead, summary, deadline, deadline_text;
    std::vector<std::string> cooperating;
    bool deadline_in_text = false;
    // Filled by assign_numbering.
    std::vector<std::string> numbering;      // the children's numbering, when it differs from the inherited
    std::optional<std::string> number;       // the label as printed, when the template would print another
};

struct Outline {
    std::vector<Text> intro;
    std::vector<Node> roots;
    std::vector<Text> closing;
};

// Places the units. A table of figures becomes the table of the node above it; any other
// table is kept as paragraphs, one per row. A chart that is not its table's becomes the chart
// of the node above it, with its own figures.
class OutlineBuilder {
public:
    explicit OutlineBuilder(std::vector<Notice>& notices) : notices_(notices) {}
    Outline build(const std::vector<BodyUnit>& units);

private:
    struct Frame {
        std::string key;
        long last_value = 0;
        Node* node = nullptr;
        bool fixed = false;
    };
    void add_labelled(const BodyUnit& unit);
    void add_paragraph(const BodyUnit& unit);
    void add_text(Text text);
    void add_table(const BodyUnit& unit);
    void add_chart(const BodyUnit& unit);
    std::size_t depth_for(const BodyUnit& unit, Label& label) const;
    Node& place(std::size_t depth, const std::string& key, long value, bool fixed);
    void keep_as_paragraphs(const Table& table, Message why);

    std::vector<Notice>& notices_;
    Outline outline_;
    std::vector<Frame> stack_;
    bool table_after_ = false; // the node on top had a table: what follows goes after it
};

// Chooses the numbering of every level (returned: the outline's "numbering") and sets each
// node's `numbering` and `number` where the template needs them to print the input's labels.
std::vector<std::string> assign_numbering(std::vector<Node>& roots);

// The outline node as the templates' data ("title"/"text", "paragraphs", "children" …).
nlohmann::ordered_json node_to_json(const Node& node, std::vector<Notice>& notices, const std::string& path);
// A text as a data string (emphasis written as markup); a notice when emphasis was lost.
std::string encode_text(const Text& text, std::vector<Notice>& notices, const std::string& path);

} // namespace vanban::import
