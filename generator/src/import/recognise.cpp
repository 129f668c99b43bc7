#include "import/recognise.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "import/failure.hpp"
#include "import/figures.hpp"
#include "import/inline_markup.hpp"
#include "import/labels.hpp"
#include "import/tasks.hpp"
#include "import/text_tools.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::import {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t npos = static_cast<std::size_t>(-1);
const std::vector<std::string> default_appendix_title = {"Phụ lục", "PHÂN CÔNG NHIỆM VỤ"};

const Paragraph* paragraph_at(const Draft& draft, std::size_t i) {
    return i < draft.blocks.size() ? std::get_if<Paragraph>(&draft.blocks[i]) : nullptr;
}

std::vector<std::string> text_lines(const Paragraph& p) {
    std::vector<std::string> lines;
    for (const std::vector<Span>& line : split_lines(p.spans)) {
        std::string text;
        for (const Span& s : line) text += s.text;
        lines.push_back(text);
    }
    return lines;
}

// The first line with text, as written (tabs kept: they separate columns).
std::string first_raw_line(const Paragraph& p) {
    for (const std::string& line : text_lines(p))
        if (!trim(line).empty()) return line;
    return "";
}

std::string first_line(const Paragraph& p) { return squeeze(first_raw_line(p)); }

bool is_separator_text(const std::string& text) {
    if (text.size() < 3) return false;
    for (char c : text)
        if (c != '-' && c != '_' && c != '=' && c != '~' && c != '.' && c != '*' && c != ' ') {
            // "—", "–", "─" (multi-byte dashes) count too.
            const std::string s = squeeze(text);
            std::size_t pos = 0;
            while (pos < s.size()) {
                const char32_t cp = text::next_code_point(s, pos);
                if (cp != U'—' && cp != U'–' && cp != U'─' && cp != U'-' && cp != U'_' && cp != U'=' && cp != U'~' &&
                    cp != U'.' && cp != U'*' && cp != U' ')
                    return false;
            }
            return true;
        }
    return true;
}

bool is_bold_throughout(const std::vector<Span>& spans, const Paragraph& p) {
    return p.style_bold || common_emphasis(spans).bold;
}

// The first paragraph of a body ("Thực hiện …, Đảng ủy báo cáo như sau:"), never a summary
// (which may start "thực hiện Chỉ thị …" too, but in lower case and without the colon).
bool opens_body(const std::string& text) {
    static constexpr std::array<std::string_view, 6> openings = {"Căn cứ", "Thực hiện", "Kính gửi", "Để ", "Nhằm", "Theo "};
    for (std::string_view o : openings)
        if (text.rfind(o, 0) == 0 && (word_count(text) > 12 || ends_with_any(text, ":;"))) return true;
    return false;
}

// "[bookmark: _GoBack]": a Word bookmark some extractors write into the text.
bool strip_artefact(std::vector<Span>& spans, std::string& removed) {
    for (Span& span : spans) {
        const std::size_t at = span.text.find("[bookmark: ");
        if (at == std::string::npos) continue;
        const std::size_t end = span.text.find(']', at);
        if (end == std::string::npos) continue;
        removed = span.text.substr(at, end + 1 - at);
        span.text.erase(at, end + 1 - at);
        return true;
    }
    return false;
}

std::size_t leading_blank_bytes(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t') ++i;
        else if (text.compare(i, 2, "\xC2\xA0") == 0) i += 2;
        else break;
    }
    return i;
}

class Recogniser {
public:
    Recogniser(const Draft& draft, const RecogniseOptions& options, std::string source)
        : draft_(draft), options_(options), source_(std::move(source)), vanban_(draft.producer == "vanban") {}

    Recognised run();

private:
    int first_paragraph_of(std::size_t block) const;
    std::size_t find_type() const;
    std::size_t header_only_prefix() const;
    void read_header(std::size_t end);
    std::size_t read_title(std::size_t type_block);
    std::size_t find_closing(std::size_t from) const;
    std::size_t find_appendix(std::size_t from) const;
    std::vector<BodyUnit> body_units(std::size_t from, std::size_t to);
    BodyUnit unit_for(const Paragraph& p);
    void read_closing(std::size_t from, std::size_t to);
    void read_appendix(std::size_t from);
    void keep_in_closing(const Paragraph& p, Message why);
    void decide_profile();
    void assemble();
    json header_json();
    json closing_json(json& data);
    bool assemble_report(json& data);
    void notice(int paragraph, const std::string& text, Message message, std::string path = "") {
        out_.notices.push_back({paragraph, quote(text), std::move(message), std::move(path)});
    }

    const Draft& draft_;
    const RecogniseOptions& options_;
    std::string source_;
    bool vanban_;
    Recognised out_;
    std::vector<HeaderLine> unplaced_header_;
    std::vector<TaskRow> task_rows_;
    std::vector<std::string> appendix_title_;
    std::optional<Text> appendix_subtitle_;
    std::vector<std::vector<Span>> artefact_free_; // paragraphs whose artefacts were cut, kept alive
};

// ---------------------------------------------------------------- zones

int Recogniser::first_paragraph_of(std::size_t block) const {
    if (block >= draft_.blocks.size()) return draft_.paragraph_count + 1;
    if (const Paragraph* p = paragraph_at(draft_, block)) return p->number;
    return std::get<Table>(draft_.blocks[block]).first_paragraph;
}

std::size_t Recogniser::find_type() const {
    for (std::size_t i = 0; i < draft_.blocks.size() && i < 120; ++i) {
        const Paragraph* p = paragraph_at(draft_, i);
        if (!p) continue;
        if (vanban_ && p->style == "Document Type") return i;
        if (find_document_type(first_line(*p))) return i;
    }
    return npos;
}

// Without a document type: the leading paragraphs that are all header lines.
std::size_t Recogniser::header_only_prefix() const {
    std::size_t i = 0;
    for (; i < draft_.blocks.size(); ++i) {
        if (std::holds_alternative<Table>(draft_.blocks[i])) continue;
        const Paragraph& p = std::get<Paragraph>(draft_.blocks[i]);
        bool header = true;
        for (const std::string& line : text_lines(p))
            for (const std::string& column : header_columns(line))
                header = header && classify_header_line(column) != HeaderPart::none &&
                         classify_header_line(column) != HeaderPart::body;
        if (!header) break;
    }
    return i;
}

void Recogniser::read_header(std::size_t end) {
    std::vector<HeaderLine> lines;
    auto add_paragraph = [&](const Paragraph& p, int column) {
        for (const std::vector<Span>& line : split_lines(p.spans)) {
            std::string raw;
            for (const Span& s : line) raw += s.text;
            const std::vector<std::string> parts = header_columns(raw);
            const bool bold = !line.empty() && (p.style_bold || common_emphasis(line).bold);
            for (std::size_t i = 0; i < parts.size(); ++i)
                lines.push_back({parts[i], p.number, column >= 0 ? column : (i == 0 ? 0 : 1), bold, false,
                                 column >= 0 || parts.size() > 1});
        }
    };
    for (std::size_t i = 0; i < end && i < draft_.blocks.size(); ++i) {
        if (const Paragraph* p = paragraph_at(draft_, i)) {
            add_paragraph(*p, -1);
            continue;
        }
        for (const Row& row : std::get<Table>(draft_.blocks[i]).rows)
            for (const Cell& cell : row.cells)
                for (const Paragraph& p : cell.paragraphs) add_paragraph(p, cell.column == 0 ? 0 : 1);
    }
    out_.header = read_header_lines(lines);
    unplaced_header_ = out_.header.unplaced;
}

std::size_t Recogniser::read_title(std::size_t type_block) {
    const Paragraph& tp = *paragraph_at(draft_, type_block);
    out_.type_paragraph = tp.number;
    const std::vector<std::vector<Span>> type_lines = split_lines(tp.spans);
    std::size_t line_index = 0;
    while (line_index < type_lines.size() && trim(plain_text(type_lines[line_index])).empty()) ++line_index;
    out_.type = text::to_upper(plain_text(type_lines[line_index]));
    std::vector<Text> summary;
    auto add_summary = [&](const std::vector<Span>& spans, const Paragraph& p) {
        if (trim(plain_text(spans)).empty()) return;
        // The profile sets the summary in bold: a bold line is not emphasis.
        const Emphasis common = common_emphasis(spans);
        summary.push_back({spans, {p.style_bold || common.bold, p.style_italic, p.style_underline}, p.number});
        out_.summary.push_back({plain_text(spans), p.number});
    };
    for (std::size_t l = line_index + 1; l < type_lines.size(); ++l) add_summary(type_lines[l], tp);

    std::size_t i = type_block + 1;
    for (int taken = 0; i < draft_.blocks.size() && taken < 6; ++i) {
        const Paragraph* p = paragraph_at(draft_, i);
        if (!p) break;
        if (p->empty()) {
            if (p->rule_below) {
                ++i;
                break;
            }
            if (taken > 0 || !summary.empty()) break;
            continue;
        }
        const std::string text = squeeze(p->text());
        if (is_separator_text(text)) break;
        if (vanban_) {
            if (p->style != "Summary") break;
        } else {
            const bool labelled = !p->label.empty() || parse_label(text).has_value();
            if (labelled || opens_body(text)) break;
            // In a DOCX the summary is centred under the type, as the type itself.
            if (draft_.kind == SourceKind::docx && p->align != tp.align) break;
        }
        for (const std::vector<Span>& line : split_lines(p->spans)) add_summary(line, *p);
        ++taken;
        if (p->rule_below) {
            ++i;
            break;
        }
    }
    // The separator under the summary ("-----", "_______", a rule) is the profile's to print.
    while (i < draft_.blocks.size()) {
        const Paragraph* p = paragraph_at(draft_, i);
        if (!p || !(p->empty() || is_separator_text(squeeze(p->text())))) break;
        ++i;
    }
    json lines = json::array();
    for (std::size_t k = 0; k < summary.size(); ++k)
        lines.push_back(encode_text(summary[k], out_.notices, "summary[" + std::to_string(k) + "]"));
    if (lines.empty()) {
        lines.push_back("");
        notice(tp.number, tp.text(), msg("import.missing-summary", "no summary (trích yếu) under the document type: fill in summary"),
               "summary");
    }
    out_.data["summary"] = std::move(lines);
    return i;
}

std::size_t Recogniser::find_closing(std::size_t from) const {
    auto starts_closing = [&](const Paragraph& p) {
        if (vanban_) return p.style == "Recipients Label" || p.style == "Signature Authority";
        const std::vector<std::string> parts = columns(first_raw_line(p));
        const std::string first = parts.empty() ? "" : parts.front();
        return is_recipients_label(first) || is_authority_line(first);
    };
    for (std::size_t i = from; i < draft_.blocks.size(); ++i) {
        if (const Paragraph* p = paragraph_at(draft_, i)) {
            if (starts_closing(*p)) return i;
            continue;
        }
        for (const Row& row : std::get<Table>(draft_.blocks[i]).rows)
            for (const Cell& cell : row.cells)
                for (const Paragraph& p : cell.paragraphs)
                    if (starts_closing(p)) return i;
    }
    return draft_.blocks.size();
}

std::size_t Recogniser::find_appendix(std::size_t from) const {
    for (std::size_t i = from; i < draft_.blocks.size(); ++i) {
        const Paragraph* p = paragraph_at(draft_, i);
        if (!p) continue;
        if (vanban_ ? p->style == "Appendix Title"
                    : (starts_with_folded(first_line(*p), "phụ lục") && word_count(first_line(*p)) <= 10))
            return i;
    }
    return draft_.blocks.size();
}

// ---------------------------------------------------------------- body

BodyUnit Recogniser::unit_for(const Paragraph& p) {
    BodyUnit unit;
    unit.paragraph = &p;
    unit.drop = {p.style_bold, p.style_italic, p.style_underline};
    std::vector<Span> spans = p.spans;
    if (draft_.reads_like_text()) {
        std::string removed;
        while (strip_artefact(spans, removed))
            notice(p.number, p.text(),
                   msg("import.artefact", "left out \"{text}\", a Word bookmark written into the text by the tool that extracted it",
                       {{"text", removed}}));
    }
    if (vanban_) {
        unit.never_labelled = p.style.rfind("Body Text", 0) == 0;
        unit.never_heading = p.style.rfind("List Item", 0) == 0;
        if (p.style.rfind("heading ", 0) == 0) unit.heading_level = std::atoi(p.style.c_str() + 8);
    } else if (!draft_.reads_like_text()) {
        // Markdown's "#" marks only hint at a heading: drafts use them unevenly.
        unit.heading_level = p.outline_level;
    }
    if (!p.label.empty()) {
        if (std::optional<Label> label = parse_label_alone(p.label)) {
            unit.label = label;
            unit.list_level = p.list_level;
        } else {
            // Numbering the outline cannot read ("Điều 1."): kept as the paragraph's text.
            spans.insert(spans.begin(), plain_span(p.label + " "));
        }
        unit.spans = std::move(spans);
    } else if (!unit.never_labelled) {
        std::string text;
        for (const Span& s : spans) text += s.text;
        const std::size_t lead = leading_blank_bytes(text);
        std::size_t consumed = 0;
        if (std::optional<Label> label = parse_label(std::string_view(text).substr(lead), &consumed)) {
            unit.label = label;
            unit.spans = spans_from(spans, lead + consumed);
        } else {
            unit.spans = std::move(spans);
        }
    } else {
        unit.spans = std::move(spans);
    }
    const std::string plain = plain_text(unit.spans);
    const std::size_t words = word_count(plain);
    if (draft_.reads_like_text()) {
        const bool top_kind = unit.label && (unit.label->kind == LabelKind::roman || unit.label->kind == LabelKind::upper_letter);
        unit.looks_like_heading = (top_kind && words <= 30) || p.outline_level > 0 ||
                                  (!ends_with_any(plain, ".;:!?") && words <= 25) || (is_upper_text(plain) && words <= 30);
    } else {
        unit.looks_like_heading = (is_bold_throughout(unit.spans, p) && words <= 40 && !ends_with_any(plain, ".;")) ||
                                  (is_upper_text(plain) && words <= 30);
    }
    return unit;
}

std::vector<BodyUnit> Recogniser::body_units(std::size_t from, std::size_t to) {
    std::vector<BodyUnit> units;
    for (std::size_t i = from; i < to; ++i) {
        if (const Paragraph* p = paragraph_at(draft_, i)) {
            if (!p->empty()) {
                BodyUnit unit = unit_for(*p);
                if (!trim(plain_text(unit.spans)).empty() || unit.label) units.push_back(std::move(unit));
            }
            for (const DrawnChart& chart : p->charts) {
                BodyUnit unit;
                unit.paragraph = p;
                unit.drawn_chart = &chart;
                units.push_back(std::move(unit));
            }
            continue;
        }
        const Table& table = std::get<Table>(draft_.blocks[i]);
        BodyUnit unit;
        unit.table = &table;
        unit.figures = table_to_figures(table, &unit.not_figures);
        if (unit.figures) {
            // A centred bold line just above it is its title; an italic line just below, its note.
            if (!units.empty() && !units.back().table && !units.back().label) {
                const BodyUnit& above = units.back();
                const Paragraph& ap = *above.paragraph;
                // vanban's DOCX: its table caption style (and before it, centred body text).
                const bool centred = vanban_ ? ap.style == "Table Caption" || ap.style == "Body Text Centered"
                                             : ap.align == Align::center;
                if (centred && is_bold_throughout(above.spans, ap) && word_count(plain_text(above.spans)) <= 30) {
                    unit.caption = Text{above.spans, {ap.style_bold, ap.style_italic, ap.style_underline}, ap.number};
                    units.pop_back();
                }
            }
            if (const Paragraph* below = paragraph_at(draft_, i + 1); below && i + 1 < to && !below->empty()) {
                const bool italic = below->style_italic || common_emphasis(below->spans).italic;
                const bool plain_style = vanban_ ? below->style == "Table Note" || below->style == "Body Text No Indent" : true;
                if (italic && plain_style && below->label.empty() && word_count(below->text()) <= 40) {
                    unit.note = Text{below->spans, {below->style_bold, below->style_italic, below->style_underline}, below->number};
                    ++i;
                }
            }
            // The chart just under it (a paragraph with nothing else) is the table's when it draws its figures.
            if (const Paragraph* below = paragraph_at(draft_, i + 1); below && i + 1 < to && below->empty() && below->charts.size() == 1)
                if ((unit.chart = table_chart(*unit.figures, below->charts.front()))) ++i;
        }
        units.push_back(std::move(unit));
    }
    return units;
}

// ---------------------------------------------------------------- closing, appendix

void Recogniser::keep_in_closing(const Paragraph& p, Message why) {
    if (p.empty()) return;
    out_.outline.closing.push_back({p.spans, {p.style_bold, p.style_italic, p.style_underline}, p.number});
    out_.to_closing.push_back({p.number, p.text()});
    notice(p.number, p.text(),
           msg("import.kept-in-closing", "{why}: kept as a closing paragraph of the body", {{"why", std::move(why)}}));
}

void Recogniser::read_closing(std::size_t from, std::size_t to) {
    std::vector<ClosingLine> lines;
    auto add = [&](const Paragraph& p, int column) {
        // vanban's authority lines share a paragraph: "TM. ỦY BAN NHÂN DÂN", then "CHỦ TỊCH". Its
        // style is vanban's own, and keeps its name when an office suite saves the file again.
        const bool authority = p.style == "Signature Authority";
        for (const std::string& line : text_lines(p)) {
            const std::vector<std::string> parts = columns(line);
            if (column >= 0) {
                if (!parts.empty()) lines.push_back({squeeze(line), p.number, column, authority});
                continue;
            }
            for (std::size_t k = 0; k < parts.size(); ++k)
                lines.push_back({parts[k], p.number, parts.size() < 2 ? -1 : (k == 0 ? 0 : 1), authority});
        }
    };
    for (std::size_t i = from; i < to; ++i) {
        if (const Paragraph* p = paragraph_at(draft_, i)) {
            add(*p, -1);
            continue;
        }
        const Table& table = std::get<Table>(draft_.blocks[i]);
        for (const Row& row : table.rows)
            for (const Cell& cell : row.cells)
                for (const Paragraph& p : cell.paragraphs) add(p, row.cells.size() < 2 ? -1 : (cell.column == 0 ? 0 : 1));
    }
    out_.closing = read_closing_lines(lines);
    for (const ClosingLine& line : out_.closing.unplaced) {
        Paragraph p;
        p.number = line.paragraph;
        p.spans = {plain_span(line.text)};
        keep_in_closing(p, msg("import.closing-line", "a line of the closing block that is neither a recipient nor part of the signature"));
    }
}

void Recogniser::read_appendix(std::size_t from) {
    std::size_t i = from;
    // Title lines, then "(Kèm theo …)", then the table.
    for (; i < draft_.blocks.size(); ++i) {
        const Paragraph* p = paragraph_at(draft_, i);
        if (!p) break;
        if (p->empty()) continue;
        const std::string first = first_line(*p);
        if (first.rfind("(", 0) == 0 && starts_with_folded(first.substr(1), "kèm theo")) {
            appendix_subtitle_ = Text{p->spans, {p->style_bold, p->style_italic || common_emphasis(p->spans).italic, p->style_underline}, p->number};
            ++i;
            break;
        }
        if (i > from && word_count(first) > 12) break;
        for (const std::string& line : text_lines(*p))
            if (!trim(line).empty()) appendix_title_.push_back(squeeze(line));
    }
    bool tasks_found = false;
    for (; i < draft_.blocks.size(); ++i) {
        if (const Paragraph* p = paragraph_at(draft_, i)) {
            keep_in_closing(*p, msg("import.appendix-text", "the appendix has text besides its task table"));
            continue;
        }
        const Table& table = std::get<Table>(draft_.blocks[i]);
        if (!tasks_found && is_task_table(table)) {
            task_rows_ = task_rows(table);
            tasks_found = true;
            continue;
        }
        for (const Row& row : table.rows)
            for (const Cell& cell : row.cells)
                for (const Paragraph& p : cell.paragraphs)
                    keep_in_closing(p, msg("import.appendix-table", "a table of the appendix that is not a task table"));
    }
    if (!tasks_found) {
        // The template's appendix is the task table: anything else stays in the text.
        const Paragraph* title = paragraph_at(draft_, from);
        for (const std::string& line : appendix_title_) {
            Paragraph p;
            p.number = title ? title->number : 0;
            p.spans = {plain_span(line)};
            keep_in_closing(p, msg("import.appendix-free", "an appendix without a task table (the template has no free appendix)"));
        }
        if (appendix_subtitle_) {
            Paragraph p;
            p.number = appendix_subtitle_->paragraph;
            p.spans = appendix_subtitle_->spans;
            keep_in_closing(p, msg("import.appendix-subtitle", "the subtitle of an appendix without a task table"));
        }
        appendix_title_.clear();
        appendix_subtitle_.reset();
    }
}

// ---------------------------------------------------------------- the data

void Recogniser::decide_profile() {
    if (!options_.profile.empty()) {
        out_.profile = options_.profile;
        return;
    }
    const Header& h = out_.header;
    // The national title says it outright; the number's form and the signature's prefixes
    // are habits a draft may mix.
    int state = 0, party = 0;
    if (h.state_title) state += 5;
    if (h.party_title) party += 5;
    if (h.number) {
        if (h.number->colon) ++state;
        const std::string& n = h.number->number;
        const std::size_t dash = n.find('-'), slash = n.find('/');
        if (dash != std::string::npos && slash != std::string::npos) (dash < slash ? party : state) += 1;
    }
    for (const std::string& a : out_.closing.authority) {
        if (a.find('/') != std::string::npos) ++party;
        else if (a.find('.') != std::string::npos) ++state;
    }
    out_.profile = state > party ? "state" : "party";
}

json Recogniser::header_json() {
    const Header& h = out_.header;
    const bool state = out_.profile == "state";
    json header = json::object();
    auto escaped = [](const std::vector<std::string>& lines) {
        json a = json::array();
        for (const std::string& l : lines) a.push_back(escape_markup(l));
        return a;
    };
    if (!h.superior.empty()) header["superior"] = escaped(h.superior);
    if (h.issuer.empty()) {
        header["issuer"] = json::array({""});
        notice(0, "", msg("import.missing-issuer", "the header names no issuing body: fill in header.issuer"), "header.issuer");
    } else {
        header["issuer"] = escaped(h.issuer);
    }
    const std::string code = type_code(out_.type.empty() ? "KẾ HOẠCH" : out_.type);
    const std::string placeholder = state ? "/" + code + "-…" : "-" + code + "/…";
    if (!h.number) {
        header["number"] = placeholder;
        notice(0, "", msg("import.missing-number", "no number and code (\"Số …\") found: header.number holds a placeholder to fill in"),
               "header.number");
    } else if (!valid_number(h.number->number)) {
        header["number"] = placeholder;
        notice(h.number_paragraph, h.number->line,
               msg("import.invalid-number",
                   "\"{number}\" is not a number and code (\"19-KH/CB\", \"15/KH-UBND\"): header.number holds a placeholder",
                   {{"number", h.number->number}}),
               "header.number");
    } else {
        header["number"] = h.number->number;
    }
    if (h.place_date) {
        header["place"] = escape_markup(h.place_date->place);
        if (h.place_date->date) header["date"] = text::format_iso_date(*h.place_date->date);
        if (!h.place_date->date_text.empty()) header["date_text"] = escape_markup(h.place_date->date_text);
    } else {
        header["place"] = "";
        notice(0, "",
               msg("import.missing-place-date", "no place and date line (\"…, ngày … tháng … năm …\") found: fill in header.place and header.date"),
               "header.place");
    }
    if (!h.marks.empty()) header["marks"] = escaped(h.marks);
    return header;
}

json Recogniser::closing_json(json& data) {
    const Closing& c = out_.closing;
    const bool state = out_.profile == "state";
    const std::string default_separator = state ? ";" : ",";
    const std::string separator = c.recipients.size() > 1 || !c.separator.empty() ? c.separator : default_separator;
    json recipients = json::array();
    for (const Recipient& r : c.recipients) {
        // Sub-items ("- Các sở, ban, ngành:" then "+ Sở Nội vụ;" …) stay in their recipient,
        // each on a line of its own: the template ends the last one as it ends every line.
        std::string text = escape_markup(r.text);
        for (std::size_t k = 0; k < r.items.size(); ++k)
            text += (k == 0 ? ":\n+ " : separator + "\n+ ") + escape_markup(r.items[k]);
        recipients.push_back(std::move(text));
    }
    if (recipients.empty() && out_.template_name == "ke-hoach") {
        recipients.push_back("…");
        notice(0, "", msg("import.missing-recipients", "no recipients (\"Nơi nhận:\") found: fill in recipients"), "recipients");
    }
    if (!recipients.empty()) data["recipients"] = std::move(recipients);
    if (c.label && squeeze(*c.label) != "Nơi nhận:") data["recipients_label"] = escape_markup(squeeze(*c.label));
    if (separator != default_separator) data["recipients_separator"] = separator;
    if (c.separator_mixed)
        notice(c.label_paragraph, c.label.value_or(""),
               msg("import.recipients-punctuation", "the recipients end in different ways: every line now ends with \"{separator}\"",
                   {{"separator", c.separator}}),
               "recipients_separator");

    json signature = json::object();
    auto lines = [](const std::vector<std::string>& v) {
        json a = json::array();
        for (const std::string& l : v) a.push_back(escape_markup(l));
        return a;
    };
    if (!c.authority.empty()) signature["authority"] = lines(c.authority);
    if (!c.position.empty()) signature["position"] = lines(c.position);
    if (!c.note.empty()) signature["note"] = escape_markup(c.note);
    signature["name"] = escape_markup(c.name);
    if (c.name.empty())
        notice(c.signature_paragraph, "", msg("import.missing-name", "no signer's name found: fill in signature.name"), "signature.name");
    return signature;
}

// The parts of a báo cáo, in the template's order, and words their titles hold.
struct ReportPart {
    const char* field;
    std::vector<const char*> words;
};
const std::vector<ReportPart>& report_parts() {
    static const std::vector<ReportPart> parts = {
        {"situation", {"đặc điểm", "tình hình"}}, {"results", {"kết quả"}},
        {"shortcomings", {"hạn chế", "khuyết điểm", "tồn tại"}}, {"lessons", {"bài học"}},
        {"directions", {"phương hướng", "nhiệm vụ"}}, {"proposals", {"kiến nghị", "đề xuất"}}};
    return parts;
}

bool Recogniser::assemble_report(json& data) {
    const std::vector<ReportPart>& parts = report_parts();
    std::vector<std::size_t> part_of;
    std::size_t next = 0;
    for (const Node& root : out_.outline.roots) {
        const std::string title = folded(plain_text(root.text.spans));
        std::size_t found = parts.size();
        for (std::size_t k = next; k < parts.size() && found == parts.size(); ++k)
            for (const char* w : parts[k].words)
                if (title.find(w) != std::string::npos) {
                    found = k;
                    break;
                }
        // "ĐẶC ĐIỂM TÌNH HÌNH" must not take "TÌNH HÌNH VÀ KẾT QUẢ": results win when named.
        if (found == 0 && title.find("kết quả") != std::string::npos && next <= 1) found = 1;
        if (found == parts.size()) return false;
        part_of.push_back(found);
        next = found + 1;
    }
    if (std::find(part_of.begin(), part_of.end(), std::size_t(1)) == part_of.end()) return false;
    for (std::size_t i = 0; i < part_of.size(); ++i) {
        const char* field = parts[part_of[i]].field;
        data[field] = node_to_json(out_.outline.roots[i], out_.notices, field);
    }
    return true;
}

void Recogniser::assemble() {
    json data = json::object();
    data["profile"] = out_.profile;
    data["header"] = header_json();
    data["type"] = escape_markup(out_.type.empty() ? (out_.template_name == "bao-cao" ? "BÁO CÁO" : "KẾ HOẠCH") : out_.type);
    data["summary"] = out_.data["summary"];
    if (appendix_subtitle_) {
        // "(Kèm theo Kế hoạch số …, ngày … của Chi bộ …)": who issued it, in words.
        const std::string subtitle = plain_text(appendix_subtitle_->spans);
        constexpr std::string_view of_word = " của ";
        const std::size_t of = subtitle.rfind(of_word);
        if (of != std::string::npos && subtitle.back() == ')') {
            const std::size_t start = of + of_word.size();
            data["issued_by"] = escape_markup(subtitle.substr(start, subtitle.size() - 1 - start));
        }
    }
    json intro = json::array();
    for (std::size_t k = 0; k < out_.outline.intro.size(); ++k)
        intro.push_back(encode_text(out_.outline.intro[k], out_.notices, "intro[" + std::to_string(k) + "]"));
    if (!intro.empty()) data["intro"] = std::move(intro);
    const std::vector<std::string> numbering = assign_numbering(out_.outline.roots);
    data["numbering"] = numbering;
    bool placed = false;
    if (out_.template_name == "bao-cao") {
        placed = assemble_report(data);
        if (!placed) {
            out_.template_name = "ke-hoach";
            notice(0, "",
                   msg("import.not-report-parts",
                       "the sections are not the parts of a báo cáo (kết quả, hạn chế, phương hướng …): imported for the template ke-hoach"));
        }
    }
    if (!placed) {
        json sections = json::array();
        for (std::size_t k = 0; k < out_.outline.roots.size(); ++k)
            sections.push_back(node_to_json(out_.outline.roots[k], out_.notices, "sections[" + std::to_string(k) + "]"));
        if (sections.empty()) {
            sections.push_back({{"text", ""}});
            notice(0, "", msg("import.missing-sections", "no numbered sections found: the body is in the opening paragraphs"), "sections");
        }
        data["sections"] = std::move(sections);
    }
    json closing = json::array();
    for (std::size_t k = 0; k < out_.outline.closing.size(); ++k)
        closing.push_back(encode_text(out_.outline.closing[k], out_.notices, "closing[" + std::to_string(k) + "]"));
    if (!closing.empty()) data["closing"] = std::move(closing);
    const json signature = closing_json(data);
    data["signature"] = signature;
    if (out_.template_name == "ke-hoach") {
        json appendix = {{"tasks", out_.task_table}};
        if (out_.task_table && appendix_title_ != default_appendix_title) appendix["title"] = appendix_title_;
        if (out_.task_table && appendix_subtitle_) {
            const std::string subtitle = encode_text(*appendix_subtitle_, out_.notices, "appendix.subtitle");
            std::string standard = "(Kèm theo " + text::capitalize_first(text::to_lower(data["type"].get<std::string>())) +
                                   " số " + data["header"]["number"].get<std::string>();
            if (data["header"].contains("date")) {
                const std::optional<text::Date> d = text::parse_iso_date(data["header"]["date"].get<std::string>());
                standard += (out_.profile == "state" ? " ngày " : ", ngày ") + text::format_date(*d, "DD/MM/YYYY");
            }
            if (data.contains("issued_by")) standard += " của " + data["issued_by"].get<std::string>();
            // The writer breaks a long subtitle where it fits: a break is not the data's own.
            std::string unbroken = subtitle;
            for (char& ch : unbroken)
                if (ch == '\n') ch = ' ';
            if (unbroken != standard + ")") appendix["subtitle"] = subtitle;
        }
        data["appendix"] = std::move(appendix);
    }
    // The schema's order: what a clerk reads first, first.
    json ordered = json::object();
    for (const char* key : {"profile", "header", "type", "summary", "issued_by", "intro", "numbering", "sections",
                            "situation", "results", "shortcomings", "lessons", "directions", "proposals", "closing",
                            "recipients", "recipients_label", "recipients_separator", "signature", "appendix"})
        if (data.contains(key)) ordered[key] = data[key];
    out_.data = std::move(ordered);
}

Recognised Recogniser::run() {
    bool any_text = false;
    for (const Paragraph* p : all_paragraphs(draft_)) any_text = any_text || !p->empty() || !p->label.empty();
    if (!any_text) {
        fail(ErrorKind::data, source_, msg("import.no-text", "the document has no text to import"));
    }
    const std::size_t type_block = find_type();
    const std::size_t header_end = type_block == npos ? header_only_prefix() : type_block;
    read_header(header_end);
    out_.header_end = first_paragraph_of(header_end);
    std::size_t body_begin = header_end;
    if (type_block != npos) {
        body_begin = read_title(type_block);
    } else {
        out_.data["summary"] = json::array({""});
        notice(0, "",
               msg("import.missing-type",
                   "no document type line (KẾ HOẠCH, BÁO CÁO …) found: the template's default type is printed; fill in type and summary"),
               "type");
    }
    out_.body_begin = first_paragraph_of(body_begin);
    const std::size_t closing_begin = find_closing(body_begin);
    const std::size_t appendix_begin = find_appendix(closing_begin < draft_.blocks.size() ? closing_begin + 1 : body_begin);
    const std::size_t body_end = std::min(closing_begin, appendix_begin);
    out_.closing_begin = first_paragraph_of(body_end);

    OutlineBuilder builder(out_.notices);
    const std::vector<BodyUnit> units = body_units(body_begin, body_end);
    out_.outline = builder.build(units);
    // Header lines that fit no part of the header open the body instead.
    for (auto it = unplaced_header_.rbegin(); it != unplaced_header_.rend(); ++it) {
        out_.outline.intro.insert(out_.outline.intro.begin(), Text{{plain_span(it->text)}, {}, it->paragraph});
        out_.to_opening.insert(out_.to_opening.begin(), {it->paragraph, it->text});
        notice(it->paragraph, it->text,
               msg("import.header-line", "a line of the header that is none of its parts: kept as an opening paragraph"));
    }
    if (closing_begin < draft_.blocks.size()) read_closing(closing_begin, appendix_begin);
    if (appendix_begin < draft_.blocks.size()) read_appendix(appendix_begin);

    out_.task_table = !task_rows_.empty();
    if (out_.task_table) apply_task_rows(out_.outline.roots, task_rows_, out_.notices);
    else read_tasks_from_text(out_.outline.roots);

    out_.template_name = options_.template_name.empty()
                             ? (text::to_upper(out_.type) == "BÁO CÁO" ? "bao-cao" : "ke-hoach")
                             : options_.template_name;
    decide_profile();
    assemble();
    return std::move(out_);
}

} // namespace

Recognised recognise(const Draft& draft, const RecogniseOptions& options, const std::string& source_name) {
    return Recogniser(draft, options, source_name).run();
}

} // namespace vanban::import
