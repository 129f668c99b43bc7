#include "import/tasks.hpp"

#include <array>
#include <limits>
#include <set>

#include "import/text_tools.hpp"
#include "text/utf8.hpp"

namespace vanban::import {

namespace {

std::string cell_text(const Cell& cell) {
    std::string out;
    for (const Paragraph& p : cell.paragraphs) {
        const std::string t = squeeze(p.text());
        if (!t.empty()) out += (out.empty() ? "" : " ") + t;
    }
    return out;
}

std::vector<Span> cell_spans(const Cell& cell) {
    std::vector<Span> spans;
    for (const Paragraph& p : cell.paragraphs) {
        if (!spans.empty()) spans.push_back(plain_span(" "));
        spans.insert(spans.end(), p.spans.begin(), p.spans.end());
    }
    return spans;
}

std::vector<Node*> in_order(std::vector<Node>& nodes) {
    std::vector<Node*> out;
    for (Node& n : nodes) {
        out.push_back(&n);
        std::vector<Node*> below = in_order(n.children);
        out.insert(out.end(), below.begin(), below.end());
    }
    return out;
}

std::set<std::string> word_set(const std::string& text) {
    std::set<std::string> words;
    std::size_t start = 0;
    const std::string f = folded(text);
    while (start < f.size()) {
        std::size_t end = f.find(' ', start);
        if (end == std::string::npos) end = f.size();
        words.insert(f.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// What the template puts in the task column for a node: summary, else text, else its
// paragraphs joined (outline.vbt, mode "tasks").
std::string default_task(const Node& node) {
    if (!node.heading) return encode_spans(node.text.spans, node.text.drop).text;
    std::string joined;
    for (const Text& p : node.paragraphs) joined += (joined.empty() ? "" : " ") + encode_spans(p.spans, p.drop).text;
    return joined;
}

int similarity(const TaskRow& row, const Node& node) {
    const std::string task = encode_spans(row.task.spans, row.task.drop).text;
    if (task == default_task(node)) return 1000;
    const std::set<std::string> a = word_set(plain_text(row.task.spans)), b = word_set(plain_text(node.text.spans));
    std::size_t shared = 0;
    for (const std::string& w : a) shared += b.count(w);
    return a.empty() ? 0 : static_cast<int>(100 * shared / a.size());
}

// A deadline the template printed after the text: " (" + the deadline in italics + ")".
bool strip_deadline_note(Text& text, std::string& note) {
    std::vector<Span>& spans = text.spans;
    if (spans.size() < 3) return false;
    const Span& close = spans[spans.size() - 1];
    const Span& inside = spans[spans.size() - 2];
    Span& open = spans[spans.size() - 3];
    if (trim(close.text) != ")" || !inside.italic || open.italic || text.drop.italic) return false;
    const std::string before = open.text;
    const std::size_t paren = before.rfind('(');
    if (paren == std::string::npos || trim(before.substr(paren + 1)) != "") return false;
    note = squeeze(inside.text);
    open.text = before.substr(0, paren);
    spans.resize(spans.size() - 2);
    if (trim(spans.back().text).empty()) spans.pop_back();
    return true;
}

void apply_row(Node& node, const TaskRow& row) {
    if (!row.deadline.empty()) {
        node.deadline = row.deadline;
        std::string note;
        if (!node.heading && strip_deadline_note(node.text, note)) {
            if (note != row.deadline) node.deadline_text = note;
        } else if (!node.heading) {
            node.deadline_in_text = true;
        }
    }
    // The row exists because the node is a task: a lead (even empty) makes it one.
    if (!row.lead.empty() || row.deadline.empty()) node.lead = row.lead;
    std::size_t start = 0;
    while (start < row.cooperating.size()) {
        std::size_t end = row.cooperating.find(", ", start);
        if (end == std::string::npos) end = row.cooperating.size();
        node.cooperating.push_back(row.cooperating.substr(start, end - start));
        start = end + 2;
    }
    const std::string task = encode_spans(row.task.spans, row.task.drop).text;
    if (task != default_task(node)) node.summary = task;
}

// ---------------------------------------------------------------- wordings in the text

const std::array<std::string_view, 29>& agency_words() {
    static constexpr std::array<std::string_view, 29> words = {
        "ban ", "các ban", "ủy ban", "uỷ ban", "văn phòng", "sở ", "các sở", "phòng ", "đảng ủy", "đảng uỷ",
        "đảng đoàn", "ban cán sự", "mặt trận", "các huyện", "các cấp ủy", "cấp ủy", "chi bộ", "các chi bộ",
        "đảng bộ", "các đảng bộ", "các cơ quan", "các tổ chức", "bí thư", "công an", "bộ chỉ huy",
        "đoàn thanh niên", "hội ", "các đoàn thể", "ubnd"};
    return words;
}

bool names_agency(const std::string& text) {
    const std::string f = folded(text.substr(0, 40)); // the agency words are short
    for (std::string_view w : agency_words())
        if (f.rfind(w, 0) == 0) return true;
    return false;
}

const std::array<std::string_view, 30>& verbs() {
    static constexpr std::array<std::string_view, 30> list = {
        " chủ trì", " phối hợp", " hướng dẫn", " tham mưu", " tổ chức", " triển khai", " xây dựng", " thực hiện",
        " theo dõi", " kiểm tra", " chỉ đạo", " lãnh đạo", " căn cứ", " có trách nhiệm", " chịu trách nhiệm",
        " đôn đốc", " tuyên truyền", " phát huy", " tăng cường", " rà soát", " báo cáo", " tổng hợp", " thẩm định",
        " ban hành", " bố trí", " bảo đảm", " nghiên cứu", " đề xuất", " quán triệt", " giám sát"};
    return list;
}

// Where the first verb starts in `s`, or npos. Verbs are matched in lower case only: in
// "Ban Tổ chức Tỉnh ủy" and "Ủy ban Kiểm tra" the capitals make them part of a name, and
// after "các", "những", "của" ("các tổ chức chính trị - xã hội") they are nouns.
std::size_t first_verb(const std::string& s, std::size_t from = 0) {
    std::size_t best = std::string::npos;
    for (std::string_view v : verbs())
        for (std::size_t at = s.find(v, from); at != std::string::npos && at < best; at = s.find(v, at + 1)) {
            const std::string before = s.substr(0, at);
            const std::size_t space = before.rfind(' ');
            const std::string previous = before.substr(space == std::string::npos ? 0 : space + 1);
            if (previous == "các" || previous == "những" || previous == "của" || previous == "cho") continue;
            best = at;
            break;
        }
    return best;
}

std::string cut(const std::string& squeezed, std::size_t from, std::size_t to) {
    return trim(squeezed.substr(from, to == std::string::npos ? std::string::npos : to - from));
}

void read_lead(Node& node, const std::string& text) {
    const std::string s = squeeze(text);
    // "Ban Tổ chức Tỉnh ủy: …" or "… Tỉnh ủy:" heading a group.
    const std::size_t colon = s.find(':');
    if (colon != std::string::npos && word_count(s.substr(0, colon)) <= 15 && names_agency(s)) {
        const std::string agency = cut(s, 0, colon);
        if (!node.children.empty()) node.agency = agency;
        else node.lead = agency;
        return;
    }
    if (!names_agency(s)) return;
    const std::size_t verb = first_verb(s);
    if (verb == std::string::npos || word_count(s.substr(0, verb)) > 15) return;
    node.lead = cut(s, 0, verb);
    // "… chủ trì, phối hợp với A, B thẩm định …": the cooperating agencies end at a verb.
    const std::size_t with = s.find("phối hợp với ", verb);
    if (with == std::string::npos) return;
    const std::size_t from = with + std::string_view("phối hợp với ").size();
    std::size_t end = first_verb(s, from);
    for (std::string_view stop : {" hằng năm", " hàng năm", " thường xuyên", " định kỳ", " để "}) {
        const std::size_t at = s.find(stop, from);
        if (at != std::string::npos && at < end) end = at;
    }
    // "A, B và C": agencies are split at commas and at "và".
    std::string list = cut(s, from, end);
    for (std::size_t and_at = list.find(" và "); and_at != std::string::npos; and_at = list.find(" và "))
        list.replace(and_at, 4, ", ");
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t comma = list.find(", ", start);
        if (comma == std::string::npos) comma = list.size();
        const std::string agency = trim(list.substr(start, comma - start));
        if (!agency.empty()) node.cooperating.push_back(agency);
        start = comma + 2;
    }
}

// The text with A-Z lowered, and nothing else: every wording below starts with an ASCII
// letter ("Trong năm", "Quý", "Hoàn thành"), and the bytes keep their places.
std::string ascii_lower(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// "(tháng 4/2019)", "(hoàn thành trong tháng 4/2019)", "trước ngày 19/5/2019", "quý II/2024".
std::optional<std::string> read_deadline(const std::string& text) {
    const std::string s = squeeze(text);
    const std::string f = ascii_lower(s);
    static constexpr std::array<std::string_view, 9> openings = {
        "trước ngày ", "trước ", "hoàn thành trong ", "hoàn thành trước ", "trong tháng ", "trong quý ",
        "trong năm ", "tháng ", "quý "};
    for (std::string_view o : openings) {
        for (std::size_t at = f.find(o); at != std::string::npos; at = f.find(o, at + 1)) {
            if (at > 0 && f[at - 1] != ' ' && f[at - 1] != '(') continue;
            std::size_t end = at + o.size();
            // The date, month or quarter itself: "19/5/2019", "4/2019", "II/2024", "2019".
            while (end < f.size() && f[end] != ' ' && f[end] != ')' && f[end] != ',' && f[end] != ';') ++end;
            const std::string value = s.substr(at + o.size(), end - at - o.size());
            bool digit = false;
            for (char c : value) digit = digit || (c >= '0' && c <= '9');
            if (!digit) continue;
            std::string phrase = trim(s.substr(at, end - at));
            while (!phrase.empty() && (phrase.back() == '.' || phrase.back() == ',')) phrase.pop_back();
            return phrase;
        }
    }
    return std::nullopt;
}

void read_text_tasks(std::vector<Node>& nodes, bool in_tasks_section) {
    for (Node& node : nodes) {
        const std::string plain = plain_text(node.text.spans);
        const std::string f = node.heading ? folded(plain) : std::string();
        const bool tasks_here = in_tasks_section || (node.heading && (f.find("tổ chức thực hiện") != std::string::npos ||
                                                                      f.find("nhiệm vụ") != std::string::npos));
        if (in_tasks_section && node.heading && names_agency(plain) && word_count(plain) <= 15) {
            std::string agency = squeeze(plain);
            if (!agency.empty() && agency.back() == ':') agency.pop_back();
            node.agency = agency;
        } else if (!node.heading && tasks_here) {
            read_lead(node, plain);
        }
        if (!node.heading && node.children.empty())
            if (const auto deadline = read_deadline(plain)) {
                node.deadline = *deadline;
                node.deadline_in_text = true;
            }
        read_text_tasks(node.children, tasks_here);
    }
}

} // namespace

bool is_task_table(const Table& table) {
    if (table.rows.size() < 2) return false;
    std::string header;
    for (const Cell& cell : table.rows.front().cells) header += folded(cell_text(cell)) + "|";
    return header.find("nhiệm vụ") != std::string::npos && header.find("chủ trì") != std::string::npos &&
           table.rows.front().cells.size() >= 4;
}

std::vector<TaskRow> task_rows(const Table& table) {
    // Columns by their headings: TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian.
    int task = -1, lead = -1, cooperating = -1, deadline = -1;
    const Row& header = table.rows.front();
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string f = folded(cell_text(header.cells[i]));
        const int column = header.cells[i].column;
        if (f.find("nhiệm vụ") != std::string::npos || f.find("nội dung") != std::string::npos) task = column;
        else if (f.find("chủ trì") != std::string::npos) lead = column;
        else if (f.find("phối hợp") != std::string::npos) cooperating = column;
        else if (f.find("thời gian") != std::string::npos || f.find("thời hạn") != std::string::npos) deadline = column;
    }
    std::vector<TaskRow> rows;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        TaskRow row;
        for (const Cell& cell : table.rows[r].cells) {
            if (cell.column == task) {
                row.task.spans = cell_spans(cell);
                if (!cell.paragraphs.empty()) {
                    const Paragraph& p = cell.paragraphs.front();
                    row.task.drop = {p.style_bold, p.style_italic, p.style_underline};
                    row.paragraph = row.task.paragraph = p.number;
                }
            } else if (cell.column == lead) row.lead = cell_text(cell);
            else if (cell.column == cooperating) row.cooperating = cell_text(cell);
            else if (cell.column == deadline) row.deadline = cell_text(cell);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void apply_task_rows(std::vector<Node>& roots, const std::vector<TaskRow>& rows, std::vector<Notice>& notices) {
    std::vector<Node*> nodes = in_order(roots);
    const std::size_t n = nodes.size(), r = rows.size();
    if (r == 0) return;
    if (r > n) {
        notices.push_back({rows.front().paragraph, "",
                           msg("import.task-rows",
                               "the task table lists {tasks} tasks but the body has only {items} items: the table could not be matched and is not kept",
                               {{"tasks", r}, {"items", n}}),
                           "appendix"});
        return;
    }
    // best[i][j]: the best total similarity giving rows [0, i) to nodes among [0, j), in order.
    constexpr long none = std::numeric_limits<long>::min() / 4;
    std::vector<std::vector<long>> best(r + 1, std::vector<long>(n + 1, none));
    for (std::size_t j = 0; j <= n; ++j) best[0][j] = 0;
    for (std::size_t i = 1; i <= r; ++i)
        for (std::size_t j = i; j <= n; ++j)
            best[i][j] = std::max(best[i][j - 1], best[i - 1][j - 1] == none ? none : best[i - 1][j - 1] + similarity(rows[i - 1], *nodes[j - 1]));
    std::vector<Node*> chosen(r);
    for (std::size_t i = r, j = n; i > 0; --j)
        if (best[i][j] != best[i][j - 1]) chosen[--i] = nodes[j - 1];
    for (std::size_t i = 0; i < r; ++i) apply_row(*chosen[i], rows[i]);
}

void read_tasks_from_text(std::vector<Node>& roots) { read_text_tasks(roots, false); }

} // namespace vanban::import
