// Word rejects, or "repairs", a part whose property elements are out of the schema's order
// (ECMA-376 Part 1, wml.xsd: the xsd:sequence of each complex type). LibreOffice and
// python-docx are lenient, so this is checked here: for every element kind the writer emits,
// its children must be known and must come in the schema's order.
#include <map>
#include <vector>

#include <catch2/catch.hpp>

#include "docx/docx.hpp"
#include "fixture.hpp"
#include "support.hpp"

using namespace vanban;
using namespace vanban::docx_test;

namespace {

using Sequence = std::vector<std::string>;

// Children in schema order. Names at the same position ("|") may repeat and mix.
const std::map<std::string, Sequence>& schema_sequences() {
    static const std::map<std::string, Sequence> sequences = {
        {"w:pPr",
         {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
          "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
          "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
          "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
          "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
          "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"}},
        {"w:rPr",
         {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
          "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
          "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
          "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
          "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"}},
        {"w:tblPr",
         {"w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
          "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
          "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"}},
        {"w:tcPr",
         {"w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
          "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"}},
        {"w:sectPr",
         {"w:headerReference|w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
          "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
          "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid"}},
        {"w:style",
         {"w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
          "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
          "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"}},
        {"w:styles", {"w:docDefaults", "w:latentStyles", "w:style"}},
        {"w:docDefaults", {"w:rPrDefault", "w:pPrDefault"}},
        {"w:tblBorders", {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}},
        {"w:tblCellMar", {"w:top", "w:left", "w:bottom", "w:right"}},
        {"w:pBdr", {"w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"}},
        {"w:tbl", {"w:tblPr", "w:tblGrid", "w:tr"}},
        {"w:tr", {"w:tblPrEx", "w:trPr", "w:tc"}},
        {"w:tc", {"w:tcPr", "w:p|w:tbl"}},
        // Only the settings the writer uses, in the schema's relative order.
        {"w:settings", {"w:zoom", "w:defaultTabStop", "w:characterSpacingControl", "w:compat", "w:themeFontLang"}},
    };
    return sequences;
}

// Position of `name` in the sequence, or -1.
int rank_of(const Sequence& sequence, const std::string& name) {
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        const std::string& slot = sequence[i];
        std::size_t start = 0;
        while (start <= slot.size()) {
            std::size_t bar = slot.find('|', start);
            if (bar == std::string::npos) bar = slot.size();
            if (slot.compare(start, bar - start, name) == 0) return static_cast<int>(i);
            start = bar + 1;
        }
    }
    return -1;
}

void check_order(pugi::xml_node node, const std::string& part) {
    auto found = schema_sequences().find(node.name());
    if (found != schema_sequences().end()) {
        int last = -1;
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            int rank = rank_of(found->second, child.name());
            INFO(part << ": <" << child.name() << "> in <" << node.name() << ">");
            CHECK(rank >= 0);
            CHECK(rank >= last);
            last = std::max(last, rank);
        }
    }
    for (pugi::xml_node child : node.children()) check_order(child, part);
}

} // namespace

// The Party plan with what the fixtures lack: list levels, and appendices as sections of their
// own (section properties inside a paragraph's properties).
model::Document plan_with_sections_and_levels() {
    model::Document doc = docx_fixture::plan_000_party();
    doc.profile.appendix_restarts_page_numbers = true;
    doc.profile.list_level_indent_mm = 5;
    doc.body.push_back(model::ListItem{"+", 2, {model::Run{"Ý cấp hai."}}});
    return doc;
}

TEST_CASE("property elements come in the schema's order", "[docx][schema]") {
    for (const model::Document& doc :
         {docx_fixture::plan_000_party(), docx_fixture::plan_state(), plan_with_sections_and_levels()}) {
        for (const Entry& e : unzip(docx::render_docx(doc, {"2019-03-25"}))) {
            if (e.name.rfind("word/", 0) != 0 || e.name.find(".rels") != std::string::npos) continue;
            pugi::xml_document part;
            parse_part(part, e.data, e.name);
            check_order(part, e.name);
        }
    }
}
