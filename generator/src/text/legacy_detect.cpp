// Telling legacy text shown as Latin-1 ("§¶ng céng s¶n ViÖt Nam", "Ñaûng") from real text,
// so that the engine can warn about data that was converted the wrong way.
//
// A warning that fires on real Vietnamese text would teach users to ignore warnings, so the
// test is strict, in four steps (legacy.hpp, guess_shown_as_latin1):
//   1. every character has a Windows-1252 byte (real Vietnamese text nearly always holds a
//      letter beyond Latin-1, such as ạ, ả, ơ, ư or đ, and is dismissed here);
//   2. some word of two or more characters holds a character that no Vietnamese word has
//      (§ ¶ Ö û ñ …): "Thái Bình" is Latin-1 and real, and stays unsuspected;
//   3. decoded, the words that are not plain ASCII are Vietnamese syllables (an initial,
//      a vowel group, a final, at most one tone): "Müller" decoded as TCVN3 is "Mỹller",
//      which is not;
//   4. the decoded text has a Vietnamese letter beyond Latin-1 (so "50µm" -> "50àm" is not
//      evidence).
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/legacy.hpp"
#include "text/utf8.hpp"

namespace vanban::text {

namespace {

// The Vietnamese vowels with their tones, and đ: 12 vowels × (no tone, huyền, hỏi, ngã,
// sắc, nặng), lower and upper case in the same order.
constexpr std::string_view vietnamese_lower =
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
constexpr std::string_view vietnamese_upper =
    "AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬEÈẺẼÉẸÊỀỂỄẾỆIÌỈĨÍỊOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢUÙỦŨÚỤƯỪỬỮỨỰYỲỶỸÝỴĐ";

// A letter without its tone, in lower case, and whether it had a tone.
struct Letter {
    char32_t base = 0;
    bool toned = false;
};

std::u32string code_points(std::string_view utf8) {
    std::u32string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) out += next_code_point(utf8, pos);
    return out;
}

const std::unordered_map<char32_t, Letter>& vietnamese_letters() {
    static const std::unordered_map<char32_t, Letter> table = [] {
        std::unordered_map<char32_t, Letter> built;
        for (std::string_view alphabet : {vietnamese_lower, vietnamese_upper}) {
            const std::u32string letters = code_points(alphabet);
            const std::u32string lower = code_points(vietnamese_lower);
            for (std::size_t i = 0; i < letters.size(); ++i) {
                const bool is_d = i + 1 == letters.size();
                const char32_t base = is_d ? lower[i] : lower[i - i % 6];
                built[letters[i]] = Letter{base, !is_d && i % 6 != 0};
            }
        }
        return built;
    }();
    return table;
}

bool is_ascii_letter(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }
bool is_ascii_alnum(char32_t cp) { return is_ascii_letter(cp) || (cp >= '0' && cp <= '9'); }

// A non-ASCII Vietnamese letter (one of the 134).
bool is_vietnamese_letter(char32_t cp) { return cp >= 0x80 && vietnamese_letters().count(cp) != 0; }

// Characters that separate words: ASCII other than letters and digits, and the typographic
// marks of Windows-1252 and Latin-1 that no legacy encoding here uses for a letter
// (nbsp ¯ ° ± ² ³ ´ º ¿, quotes, dashes, the ellipsis …). Everything else — the Latin-1
// symbols that TCVN3 uses for letters (§ ¶ ¸ µ …) included — belongs to a word.
bool is_separator(char32_t cp) {
    if (cp < 0x80) return !is_ascii_alnum(cp);
    if (cp <= 0x9F) return true; // C1 controls
    switch (cp) {
    case 0xA0: case 0xAF: case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xBA: case 0xBF:
        return true;
    default:
        break;
    }
    return cp > 0xFF && shown_byte(cp).has_value(); // Windows-1252's quotes, dashes, …
}

std::vector<std::u32string> words_of(std::string_view utf8) {
    std::vector<std::u32string> words;
    std::u32string word;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char32_t cp = next_code_point(utf8, pos);
        if (!is_separator(cp)) {
            word += cp;
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool is_ascii_word(const std::u32string& word) {
    return std::all_of(word.begin(), word.end(), [](char32_t cp) { return cp < 0x80; });
}

// A word of two or more characters with one that no Vietnamese word has.
bool has_foreign_character(const std::u32string& word) {
    if (word.size() < 2) return false;
    return std::any_of(word.begin(), word.end(),
                       [](char32_t cp) { return cp >= 0x80 && !is_vietnamese_letter(cp); });
}

// ---------------------------------------------------------------- syllables

// Vietnamese spelling, without tones: initial consonant, vowel group, final consonant.
const std::vector<std::u32string> initials = {
    U"", U"b", U"c", U"ch", U"d", U"đ", U"g", U"gh", U"gi", U"h", U"k", U"kh", U"l", U"m", U"n", U"ng",
    U"ngh", U"nh", U"p", U"ph", U"qu", U"r", U"s", U"t", U"th", U"tr", U"v", U"x"};
const std::vector<std::u32string> vowel_groups = {
    U"a", U"ă", U"â", U"e", U"ê", U"i", U"o", U"ô", U"ơ", U"u", U"ư", U"y",
    U"ai", U"ao", U"au", U"ay", U"âu", U"ây", U"eo", U"êu", U"ia", U"iê", U"iu", U"oa", U"oă", U"oe",
    U"oi", U"ôi", U"ơi", U"oo", U"ua", U"uâ", U"uê", U"ui", U"uô", U"uơ", U"uy", U"ưa", U"ưi", U"ươ",
    U"ưu", U"yê", U"iêu", U"yêu", U"oai", U"oay", U"oao", U"oeo", U"uây", U"uôi", U"ươi", U"ươu",
    U"uya", U"uyê", U"uyu"};
const std::vector<std::u32string> finals = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

bool starts_with(const std::u32string& text, std::size_t at, const std::u32string& part) {
    return text.compare(at, part.size(), part) == 0;
}

bool is_syllable_spelling(const std::u32string& bases) {
    for (const std::u32string& initial : initials) {
        if (!starts_with(bases, 0, initial)) continue;
        for (const std::u32string& group : vowel_groups) {
            if (!starts_with(bases, initial.size(), group)) continue;
            const std::size_t rest = initial.size() + group.size();
            for (const std::u32string& final : finals)
                if (bases.size() == rest + final.size() && starts_with(bases, rest, final)) return true;
        }
    }
    return false;
}

// Whether a decoded word that is not plain ASCII is one Vietnamese syllable.
bool is_vietnamese_syllable(const std::u32string& word) {
    std::u32string bases;
    int tones = 0;
    for (char32_t cp : word) {
        if (is_ascii_letter(cp)) {
            bases += cp | 0x20; // lower case
        } else if (auto it = vietnamese_letters().find(cp); it != vietnamese_letters().end()) {
            bases += it->second.base;
            tones += it->second.toned ? 1 : 0;
        } else {
            return false; // a digit, or a character no Vietnamese word has
        }
    }
    return tones <= 1 && is_syllable_spelling(bases);
}

// How well a decoding reads as Vietnamese.
struct Reading {
    int syllables = 0;      // words beyond ASCII that are Vietnamese syllables
    int other_words = 0;    // words beyond ASCII that are not
    bool beyond_latin1 = false; // a Vietnamese letter above U+00FF (ả, ộ, đ …)
    bool convincing() const { return beyond_latin1 && syllables >= 1 && other_words * 10 <= syllables; }
};

Reading read_as_vietnamese(const std::string& decoded) {
    Reading reading;
    for (const std::u32string& word : words_of(decoded)) {
        if (is_ascii_word(word)) continue;
        if (is_vietnamese_syllable(word)) ++reading.syllables;
        else ++reading.other_words;
        for (char32_t cp : word)
            if (cp > 0xFF && is_vietnamese_letter(cp)) reading.beyond_latin1 = true;
    }
    return reading;
}

} // namespace

// A byte that starts a letter no Windows-1252 character is: U+0100–U+013F (lead 0xC4: ă đ ĩ)
// or U+1E00–U+1FFF (lead 0xE1: the precomposed Vietnamese letters). Real Vietnamese text
// nearly always holds one, so this one pass dismisses it before any decoding (step 1, fast).
bool has_letter_beyond_cp1252(std::string_view utf8) {
    for (const char c : utf8)
        if (c == '\xC4' || c == '\xE1') return true;
    return false;
}

std::optional<LegacyEncoding> guess_shown_as_latin1(std::string_view utf8) {
    if (is_ascii(utf8) || has_letter_beyond_cp1252(utf8)) return std::nullopt;
    if (find_invalid_utf8(utf8) || !shown_bytes(utf8)) return std::nullopt;
    const std::vector<std::u32string> words = words_of(utf8);
    if (std::none_of(words.begin(), words.end(), has_foreign_character)) return std::nullopt;

    std::optional<LegacyEncoding> best;
    int best_score = 0;
    for (LegacyEncoding candidate : {LegacyEncoding::tcvn3, LegacyEncoding::vni}) {
        const std::optional<std::string> decoded = decode_shown_as_latin1(utf8, candidate);
        if (!decoded) continue;
        const Reading reading = read_as_vietnamese(*decoded);
        const int score = reading.syllables - reading.other_words;
        if (reading.convincing() && (!best || score > best_score)) {
            best = candidate;
            best_score = score;
        }
    }
    return best;
}

} // namespace vanban::text
