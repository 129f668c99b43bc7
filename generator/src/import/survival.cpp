#include "import/survival.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "import/text_tools.hpp"

namespace vanban::import {

namespace {

bool is_blank(const std::string& s, std::size_t i, std::size_t& width) {
    width = 1;
    const char c = s[i];
    if (static_cast<unsigned char>(c) > ' ' && c != '\xC2') return false; // most bytes: one test
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {
        width = 2;
        return true;
    }
    return false;
}

void add_inline(Words& out, const model::Inline& text) { out.add(model::plain_text(text)); }

void add_blocks(Words& out, const std::vector<model::Block>& blocks) {
    for (const model::Block& block : blocks) {
        if (const auto* h = std::get_if<model::Heading>(&block)) {
            out.add(h->number);
            add_inline(out, h->text);
        } else if (const auto* p = std::get_if<model::Paragraph>(&block)) {
            add_inline(out, p->text);
        } else if (const auto* item = std::get_if<model::ListItem>(&block)) {
            out.add(item->marker);
            add_inline(out, item->text);
        } else if (const auto* table = std::get_if<model::Table>(&block)) {
            for (const model::Inline& line : table->caption) add_inline(out, line);
            for (const model::TableRow& row : table->rows)
                for (const model::TableCell& cell : row.cells)
                    if (!cell.covered)
                        for (const model::Inline& line : cell.paragraphs) add_inline(out, line);
            for (const model::Inline& line : table->notes) add_inline(out, line);
        }
    }
}

// The length of the longest common subsequence, by the bit-parallel algorithm (Hyyrö): one
// pass over b, a.size()/64 words of work per step, no alignment.
std::size_t lcs_length(const std::vector<int>& a, const std::vector<int>& b) {
    const std::size_t words = (a.size() + 63) / 64;
    std::unordered_map<int, std::vector<std::uint64_t>> match;
    for (int symbol : b) match.emplace(symbol, std::vector<std::uint64_t>());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (auto found = match.find(a[i]); found != match.end()) {
            if (found->second.empty()) found->second.assign(words, 0);
            found->second[i / 64] |= std::uint64_t(1) << (i % 64);
        }
    std::vector<std::uint64_t> s(words, ~std::uint64_t(0)), u(words);
    for (int symbol : b) {
        const std::vector<std::uint64_t>& m = match[symbol];
        if (m.empty()) continue;
        std::uint64_t carry = 0, borrow = 0;
        for (std::size_t w = 0; w < words; ++w) {
            u[w] = s[w] & m[w];
            const std::uint64_t sum = s[w] + u[w] + carry;
            carry = (sum < s[w] || (carry && sum == s[w])) ? 1 : 0;
            const std::uint64_t difference = s[w] - u[w] - borrow;
            borrow = (s[w] < u[w] || (borrow && s[w] == u[w])) ? 1 : 0;
            s[w] = sum | difference;
        }
    }
    std::size_t zeros = 0;
    for (std::size_t i = 0; i < a.size(); ++i) zeros += !((s[i / 64] >> (i % 64)) & 1);
    return zeros;
}

// Which words of a belong to a longest common subsequence with b, by Myers' O(ND)
// algorithm: D, the number of differences, is small when the import kept the text. Past
// `max_d` differences it gives up (returns false) rather than hold D² numbers.
bool matched_positions(const std::vector<int>& a, const std::vector<int>& b, long max_d, std::vector<bool>& kept) {
    const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
    kept.assign(a.size(), false);
    long lo = 0; // common prefix and suffix need no search
    while (lo < n && lo < m && a[lo] == b[lo]) kept[lo] = true, ++lo;
    long hi_a = n, hi_b = m;
    while (hi_a > lo && hi_b > lo && a[hi_a - 1] == b[hi_b - 1]) kept[--hi_a] = true, --hi_b;
    const long N = hi_a - lo, M = hi_b - lo;
    if (N == 0 || M == 0) return true;
    const long offset = N + M;
    std::vector<long> v(static_cast<std::size_t>(2 * offset + 2), 0);
    std::vector<std::vector<long>> trace; // trace[d]: v[-d .. d] before step d
    long found_d = -1;
    for (long d = 0; d <= std::min(N + M, max_d) && found_d < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        for (long k = -d; k <= d; k += 2) {
            const bool down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
            long x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
            long y = x - k;
            while (x < N && y < M && a[lo + x] == b[lo + y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= N && y >= M) {
                found_d = d;
                break;
            }
        }
    }
    if (found_d < 0) return false;
    auto at = [&](long d, long k) { return trace[static_cast<std::size_t>(d)][static_cast<std::size_t>(k + d)]; };
    long x = N, y = M;
    for (long d = found_d; d > 0; --d) {
        const long k = x - y;
        // trace[d] holds the diagonals of step d - 1, which reach only |k| <= d - 1.
        const bool down = k == -d || (k != d && at(d, k - 1) < at(d, k + 1));
        const long prev_k = down ? k + 1 : k - 1;
        const long prev_x = at(d, prev_k), prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) kept[lo + --x] = true, --y;
        x = prev_x;
        y = prev_y;
    }
    while (x > 0 && y > 0) kept[lo + --x] = true, --y;
    return true;
}

} // namespace

void Words::add(const std::string& text, int paragraph) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t width = 1;
        if (is_blank(text, i, width)) {
            i += width;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_blank(text, end, width)) ++end;
        // "…", "____": room left to write in, not a word the document must keep.
        if (!is_blank_fill(std::string_view(text).substr(i, end - i))) {
            words.push_back(text.substr(i, end - i));
            paragraphs.push_back(paragraph);
        }
        i = end;
    }
}

namespace {

// Takes the words of `moved` out of the words of its paragraph in `from`, once each.
void take_out(Words& from, const MovedText& moved) {
    Words gone;
    gone.add(moved.text);
    for (const std::string& word : gone.words)
        for (std::size_t i = 0; i < from.words.size(); ++i)
            if (from.paragraphs[i] == moved.paragraph && from.words[i] == word) {
                from.words.erase(from.words.begin() + static_cast<std::ptrdiff_t>(i));
                from.paragraphs.erase(from.paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
                break;
            }
}

} // namespace

Zones draft_words(const Draft& draft, const Recognised& recognised) {
    Zones zones;
    Words title, body;
    for (const Paragraph* p : all_paragraphs(draft)) {
        Words& into = p->number < recognised.header_end    ? zones.header
                      : p->number < recognised.body_begin  ? title
                      : p->number < recognised.closing_begin ? body
                                                              : zones.closing;
        if (!p->label.empty()) into.add(p->label, p->number);
        into.add(p->text(), p->number);
    }
    // Text the import moved is looked for where it prints.
    zones.body = std::move(title);
    for (const MovedText& moved : recognised.to_opening) {
        take_out(zones.header, moved);
        zones.body.add(moved.text, moved.paragraph);
    }
    zones.body.words.insert(zones.body.words.end(), body.words.begin(), body.words.end());
    zones.body.paragraphs.insert(zones.body.paragraphs.end(), body.paragraphs.begin(), body.paragraphs.end());
    for (const MovedText& moved : recognised.to_closing) {
        take_out(zones.closing, moved);
        zones.body.add(moved.text, moved.paragraph);
    }
    return zones;
}

Zones document_words(const model::Document& doc) {
    Zones zones;
    if (doc.header) {
        const model::Header& h = *doc.header;
        Words& header = zones.header;
        for (const std::string& line : h.superior) header.add(line);
        for (const std::string& line : h.issuer) header.add(line);
        header.add(doc.profile.header.issuer_mark);
        for (const std::string& line : doc.profile.header.national_title) header.add(line);
        for (const std::string& line : doc.profile.header.motto) header.add(line);
        header.add(h.number_line);
        for (const std::string& mark : h.marks) header.add(mark);
        header.add(h.place_date_line);
    }
    if (doc.title) {
        zones.body.add(doc.title->type_name);
        for (const model::Inline& line : doc.title->summary) add_inline(zones.body, line);
        if (doc.profile.summary_separator != "rule") zones.body.add(doc.profile.summary_separator);
    }
    add_blocks(zones.body, doc.body);
    Words& closing = zones.closing;
    if (doc.closing.recipients) {
        closing.add(doc.closing.recipients->label);
        for (const model::Inline& line : doc.closing.recipients->lines) add_inline(closing, line);
    }
    if (doc.closing.signature) {
        const model::Signature& s = *doc.closing.signature;
        for (const std::string& line : s.authority) closing.add(line);
        for (const std::string& line : s.position) closing.add(line);
        closing.add(s.note);
        closing.add(s.name);
    }
    for (const model::Appendix& appendix : doc.appendices) {
        for (const std::string& line : appendix.title) closing.add(line);
        for (const model::Inline& line : appendix.subtitle) add_inline(closing, line);
        add_blocks(closing, appendix.blocks);
    }
    return zones;
}

namespace {

// As many of each word as both sides have, in any order.
std::vector<bool> bag_match(const Words& input, const Words& output) {
    std::map<std::string, long> available;
    for (const std::string& w : output.words) ++available[w];
    std::vector<bool> kept(input.words.size(), false);
    for (std::size_t i = 0; i < input.words.size(); ++i)
        if (long& left = available[input.words[i]]; left > 0) {
            --left;
            kept[i] = true;
        }
    return kept;
}

} // namespace

Survival compare_words(const Zones& input, const Zones& output, std::size_t max_passages) {
    Survival survival;
    survival.input_words = input.header.words.size() + input.body.words.size() + input.closing.words.size();
    std::unordered_map<std::string, int> ids;
    auto id_of = [&](const std::string& w) { return ids.emplace(w, static_cast<int>(ids.size())).first->second; };
    std::vector<int> a, b;
    for (const std::string& w : input.body.words) a.push_back(id_of(w));
    for (const std::string& w : output.body.words) b.push_back(id_of(w));
    std::vector<bool> body_kept;
    if (!matched_positions(a, b, 1500, body_kept)) {
        // Too different to align in bounded memory: the count stays exact, the places unknown.
        survival.kept_words += lcs_length(a, b);
        body_kept.clear();
    }
    auto tally = [&](const Words& words, const std::vector<bool>& kept) {
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (kept[i]) {
                ++survival.kept_words;
                continue;
            }
            const bool continues = i > 0 && !kept[i - 1] && !survival.lost.empty() &&
                                   survival.lost.back().paragraph == words.paragraphs[i];
            if (continues) {
                if (survival.lost.back().text.size() < 80) survival.lost.back().text += " " + words.words[i];
            } else if (survival.lost.size() < max_passages) {
                survival.lost.push_back({words.paragraphs[i], words.words[i]});
            }
        }
    };
    tally(input.header, bag_match(input.header, output.header));
    tally(input.body, body_kept);
    tally(input.closing, bag_match(input.closing, output.closing));
    return survival;
}

} // namespace vanban::import
