#include "docx/numbering.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <variant>

#include "docx/xml.hpp"
#include "text/vietnamese.hpp"

namespace vanban::docx {

using namespace model;

namespace {

// Word's letters run a, b, c, d, e…; Vietnamese points a, b, c, d, đ, e, g… (no f, j, w, z).
// Only the first four agree, so only they become Word numbering.
constexpr int letters_alike = 4;

// The value of an upper-case Roman numeral written the usual way ("IV", not "IIII"), or 0.
int roman_value(std::string_view numeral) {
    if (numeral.empty() || numeral.size() > 9 || numeral.find_first_not_of("IVXLCDM") != std::string_view::npos)
        return 0;
    for (int value = 1; value < 4000; ++value)
        if (text::to_roman(value) == numeral) return value;
    return 0;
}

bool is_digits(std::string_view text) {
    return !text.empty() && text.size() < 6 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

// Read through views of the label: a document reads every heading's and item's label, and
// only the readings it allows are copied out.
std::vector<ReadLabel> read_label(const std::string& text) {
    const std::string_view label = text;
    if (label == "-" || label == "+") return {{{"bullet", text, ""}, 0}};
    if (label.size() < 2) return {};
    const char last = label.back();
    if (last != '-' && last != '.' && last != ')') return {};
    const std::string_view core = label.substr(0, label.size() - 1);
    const std::string after(1, last);
    std::vector<ReadLabel> readings;
    // Decimal, after what the label's own parent number wrote ("1." of "1.2-").
    const std::size_t digits_from = core.find_last_not_of("0123456789") + 1;
    const std::string_view number = core.substr(digits_from), before = core.substr(0, digits_from);
    if (is_digits(number) && number[0] != '0' &&
        (before.empty() || (before.back() == '.' && before.find_first_not_of("0123456789.") == std::string_view::npos &&
                            before[0] != '.'))) {
        int value = 0;
        std::from_chars(number.data(), number.data() + number.size(), value);
        readings.push_back({{"decimal", std::string(before), after}, value});
    }
    if (core.size() == 1 && core[0] >= 'A' && core[0] < 'A' + letters_alike)
        readings.push_back({{"upperLetter", "", after}, core[0] - 'A' + 1});
    if (core.size() == 1 && core[0] >= 'a' && core[0] < 'a' + letters_alike)
        readings.push_back({{"lowerLetter", "", after}, core[0] - 'a' + 1});
    if (const int value = roman_value(core)) readings.push_back({{"upperRoman", "", after}, value});
    return readings;
}

namespace {

// Sequences still open: which kind of block, at which level, in which scheme, its last value.
class Planner {
public:
    explicit Planner(NumberingPlan& plan) : plan_(plan) {}

    void blocks(const std::vector<Block>& blocks) {
        for (const Block& block : blocks) {
            if (const auto* heading = std::get_if<Heading>(&block)) {
                // A heading ends the sequences of deeper headings and of every list.
                std::erase_if(open_, [&](const Open& o) { return !o.heading || o.level > heading->level; });
                item(heading, true, heading->level, heading->number);
            } else if (const auto* list_item = std::get_if<ListItem>(&block)) {
                item(list_item, false, list_item->level, list_item->marker);
            }
        }
    }
    void restart() { open_.clear(); }

private:
    struct Open {
        bool heading = false;
        int level = 1;
        std::size_t scheme = 0;
        int last = 0;
        int num_id = 0;
    };

    void item(const void* block, bool heading, int level, const std::string& label) {
        const std::vector<ReadLabel> readings = read_label(label);
        if (readings.empty()) return; // stays text
        // The reading that goes on an open sequence, else the likeliest one.
        for (const ReadLabel& reading : readings) {
            const std::size_t scheme = scheme_index(reading.scheme);
            for (Open& o : open_)
                if (o.heading == heading && o.level == level && o.scheme == scheme &&
                    (reading.scheme.format == "bullet" || reading.value == o.last + 1)) {
                    o.last = reading.value;
                    plan_.num_of[block] = o.num_id;
                    return;
                }
        }
        const ReadLabel& reading = readings.front();
        const std::size_t scheme = scheme_index(reading.scheme);
        // A sequence of this kind, level and scheme that did not go on is over.
        std::erase_if(open_, [&](const Open& o) { return o.heading == heading && o.level == level && o.scheme == scheme; });
        plan_.sequences.push_back({scheme, std::max(reading.value, 1)});
        const int num_id = static_cast<int>(plan_.sequences.size());
        open_.push_back({heading, level, scheme, reading.value, num_id});
        plan_.num_of[block] = num_id;
    }

    std::size_t scheme_index(const NumberScheme& scheme) {
        auto it = std::find(plan_.schemes.begin(), plan_.schemes.end(), scheme);
        if (it != plan_.schemes.end()) return static_cast<std::size_t>(it - plan_.schemes.begin());
        plan_.schemes.push_back(scheme);
        return plan_.schemes.size() - 1;
    }

    NumberingPlan& plan_;
    std::vector<Open> open_;
};

} // namespace

NumberingPlan plan_numbering(const Document& doc) {
    NumberingPlan plan;
    Planner planner(plan);
    planner.blocks(doc.body);
    for (const Appendix& appendix : doc.appendices) {
        planner.restart();
        planner.blocks(appendix.blocks);
    }
    return plan;
}

std::string numbering_xml(const NumberingPlan& plan) {
    xml::Document document;
    xml::Node root = xml::add_root(document, "w:numbering");
    for (std::size_t i = 0; i < plan.schemes.size(); ++i) {
        const NumberScheme& scheme = plan.schemes[i];
        xml::Node abstract = xml::add(root, "w:abstractNum");
        abstract.append_attribute("w:abstractNumId") = static_cast<unsigned>(i);
        xml::add_val(abstract, "w:multiLevelType", "singleLevel");
        xml::Node lvl = xml::add(abstract, "w:lvl");
        lvl.append_attribute("w:ilvl") = 0;
        xml::add_val(lvl, "w:start", 1);
        xml::add_val(lvl, "w:numFmt", scheme.format.c_str());
        // The number, then a space, as the PDF prints "I- MỤC ĐÍCH" (a tab would move the text).
        xml::add_val(lvl, "w:suff", "space");
        const std::string text = scheme.format == "bullet" ? scheme.before : scheme.before + "%1" + scheme.after;
        xml::add_val(lvl, "w:lvlText", text.c_str());
        xml::add_val(lvl, "w:lvlJc", "left");
    }
    for (std::size_t i = 0; i < plan.sequences.size(); ++i) {
        xml::Node num = xml::add(root, "w:num");
        num.append_attribute("w:numId") = static_cast<unsigned>(i + 1);
        xml::add_val(num, "w:abstractNumId", static_cast<unsigned>(plan.sequences[i].scheme));
        xml::Node override_node = xml::add(num, "w:lvlOverride");
        override_node.append_attribute("w:ilvl") = 0;
        xml::add_val(override_node, "w:startOverride", plan.sequences[i].start);
    }
    return xml::serialize(document);
}

} // namespace vanban::docx
