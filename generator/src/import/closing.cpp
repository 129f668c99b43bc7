#include "import/closing.hpp"

#include <array>
#include <map>

#include "import/text_tools.hpp"

namespace vanban::import {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "- Ban Bí thư," -> mark "-", rest "Ban Bí thư,".
bool take_mark(const std::string& line, std::string_view& mark, std::string& rest) {
    static constexpr std::array<std::string_view, 6> marks = {"-", "–", "—", "+", "•", "*"};
    for (std::string_view m : marks)
        if (starts_with(line, m)) {
            mark = m;
            rest = trim(line.substr(m.size()));
            return !rest.empty();
        }
    return false;
}

std::string ending_of(std::string& text) {
    if (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == '.' || text.back() == ':')) {
        std::string ending(1, text.back());
        text.pop_back();
        text = trim(text);
        return ending;
    }
    return "";
}

bool is_note(const std::string& text) {
    return text.size() > 2 && text.front() == '(' && text.back() == ')' && word_count(text) <= 8;
}

class ClosingReader {
public:
    Closing read(const std::vector<ClosingLine>& lines) {
        for (const ClosingLine& line : lines) take(line);
        finish_recipients();
        return std::move(closing_);
    }

private:
    void take(const ClosingLine& line) {
        const std::string& text = line.text;
        if (text.empty()) return;
        if (is_recipients_label(text)) {
            closing_.label = text;
            closing_.label_paragraph = line.paragraph;
            in_recipients_ = true;
            return;
        }
        if (line.column == 1) return take_signature(line);
        if (line.column == 0) return take_recipient(line);
        // A line of one column: what it says decides.
        std::string_view mark;
        std::string rest;
        if (take_mark(text, mark, rest) && (in_recipients_ || !closing_.recipients.empty())) return take_recipient(line);
        if (is_authority_line(text) || signature_started_ || belongs_to_signature(line)) return take_signature(line);
        if (in_recipients_) return take_recipient(line);
        closing_.unplaced.push_back(line);
    }

    // After the recipients, a line that is none of them: capitals (a position), a name, a note.
    bool belongs_to_signature(const ClosingLine& line) const {
        const bool recipients_done = closing_.recipients.empty() || last_ending_ == ".";
        return recipients_done && (is_upper_text(line.text) || is_note(line.text) ||
                                   (is_title_case(line.text) && word_count(line.text) <= 6));
    }

    void take_signature(const ClosingLine& line) {
        const std::string& text = line.text;
        if (!signature_started_) closing_.signature_paragraph = line.paragraph;
        signature_started_ = true;
        if (is_note(text) && closing_.name.empty()) {
            closing_.note = text;
        } else if ((line.authority || is_authority_line(text)) && closing_.position.empty() && closing_.name.empty()) {
            closing_.authority.push_back(text);
        } else if (is_upper_text(text) && closing_.name.empty()) {
            closing_.position.push_back(text);
        } else if (closing_.name.empty() && word_count(text) <= 8) {
            closing_.name = text;
        } else {
            closing_.unplaced.push_back(line);
        }
    }

    void take_recipient(const ClosingLine& line) {
        std::string_view mark;
        std::string rest;
        if (take_mark(line.text, mark, rest)) {
            const std::string ending = ending_of(rest);
            if (mark == "+" && !closing_.recipients.empty()) {
                closing_.recipients.back().items.push_back(rest);
            } else {
                closing_.recipients.push_back({rest, {}, line.paragraph});
            }
            endings_.push_back(ending);
            last_ending_ = ending;
            return;
        }
        if (closing_.recipients.empty() || last_ending_ == ".") {
            closing_.unplaced.push_back(line);
            return;
        }
        // A recipient broken over two lines ("BTV, BTC các huyện, thị, thành ủy," /
        // "đảng ủy trực thuộc,"): one recipient.
        Recipient& last = closing_.recipients.back();
        std::string& target = last.items.empty() ? last.text : last.items.back();
        if (!last_ending_.empty()) target += last_ending_;
        std::string more = line.text;
        last_ending_ = ending_of(more);
        target += " " + more;
        if (!endings_.empty()) endings_.back() = last_ending_;
    }

    void finish_recipients() {
        if (endings_.empty()) return;
        closing_.last_ending = endings_.back();
        std::map<std::string, int> counts;
        // A parent of sub-items ends with ":" by the template's rule, not by choice.
        for (std::size_t i = 0; i + 1 < endings_.size(); ++i)
            if (endings_[i] != ":") ++counts[endings_[i]];
        int best = -1;
        for (const auto& [ending, count] : counts)
            if (count > best) {
                best = count;
                closing_.separator = ending;
            }
        closing_.separator_mixed = counts.size() > 1;
    }

    Closing closing_;
    bool in_recipients_ = false, signature_started_ = false;
    std::vector<std::string> endings_;
    std::string last_ending_;
};

} // namespace

bool is_recipients_label(const std::string& text) {
    const std::string f = folded(text);
    return (f.rfind("nơi nhận", 0) == 0 || f.rfind("noi nhan", 0) == 0) && word_count(f) <= 3;
}

bool is_authority_line(const std::string& text) {
    static constexpr std::array<std::string_view, 14> prefixes = {
        "T/M ", "TM. ", "TM ", "K/T ", "KT. ", "KT ", "T/L ", "TL. ", "TUQ. ", "TUQ ", "Q. ", "THAY MẶT ", "KÝ THAY ",
        "THỪA LỆNH "};
    if (!is_upper_text(text)) return false;
    for (std::string_view p : prefixes)
        if (starts_with(text, p)) return true;
    return false;
}

Closing read_closing_lines(const std::vector<ClosingLine>& lines) { return ClosingReader().read(lines); }

} // namespace vanban::import
