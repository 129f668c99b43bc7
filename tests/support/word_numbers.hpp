// The labels Word prints before numbered paragraphs, counted as Word counts them: the
// single-level lists of word/numbering.xml (w:numFmt, w:lvlText, each w:num's start), one
// counter per w:num, in document order. For tests that read a DOCX's text as Word shows it.
#pragma once

#include <map>
#include <string>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "text/vietnamese.hpp"

namespace vanban::testing {

class WordNumbers {
public:
    // `numbering_xml` is the text of the part, "" when the package has none.
    explicit WordNumbers(const std::string& numbering_xml) {
        if (numbering_xml.empty()) return;
        REQUIRE(numbering_.load_buffer(numbering_xml.data(), numbering_xml.size()));
    }

    // The label of a paragraph with w:numPr and the space after it; "" for any other. Called
    // for every paragraph in document order, as it counts.
    std::string label(pugi::xml_node paragraph) {
        const pugi::xml_node num_pr = paragraph.child("w:pPr").child("w:numPr");
        if (!num_pr) return {};
        const std::string num_id = num_pr.child("w:numId").attribute("w:val").value();
        const pugi::xml_node num = numbering_.select_node(("//w:num[@w:numId='" + num_id + "']").c_str()).node();
        REQUIRE(num);
        const std::string abstract_id = num.child("w:abstractNumId").attribute("w:val").value();
        const pugi::xml_node lvl =
            numbering_.select_node(("//w:abstractNum[@w:abstractNumId='" + abstract_id + "']/w:lvl").c_str()).node();
        REQUIRE(lvl);
        auto [it, fresh] = counters_.try_emplace(num_id, 0);
        if (fresh) it->second = num.child("w:lvlOverride").child("w:startOverride").attribute("w:val").as_int(1);
        else ++it->second;
        std::string text = lvl.child("w:lvlText").attribute("w:val").value();
        const std::size_t at = text.find("%1");
        if (at != std::string::npos)
            text.replace(at, 2, formatted(lvl.child("w:numFmt").attribute("w:val").value(), it->second));
        return text + " ";
    }

private:
    static std::string formatted(const std::string& format, int value) {
        if (format == "upperRoman") return text::to_roman(value).value_or("?");
        if (format == "upperLetter") return std::string(1, static_cast<char>('A' + value - 1));
        if (format == "lowerLetter") return std::string(1, static_cast<char>('a' + value - 1));
        return std::to_string(value);
    }

    pugi::xml_document numbering_;
    std::map<std::string, int> counters_;
};

} // namespace vanban::testing
