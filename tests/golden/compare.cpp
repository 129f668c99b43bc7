#include "golden/compare.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>

namespace vanban::golden {
namespace {

// The length of the white-space character at text[pos], or 0.
std::size_t space_at(std::string_view text, std::size_t pos, const std::vector<std::string>& white_space) {
    for (const std::string& space : white_space)
        if (!space.empty() && text.substr(pos, space.size()) == space) return space.size();
    return 0;
}

// Replaces every occurrence of `find` (left to right, not overlapping); returns how many.
std::size_t replace_all(std::string& text, const std::string& find, const std::string& with) {
    std::size_t count = 0;
    for (std::size_t pos = text.find(find); pos != std::string::npos; pos = text.find(find, pos + with.size())) {
        text.replace(pos, find.size(), with);
        ++count;
    }
    return count;
}

std::string describe(const nlohmann::json& edit) {
    return edit.dump();
}

// A problem when `edit` was applied `done` times but should have been applied `count` times
// (or at least once, without "count"; any number of times, with "count": "any", for a
// reader's artefact that depends on where lines end).
void check_count(const nlohmann::json& edit, std::size_t done, std::vector<std::string>& problems) {
    if (edit.contains("count") && edit["count"] == "any") return;
    if (edit.contains("count") ? done == edit["count"].get<std::size_t>() : done > 0) return;
    std::ostringstream out;
    out << "the difference " << describe(edit) << " applied " << done << " times"
        << (edit.contains("count") ? ", expected " + edit["count"].dump() : "")
        << ": correct tests/golden/differences.json";
    problems.push_back(out.str());
}

std::string join(const Words& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < words.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += words[i];
    }
    return out;
}

// Index of the first (or, with `last`, the last) place at or after `from` where `marker`
// starts in `words`; npos when nowhere.
std::size_t find_words(const Words& words, const Words& marker, std::size_t from, bool last) {
    std::size_t found = std::string::npos;
    if (marker.empty() || words.size() < marker.size()) return found;
    for (std::size_t i = from; i + marker.size() <= words.size(); ++i) {
        if (!std::equal(marker.begin(), marker.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) continue;
        found = i;
        if (!last) break;
    }
    return found;
}

} // namespace

Words split_words(std::string_view text, const std::vector<std::string>& white_space) {
    Words words;
    std::string word;
    for (std::size_t pos = 0; pos < text.size();) {
        if (const std::size_t space = space_at(text, pos, white_space)) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
            pos += space;
        } else {
            word += text[pos++];
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

Words words_of_cells(const std::vector<std::string>& cells) {
    static const std::vector<std::string> spaces = {" ", "\t", "\n", "\r", "\f"};
    Words words;
    for (const std::string& cell : cells)
        for (std::string& w : split_words(cell, spaces)) words.push_back(std::move(w));
    return words;
}

bool contains_sequence(const Words& text, const Words& part) {
    return std::search(text.begin(), text.end(), part.begin(), part.end()) != text.end();
}

Edited apply_edits(std::string text, const nlohmann::json& edits, const std::vector<std::string>& white_space) {
    Edited result;
    for (const nlohmann::json& edit : edits) {
        if (!edit.contains("why") || edit["why"].get<std::string>().empty())
            result.problems.push_back("the difference " + describe(edit) + " does not say why");
        if (edit.contains("replace"))
            check_count(edit, replace_all(text, edit["replace"], edit["with"]), result.problems);
    }
    result.words = split_words(text, white_space);
    // Dropping words comes after the split, so that "##" never removes a part of "###".
    for (const nlohmann::json& edit : edits) {
        if (!edit.contains("drop_words")) continue;
        const auto& drop = edit["drop_words"];
        const auto before = result.words.size();
        std::erase_if(result.words, [&](const std::string& w) {
            return std::find(drop.begin(), drop.end(), w) != drop.end();
        });
        check_count(edit, before - result.words.size(), result.problems);
    }
    return result;
}

std::string drop_page_numbers(std::string_view text, int first_page, std::vector<std::string>& problems) {
    std::string out;
    int page = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\f', start);
        const bool last = end == std::string_view::npos;
        if (last) end = text.size();
        std::string_view page_text = text.substr(start, end - start);
        // Text after the last "\f" is not a page (both readers end every page with "\f").
        const bool is_page = !last || page_text.find_first_not_of(" \n") != std::string_view::npos;
        if (is_page && page >= first_page) {
            const std::string number = std::to_string(page);
            bool dropped = false;
            std::string kept;
            std::size_t line_start = 0;
            while (line_start < page_text.size()) {
                std::size_t line_end = page_text.find('\n', line_start);
                if (line_end == std::string_view::npos) line_end = page_text.size();
                std::string_view line = page_text.substr(line_start, line_end - line_start);
                const auto a = line.find_first_not_of(' '), b = line.find_last_not_of(' ');
                const bool is_number = a != std::string_view::npos && line.substr(a, b - a + 1) == number;
                if (is_number && !dropped) dropped = true;
                else kept.append(line).append("\n");
                line_start = line_end + 1;
            }
            if (!dropped) problems.push_back("page " + number + " has no line with its page number");
            out += kept;
        } else {
            out += page_text;
        }
        if (last) break;
        out += '\f';
        start = end + 1;
        ++page;
    }
    return out;
}

std::optional<Zones> split_zones(const Words& words, const Words& header_ends_before,
                                 const Words& closing_starts_at, std::vector<std::string>& problems) {
    const std::size_t body = find_words(words, header_ends_before, 0, false);
    if (body == std::string::npos) {
        problems.push_back("no '" + join(header_ends_before, 0, header_ends_before.size()) + "' in the text, which starts: " +
                           join(words, 0, 40));
        return std::nullopt;
    }
    const std::size_t closing = find_words(words, closing_starts_at, body, true);
    if (closing == std::string::npos) {
        problems.push_back("no '" + join(closing_starts_at, 0, closing_starts_at.size()) + "' in the text, which ends: " +
                           join(words, words.size() > 40 ? words.size() - 40 : 0, words.size()));
        return std::nullopt;
    }
    const auto at = [&](std::size_t i) { return words.begin() + static_cast<std::ptrdiff_t>(i); };
    return Zones{Words(words.begin(), at(body)), Words(at(body), at(closing)), Words(at(closing), words.end())};
}

std::string compare_sequence(const std::string& zone, const Words& expected, const Words& got) {
    const auto mismatch = std::mismatch(expected.begin(), expected.end(), got.begin(), got.end());
    if (mismatch.first == expected.end() && mismatch.second == got.end()) return "";
    const auto i = static_cast<std::size_t>(mismatch.first - expected.begin());
    constexpr std::size_t context = 12;
    std::ostringstream out;
    out << zone << ": first difference at word " << i + 1 << " (the seed has " << expected.size()
        << " words there, the output " << got.size() << ")\n"
        << "  same before: …" << join(expected, i > context ? i - context : 0, i) << "\n"
        << "  seed:        " << (i < expected.size() ? join(expected, i, i + context) : "(end)") << "\n"
        << "  output:      " << (i < got.size() ? join(got, i, i + context) : "(end)");
    return out.str();
}

std::string compare_multiset(const std::string& zone, const Words& expected, const Words& got) {
    Words a = expected, b = got, missing, extra;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(missing));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(extra));
    if (missing.empty() && extra.empty()) return "";
    std::ostringstream out;
    out << zone << " (compared as a multiset of words): seed " << join(expected, 0, expected.size())
        << "\n  output " << join(got, 0, got.size());
    if (!missing.empty()) out << "\n  missing from the output: " << join(missing, 0, missing.size());
    if (!extra.empty()) out << "\n  not in the seed: " << join(extra, 0, extra.size());
    return out.str();
}

std::optional<std::string> lookup_text(const nlohmann::json& root, std::string_view dotted_path) {
    const nlohmann::json* node = &root;
    std::size_t start = 0;
    while (start <= dotted_path.size()) {
        std::size_t dot = dotted_path.find('.', start);
        if (dot == std::string_view::npos) dot = dotted_path.size();
        const std::string name(dotted_path.substr(start, dot - start));
        if (!node->is_object() || !node->contains(name)) return std::nullopt;
        node = &(*node)[name];
        start = dot + 1;
    }
    if (node->is_string()) return node->get<std::string>();
    if (!node->is_array()) return std::nullopt;
    std::string joined;
    for (const nlohmann::json& item : *node) {
        if (!item.is_string()) return std::nullopt;
        if (!joined.empty()) joined += ' ';
        joined += item.get<std::string>();
    }
    return joined;
}

} // namespace vanban::golden
