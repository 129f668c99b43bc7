#include "import/header.hpp"

#include <array>

#include "import/text_tools.hpp"
#include "text/utf8.hpp"

namespace vanban::import {

namespace {

bool all_of_chars(std::string_view text, std::string_view allowed) {
    bool any = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        text::next_code_point(text, pos);
        const std::string_view cp = text.substr(start, pos - start);
        if (cp == " ") continue;
        if (allowed.find(cp) == std::string_view::npos) return false;
        any = true;
    }
    return any;
}

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<int> small_number(std::string_view s) {
    if (!is_digits(s) || s.size() > 4) return std::nullopt;
    return std::stoi(std::string(s));
}

// The words of the date part: "ngày 10 tháng 6 năm 2019", "ngày 10/6/2019", "ngày    tháng    năm 2026".
std::optional<text::Date> read_date_words(const std::vector<std::string>& words, bool& complete) {
    complete = false;
    if (words.empty() || text::to_lower(words[0]) != "ngày") return std::nullopt;
    // ngày D/M/Y
    if (words.size() == 2) {
        std::string d = words[1];
        for (char& c : d)
            if (c == '-' || c == '.') c = '/';
        const std::size_t a = d.find('/'), b = d.find('/', a == std::string::npos ? a : a + 1);
        if (a == std::string::npos || b == std::string::npos) return std::nullopt;
        const auto day = small_number(d.substr(0, a)), month = small_number(d.substr(a + 1, b - a - 1)),
                   year = small_number(d.substr(b + 1));
        if (!day || !month || !year) return std::nullopt;
        complete = true;
        return text::Date{*year, *month, *day};
    }
    // ngày [D] tháng [M] năm Y
    std::size_t i = 1;
    std::optional<int> day, month, year;
    if (i < words.size() && is_digits(words[i])) day = small_number(words[i++]);
    if (i >= words.size() || text::to_lower(words[i]) != "tháng") return std::nullopt;
    ++i;
    if (i < words.size() && is_digits(words[i])) month = small_number(words[i++]);
    if (i >= words.size() || text::to_lower(words[i]) != "năm") return std::nullopt;
    ++i;
    if (i < words.size() && is_digits(words[i])) year = small_number(words[i++]);
    if (i != words.size()) return std::nullopt;
    if (day && month && year) {
        complete = true;
        return text::Date{*year, *month, *day};
    }
    return text::Date{year.value_or(0), month.value_or(0), day.value_or(0)};
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Bodies whose name goes on in the next line ("CHI BỘ" / "TRƯỜNG THPT TRẦN PHÚ",
// "ỦY BAN NHÂN DÂN" / "TỈNH HÀ TĨNH").
bool is_incomplete_body(const std::string& line) {
    static const std::array<const char*, 16> names = {
        "chi bộ", "đảng bộ", "đảng ủy", "đảng uỷ", "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân",
        "ban thường vụ", "ủy ban kiểm tra", "uỷ ban kiểm tra", "ban chỉ đạo", "ban cán sự đảng", "đảng đoàn",
        "ủy ban mặt trận tổ quốc", "uỷ ban mặt trận tổ quốc", "ủy ban mặt trận tổ quốc việt nam"};
    const std::string f = folded(line);
    for (const char* name : names)
        if (f == name) return true;
    return false;
}

void split_bodies(const std::vector<HeaderLine>& bodies, Header& header) {
    if (bodies.empty()) return;
    bool any_bold = false, any_plain = false;
    for (const HeaderLine& line : bodies) (line.bold ? any_bold : any_plain) = true;
    if (any_bold && any_plain) {
        // The issuer is bold, the superior body is not (HD36, NĐ30).
        std::size_t first_bold = 0;
        while (!bodies[first_bold].bold) ++first_bold;
        for (std::size_t i = 0; i < bodies.size(); ++i)
            (i < first_bold ? header.superior : header.issuer).push_back(bodies[i].text);
        header.issuer_paragraph = bodies[first_bold].paragraph;
        return;
    }
    // No weight to go by: group the lines into bodies; the last body issues the document.
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (i > 0 && is_incomplete_body(bodies[i - 1].text) && groups.back().size() == 1) groups.back().push_back(i);
        else groups.push_back({i});
    }
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t i : groups[g]) (g + 1 < groups.size() ? header.superior : header.issuer).push_back(bodies[i].text);
    header.issuer_paragraph = bodies[groups.back().front()].paragraph;
}

} // namespace

const std::vector<DocumentType>& document_types() {
    static const std::vector<DocumentType> types = {
        {"NGHỊ QUYẾT", {"NQ"}},        {"QUYẾT ĐỊNH", {"QĐ"}},        {"QUY ĐỊNH", {"QĐi", "QĐ", "QyĐ"}},
        {"CHỈ THỊ", {"CT"}},           {"KẾT LUẬN", {"KL"}},          {"QUY CHẾ", {"QC"}},
        {"THÔNG TRI", {"TT"}},         {"HƯỚNG DẪN", {"HD"}},         {"THÔNG BÁO", {"TB"}},
        {"THÔNG CÁO", {"TC"}},         {"BÁO CÁO", {"BC"}},           {"KẾ HOẠCH", {"KH"}},
        {"CHƯƠNG TRÌNH", {"CTr"}},     {"TỜ TRÌNH", {"TTr"}},         {"CÔNG VĂN", {"CV"}},
        {"ĐỀ ÁN", {"ĐA"}},             {"PHƯƠNG ÁN", {"PA"}},         {"DỰ ÁN", {"DA"}},
        {"QUY HOẠCH", {"QH"}},         {"BIÊN BẢN", {"BB"}},          {"CÔNG ĐIỆN", {"CĐ"}},
        {"GIẤY MỜI", {"GM"}},          {"GIẤY GIỚI THIỆU", {"GGT"}},  {"NGHỊ ĐỊNH", {"NĐ"}},
        {"THÔNG TƯ", {"TT"}},          {"THÔNG TƯ LIÊN TỊCH", {"TTLT"}}, {"LUẬT", {}, false},
        {"PHÁP LỆNH", {"PL"}},
    };
    return types;
}

const DocumentType* find_document_type(const std::string& text) {
    const std::string upper = text::to_upper(squeeze(text));
    for (const DocumentType& type : document_types())
        if (upper == type.name) return &type;
    return nullptr;
}

const DocumentType* document_type_at(const std::string& text, std::size_t& length) {
    const DocumentType* best = nullptr;
    length = 0;
    for (const DocumentType& type : document_types()) {
        const std::size_t n = std::string_view(type.name).size();
        if (n <= length || text.size() < n) continue;
        if (text::to_upper(text.substr(0, n)) != type.name) continue;
        if (n < text.size() && text[n] != ' ') continue;
        best = &type;
        length = n;
    }
    return best;
}

std::string type_code(const std::string& type) {
    const DocumentType* found = find_document_type(type);
    return found && !found->codes.empty() ? found->codes.front() : "VB";
}

bool valid_number(const std::string& number) {
    // ^ *[0-9]* *[-/][^ ]+$
    std::size_t i = 0;
    while (i < number.size() && number[i] == ' ') ++i;
    while (i < number.size() && number[i] >= '0' && number[i] <= '9') ++i;
    while (i < number.size() && number[i] == ' ') ++i;
    if (i >= number.size() || (number[i] != '-' && number[i] != '/')) return false;
    ++i;
    if (i >= number.size()) return false;
    return number.find(' ', i) == std::string::npos;
}

std::optional<NumberLine> parse_number_line(const std::string& text) {
    // "Số: …/KH-UBND", "Số ....-KH/TU": the dots are the room left for the number.
    const std::string t = squeeze(blanks_as_spaces(text));
    NumberLine line;
    line.line = squeeze(text);
    std::string rest = t;
    if (starts_with_folded(t, "số")) {
        rest = t.substr(std::string_view("Số").size());
        if (!rest.empty() && rest[0] != ' ' && rest[0] != ':' && (rest[0] < '0' || rest[0] > '9') && rest[0] != '-' &&
            rest[0] != '/')
            return std::nullopt; // "Sống", "Số liệu" …
        line.has_so = true;
        rest = trim(rest);
        if (!rest.empty() && rest[0] == ':') {
            line.colon = true;
            rest = trim(rest.substr(1));
        }
    }
    // The number and code itself: one word holding "-" or "/" and a capital letter.
    if (rest.empty() || rest.find(' ') != std::string::npos) {
        // "Số    -KH/TU" squeezed to "Số -KH/TU" leaves one word; anything longer is a sentence.
        return std::nullopt;
    }
    const bool has_separator = rest.find('-') != std::string::npos || rest.find('/') != std::string::npos;
    bool has_capital = false;
    for (char c : rest) has_capital = has_capital || (c >= 'A' && c <= 'Z');
    if (!has_separator || !has_capital) return std::nullopt;
    line.number = rest;
    return line;
}

std::optional<PlaceDate> parse_place_date(const std::string& text) {
    const std::string t = squeeze(text);
    if (word_count(t) > 16) return std::nullopt;
    const std::string f = text::to_lower(t);
    std::size_t at = std::string::npos;
    for (std::size_t p = f.find("ngày"); p != std::string::npos; p = f.find("ngày", p + 1))
        if (p == 0 || f[p - 1] == ' ' || f[p - 1] == ',') {
            at = p;
            break;
        }
    if (at == std::string::npos) return std::nullopt;
    PlaceDate result;
    result.line = t;
    std::string place = trim(t.substr(0, at));
    if (!place.empty() && place.back() == ',') place.pop_back();
    result.place = trim(place);
    const std::string date_part = trim(t.substr(at));
    bool complete = false;
    // "ngày … tháng … năm 2026", "ngày ___ tháng ___": the room left, as spaces leave it.
    const std::optional<text::Date> date = read_date_words(split_words(squeeze(blanks_as_spaces(date_part))), complete);
    if (!date) return std::nullopt;
    if (complete && text::is_valid_date(*date)) {
        result.date = *date;
        if (text::format_date(*date) != date_part) result.date_text = date_part;
    } else if (!complete) {
        // A draft leaves day and month blank, with room to write them in by hand.
        const auto blank_or = [](int v) { return v > 0 ? " " + std::to_string(v) + " " : std::string("     "); };
        result.date_text = "ngày" + blank_or(date->day) + "tháng" + blank_or(date->month) + "năm" +
                           (date->year > 0 ? " " + std::to_string(date->year) : std::string("     "));
    } else {
        result.date_text = date_part;
    }
    return result;
}

HeaderPart classify_header_line(const std::string& text) {
    const std::string f = folded(text);
    if (f.empty()) return HeaderPart::none;
    if (f == "đảng cộng sản việt nam" || f.rfind("cộng hòa xã hội chủ nghĩa việt nam", 0) == 0 ||
        f.rfind("cộng hoà xã hội chủ nghĩa việt nam", 0) == 0)
        return HeaderPart::national_title;
    if (f.rfind("độc lập", 0) == 0 && f.find("tự do") != std::string::npos) return HeaderPart::motto;
    if (all_of_chars(text, "*-_=–—─.~")) return HeaderPart::rule;
    if (parse_number_line(text)) return HeaderPart::number;
    if (parse_place_date(text)) return HeaderPart::place_date;
    static const std::array<const char*, 8> marks = {"khẩn", "thượng khẩn", "hỏa tốc", "hoả tốc",
                                                     "mật", "tối mật", "tuyệt mật", "hỏa tốc hẹn giờ"};
    if (is_upper_text(text))
        for (const char* mark : marks)
            if (f == mark) return HeaderPart::mark;
    if (f.rfind("v/v", 0) == 0) return HeaderPart::summary_vv;
    if (is_upper_text(text)) return HeaderPart::body;
    return HeaderPart::none;
}

std::vector<std::string> header_columns(std::string_view line) {
    std::vector<std::string> parts = columns(line);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        const std::string f = folded(parts[i]);
        if ((f == "số" || f == "số:") && parse_number_line(parts[i] + " " + parts[i + 1])) {
            parts[i] += " " + parts[i + 1];
            parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    }
    return parts;
}

Header read_header_lines(const std::vector<HeaderLine>& lines) {
    Header header;
    std::vector<HeaderLine> bodies;
    for (const HeaderLine& line : lines) {
        const HeaderPart kind = classify_header_line(line.text);
        if (kind != HeaderPart::none && kind != HeaderPart::rule) {
            header.parts_in_order.push_back(line);
            header.kinds_in_order.push_back(kind);
        }
        switch (kind) {
        case HeaderPart::national_title:
            (folded(line.text) == "đảng cộng sản việt nam" ? header.party_title : header.state_title) = true;
            if (!header.title_paragraph) header.title_paragraph = line.paragraph;
            break;
        case HeaderPart::motto: header.state_title = true; break;
        case HeaderPart::rule: break;
        case HeaderPart::number:
            if (!header.number) {
                header.number = parse_number_line(line.text);
                header.number_paragraph = line.paragraph;
            } else {
                header.unplaced.push_back(line);
            }
            break;
        case HeaderPart::place_date:
            if (!header.place_date) {
                header.place_date = parse_place_date(line.text);
                header.date_paragraph = line.paragraph;
            } else {
                header.unplaced.push_back(line);
            }
            break;
        case HeaderPart::mark: header.marks.push_back(line.text); break;
        case HeaderPart::body:
            if (line.column == 0 && !line.right_side) bodies.push_back(line);
            else header.unplaced.push_back(line);
            break;
        case HeaderPart::summary_vv:
        case HeaderPart::none: header.unplaced.push_back(line); break;
        }
    }
    split_bodies(bodies, header);
    return header;
}

} // namespace vanban::import
