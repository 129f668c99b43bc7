// The closing block: "Nơi nhận" with its recipients (and their sub-items), and the signature
// (authority T/M, K/T, T/L, TUQ, Q.; position; name; a note such as "(Đã ký)").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vanban::import {

struct ClosingLine {
    std::string text;   // squeezed, emphasis dropped
    int paragraph = 0;
    int column = 0;     // 0 left (recipients), 1 right (signature), -1 unknown
    bool authority = false; // vanban's DOCX styles it as the authority ("TM. ỦY BAN NHÂN DÂN", then "CHỦ TỊCH")
};

struct Recipient {
    std::string text;               // without "- " and the final punctuation
    std::vector<std::string> items; // "+ …" lines under it
    int paragraph = 0;
};

struct Closing {
    std::optional<std::string> label;   // "Nơi nhận:" as printed
    int label_paragraph = 0;
    std::vector<Recipient> recipients;
    std::string separator;              // what ends each recipient but the last ("," or ";"); "" none
    bool separator_mixed = false;       // lines end in different ways
    std::string last_ending;            // how the last recipient ends ("." normally)
    std::vector<std::string> authority, position;
    std::string name, note;
    int signature_paragraph = 0;
    std::vector<ClosingLine> unplaced;
};

// Whether a line starts a signature: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "K/T BÍ THƯ",
// "KT. CHỦ TỊCH", "T/L", "TL.", "TUQ.", "Q. CHỦ TỊCH", "THAY MẶT …".
bool is_authority_line(const std::string& text);
bool is_recipients_label(const std::string& text);

Closing read_closing_lines(const std::vector<ClosingLine>& lines);

} // namespace vanban::import
