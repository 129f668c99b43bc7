#include "import/docx_reader.hpp"

#include <cstdlib>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "import/docx_chart.hpp"
#include "import/docx_numbering.hpp"
#include "import/docx_styles.hpp"
#include "import/failure.hpp"
#include "import/ooxml.hpp"
#include "import/zip_package.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

constexpr std::string_view rel_office_document = "/officeDocument";

// "word/document.xml" + "styles.xml" -> "word/styles.xml"; "/word/x.xml" stays absolute.
std::string resolve_target(const std::string& base_part, std::string target) {
    if (!target.empty() && target.front() == '/') return target.substr(1);
    const std::size_t slash = base_part.rfind('/');
    std::string folder = slash == std::string::npos ? "" : base_part.substr(0, slash + 1);
    while (target.rfind("../", 0) == 0) {
        target.erase(0, 3);
        if (!folder.empty()) folder.pop_back();
        const std::size_t up = folder.rfind('/');
        folder = up == std::string::npos ? "" : folder.substr(0, up + 1);
    }
    return folder + target;
}

// The relationships of a part: type suffix ("/styles") -> target part.
std::vector<std::pair<std::string, std::string>> relationships(ZipPackage& package, const std::string& part,
                                                               const std::string& source) {
    const std::size_t slash = part.rfind('/');
    const std::string rels = (slash == std::string::npos ? "" : part.substr(0, slash + 1)) + "_rels/" +
                             part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
    std::vector<std::pair<std::string, std::string>> out;
    const std::optional<std::string> bytes = package.read(rels);
    if (!bytes) return out;
    pugi::xml_document doc;
    ooxml::parse(doc, *bytes, source, rels);
    for (pugi::xml_node r : doc.document_element().children()) {
        const std::string type = r.attribute("Type").value();
        if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
        const std::size_t cut = type.rfind('/');
        out.emplace_back(cut == std::string::npos ? type : type.substr(cut), resolve_target(part, r.attribute("Target").value()));
    }
    return out;
}

// The relationships of a part by id ("rId5" -> "word/charts/chart1.xml").
std::map<std::string, std::string> targets_by_id(ZipPackage& package, const std::string& part, const std::string& source) {
    std::map<std::string, std::string> out;
    const std::size_t slash = part.rfind('/');
    const std::string rels = (slash == std::string::npos ? "" : part.substr(0, slash + 1)) + "_rels/" +
                             part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
    const std::optional<std::string> bytes = package.read(rels);
    if (!bytes) return out;
    pugi::xml_document doc;
    ooxml::parse(doc, *bytes, source, rels);
    for (pugi::xml_node r : doc.document_element().children())
        if (std::string_view(r.attribute("TargetMode").value()) != "External")
            out[r.attribute("Id").value()] = resolve_target(part, r.attribute("Target").value());
    return out;
}

std::optional<std::string> target_of(const std::vector<std::pair<std::string, std::string>>& rels, std::string_view type) {
    for (const auto& [t, target] : rels)
        if (t == type) return target;
    return std::nullopt;
}

class DocxReader {
public:
    DocxReader(std::string_view bytes, const ReadLimits& limits, std::string source)
        : limits_(limits), source_(std::move(source)), package_(bytes, limits, source_) {}

    Draft read();

private:
    void load_parts(const std::string& main_part);
    void read_blocks(pugi::xml_node container, std::vector<Block>& out, int depth);
    void read_paragraph(pugi::xml_node p, std::vector<Paragraph>& out, int depth);
    void read_inline(pugi::xml_node node, Paragraph& para, const RunLook& base, std::vector<Paragraph>& boxes, int depth);
    void read_run(pugi::xml_node r, Paragraph& para, const RunLook& base, std::vector<Paragraph>& boxes, int depth);
    void read_text_boxes(pugi::xml_node node, std::vector<Paragraph>& boxes, int depth);
    void read_chart(pugi::xml_node drawing, Paragraph& para);
    void end_section(pugi::xml_node sect);
    Table read_table(pugi::xml_node tbl, int depth);
    void read_cell(pugi::xml_node tc, Cell& cell, int depth);
    void read_page_setup(pugi::xml_node sect);
    void append_text(Paragraph& para, const RunLook& look, std::string text);
    void count_paragraph();
    void note(int paragraph, Message message);
    void check_depth(int depth) const;

    const ReadLimits& limits_;
    std::string source_;
    ZipPackage package_;
    ooxml::Names w_;
    StyleSheet styles_;
    Numbering numbering_;
    Draft draft_;
    pugi::xml_document document_;
    std::map<std::string, std::string> document_targets_; // the main part's relationships by id
    std::size_t section_start_ = 0;                       // the body's block where the current section starts
    std::vector<bool> field_instructions_; // open fields: true while in their instructions
    bool page_break_pending_ = false;
    std::size_t cells_ = 0;
    int noted_hidden_ = -1, noted_deleted_ = -1;
};

Draft DocxReader::read() {
    draft_.kind = SourceKind::docx;
    std::string main_part = "word/document.xml";
    if (const auto found = target_of(relationships(package_, "", source_), rel_office_document)) main_part = *found;
    load_parts(main_part);
    const std::optional<std::string> bytes = package_.read(main_part);
    if (!bytes) {
        if (const auto mime = package_.read("mimetype"); mime && mime->find("opendocument") != std::string::npos)
            fail(ErrorKind::data, source_, msg("import.odt", "this is an OpenDocument file (.odt), not a DOCX"),
                 msg("import.hint-save-docx", "save it as Word (.docx) first"));
        fail(ErrorKind::data, source_,
             msg("import.no-document-part", "not a DOCX: the zip holds no {part} (an .xlsx, .pptx or another zip?)",
                 {{"part", main_part}}));
    }
    if (const auto app = package_.read("docProps/app.xml")) {
        pugi::xml_document properties;
        ooxml::parse(properties, *app, source_, "docProps/app.xml");
        draft_.producer = properties.document_element().child("Application").text().get();
    }
    ooxml::parse(document_, *bytes, source_, main_part);
    const pugi::xml_node root = document_.document_element();
    w_ = ooxml::Names(root);
    document_targets_ = targets_by_id(package_, main_part, source_);
    read_blocks(w_.child(root, "body"), draft_.blocks, 0);
    return std::move(draft_);
}

void DocxReader::load_parts(const std::string& main_part) {
    const auto rels = relationships(package_, main_part, source_);
    std::map<std::string, std::string> theme_fonts;
    if (const auto theme_part = target_of(rels, "/theme"))
        if (const auto bytes = package_.read(*theme_part)) {
            pugi::xml_document theme;
            ooxml::parse(theme, *bytes, source_, *theme_part);
            theme_fonts = read_theme_fonts(theme);
        }
    pugi::xml_document styles;
    if (const auto part = target_of(rels, "/styles"))
        if (const auto bytes = package_.read(*part)) ooxml::parse(styles, *bytes, source_, *part);
    styles_.load(styles, std::move(theme_fonts));
    if (const auto part = target_of(rels, "/numbering"))
        if (const auto bytes = package_.read(*part)) {
            pugi::xml_document numbering;
            ooxml::parse(numbering, *bytes, source_, *part);
            numbering_ = Numbering(numbering);
        }
}

void DocxReader::check_depth(int depth) const {
    if (depth > limits_.max_nesting)
        fail(ErrorKind::limit, source_,
             msg("import.too-deep", "the document nests tables or content controls more than {limit} deep",
                 {{"limit", limits_.max_nesting}}));
}

void DocxReader::count_paragraph() {
    if (static_cast<std::size_t>(++draft_.paragraph_count) > limits_.max_paragraphs)
        fail(ErrorKind::limit, source_,
             msg("import.too-many-paragraphs", "the document has more than {limit} paragraphs, past the import's limit",
                 {{"limit", limits_.max_paragraphs}}));
}

void DocxReader::note(int paragraph, Message message) { draft_.notes.push_back({paragraph, std::move(message)}); }

// Block-level content: paragraphs, tables, and the wrappers that hold them (content
// controls, custom XML). The first section's page setup is the one that counts.
void DocxReader::read_blocks(pugi::xml_node container, std::vector<Block>& out, int depth) {
    check_depth(depth);
    for (pugi::xml_node node : container.children()) {
        if (w_.is(node, "p")) {
            std::vector<Paragraph> paragraphs;
            read_paragraph(node, paragraphs, depth);
            for (Paragraph& p : paragraphs) out.emplace_back(std::move(p));
            if (&out == &draft_.blocks) end_section(w_.child(w_.child(node, "pPr"), "sectPr"));
        } else if (w_.is(node, "tbl")) {
            out.emplace_back(read_table(node, depth + 1));
        } else if (w_.is(node, "sdt")) {
            read_blocks(w_.child(node, "sdtContent"), out, depth + 1);
        } else if (w_.is(node, "customXml") || w_.is(node, "ins") || w_.is(node, "moveTo")) {
            read_blocks(node, out, depth + 1);
        } else if (w_.is(node, "sectPr")) {
            read_page_setup(node);
            if (&out == &draft_.blocks) end_section(node);
        }
    }
}

// A section ends at the paragraph that holds its w:sectPr (or at the body's last one): the
// tables in a section of landscape pages are landscape tables.
void DocxReader::end_section(pugi::xml_node sect) {
    if (!sect) return;
    const pugi::xml_node size = w_.child(sect, "pgSz");
    const bool landscape = std::string_view(w_.attr(size, "orient").value()) == "landscape" ||
                           w_.attr(size, "w").as_double() > w_.attr(size, "h").as_double();
    if (landscape)
        for (std::size_t i = section_start_; i < draft_.blocks.size(); ++i)
            if (auto* table = std::get_if<Table>(&draft_.blocks[i])) table->landscape = true;
    section_start_ = draft_.blocks.size();
}

void DocxReader::read_page_setup(pugi::xml_node sect) {
    if (draft_.page.known || !sect) return;
    const pugi::xml_node size = w_.child(sect, "pgSz");
    const pugi::xml_node margins = w_.child(sect, "pgMar");
    if (!size || !margins) return;
    auto mm = [&](pugi::xml_node n, const char* name) { return ooxml::twips_to_mm(w_.attr(n, name).as_double()); };
    draft_.page = {true, mm(size, "w"), mm(size, "h"), mm(margins, "top"), mm(margins, "bottom"),
                   mm(margins, "left"), mm(margins, "right")};
    if (draft_.page.margin_left_mm == 0 && w_.attr(margins, "start")) draft_.page.margin_left_mm = mm(margins, "start");
    if (draft_.page.margin_right_mm == 0 && w_.attr(margins, "end")) draft_.page.margin_right_mm = mm(margins, "end");
}

void DocxReader::read_paragraph(pugi::xml_node p, std::vector<Paragraph>& out, int depth) {
    count_paragraph();
    Paragraph para;
    para.number = draft_.paragraph_count;
    const pugi::xml_node ppr = w_.child(p, "pPr");
    const std::string style_id = styles_.paragraph_style(w_.val(ppr, "pStyle").value());
    para.style = styles_.name(style_id);
    ParagraphLook look = styles_.paragraph_look(style_id);
    look.overlay(read_paragraph_look(w_, ppr));
    para.align = look.align.value_or(Align::unknown);
    para.indent_left_mm = look.indent_left_mm.value_or(0);
    para.indent_first_mm = look.indent_first_mm.value_or(0);
    para.outline_level = look.outline_level.value_or(0);
    para.rule_below = look.rule_below.value_or(false);
    para.page_break_before = look.page_break_before.value_or(false) || page_break_pending_;
    page_break_pending_ = false;
    const RunLook base = styles_.paragraph_run_look(style_id);
    para.style_bold = base.bold.value_or(false);
    para.style_italic = base.italic.value_or(false);
    para.style_underline = base.underline.value_or(false);
    if (look.num_id) {
        para.label = numbering_.next_label(*look.num_id, look.num_level.value_or(0));
        if (!para.label.empty()) para.list_level = numbering_.level_name(*look.num_id, look.num_level.value_or(0));
    }

    std::vector<Paragraph> boxes;
    read_inline(p, para, base, boxes, depth);
    // A section break ends its section at this paragraph; the next section starts a page.
    if (const pugi::xml_node sect = w_.child(ppr, "sectPr")) {
        read_page_setup(sect);
        const std::string_view type = w_.val(sect, "type").value();
        if (type != "continuous") page_break_pending_ = true;
    }
    out.push_back(std::move(para));
    for (Paragraph& box : boxes) out.push_back(std::move(box));
}

// The runs of a paragraph and the inline wrappers around them (hyperlinks, smart tags,
// content controls, insertions, simple fields).
void DocxReader::read_inline(pugi::xml_node node, Paragraph& para, const RunLook& base, std::vector<Paragraph>& boxes,
                             int depth) {
    check_depth(depth);
    for (pugi::xml_node child : node.children()) {
        if (w_.is(child, "r")) {
            read_run(child, para, base, boxes, depth);
        } else if (w_.is(child, "hyperlink") || w_.is(child, "smartTag") || w_.is(child, "customXml") ||
                   w_.is(child, "ins") || w_.is(child, "moveTo") || w_.is(child, "fldSimple") || w_.is(child, "dir") ||
                   w_.is(child, "bdo")) {
            read_inline(child, para, base, boxes, depth + 1);
        } else if (w_.is(child, "sdt")) {
            read_inline(w_.child(child, "sdtContent"), para, base, boxes, depth + 1);
        } else if (w_.is(child, "del") || w_.is(child, "moveFrom")) {
            if (noted_deleted_ != para.number) {
                noted_deleted_ = para.number;
                note(para.number, msg("import.tracked-deletion", "a tracked deletion was left out (changes are read as accepted)"));
            }
        } else if (std::string_view(child.name()) == "mc:AlternateContent") {
            // The same content twice (for new and old readers): the first choice only.
            pugi::xml_node choice = child.child("mc:Choice");
            read_inline(choice ? choice : child.child("mc:Fallback"), para, base, boxes, depth + 1);
        }
    }
}

void DocxReader::append_text(Paragraph& para, const RunLook& look, std::string text) {
    if (text.empty()) return;
    if (look.caps.value_or(false)) text = text::to_upper(text);
    const bool bold = look.bold.value_or(false), italic = look.italic.value_or(false),
               underline = look.underline.value_or(false);
    const std::string font = look.font.value_or("");
    const double size = look.size_pt.value_or(0);
    if (!para.spans.empty()) {
        Span& last = para.spans.back();
        if (last.bold == bold && last.italic == italic && last.underline == underline && last.font == font &&
            last.size_pt == size) {
            last.text += text;
            return;
        }
    }
    para.spans.push_back({std::move(text), bold, italic, underline, font, size});
}

void DocxReader::read_run(pugi::xml_node r, Paragraph& para, const RunLook& base, std::vector<Paragraph>& boxes,
                          int depth) {
    RunLook look = base;
    const pugi::xml_node rpr = w_.child(r, "rPr");
    if (const pugi::xml_attribute rstyle = w_.val(rpr, "rStyle")) look.overlay(styles_.character_look(rstyle.value()));
    look.overlay(read_run_look(w_, rpr, styles_.theme_fonts()));
    const bool hidden = look.hidden.value_or(false);
    for (pugi::xml_node c : r.children()) {
        if (w_.is(c, "fldChar")) {
            const std::string_view type = w_.attr(c, "fldCharType").value();
            if (type == "begin") field_instructions_.push_back(true);
            else if (type == "separate" && !field_instructions_.empty()) field_instructions_.back() = false;
            else if (type == "end" && !field_instructions_.empty()) field_instructions_.pop_back();
            continue;
        }
        const bool in_instructions = !field_instructions_.empty() && field_instructions_.back();
        if (w_.is(c, "drawing") || w_.is(c, "pict") || std::string_view(c.name()) == "mc:AlternateContent") {
            read_chart(c, para);
            read_text_boxes(c, boxes, depth + 1);
            continue;
        }
        if (in_instructions) continue;
        std::string text;
        if (w_.is(c, "t")) text = c.text().get();
        else if (w_.is(c, "tab") || w_.is(c, "ptab")) text = "\t";
        else if (w_.is(c, "cr")) text = "\n";
        else if (w_.is(c, "br")) {
            if (std::string_view(w_.attr(c, "type").value()) == "page") {
                if (para.empty()) para.page_break_before = true;
                else page_break_pending_ = true;
                continue;
            }
            text = "\n";
        } else if (w_.is(c, "noBreakHyphen")) text = "-";
        else if (w_.is(c, "sym")) {
            const char32_t cp = static_cast<char32_t>(std::strtoul(w_.attr(c, "char").value(), nullptr, 16));
            text::append_utf8(text, cp);
            text = visible_bullet(text);
        } else {
            continue; // softHyphen, lastRenderedPageBreak, footnote references, annotations
        }
        if (hidden) {
            if (noted_hidden_ != para.number) {
                noted_hidden_ = para.number;
                note(para.number, msg("import.hidden-text", "hidden text was left out"));
            }
            continue;
        }
        append_text(para, look, std::move(text));
    }
}

// A chart drawn inline: its part's cached figures (a drawing that is no chart is left alone).
void DocxReader::read_chart(pugi::xml_node drawing, Paragraph& para) {
    double height_mm = 0;
    const std::string id = chart_reference(drawing, height_mm);
    if (id.empty()) return;
    const auto target = document_targets_.find(id);
    if (target == document_targets_.end()) return;
    const std::optional<std::string> bytes = package_.read(target->second);
    if (!bytes) return;
    DrawnChart chart = read_chart_part(*bytes, source_, target->second);
    chart.height_mm = height_mm;
    para.charts.push_back(std::move(chart));
}

// Text boxes (w:txbxContent) anywhere inside a drawing: their paragraphs, after the
// paragraph that anchors them. A VML fallback and its DrawingML twin hold the same text;
// mc:AlternateContent's first choice alone is read.
void DocxReader::read_text_boxes(pugi::xml_node node, std::vector<Paragraph>& boxes, int depth) {
    check_depth(depth);
    if (std::string_view(node.name()) == "mc:AlternateContent") {
        pugi::xml_node choice = node.child("mc:Choice");
        read_text_boxes(choice ? choice : node.child("mc:Fallback"), boxes, depth + 1);
        return;
    }
    for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (w_.is(child, "txbxContent")) {
            std::vector<Block> blocks;
            read_blocks(child, blocks, depth + 1);
            for (Block& b : blocks) {
                if (auto* p = std::get_if<Paragraph>(&b)) boxes.push_back(std::move(*p));
                else
                    for (Row& row : std::get<Table>(b).rows)
                        for (Cell& cell : row.cells)
                            for (Paragraph& p : cell.paragraphs) boxes.push_back(std::move(p));
            }
        } else {
            read_text_boxes(child, boxes, depth + 1);
        }
    }
}

Table DocxReader::read_table(pugi::xml_node tbl, int depth) {
    check_depth(depth);
    Table table;
    table.first_paragraph = draft_.paragraph_count + 1;
    const pugi::xml_node tblpr = w_.child(tbl, "tblPr");
    table.borders = styles_.table_style_has_borders(w_.val(tblpr, "tblStyle").value());
    if (const pugi::xml_node borders = w_.child(tblpr, "tblBorders")) table.borders = any_border_drawn(w_, borders);
    for (pugi::xml_node col : w_.child(tbl, "tblGrid").children())
        if (w_.is(col, "gridCol")) table.grid.push_back(w_.attr(col, "w").as_double());
    // Rows may sit in content controls or custom XML: gather them first.
    std::vector<pugi::xml_node> rows;
    std::vector<pugi::xml_node> pending{tbl};
    for (std::size_t i = 0; i < pending.size(); ++i)
        for (pugi::xml_node c : pending[i].children()) {
            if (w_.is(c, "tr")) rows.push_back(c);
            else if (w_.is(c, "sdt")) pending.push_back(w_.child(c, "sdtContent"));
            else if (w_.is(c, "customXml")) pending.push_back(c);
        }
    for (pugi::xml_node tr : rows) {
        Row row;
        int column = w_.val(w_.child(tr, "trPr"), "gridBefore").as_int();
        for (pugi::xml_node tc : tr.children()) {
            if (w_.is(tc, "sdt")) tc = w_.child(w_.child(tc, "sdtContent"), "tc");
            if (!w_.is(tc, "tc")) continue;
            if (++cells_ > limits_.max_table_cells)
                fail(ErrorKind::limit, source_,
                     msg("import.too-many-cells", "the document's tables have more than {limit} cells",
                         {{"limit", limits_.max_table_cells}}));
            Cell cell;
            const pugi::xml_node tcpr = w_.child(tc, "tcPr");
            cell.column = column;
            cell.span = std::max(1, w_.val(tcpr, "gridSpan").as_int(1));
            if (const pugi::xml_node merge = w_.child(tcpr, "vMerge"))
                cell.continues_above = std::string_view(w_.attr(merge, "val").value()) != "restart";
            if (const pugi::xml_node borders = w_.child(tcpr, "tcBorders"); borders && any_border_drawn(w_, borders))
                table.borders = true;
            read_cell(tc, cell, depth + 1);
            column += cell.span;
            row.cells.push_back(std::move(cell));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

void DocxReader::read_cell(pugi::xml_node tc, Cell& cell, int depth) {
    std::vector<Block> blocks;
    read_blocks(tc, blocks, depth);
    for (Block& b : blocks) {
        if (auto* p = std::get_if<Paragraph>(&b)) {
            cell.paragraphs.push_back(std::move(*p));
            continue;
        }
        const Table& nested = std::get<Table>(b);
        note(nested.first_paragraph, msg("import.nested-table", "a table inside a table cell was read as paragraphs"));
        for (const Row& row : nested.rows)
            for (const Cell& inner : row.cells)
                for (const Paragraph& p : inner.paragraphs) cell.paragraphs.push_back(p);
    }
}

} // namespace

Draft read_docx(std::string_view bytes, const ReadLimits& limits, const std::string& source_name) {
    if (bytes.size() > limits.max_input_bytes)
        fail(ErrorKind::limit, source_name,
             msg("import.too-large", "the file has {size} bytes, past the import's limit of {limit} MB",
                 {{"size", bytes.size()}, {"limit", limits.max_input_bytes >> 20}}));
    DocxReader reader(bytes, limits, source_name);
    return reader.read();
}

} // namespace vanban::import
