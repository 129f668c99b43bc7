// Content: documents cited with a code of another type ("Nghị quyết số 21-KL/TW"), cited
// dates that do not exist or come after the document's own date, deadlines set before it.
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "check/check.hpp"
#include "import/header.hpp"
#include "import/text_tools.hpp"
#include "text/utf8.hpp"

namespace vanban::check {

namespace {

using json = nlohmann::ordered_json;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string date_words(const text::Date& d) { return text::format_date(d, "DD/MM/YYYY"); }

// A date at `pos`: "21/01/2019", "21-01-2019", or "05 tháng 3 năm 2020"; `end` receives where
// it stops. Day, month and year as written (not checked).
std::optional<text::Date> read_date(const std::string& s, std::size_t pos, std::size_t& end) {
    auto number = [&](std::size_t& at, int max_digits) -> std::optional<int> {
        const std::size_t start = at;
        while (at < s.size() && is_digit(s[at]) && at - start < static_cast<std::size_t>(max_digits)) ++at;
        if (at == start) return std::nullopt;
        return std::stoi(s.substr(start, at - start));
    };
    std::size_t at = pos;
    const auto day = number(at, 2);
    if (!day) return std::nullopt;
    if (at < s.size() && (s[at] == '/' || s[at] == '-' || s[at] == '.')) {
        const char sep = s[at++];
        const auto month = number(at, 2);
        if (!month || at >= s.size() || s[at] != sep) return std::nullopt;
        ++at;
        const auto year = number(at, 4);
        if (!year || *year < 1000) return std::nullopt;
        end = at;
        return text::Date{*year, *month, *day};
    }
    const std::string rest = text::to_lower(s.substr(at, 40));
    if (rest.rfind(" tháng ", 0) != 0) return std::nullopt;
    at += std::string_view(" tháng ").size();
    const auto month = number(at, 2);
    if (!month) return std::nullopt;
    if (text::to_lower(s.substr(at, 7)) != " năm ") return std::nullopt;
    at += std::string_view(" năm ").size();
    const auto year = number(at, 4);
    if (!year) return std::nullopt;
    end = at;
    return text::Date{*year, *month, *day};
}

bool before(const text::Date& a, const text::Date& b) {
    return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

// The type a code belongs to: "KL" -> KẾT LUẬN; nullptr for a code no type uses.
const import::DocumentType* type_of_code(const std::string& code) {
    for (const import::DocumentType& t : import::document_types())
        for (const char* c : t.codes)
            if (code == c) return &t;
    return nullptr;
}

std::string title_case_type(const char* upper) { return text::capitalize_first(text::to_lower(upper)); }

// "Nghị quyết số 21-KL/TW, ngày 21/01/2019": type against code, and the cited date.
void check_citations(const TextPlace& place, const std::optional<text::Date>& own_date, Findings& out) {
    const std::string& s = place.text;
    for (std::size_t pos = 0; pos < s.size(); ++pos) {
        const bool word_start = pos == 0 || s[pos - 1] == ' ' || s[pos - 1] == '(' || s[pos - 1] == '"' ||
                                (pos >= 3 && s.compare(pos - 3, 3, "\xE2\x80\x9C") == 0); // after “
        if (!word_start) continue;
        std::size_t length = 0;
        const import::DocumentType* type = import::document_type_at(s.substr(pos, 40), length);
        if (!type || !type->has_number_code) continue;
        std::size_t at = pos + length;
        constexpr std::string_view number_word = " số ";
        if (text::to_lower(s.substr(at, number_word.size())) == number_word) at += number_word.size();
        else if (at < s.size() && s[at] == ' ') ++at;
        else continue;
        std::size_t code_end = at;
        while (code_end < s.size() && s[code_end] != ' ' && s[code_end] != ',' && s[code_end] != ';' && s[code_end] != ')')
            ++code_end;
        // "… 21-KL/TW." ends a sentence: the full stop is not the code's.
        while (code_end > at && (s[code_end - 1] == '.' || s[code_end - 1] == ':')) --code_end;
        const std::string code_text = s.substr(at, code_end - at);
        if (code_text.empty() || !is_digit(code_text[0])) continue;
        const NumberParts parts = split_number(code_text);
        const std::string cited = s.substr(pos, code_end - pos);
        if (!parts.code.empty() && !type->codes.empty()) {
            bool fits = false;
            for (const char* c : type->codes) fits = fits || parts.code == c;
            const import::DocumentType* other = type_of_code(parts.code);
            if (!fits && other)
                out.add(Severity::error,
                        msg("check.citation", "\"{cited}\": a {type} is numbered {code}; {found} is the code of a {other}",
                            {{"cited", cited}, {"type", title_case_type(type->name)}, {"code", type->codes.front()},
                             {"found", parts.code}, {"other", title_case_type(other->name)}}),
                        place);
        }
        // ", ngày 21/01/2019" right after the citation.
        std::size_t d = code_end;
        if (d < s.size() && s[d] == ',') ++d;
        constexpr std::string_view date_word = " ngày ";
        if (text::to_lower(s.substr(d, date_word.size())) == date_word) {
            std::size_t end = 0;
            const std::size_t from = d + date_word.size();
            // (A day that does not exist is check_dates' to report.)
            if (const auto date = read_date(s, from, end); date && text::is_valid_date(*date) && own_date && before(*own_date, *date))
                out.add(Severity::error,
                        msg("check.cited-date", "\"{cited}\" is dated {date}, after this document's own date {own}",
                            {{"cited", cited}, {"date", date_words(*date)}, {"own", date_words(*own_date)}}),
                        place);
        }
        pos = code_end;
    }
}

// Any "ngày D/M/Y" that names no existing day.
void check_dates(const TextPlace& place, Findings& out) {
    const std::string& s = place.text;
    const std::string lower = text::to_lower(s);
    for (std::size_t at = lower.find("ngày "); at != std::string::npos; at = lower.find("ngày ", at + 1)) {
        std::size_t end = 0;
        const auto date = read_date(s, at + std::string_view("ngày ").size(), end);
        if (date && !text::is_valid_date(*date))
            out.add(Severity::error,
                    msg("check.invalid-date", "\"{date}\" names a day that does not exist", {{"date", s.substr(at, end - at)}}), place);
    }
}

// The last day a deadline allows, read from the usual wordings: "trước ngày 19/5/2019",
// "tháng 4/2019", "quý II/2024", "Quý I năm 2026", "năm 2019".
std::optional<text::Date> deadline_end(const std::string& phrase) {
    const std::string f = text::to_lower(import::squeeze(phrase));
    for (std::size_t at = 0; at < f.size(); ++at) {
        if (!is_digit(f[at]) || (at > 0 && is_digit(f[at - 1]))) continue;
        std::size_t end = 0;
        if (const auto date = read_date(f, at, end); date && text::is_valid_date(*date)) return date;
    }
    auto last_day = [](int year, int month) { return text::Date{year, month, text::days_in_month(year, month)}; };
    // "tháng 4/2019", "tháng 4 năm 2019"
    if (const std::size_t m = f.find("tháng "); m != std::string::npos) {
        std::size_t at = m + std::string_view("tháng ").size(), start = at;
        while (at < f.size() && is_digit(f[at])) ++at;
        if (at > start && at - start <= 2) {
            const int month = std::stoi(f.substr(start, at - start));
            std::size_t y = f.substr(at, 1) == "/" ? at + 1 : f.substr(at, 5) == " năm " ? at + 5 : std::string::npos;
            if (y != std::string::npos && month >= 1 && month <= 12) {
                const std::size_t ys = y;
                while (y < f.size() && is_digit(f[y])) ++y;
                if (y - ys == 4) return last_day(std::stoi(f.substr(ys, 4)), month);
            }
        }
    }
    // "quý II/2024", "quý i năm 2026"
    if (const std::size_t q = f.find("quý "); q != std::string::npos) {
        std::size_t at = q + std::string_view("quý ").size(), start = at;
        while (at < f.size() && (f[at] == 'i' || f[at] == 'v')) ++at;
        const std::string roman = f.substr(start, at - start);
        const int quarter = roman == "i" ? 1 : roman == "ii" ? 2 : roman == "iii" ? 3 : roman == "iv" ? 4 : 0;
        std::size_t y = f.substr(at, 1) == "/" ? at + 1 : f.substr(at, 5) == " năm " ? at + 5 : std::string::npos;
        if (quarter && y != std::string::npos && y + 4 <= f.size() && f.substr(y, 4).find_first_not_of("0123456789") == std::string::npos)
            return last_day(std::stoi(f.substr(y, 4)), quarter * 3);
    }
    // "năm 2019"
    if (const std::size_t n = f.find("năm "); n != std::string::npos) {
        const std::size_t y = n + std::string_view("năm ").size();
        if (y + 4 <= f.size() && f.substr(y, 4).find_first_not_of("0123456789") == std::string::npos &&
            (y + 4 == f.size() || !is_digit(f[y + 4])))
            return text::Date{std::stoi(f.substr(y, 4)), 12, 31};
    }
    return std::nullopt;
}

void deadline_finding(const TextPlace& place, const std::string& phrase, const text::Date& own_date, Findings& out) {
    const std::optional<text::Date> end = deadline_end(phrase);
    if (end && before(*end, own_date))
        out.add(Severity::error,
                msg("check.deadline-past", "the deadline \"{deadline}\" falls before the document's own date {own}",
                    {{"deadline", phrase}, {"own", date_words(own_date)}}),
                place);
}

// Deadlines the text words: "trước ngày 19/5/2019", "(hoàn thành trong tháng 4/2019)".
void check_text_deadlines(const TextPlace& place, const text::Date& own_date, Findings& out) {
    const std::string& s = place.text;
    const std::string lower = text::to_lower(s);
    std::vector<std::pair<std::size_t, std::size_t>> taken; // phrases already judged: "hoàn thành trước ngày …" once
    for (std::string_view opening : {"hoàn thành trước ", "hoàn thành trong ", "thời gian: ", "thời hạn: ", "(trong tháng ",
                                     "(tháng ", "(trước ", "trước ngày "}) {
        for (std::size_t at = lower.find(opening); at != std::string::npos; at = lower.find(opening, at + 1)) {
            bool inside = false;
            for (const auto& [from, to] : taken) inside = inside || (at >= from && at < to);
            if (inside) continue;
            std::size_t end = at + opening.size();
            // The phrase runs to the next comma, semicolon, full stop at a word's end, or parenthesis.
            while (end < s.size() && s[end] != ',' && s[end] != ';' && s[end] != ')' &&
                   !(s[end] == '.' && (end + 1 == s.size() || s[end + 1] == ' ')))
                ++end;
            std::string phrase = import::trim(s.substr(at, end - at));
            if (!phrase.empty() && phrase.front() == '(') phrase.erase(0, 1);
            deadline_finding(place, phrase, own_date, out);
            taken.emplace_back(at, end);
            at = end;
        }
    }
}

// A node's deadline: its field when it has one (whether its text or the task table prints
// it), else what its text and paragraphs word ("(hoàn thành trước ngày …)" on a group, which
// the import leaves in the text).
void walk_deadlines(const json& node, const std::string& path, const text::Date& own_date, Findings& out) {
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) walk_deadlines(node[i], path + "[" + std::to_string(i) + "]", own_date, out);
        return;
    }
    if (!node.is_object()) return;
    if (node.contains("deadline") && node["deadline"].is_string()) {
        deadline_finding({node["deadline"].get<std::string>(), 0, path + ".deadline"}, node["deadline"].get<std::string>(), own_date, out);
    } else {
        for (const char* field : {"title", "text"})
            if (node.contains(field) && node[field].is_string())
                check_text_deadlines({node[field].get<std::string>(), 0, path + "." + field}, own_date, out);
        if (node.contains("paragraphs") && node["paragraphs"].is_array())
            for (std::size_t i = 0; i < node["paragraphs"].size(); ++i)
                if (node["paragraphs"][i].is_string())
                    check_text_deadlines({node["paragraphs"][i].get<std::string>(), 0, path + ".paragraphs[" + std::to_string(i) + "]"},
                                         own_date, out);
    }
    if (node.contains("children")) walk_deadlines(node["children"], path + ".children", own_date, out);
}

} // namespace

void check_content(const Subject& s, Findings& out) {
    const std::optional<text::Date> own_date = document_date(s);
    // A plan's deadlines lie ahead of it; a report tells what was done by dates now past.
    const std::string type = s.data && s.data->contains("type") ? (*s.data)["type"].get<std::string>()
                             : s.document && s.document->title ? s.document->title->type_name : "";
    const bool reports = import::folded(type) == "báo cáo" || (s.recognised && s.recognised->template_name == "bao-cao");
    for (const TextPlace& place : body_texts(s)) {
        check_citations(place, own_date, out);
        check_dates(place, out);
        if (own_date && s.draft && !reports) check_text_deadlines(place, *own_date, out);
    }
    if (own_date && !s.draft && s.data && !reports)
        for (const char* part : {"sections", "situation", "results", "shortcomings", "lessons", "directions", "proposals"})
            if (s.data->contains(part)) walk_deadlines((*s.data)[part], part, *own_date, out);
}

} // namespace vanban::check
