// The labels that number the parts of a plan: "I-", "II.", "A-", "1.", "1-", "2.3-", "a)",
// "-", "+", typed at the start of a paragraph or shown by Word's automatic numbering, and
// the numbering styles of the templates' schema ("I-", "1.1-", "a)", "-" …) they belong to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanban::import {

enum class LabelKind { roman, upper_letter, lower_letter, arabic, dotted, dash, plus, bullet };

struct Label {
    LabelKind kind = LabelKind::dash;
    std::string text;       // as printed, without the space after it: "I-", "2.9 -", "a)", "–"
    char punct = 0;         // '-', '.' or ')' after a number or letter; 0 for bullets
    long value = 0;         // what the last number or letter counts: 2 for "II-", "b)", "1.2."
    std::string prefix;     // dotted labels: the numbers before the last one ("1.2" in "1.2.3.")
    int components = 1;     // dotted labels: how many numbers ("1.2.3." has 3)
    // A lone letter that is also a Roman numeral ("I.", "V-", "C-", "i)"): the value it has
    // read as a letter, which the context may prefer (A-, B-, C- runs on as letters).
    long letter_value = 0;

    bool numbered() const { return punct != 0 || kind == LabelKind::dotted; }
};

// The label at the start of `text`, and how many bytes it takes with the white space after
// it (`consumed`); nullopt when the text does not start with one. Words that merely start
// with a number ("2019 là năm", "1.000 đảng viên", "3-5 đồng chí") are not labels.
std::optional<Label> parse_label(std::string_view text, std::size_t* consumed = nullptr);

// A label that stands alone, as Word's automatic numbering shows it ("-", "•", "II.", "a)").
std::optional<Label> parse_label_alone(std::string_view label);

// The label read as a letter instead of a Roman numeral (the context decided).
Label as_letter(const Label& label);

// The schema's numbering style of the label: "I-", "A.", "a)", "1-", "1.1-", "-", "+", "•".
std::string numbering_style(const Label& label);

// Labels of one list level share a key: the kind, the punctuation and, for dotted labels,
// the number of components ("1.1-" and "1.1.1-" are different levels).
std::string level_key(const Label& label);

// The label the template prints for a node (templates/_shared/outline.vbt, `walk`): its
// numbering style, its 1-based index among its siblings and its parent's number without
// punctuation. `base` receives this node's number without punctuation, handed to its
// children.
std::string template_label(const std::string& style, long index, const std::string& parent_base, std::string& base);

} // namespace vanban::import
