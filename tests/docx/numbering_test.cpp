// Word's numbering (word/numbering.xml): each label of the model read as a scheme and a
// value, sequences of consecutive values as one w:num each, and labels that Word could not
// print exactly left as text.
#include <catch2/catch.hpp>

#include "docx/docx.hpp"
#include "docx/numbering.hpp"
#include "fixture.hpp"
#include "support.hpp"
#include "support/word_numbers.hpp"

using namespace vanban;
using namespace vanban::docx_test;
using namespace vanban::model;

namespace {

Document numbered(std::vector<Block> blocks) {
    Document doc;
    doc.profile = docx_fixture::party_profile();
    doc.body = std::move(blocks);
    return doc;
}

Heading heading(int level, const std::string& number) { return Heading{level, number, {Run{"Tiêu đề"}}}; }
ListItem item(const std::string& marker) { return ListItem{marker, 1, {Run{"Nội dung"}}}; }

// The label Word prints before each numbered paragraph of the body, "" for the others.
std::vector<std::string> word_labels(const Document& doc) {
    const std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T08:00:00Z"}));
    const Entry* numbering = find_entry(entries, "word/numbering.xml");
    testing::WordNumbers numbers(numbering ? numbering->data : "");
    pugi::xml_document d;
    parse_part(d, find_entry(entries, "word/document.xml")->data, "word/document.xml");
    std::vector<std::string> labels;
    for (pugi::xml_node p : d.child("w:document").child("w:body").children("w:p")) {
        const std::string style = p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
        if (style.rfind("Heading", 0) == 0 || style.rfind("ListItem", 0) == 0) labels.push_back(numbers.label(p));
    }
    return labels;
}

} // namespace

TEST_CASE("a label is read as Word's numbering scheme and a value", "[docx][numbering]") {
    auto first = [](const std::string& label) { return docx::read_label(label).at(0); };
    CHECK(first("II-").scheme == docx::NumberScheme{"upperRoman", "", "-"});
    CHECK(first("II-").value == 2);
    CHECK(first("3.").scheme == docx::NumberScheme{"decimal", "", "."});
    CHECK(first("1.2-").scheme == docx::NumberScheme{"decimal", "1.", "-"});
    CHECK(first("1.2-").value == 2);
    CHECK(first("B-").scheme == docx::NumberScheme{"upperLetter", "", "-"});
    CHECK(first("c)").scheme == docx::NumberScheme{"lowerLetter", "", ")"});
    CHECK(first("-").scheme == docx::NumberScheme{"bullet", "-", ""});
    // Word's letters go on e, f…; Vietnamese points go on đ, e, g…: only a-d are alike.
    CHECK(docx::read_label("e)").empty());
    CHECK(docx::read_label("đ)").empty());
    for (const char* text : {"2.9 -", "IIII-", "01.", "Phần I", "1", "*"}) {
        INFO(text);
        CHECK(docx::read_label(text).empty());
    }
}

TEST_CASE("Word prints the model's labels, one w:num per run of consecutive values", "[docx][numbering]") {
    const Document doc = numbered({heading(1, "I-"), item("-"), item("-"), heading(1, "II-"), heading(2, "1-"),
                                   item("1.1-"), item("1.2-"), item("-"), item("1.3-"), heading(2, "2-"),
                                   item("2.1-"), item("a)"), item("b)"), heading(1, "IV-"), item("2.9 -")});
    const std::vector<std::string> labels = word_labels(doc);
    CHECK(labels == std::vector<std::string>{"I- ", "- ", "- ", "II- ", "1- ", "1.1- ", "1.2- ", "- ", "1.3- ",
                                             "2- ", "2.1- ", "a) ", "b) ", "IV- ", ""});

    const docx::NumberingPlan plan = docx::plan_numbering(doc);
    // One definition per scheme: I-, -, 1-, 1.x-, 2.x-, a).
    CHECK(plan.schemes.size() == 6);
    // "IV-" after "II-" starts a sequence of its own at 4, so that Word prints it as written.
    CHECK(plan.sequences.back().start == 4);
    // The same w:num goes on across other lists: "1.3-" continues "1.1-", "1.2-".
    CHECK(plan.num_id(&std::get<ListItem>(doc.body[8])) == plan.num_id(&std::get<ListItem>(doc.body[5])));
}

TEST_CASE("a document without numbers has no numbering part", "[docx][numbering]") {
    const Document doc = numbered({Paragraph{ParagraphKind::body, {Run{"Chỉ một đoạn."}}}});
    const std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T08:00:00Z"}));
    CHECK(find_entry(entries, "word/numbering.xml") == nullptr);
    pugi::xml_document rels;
    parse_part(rels, find_entry(entries, "word/_rels/document.xml.rels")->data, "rels");
    CHECK(std::string(rels.first_child().last_child().attribute("Target").value()) != "numbering.xml");
}
