// The writer's element tree (docx/xml.hpp) against pugixml, whose tree the writer used before:
// the same elements, attributes and texts must give the same bytes, escapes included.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "docx/xml.hpp"

using namespace vanban;

namespace {

class StringWriter : public pugi::xml_writer {
public:
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
    std::string out;
};

std::string saved(const pugi::xml_document& document) {
    StringWriter writer;
    document.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return writer.out;
}

std::string saved(const docx::xml::Document& document) {
    std::string out;
    document.save(out);
    return out;
}

// Texts that exercise the escapes: each special character alone, at every offset of an
// eight-byte word, and among Vietnamese letters.
std::vector<std::string> tricky_texts() {
    std::vector<std::string> texts = {"", "plain", "Tỉnh ủy Quảng Nam", "a & b", "<w:p>", "x > y", "\"quoted\"",
                                      "it's", "tab\there", "line\nfeed", "carriage\rreturn", "bell\x07", "\x01\x1f",
                                      "ngày     tháng", "&&<<>>\"\"''"};
    for (const char special : {'&', '<', '>', '"', '\'', '\t', '\n', '\x01'}) {
        for (std::size_t at = 0; at < 20; ++at) {
            std::string text(20, 'a');
            text[at] = special;
            texts.push_back(text + "Đảng bộ");
        }
    }
    return texts;
}

} // namespace

TEST_CASE("the tree writes texts and attribute values as pugixml wrote them", "[docx][xml]") {
    for (const std::string& text : tricky_texts()) {
        pugi::xml_document expected;
        pugi::xml_node root = expected.append_child("w:document");
        root.append_attribute("w:val") = text.c_str();
        root.append_child("w:t").text().set(text.c_str(), text.size());

        docx::xml::Document made;
        docx::xml::Node node = made.append_child("w:document");
        node.append_attribute("w:val") = text.c_str();
        node.append_child("w:t").text().set(text.c_str(), text.size());

        INFO(text);
        CHECK(saved(made) == saved(expected));
    }
}

TEST_CASE("the tree writes elements, numbers and edits as pugixml did", "[docx][xml]") {
    pugi::xml_document expected;
    docx::xml::Document made;
    // The same steps on both trees: pugixml's API and the writer's have the same names.
    auto build = [](auto& document) {
        auto root = document.append_child("w:body");
        root.append_attribute("xmlns:w") = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        auto p = root.append_child("w:p");
        auto ppr = p.append_child("w:pPr");
        auto style = ppr.append_child("w:pStyle");
        style.append_attribute("w:val") = "BodyText";
        ppr.append_child("w:pageBreakBefore");
        ppr.insert_child_after("w:keepNext", style);
        auto ind = ppr.append_child("w:ind");
        ind.append_attribute("w:left") = -567L;
        ind.append_attribute("w:firstLine") = 0;
        ppr.insert_child_before("w:spacing", ind).append_attribute("w:before") = 240u;
        ppr.prepend_child("w:first");
        auto big = p.append_child("w:big");
        big.append_attribute("cx") = 12700LL * 1000000;
        p.append_child("w:r").append_child("w:t").text() = "2";
        auto gone = p.append_child("w:rPr");
        p.remove_child(gone);
        // No element: every change is ignored (the writer relies on it).
        auto none = p.child("w:none");
        none.append_child("w:x").append_attribute("w:val") = 1;
        none.text() = "lost";
        none.child("w:pPr").append_child("w:spacing").append_attribute("w:before") = 240;
        root.append_child("w:sectPr");
        return root;
    };
    build(expected);
    docx::xml::Node root = build(made);
    CHECK(saved(made) == saved(expected));

    // Reading the tree back, as the writer does when it edits after the fact.
    docx::xml::Node p = root.child("w:p");
    REQUIRE(p);
    CHECK(std::string(p.name()) == "w:p");
    CHECK(p.child("w:pPr").child("w:pStyle").attribute("w:val").value() == "BodyText");
    CHECK(p.child("w:pPr").child("w:ind").attribute("w:left").value() == "-567");
    CHECK(!p.child("w:rPr"));
    CHECK(!p.child("w:pPr").attribute("w:none"));
    CHECK(std::string(root.last_child().name()) == "w:sectPr");
    CHECK(root.last_child().previous_sibling() == p);
    CHECK(p.parent() == root);
    CHECK(root.last_child().empty());
    CHECK(!p.empty());
    int runs = 0;
    for (docx::xml::Node r : p.children("w:r")) runs += std::string(r.name()) == "w:r";
    CHECK(runs == 1);
}

TEST_CASE("saved XML stands where it was put, and a cleared tree is built again as a new one", "[docx][xml]") {
    // Rows built in a tree of their own, saved, and put into a table as saved XML, give the
    // bytes of the same rows built in the table itself.
    auto add_rows = [](docx::xml::Node parent, int first, int count) {
        for (int i = first; i < first + count; ++i) {
            docx::xml::Node tr = parent.append_child("w:tr");
            tr.append_child("w:trPr").append_child("w:cantSplit");
            docx::xml::Node t = tr.append_child("w:tc").append_child("w:p").append_child("w:r").append_child("w:t");
            t.text() = ("Thôn " + std::to_string(i) + " & <xã>").c_str();
        }
    };
    docx::xml::Document whole;
    docx::xml::Node table = whole.append_child("w:tbl");
    table.append_child("w:tblPr");
    add_rows(table, 1, 5);
    add_rows(table, 6, 1);

    docx::xml::Document sliced, slice;
    docx::xml::Node sliced_table = sliced.append_child("w:tbl");
    sliced_table.append_child("w:tblPr");
    std::string bytes;
    for (int first : {1, 3, 5}) {
        add_rows(slice.top(), first, first == 5 ? 1 : 2);
        bytes.clear();
        slice.save(bytes);
        sliced_table.append_saved(bytes);
        slice.clear();
        CHECK(saved(slice).empty());
    }
    add_rows(sliced_table, 6, 1);
    CHECK(saved(sliced) == saved(whole));
    // A saved entry is no element: the last element is still found, and it is not empty.
    CHECK(std::string(sliced_table.last_child().name()) == "w:tr");
    CHECK(std::string(sliced_table.last_child().previous_sibling().name()).empty());
    CHECK(!sliced_table.last_child().previous_sibling().empty());
}
