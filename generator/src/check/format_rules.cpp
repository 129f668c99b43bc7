// Format: the look of the draft (fonts, sizes, paper and margins) and the form of its parts
// (header, number and code, place and date, summary, numbering, recipients, signature),
// against Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP (State). The rules and
// their sources are listed in docs/check.md.
#include <cmath>
#include <map>
#include <set>

#include "check/check.hpp"
#include "import/header.hpp"
#include "import/labels.hpp"
#include "import/text_tools.hpp"
#include "text/utf8.hpp"

namespace vanban::check {

namespace {

using import::folded;
using json = nlohmann::ordered_json;

bool is_state(const Subject& s) { return s.profile == "state"; }

Message top() { return msg("check.side-top", "top"); }
Message bottom() { return msg("check.side-bottom", "bottom"); }
Message left() { return msg("check.side-left", "left"); }
Message right() { return msg("check.side-right", "right"); }
Message no_issuer() { return msg("check.no-issuer", "the header names no issuing body"); }

// The paragraphs' texts by number, for quoting the place of a finding.
class Quotes {
public:
    explicit Quotes(const import::Draft* draft) {
        if (!draft) return;
        for (const import::Paragraph* p : import::all_paragraphs(*draft))
            text_[p->number] = p->label.empty() ? p->text() : p->label + " " + p->text();
    }
    std::string operator()(int paragraph) const {
        const auto found = text_.find(paragraph);
        return found == text_.end() ? "" : found->second;
    }

private:
    std::map<int, std::string> text_;
};

std::string pt(double size) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, size == std::floor(size) ? "%.0f" : "%.1f", size);
    return buffer;
}

// ---------------------------------------------------------------- the look of a DOCX

void check_fonts(const import::Draft& draft, Findings& out) {
    struct Use {
        std::size_t bytes = 0;
        int first = 0;
        std::string quote;
    };
    std::map<std::string, Use> fonts;
    std::size_t total = 0;
    for (const import::Paragraph* p : import::all_paragraphs(draft))
        for (const import::Span& span : p->spans) {
            if (span.font.empty() || import::trim(span.text).empty()) continue;
            Use& use = fonts[span.font];
            if (!use.first) {
                use.first = p->number;
                use.quote = p->text();
            }
            use.bytes += span.text.size();
            total += span.text.size();
        }
    for (const auto& [font, use] : fonts) {
        if (folded(font) == "times new roman") continue;
        const long share = std::lround(100.0 * double(use.bytes) / double(total));
        out.add(Severity::error,
                msg("check.font",
                    // xgettext:no-c-format
                    "{share}% of the text is set in {font}; official documents are set in Times New Roman (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP)",
                    {{"share", share}, {"font", font}}),
                use.first, use.quote);
    }
}

// The paragraphs of the body proper (not header, title, closing): their numbers.
void collect_body(const std::vector<import::Node>& nodes, std::set<int>& out) {
    for (const import::Node& n : nodes) {
        if (!n.heading) out.insert(n.text.paragraph);
        for (const import::Text& t : n.paragraphs) out.insert(t.paragraph);
        for (const import::Text& t : n.after) out.insert(t.paragraph);
        collect_body(n.children, out);
    }
}

void check_sizes(const Subject& s, Findings& out) {
    std::set<int> body;
    collect_body(s.recognised->outline.roots, body);
    for (const import::Text& t : s.recognised->outline.intro) body.insert(t.paragraph);
    // Party 14–15 pt (HD36, Phụ lục 3), State 13–14 pt (NĐ30, Phụ lục I).
    const double low = is_state(s) ? 13 : 14, high = is_state(s) ? 14 : 15;
    std::map<double, std::pair<int, std::string>> wrong; // size -> first paragraph, its text
    std::map<double, int> count;
    for (const import::Paragraph* p : import::all_paragraphs(*s.draft)) {
        if (!body.count(p->number)) continue;
        for (const import::Span& span : p->spans) {
            if (span.size_pt <= 0 || import::trim(span.text).empty() || (span.size_pt >= low && span.size_pt <= high))
                continue;
            if (!wrong.count(span.size_pt)) wrong[span.size_pt] = {p->number, p->text()};
            ++count[span.size_pt];
            break;
        }
    }
    for (const auto& [size, first] : wrong)
        out.add(Severity::warning,
                is_state(s) ? msg_n("check.font-size-state", "body text in {size} pt ({count} paragraph); State documents set the body in {low}–{high} pt",
                                    "body text in {size} pt ({count} paragraphs); State documents set the body in {low}–{high} pt",
                                    static_cast<unsigned long long>(count[size]), {{"size", pt(size)}, {"low", pt(low)}, {"high", pt(high)}})
                            : msg_n("check.font-size-party", "body text in {size} pt ({count} paragraph); Party documents set the body in {low}–{high} pt",
                                    "body text in {size} pt ({count} paragraphs); Party documents set the body in {low}–{high} pt",
                                    static_cast<unsigned long long>(count[size]), {{"size", pt(size)}, {"low", pt(low)}, {"high", pt(high)}}),
                first.first, first.second);
}

void check_page(const Subject& s, Findings& out) {
    const import::PageSetup& page = s.draft->page;
    if (!page.known) return;
    auto near = [](double a, double b) { return std::abs(a - b) <= 1.0; };
    if (!near(page.width_mm, 210) || !near(page.height_mm, 297))
        out.add(Severity::error,
                msg("check.paper", "the paper is {width} × {height} mm; official documents are printed on A4 (210 × 297 mm)",
                    {{"width", pt(std::round(page.width_mm))}, {"height", pt(std::round(page.height_mm))}}),
                0, "");
    struct Margin {
        Message name;
        double value, low, high;
    };
    // State: ranges of NĐ30 Phụ lục I; Party: the fixed values of HD36 as practice has them.
    const std::vector<Margin> margins =
        is_state(s) ? std::vector<Margin>{{top(), page.margin_top_mm, 20, 25}, {bottom(), page.margin_bottom_mm, 20, 25},
                                          {left(), page.margin_left_mm, 30, 35}, {right(), page.margin_right_mm, 15, 20}}
                    : std::vector<Margin>{{top(), page.margin_top_mm, 20, 20}, {bottom(), page.margin_bottom_mm, 20, 20},
                                          {left(), page.margin_left_mm, 30, 30}, {right(), page.margin_right_mm, 15, 15}};
    for (const Margin& m : margins) {
        if (m.value >= m.low - 0.5 && m.value <= m.high + 0.5) continue;
        const std::string wanted = m.low == m.high ? pt(m.low) : pt(m.low) + "–" + pt(m.high);
        const std::vector<MessageArg> args = {{"side", m.name}, {"value", pt(std::round(m.value * 10) / 10)}, {"wanted", wanted}};
        out.add(is_state(s) ? Severity::error : Severity::warning,
                is_state(s) ? msg("check.margin-state", "the {side} margin is {value} mm; Nghị định 30/2020/NĐ-CP asks {wanted} mm", args)
                            : msg("check.margin-party", "the {side} margin is {value} mm; Party documents use {wanted} mm", args),
                0, "");
    }
}

// ---------------------------------------------------------------- header

} // namespace

NumberParts split_number(const std::string& number) {
    NumberParts parts;
    const std::string n = import::trim(number);
    std::size_t i = 0;
    while (i < n.size() && n[i] >= '0' && n[i] <= '9') ++i;
    parts.digits = n.substr(0, i);
    if (i >= n.size()) return parts;
    if (n[i] == '-') {
        const std::size_t slash = n.find('/', i);
        if (slash == std::string::npos) return parts;
        parts.party_form = true;
        parts.code = n.substr(i + 1, slash - i - 1);
    } else if (n[i] == '/') {
        std::string rest = n.substr(i + 1);
        const std::size_t year_end = rest.find('/');
        if (year_end == 4 && rest.substr(0, 4).find_first_not_of("0123456789") == std::string::npos)
            rest = rest.substr(5);
        const std::size_t dash = rest.find('-');
        if (dash == std::string::npos) return parts;
        parts.state_form = true;
        parts.code = rest.substr(0, dash);
    }
    return parts;
}

namespace {

void check_number(const Subject& s, const std::string& number, int paragraph, const std::string& quote,
                  const std::string& path, const std::string& type, Findings& out) {
    const NumberParts parts = split_number(number);
    const bool state = is_state(s);
    if (parts.digits.empty() && (parts.party_form || parts.state_form))
        out.add(Severity::warning, msg("check.number-blank", "the number is left blank (a draft): fill it in when the document is issued"),
                paragraph, quote, path);
    if (state && parts.party_form)
        out.add(Severity::error,
                msg("check.number-form-state",
                    "\"{number}\" is the Party's form; State numbers are written number/code-issuer: \"Số: 15/KH-UBND\" (Nghị định 30/2020/NĐ-CP)",
                    {{"number", number}}),
                paragraph, quote, path);
    if (!state && parts.state_form)
        out.add(Severity::error,
                msg("check.number-form-party",
                    "\"{number}\" is the State's form; Party numbers are written number-code/issuer: \"Số 19-KH/CB\" (Hướng dẫn 36-HD/VPTW)",
                    {{"number", number}}),
                paragraph, quote, path);
    if (!parts.digits.empty() && parts.digits.size() == 1)
        out.add(state ? Severity::error : Severity::warning,
                msg("check.number-zero", "numbers below 10 take a leading zero: \"0{digit}\"", {{"digit", parts.digits}}), paragraph,
                quote, path);
    if (const import::DocumentType* t = import::find_document_type(type); t && !t->codes.empty() && !parts.code.empty()) {
        bool fits = false;
        for (const char* code : t->codes) fits = fits || parts.code == code;
        if (!fits)
            out.add(Severity::error,
                    msg("check.number-type", "a {type} is numbered with the code {code}, not {found}",
                        {{"type", type}, {"code", t->codes.front()}, {"found", parts.code}}),
                    paragraph, quote, path);
    }
}

void check_place_date(const std::string& line, const std::string& place, const std::optional<text::Date>& date,
                      const std::string& date_text, int paragraph, const std::string& quote, const std::string& path,
                      Findings& out) {
    if (!place.empty() && !line.empty() && line.find(", ngày") == std::string::npos && line.find(",ngày") == std::string::npos)
        out.add(Severity::warning, msg("check.place-comma", "a comma follows the place name: \"{place}, ngày …\"", {{"place", place}}),
                paragraph, quote, path);
    if (date && !date_text.empty() && text::format_date(*date) != import::squeeze(date_text))
        out.add(Severity::error,
                msg("check.date-form",
                    "write the date \"{date}\": days below 10 and the months 1 and 2 take a leading zero, the others none (Nghị định 30/2020/NĐ-CP, Phụ lục I)",
                    {{"date", text::format_date(*date)}}),
                paragraph, quote, path);
    if (!date && !date_text.empty()) {
        const std::string f = folded(date_text);
        const bool blank = f.find("ngày tháng") != std::string::npos || f.find("tháng năm") != std::string::npos;
        out.add(blank ? Severity::warning : Severity::error,
                blank ? msg("check.date-blank", "the date is left blank (a draft): fill it in when the document is issued")
                      : msg("check.date-invalid", "\"{date}\" is not a date", {{"date", date_text}}),
                paragraph, quote, path);
    }
}

void check_header_order(const import::Header& h, Findings& out) {
    // In each column, top to bottom: bodies, number, marks | national title, motto, place-date.
    auto rank = [](import::HeaderPart part) {
        switch (part) {
        case import::HeaderPart::body: case import::HeaderPart::national_title: return 0;
        case import::HeaderPart::motto: return 1;
        case import::HeaderPart::number: case import::HeaderPart::place_date: return 2;
        case import::HeaderPart::mark: return 3;
        default: return -1;
        }
    };
    std::map<int, int> highest; // column -> highest rank seen
    for (std::size_t i = 0; i < h.parts_in_order.size(); ++i) {
        const import::HeaderLine& line = h.parts_in_order[i];
        const int r = rank(h.kinds_in_order[i]);
        if (r < 0 || !line.column_known) continue;
        int& top = highest[line.column];
        if (r < top)
            out.add(Severity::warning,
                    msg("check.header-order",
                        "out of order in the header: the bodies come first, then the number (left); the national title, then the place and date (right)"),
                    line.paragraph, line.text);
        top = std::max(top, r);
    }
}

void check_header(const Subject& s, const Quotes& quotes, Findings& out) {
    const bool state = is_state(s);
    const json& data_header = (*s.data)["header"];
    const std::string type = s.data->contains("type") ? (*s.data)["type"].get<std::string>() : "";
    if (s.recognised) {
        const import::Header& h = s.recognised->header;
        if (!h.party_title && !h.state_title)
            out.add(Severity::error,
                    state ? msg("check.no-national-title",
                                "the header has no national title (\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", \"Độc lập - Tự do - Hạnh phúc\")")
                          : msg("check.no-party-title", "the header has no title \"ĐẢNG CỘNG SẢN VIỆT NAM\""),
                    0, "", "header");
        else if (state ? !h.state_title : !h.party_title)
            out.add(Severity::error,
                    state ? msg("check.title-state", "a State document is headed \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", not the Party's title")
                          : msg("check.title-party", "a Party document is headed \"ĐẢNG CỘNG SẢN VIỆT NAM\", not the State's title"),
                    h.title_paragraph, quotes(h.title_paragraph));
        if (h.issuer.empty()) out.add(Severity::error, no_issuer(), 0, "", "header.issuer");
        if (!h.number)
            out.add(Severity::error, msg("check.no-number", "the header has no number and code (\"Số …\")"), 0, "", "header.number");
        if (!h.place_date)
            out.add(Severity::error, msg("check.no-place-date", "the header has no place and date line"), 0, "", "header.place");
        check_header_order(h, out);
        if (h.number) {
            const std::string q = quotes(h.number_paragraph);
            if (state && !h.number->colon)
                out.add(Severity::error,
                        msg("check.number-colon-state", "State numbers are written with a colon: \"Số: {number}\" (Nghị định 30/2020/NĐ-CP)",
                            {{"number", h.number->number}}),
                        h.number_paragraph, q);
            if (!state && h.number->colon)
                out.add(Severity::error,
                        msg("check.number-colon-party", "Party numbers have no colon after \"Số\": \"Số {number}\" (Hướng dẫn 36-HD/VPTW)",
                            {{"number", h.number->number}}),
                        h.number_paragraph, q);
            check_number(s, h.number->number, h.number_paragraph, q, "", type, out);
        }
        if (h.place_date) {
            const import::PlaceDate& pd = *h.place_date;
            check_place_date(pd.line, pd.place, pd.date, pd.date_text, h.date_paragraph, quotes(h.date_paragraph), "", out);
        }
        return;
    }
    // JSON data: the profile prints the titles and the "Số"; the data's own fields are checked.
    const json issuer = data_header.value("issuer", json::array());
    bool named = false;
    for (const json& line : issuer) named = named || !import::trim(line.get<std::string>()).empty();
    if (!named) out.add(Severity::error, no_issuer(), 0, "", "header.issuer");
    const std::string number = data_header.value("number", "");
    if (number.find("…") != std::string::npos)
        out.add(Severity::error, msg("check.number-placeholder", "the number and code are a placeholder (\"{number}\")", {{"number", number}}),
                0, "", "header.number");
    else
        check_number(s, number, 0, "", "header.number", type, out);
    std::optional<text::Date> date;
    if (data_header.contains("date")) date = text::parse_iso_date(data_header["date"].get<std::string>());
    const std::string date_text = data_header.value("date_text", "");
    if (!date && date_text.empty()) out.add(Severity::error, msg("check.no-date", "the document has no date"), 0, "", "header.date");
    check_place_date("", data_header.value("place", ""), date, date_text, 0, "", "header.date_text", out);
}

void check_summary(const Subject& s, Findings& out) {
    std::string first;
    int paragraph = 0;
    if (s.recognised && !s.recognised->summary.empty()) {
        first = s.recognised->summary.front().text;
        paragraph = s.recognised->summary.front().paragraph;
    } else if (s.data->contains("summary") && !(*s.data)["summary"].empty()) {
        first = (*s.data)["summary"][0].get<std::string>();
    }
    if (import::trim(first).empty()) {
        out.add(Severity::error, msg("check.no-summary", "the document has no summary (trích yếu) under its type"), 0, "", "summary");
        return;
    }
    const std::string path = paragraph ? "" : "summary[0]";
    if (import::is_upper_text(first) && import::word_count(first) > 2)
        out.add(Severity::warning, msg("check.summary-capitals", "the summary is written in normal case, not in capitals"), paragraph, first,
                path);
    else if (!is_state(s)) {
        std::size_t pos = 0;
        text::next_code_point(first, pos);
        const std::string initial = first.substr(0, pos);
        if (text::to_lower(initial) != initial)
            out.add(Severity::warning,
                    msg("check.summary-case", "a Party summary starts in lower case (\"về …\", \"{start}…\"; Hướng dẫn 36-HD/VPTW)",
                        {{"start", text::to_lower(initial) + first.substr(pos, 20)}}),
                    paragraph, first, path);
    }
}

// ---------------------------------------------------------------- numbering

// "3-" after "1-" and "2-"; "2." where "2-" was due; "2.2-" under "1-".
void check_list(const std::vector<import::Node>& nodes, const import::Node* parent, const std::string& parent_number,
                Findings& out) {
    std::string key;
    long expected = 1;
    for (const import::Node& node : nodes) {
        if (!node.label) continue;
        const import::Label& label = *node.label;
        const std::string quote = label.text + " " + import::plain_text(node.text.spans);
        const std::string k = import::level_key(label);
        if (key.empty()) key = k;
        else if (k != key)
            out.add(Severity::warning,
                    msg("check.numbering-mixed", "\"{label}\" among items numbered in another style at this level", {{"label", label.text}}),
                    node.paragraph, quote);
        if (!label.numbered() || k != key) continue;
        // A list of one style that goes on counting its parent's ("1-" then "2."): the same
        // level, numbered in another style, not a level below.
        const bool continues_parent = expected == 1 && label.value > 1 && parent && parent->label &&
                                      parent->label->numbered() && parent->label->value == label.value - 1 &&
                                      parent->children.size() == 1;
        if (continues_parent)
            out.add(Severity::warning,
                    msg("check.numbering-goes-on", "\"{label}\" goes on from \"{parent}\" in another style",
                        {{"label", label.text}, {"parent", parent->label->text}}),
                    node.paragraph, quote);
        else if (label.value != expected)
            out.add(Severity::warning,
                    expected == 1 ? msg("check.numbering-start", "the numbering starts at \"{label}\"", {{"label", label.text}})
                                  : msg("check.numbering-skip", "\"{label}\" follows number {previous} (skipped or repeated)",
                                        {{"label", label.text}, {"previous", expected - 1}}),
                    node.paragraph, quote);
        expected = label.value + 1;
        if (label.kind == import::LabelKind::dotted && !parent_number.empty() && label.prefix != parent_number)
            out.add(Severity::warning,
                    msg("check.numbering-parent", "\"{label}\" is under number {parent}", {{"label", label.text}, {"parent", parent_number}}),
                    node.paragraph, quote);
    }
    for (const import::Node& node : nodes) {
        std::string number = parent_number;
        if (node.label && node.label->numbered()) {
            number = node.label->text;
            while (!number.empty() && (number.back() == '-' || number.back() == '.' || number.back() == ')' || number.back() == ' '))
                number.pop_back();
        }
        check_list(node.children, &node, number, out);
    }
}

// ---------------------------------------------------------------- closing

Message separator_message(bool state, const std::string& found) {
    return state ? msg("check.recipients-state", "each recipient but the last ends with \";\" in State documents, here \"{found}\"",
                       {{"found", found}})
                 : msg("check.recipients-party", "each recipient but the last ends with \",\" in Party documents, here \"{found}\"",
                       {{"found", found}});
}

void check_recipients(const Subject& s, Findings& out) {
    const bool state = is_state(s);
    const std::string expected = state ? ";" : ",";
    std::string last;
    int paragraph = 0;
    std::string path;
    if (s.recognised) {
        const import::Closing& c = s.recognised->closing;
        if (c.recipients.empty()) {
            out.add(Severity::error, msg("check.no-recipients", "the document has no recipients (\"Nơi nhận:\")"), 0, "", "recipients");
            return;
        }
        const int at = c.label_paragraph ? c.label_paragraph : c.recipients.front().paragraph;
        if (c.separator_mixed)
            out.add(Severity::warning,
                    msg("check.recipients-mixed", "the recipients end in different ways; each but the last ends with \"{separator}\"",
                        {{"separator", expected}}),
                    at, c.label.value_or(""));
        else if (c.recipients.size() > 1 && c.separator != expected)
            out.add(Severity::warning, separator_message(state, c.separator), at, c.label.value_or(""));
        if (c.last_ending != ".")
            out.add(Severity::warning, msg("check.recipients-last", "the last recipient ends with a full stop"),
                    c.recipients.back().paragraph, c.recipients.back().text);
        last = c.recipients.back().text;
        paragraph = c.recipients.back().paragraph;
    } else {
        const json recipients = s.data->value("recipients", json::array());
        if (recipients.empty()) return; // optional for a báo cáo; the schema asks for them where they are due
        if (s.data->contains("recipients_separator") && (*s.data)["recipients_separator"] != expected)
            out.add(Severity::warning, separator_message(state, (*s.data)["recipients_separator"].get<std::string>()), 0, "",
                    "recipients_separator");
        last = recipients.back().get<std::string>();
        path = "recipients[" + std::to_string(recipients.size() - 1) + "]";
    }
    const std::string f = folded(last);
    if (f.rfind("lưu", 0) != 0)
        out.add(Severity::warning,
                state ? msg("check.no-luu-state", "the last recipient is the copy kept: \"- Lưu: VT, …\"")
                      : msg("check.no-luu-party", "the last recipient is the copy kept: \"- Lưu Văn phòng …\""),
                paragraph, last, path);
    else if (!state && f.rfind("lưu:", 0) == 0)
        out.add(Severity::warning, msg("check.luu-colon-party", "Party documents write \"Lưu\" without a colon: \"- Lưu Văn phòng …\""),
                paragraph, last, path);
    else if (state && f.rfind("lưu:", 0) != 0)
        out.add(Severity::warning, msg("check.luu-colon-state", "State documents write \"- Lưu: VT, …\" (Nghị định 30/2020/NĐ-CP)"),
                paragraph, last, path);
}

void check_signature(const Subject& s, Findings& out) {
    const bool state = is_state(s);
    std::vector<std::string> authority;
    std::string name;
    int paragraph = 0;
    if (s.recognised) {
        authority = s.recognised->closing.authority;
        name = s.recognised->closing.name;
        paragraph = s.recognised->closing.signature_paragraph;
    } else if (s.data->contains("signature")) {
        const json& sig = (*s.data)["signature"];
        for (const json& a : sig.value("authority", json::array())) authority.push_back(a.get<std::string>());
        name = sig.value("name", "");
    }
    if (import::trim(name).empty())
        out.add(Severity::error, msg("check.no-signer", "the signature names no signer"), paragraph, "",
                s.recognised ? "" : "signature.name");
    for (std::size_t i = 0; i < authority.size(); ++i) {
        const std::string& a = authority[i];
        const bool party_form = a.rfind("T/M", 0) == 0 || a.rfind("K/T", 0) == 0 || a.rfind("T/L", 0) == 0;
        const bool state_form = a.rfind("TM.", 0) == 0 || a.rfind("KT.", 0) == 0 || a.rfind("TL.", 0) == 0 ||
                                a.rfind("TUQ.", 0) == 0 || a.rfind("Q.", 0) == 0;
        if ((state && party_form) || (!state && state_form))
            out.add(Severity::warning,
                    state ? msg("check.signature-state", "State documents write TM., KT., TL., TUQ., Q. (Nghị định 30/2020/NĐ-CP)")
                          : msg("check.signature-party", "Party documents write T/M, K/T, T/L (Hướng dẫn 36-HD/VPTW)"),
                    paragraph, a, s.recognised ? "" : "signature.authority[" + std::to_string(i) + "]");
    }
}

} // namespace

void check_format(const Subject& s, Findings& out) {
    const Quotes quotes(s.draft);
    if (s.draft && s.draft->kind == import::SourceKind::docx) {
        check_fonts(*s.draft, out);
        check_sizes(s, out);
        check_page(s, out);
    }
    check_header(s, quotes, out);
    check_summary(s, out);
    if (s.recognised) check_list(s.recognised->outline.roots, nullptr, "", out);
    check_recipients(s, out);
    check_signature(s, out);
}

} // namespace vanban::check
