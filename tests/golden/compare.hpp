// Word-for-word comparison of a seed's text with the text a reader extracted from vanban's
// output, after the normalisation and the documented differences of differences.json
// (see tests/golden/README.md for what each of them is and why).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanban::golden {

using Words = std::vector<std::string>;

// Words of `text`: the pieces between runs of the white-space characters listed in
// differences.json ("white_space"), e.g. " ", "\t", "\n", "\f" and the no-break space.
Words split_words(std::string_view text, const std::vector<std::string>& white_space);

// The words of a table row's cells, in order (cells split at spaces, tabs, line ends, \f).
Words words_of_cells(const std::vector<std::string>& cells);
// Whether `part` stands in `text` as consecutive words.
bool contains_sequence(const Words& text, const Words& part);

// Applies the edits of one list of differences.json ("replace"/"with" on the text,
// "drop_words" on its words) in order. An edit that changes nothing, or not as many times
// as its "count" says, is a problem: the difference it documents is gone or has moved, and
// the list must be corrected rather than silently carry it.
struct Edited {
    Words words;
    std::vector<std::string> problems;
};
Edited apply_edits(std::string text, const nlohmann::json& edits, const std::vector<std::string>& white_space);

// Removes the page number of every page from `first_page` on: the first line of page N (the
// pages are separated by "\f") that holds nothing but N. A page without it is a problem.
std::string drop_page_numbers(std::string_view text, int first_page, std::vector<std::string>& problems);

// The three parts of a plan that are compared differently. The header block and the
// closing block are two columns, which every reader puts in its own order (see README.md):
// the header is compared as a multiset of words; the body and the closing word for word.
struct Zones {
    Words header;  // before the document type ("KẾ HOẠCH")
    Words body;    // from the document type to "Nơi nhận:"
    Words closing; // from "Nơi nhận:" to the end
};
// nullopt and a problem when a marker is not found.
std::optional<Zones> split_zones(const Words& words, const Words& header_ends_before,
                                 const Words& closing_starts_at, std::vector<std::string>& problems);

// Empty when equal; otherwise where the first difference is, with the words around it.
std::string compare_sequence(const std::string& zone, const Words& expected, const Words& got);
// Empty when both hold the same words the same number of times; otherwise the words that are
// missing and those that are extra.
std::string compare_multiset(const std::string& zone, const Words& expected, const Words& got);

// The value a "from" of differences.json names: "data:header.issuer" (a field of the data
// file; a list is joined with spaces) or "profile:header.national_title" (of the profile).
// nullopt when the path does not exist or is not text.
std::optional<std::string> lookup_text(const nlohmann::json& root, std::string_view dotted_path);

} // namespace vanban::golden
