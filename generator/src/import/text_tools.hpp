// Text helpers the recogniser shares: white space, Vietnamese case, splitting lines into the
// columns a tab makes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vanban::import {

// Runs of spaces and tabs (and no-break spaces) become one space; the ends are trimmed.
std::string squeeze(std::string_view text);
std::string trim(std::string_view text);
// Lower case, squeezed: for comparing words whatever their case ("Nơi nhận" = "NƠI NHẬN").
std::string folded(std::string_view text);
bool starts_with_folded(std::string_view text, std::string_view prefix_folded);

// Whether the text has letters and none of them is lower case ("KẾ HOẠCH", "T/M BAN THƯỜNG VỤ").
bool is_upper_text(std::string_view text);
// Whether every word starts with a capital letter ("Nguyễn Văn An").
bool is_title_case(std::string_view text);
std::size_t word_count(std::string_view text);

// The columns of a line split by tabs, or by runs of three spaces or more (text laid out in
// columns); empty columns dropped.
std::vector<std::string> columns(std::string_view line);

// The text shortened for a message: its first words, up to about 60 characters, with "…".
std::string quote(std::string_view text);

// A draft's room to write in by hand: "…", "....", "____" (a single "." is punctuation).
// blanks_as_spaces gives each run of them one space; is_blank_fill says whether a word is one.
std::string blanks_as_spaces(std::string_view text);
bool is_blank_fill(std::string_view word);

// The last code point is one of the characters.
bool ends_with_any(std::string_view text, std::string_view characters);

} // namespace vanban::import
