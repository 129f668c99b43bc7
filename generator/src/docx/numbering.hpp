// Word's numbering for the numbered headings and list items (word/numbering.xml), so that a
// clerk who inserts a section in Word sees the sections after it renumbered.
//
// The model carries each number as the data wrote it ("I-", "1.", "1.1-", "a)", "-"). Each
// label is read as a numbering scheme (upper Roman, decimal, upper letter, Vietnamese lower
// letter, or a bullet "-" / "+", with what stands before and after the number) and a value.
// Consecutive items of one scheme whose values follow each other form a sequence: one w:num,
// started at the sequence's first value, over one w:abstractNum per scheme. Word then prints
// exactly the labels the model has, and the PDF is unchanged. A label that fits no scheme, or
// breaks its sequence's count ("2.9 -" after "2.8-"), stays text, as before.
#pragma once

#include <map>
#include <tuple>
#include <string>
#include <vector>

#include "vanban/model.hpp"

namespace vanban::docx {

// How a scheme prints its number: Word's w:numFmt and the text around "%1".
struct NumberScheme {
    std::string format; // "upperRoman", "decimal", "upperLetter", "lowerLetter", "bullet"
    std::string before; // "1." of "1.1-"; the bullet itself for a bullet
    std::string after;  // "-", ".", ")"
    bool operator<(const NumberScheme& o) const {
        return std::tie(format, before, after) < std::tie(o.format, o.before, o.after);
    }
    bool operator==(const NumberScheme&) const = default;
};

struct NumberingPlan {
    std::vector<NumberScheme> schemes; // w:abstractNum, w:abstractNumId = index
    struct Sequence {
        std::size_t scheme = 0;
        int start = 1;
    };
    std::vector<Sequence> sequences; // w:num, w:numId = index + 1
    std::map<const void*, int> num_of; // a Heading or ListItem of the model -> its w:numId
    bool empty() const { return sequences.empty(); }
    // The w:numId of a heading or list item; 0 when its label stays text.
    int num_id(const void* block) const {
        auto it = num_of.find(block);
        return it == num_of.end() ? 0 : it->second;
    }
};

// Reads every heading and list item of the body and the appendices.
NumberingPlan plan_numbering(const model::Document& doc);

// word/numbering.xml for the plan.
std::string numbering_xml(const NumberingPlan& plan);

// The scheme and value of one label, when it has one ("II-" -> upper Roman, "-", 2).
struct ReadLabel {
    NumberScheme scheme;
    int value = 0;
};
std::vector<ReadLabel> read_label(const std::string& label); // the readings it allows, most likely first

} // namespace vanban::docx
