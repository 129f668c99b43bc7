#include "import/outline.hpp"

#include <algorithm>
#include <array>

#include "import/figures.hpp"
#include "import/text_tools.hpp"

namespace vanban::import {

namespace {

// How the closing paragraphs of a plan usually start, after its last section.
bool starts_closing(const std::string& text) {
    static constexpr std::array<std::string_view, 9> openings = {
        "để thực hiện", "để triển khai", "để kế hoạch", "trên đây là", "trong quá trình", "nhận được",
        "yêu cầu các", "đề nghị các", "căn cứ nội dung kế hoạch"};
    const std::string f = folded(text.substr(0, 80));
    for (std::string_view o : openings)
        if (f.rfind(o, 0) == 0) return true;
    return false;
}

std::string list_style(const std::vector<Node>& nodes) {
    for (const Node& node : nodes)
        if (node.label) return numbering_style(*node.label);
    return "";
}

// The numbering styles of every list, depth by depth, with how many nodes each numbers.
void count_styles(const std::vector<Node>& nodes, std::size_t depth,
                  std::vector<std::vector<std::pair<std::string, std::size_t>>>& out) {
    if (out.size() <= depth) out.resize(depth + 1);
    const std::string style = list_style(nodes);
    auto& at_depth = out[depth];
    auto found = std::find_if(at_depth.begin(), at_depth.end(), [&](const auto& s) { return s.first == style; });
    if (found == at_depth.end()) at_depth.emplace_back(style, nodes.size());
    else found->second += nodes.size();
    for (const Node& node : nodes)
        if (!node.children.empty()) count_styles(node.children, depth + 1, out);
}

// The numbering a subtree uses: for each depth, the style that numbers the most of its
// nodes there (the first one seen on a tie), so that the fewest lists need their own.
std::vector<std::string> styles_by_depth(const std::vector<Node>& nodes) {
    std::vector<std::vector<std::pair<std::string, std::size_t>>> counts;
    count_styles(nodes, 0, counts);
    std::vector<std::string> out;
    for (const auto& at_depth : counts) {
        const auto best = std::max_element(at_depth.begin(), at_depth.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        out.push_back(best->first);
    }
    return out;
}

std::string style_at(const std::vector<std::string>& scheme, std::size_t level) {
    return level < scheme.size() ? scheme[level] : "-"; // the templates' rule: levels beyond the list use "-"
}

void number_nodes(std::vector<Node>& nodes, const std::vector<std::string>& scheme, std::size_t level,
                  const std::string& parent_base) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Node& node = nodes[i];
        std::string base;
        const std::string computed = template_label(style_at(scheme, level), static_cast<long>(i) + 1, parent_base, base);
        const std::string printed = node.label ? node.label->text : "";
        if (printed != computed) node.number = printed;
        if (node.children.empty()) continue;
        if (list_style(node.children) != style_at(scheme, level + 1)) {
            node.numbering = styles_by_depth(node.children);
            number_nodes(node.children, node.numbering, 0, base);
        } else {
            number_nodes(node.children, scheme, level + 1, base);
        }
    }
}

std::string row_text(const Row& row) {
    std::string out;
    for (const Cell& cell : row.cells) {
        if (cell.continues_above) continue;
        std::string cell_text;
        for (const Paragraph& p : cell.paragraphs) {
            const std::string t = squeeze(p.text());
            if (!t.empty()) cell_text += (cell_text.empty() ? "" : " ") + t;
        }
        if (cell_text.empty()) continue;
        out += (out.empty() ? "" : " | ") + cell_text;
    }
    return out;
}

} // namespace

Outline OutlineBuilder::build(const std::vector<BodyUnit>& units) {
    std::vector<Text>* trailing_list = nullptr;
    std::size_t trailing_start = 0;
    for (const BodyUnit& unit : units) {
        if (unit.table) {
            add_table(unit);
            trailing_list = nullptr;
        } else if (unit.drawn_chart) {
            add_chart(unit);
            trailing_list = nullptr;
        } else if (unit.label || unit.heading_level > 0) {
            add_labelled(unit);
            trailing_list = nullptr;
        } else {
            add_paragraph(unit);
            if (!stack_.empty() && !trailing_list) {
                Node& top = *stack_.back().node;
                trailing_list = table_after_ ? &top.after : &top.paragraphs;
                trailing_start = trailing_list->size() - 1;
            }
        }
    }
    // "Để thực hiện có hiệu quả …" after the last section closes the plan.
    if (trailing_list)
        for (std::size_t i = trailing_start; i < trailing_list->size(); ++i) {
            if (!starts_closing(plain_text((*trailing_list)[i].spans))) continue;
            outline_.closing.assign(trailing_list->begin() + static_cast<long>(i), trailing_list->end());
            trailing_list->resize(i);
            break;
        }
    return std::move(outline_);
}

// The level a label belongs to: Word's list level when its numbering shows the label (two
// levels may print alike), else the label's numbering style.
static std::string level_of(const BodyUnit& unit, const Label& label) {
    return unit.list_level.empty() ? level_key(label) : "list:" + unit.list_level;
}

std::size_t OutlineBuilder::depth_for(const BodyUnit& unit, Label& label) const {
    const std::size_t open = stack_.size();
    if (unit.heading_level > 0) {
        const auto level = static_cast<std::size_t>(unit.heading_level);
        if (level < 4 || !unit.label) return std::min(level, open + 1);
        // "heading 4" stands for every depth from 4 on: the label says which.
        const std::string key = level_of(unit, label);
        for (std::size_t i = open; i-- > 3;)
            if (stack_[i].key == key) return i + 1;
        return std::max<std::size_t>(std::min<std::size_t>(4, open + 1), open + 1);
    }
    // "I." may be the Roman one or the letter I after "H.": the run of letters decides.
    if (label.kind == LabelKind::roman && label.letter_value > 0 && unit.list_level.empty()) {
        const Label letter = as_letter(label);
        const std::string letter_key = level_key(letter);
        for (std::size_t i = open; i-- > 0;)
            if (stack_[i].key == letter_key && stack_[i].last_value == letter.value - 1) {
                label = letter;
                return i + 1;
            }
    }
    const std::string key = level_of(unit, label);
    for (std::size_t i = open; i-- > 0;)
        if (stack_[i].key == key) return i + 1;
    return open + 1;
}

Node& OutlineBuilder::place(std::size_t depth, const std::string& key, long value, bool fixed) {
    stack_.resize(depth - 1);
    std::vector<Node>& siblings = stack_.empty() ? outline_.roots : stack_.back().node->children;
    if (!stack_.empty() && !stack_.back().node->after.empty()) {
        const Node& parent = *stack_.back().node;
        notices_.push_back({parent.after.front().paragraph, quote(plain_text(parent.after.front().spans)),
                            msg("import.order", "this paragraph will print after the items that follow it"), ""});
    }
    siblings.emplace_back();
    stack_.push_back({key, value, &siblings.back(), fixed});
    table_after_ = false;
    return siblings.back();
}

void OutlineBuilder::add_labelled(const BodyUnit& unit) {
    Label label = unit.label.value_or(Label{});
    const std::size_t depth = depth_for(unit, label); // may read a Roman "I" as the letter I
    Node& node = place(depth, unit.label ? level_of(unit, label) : std::string("none"), label.value, unit.heading_level > 0);
    node.paragraph = unit.paragraph ? unit.paragraph->number : 0;
    if (unit.label) node.label = label;
    const bool bullet = unit.label && !label.numbered();
    node.heading = unit.heading_level > 0 || (!unit.never_heading && !bullet && unit.looks_like_heading);
    node.text = {unit.spans, unit.drop, node.paragraph};
    if (node.heading) {
        // A heading's weight is the profile's: bold or italic over the whole title is not kept.
        const Emphasis common = common_emphasis(unit.spans);
        node.text.drop = {unit.drop.bold || common.bold, unit.drop.italic || common.italic,
                          unit.drop.underline || common.underline};
    }
}

void OutlineBuilder::add_paragraph(const BodyUnit& unit) {
    add_text({unit.spans, unit.drop, unit.paragraph ? unit.paragraph->number : 0});
}

void OutlineBuilder::add_text(Text text) {
    if (stack_.empty()) {
        outline_.intro.push_back(std::move(text));
        return;
    }
    Node& top = *stack_.back().node;
    (table_after_ ? top.after : top.paragraphs).push_back(std::move(text));
}

void OutlineBuilder::add_table(const BodyUnit& unit) {
    const Table& table = *unit.table;
    if (unit.figures && !stack_.empty() && !stack_.back().node->table) {
        // The template prints the title in bold and the note in italics: those are its own.
        nlohmann::ordered_json figures = nlohmann::ordered_json::object();
        if (unit.caption) {
            Text caption = *unit.caption;
            caption.drop.bold = true;
            figures["title"] = encode_text(caption, notices_, "");
        }
        for (const auto& [key, value] : unit.figures->items()) figures[key] = value;
        if (unit.note) {
            Text note = *unit.note;
            note.drop.italic = true;
            figures["note"] = encode_text(note, notices_, "");
        }
        if (unit.chart) figures["chart"] = *unit.chart;
        stack_.back().node->table = std::move(figures);
        table_after_ = true;
        return;
    }
    // Not kept as a table: its caption and note stay around its rows.
    if (unit.caption) add_text(*unit.caption);
    Message why = unit.figures ? (stack_.empty() ? msg("import.table-before-sections", "a table of figures before the first section")
                                                 : msg("import.table-second", "a second table of figures under one heading"))
                               : unit.not_figures ? *unit.not_figures
                                                  : msg("import.table-not-figures",
                                                        "not a table of figures as vanban draws it: TT, names, then figures whose totals and percentages add up");
    keep_as_paragraphs(table, std::move(why));
    if (unit.note) add_text(*unit.note);
}

// A chart vanban can draw goes with the node above it (printed after its table, before its
// children); anything else is said and left out: a chart has no text to keep.
void OutlineBuilder::add_chart(const BodyUnit& unit) {
    const DrawnChart& drawn = *unit.drawn_chart;
    const int paragraph = unit.paragraph ? unit.paragraph->number : 0;
    auto drop = [&](Message why) {
        notices_.push_back({paragraph, quote(drawn.title),
                            msg("import.chart-dropped", "a chart of {series} series over {categories} categories ({why}) was left out",
                                {{"series", drawn.series.size()}, {"categories", drawn.categories.size()}, {"why", std::move(why)}}),
                            ""});
    };
    if (stack_.empty()) return drop(msg("import.chart-before-sections", "a chart before the first section"));
    Node& node = *stack_.back().node;
    if (node.chart) return drop(msg("import.chart-second", "a second chart under one heading"));
    std::optional<nlohmann::ordered_json> chart = chart_of_its_own(drawn);
    if (!chart)
        return drop(msg("import.chart-not-drawable",
                        "vanban draws bars, stacked bars, lines and pies of figures, one kind a chart"));
    node.chart = std::move(chart);
    table_after_ = true;
}

void OutlineBuilder::keep_as_paragraphs(const Table& table, Message why) {
    std::size_t columns = 0;
    for (const Row& row : table.rows) columns = std::max(columns, row.cells.size());
    notices_.push_back({table.first_paragraph, "",
                        msg("import.table-as-paragraphs",
                            "a table of {rows} rows and {columns} columns ({why}): its rows were kept as paragraphs, cells separated by \" | \"",
                            {{"rows", table.rows.size()}, {"columns", columns}, {"why", std::move(why)}}),
                        ""});
    for (const Row& row : table.rows) {
        const std::string text = row_text(row);
        if (text.empty()) continue;
        const int number = row.cells.empty() || row.cells.front().paragraphs.empty()
                               ? table.first_paragraph
                               : row.cells.front().paragraphs.front().number;
        add_text({{plain_span(text)}, {}, number});
    }
}

std::vector<std::string> assign_numbering(std::vector<Node>& roots) {
    if (roots.empty()) return {"I-"};
    const std::vector<std::string> scheme = styles_by_depth(roots);
    number_nodes(roots, scheme, 0, "");
    return scheme;
}

std::string encode_text(const Text& text, std::vector<Notice>& notices, const std::string& path) {
    const Encoded encoded = encode_spans(text.spans, text.drop);
    if (encoded.emphasis_lost)
        notices.push_back({text.paragraph, quote(plain_text(text.spans)),
                           msg("import.emphasis-lost",
                               "its bold, italic or underline could not be written so that it reads back the same: the text is kept without it"),
                           path});
    return encoded.text;
}

nlohmann::ordered_json node_to_json(const Node& node, std::vector<Notice>& notices, const std::string& path) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    const std::string text = encode_text(node.text, notices, path);
    if (node.heading) j["title"] = text;
    else j["text"] = text;
    if (node.number) j["number"] = *node.number;
    auto texts = [&](const std::vector<Text>& list, const char* field) {
        if (list.empty()) return;
        nlohmann::ordered_json array = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < list.size(); ++i)
            array.push_back(encode_text(list[i], notices, path + "." + field + "[" + std::to_string(i) + "]"));
        j[field] = std::move(array);
    };
    texts(node.paragraphs, "paragraphs");
    if (node.table) j["table"] = *node.table;
    if (node.chart) j["chart"] = *node.chart;
    if (!node.numbering.empty()) j["numbering"] = node.numbering;
    if (!node.children.empty()) {
        nlohmann::ordered_json children = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < node.children.size(); ++i)
            children.push_back(node_to_json(node.children[i], notices, path + ".children[" + std::to_string(i) + "]"));
        j["children"] = std::move(children);
    }
    texts(node.after, "after");
    if (node.agency) j["agency"] = *node.agency;
    if (node.lead) j["lead"] = *node.lead;
    if (!node.cooperating.empty()) j["cooperating"] = node.cooperating;
    if (node.deadline) j["deadline"] = *node.deadline;
    if (node.deadline_text) j["deadline_text"] = *node.deadline_text;
    if (node.deadline && node.deadline_in_text) j["deadline_in_text"] = true;
    if (node.summary) j["summary"] = *node.summary;
    return j;
}

} // namespace vanban::import
