// VNI-Windows. A Vietnamese letter is a base letter followed by at most one accent byte;
// the accent bytes are Latin-1 letters that VNI fonts draw as marks over the letter before:
//
//   tone        sắc  huyền  hỏi  ngã  nặng        lower case   upper case
//   alone        ù    ø      û    õ    ï           F9 F8 FB F5 EF  D9 D8 DB D5 CF
//   + circumflex á    à      å    ã    ä  (â alone) E1 E0 E5 E3 E4  C1 C0 C5 C3 C4 (E2, C2)
//   + breve      é    è      ú    ü    ë  (ê alone) E9 E8 FA FC EB  C9 C8 DA DC CB (EA, CA)
//
// and single bytes for the letters that have no room for a mark: ô = ơ, ö = ư, ñ = đ, and
// the i with its tones ì í æ ó ò (huyền sắc hỏi ngã nặng). Upper-case letters use the
// upper-case accent bytes ("AØ" = À, "Ñ" = Đ, "Ô" = Ơ, "Ö" = Ư).
//
// The table below lists every Vietnamese letter that is not plain ASCII, lower and upper
// case (67 + 67 = 134), as it looks when its VNI bytes are shown as Latin-1. It is written
// out rather than computed so that each line can be checked by eye against a VNI font.
#include "text/vni.hpp"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "text/legacy.hpp"
#include "text/utf8.hpp"

namespace vanban::text::vni {

namespace {

struct Entry {
    const char* shown;  // the VNI bytes as Latin-1 characters, in UTF-8
    const char* letter; // the Unicode letter, in UTF-8
};

// clang-format off
constexpr Entry table[] = {
    // a: á à ả ã ạ
    {"aù", "á"}, {"aø", "à"}, {"aû", "ả"}, {"aõ", "ã"}, {"aï", "ạ"},
    {"AÙ", "Á"}, {"AØ", "À"}, {"AÛ", "Ả"}, {"AÕ", "Ã"}, {"AÏ", "Ạ"},
    // ă: ă ắ ằ ẳ ẵ ặ
    {"aê", "ă"}, {"aé", "ắ"}, {"aè", "ằ"}, {"aú", "ẳ"}, {"aü", "ẵ"}, {"aë", "ặ"},
    {"AÊ", "Ă"}, {"AÉ", "Ắ"}, {"AÈ", "Ằ"}, {"AÚ", "Ẳ"}, {"AÜ", "Ẵ"}, {"AË", "Ặ"},
    // â: â ấ ầ ẩ ẫ ậ
    {"aâ", "â"}, {"aá", "ấ"}, {"aà", "ầ"}, {"aå", "ẩ"}, {"aã", "ẫ"}, {"aä", "ậ"},
    {"AÂ", "Â"}, {"AÁ", "Ấ"}, {"AÀ", "Ầ"}, {"AÅ", "Ẩ"}, {"AÃ", "Ẫ"}, {"AÄ", "Ậ"},
    // e: é è ẻ ẽ ẹ
    {"eù", "é"}, {"eø", "è"}, {"eû", "ẻ"}, {"eõ", "ẽ"}, {"eï", "ẹ"},
    {"EÙ", "É"}, {"EØ", "È"}, {"EÛ", "Ẻ"}, {"EÕ", "Ẽ"}, {"EÏ", "Ẹ"},
    // ê: ê ế ề ể ễ ệ
    {"eâ", "ê"}, {"eá", "ế"}, {"eà", "ề"}, {"eå", "ể"}, {"eã", "ễ"}, {"eä", "ệ"},
    {"EÂ", "Ê"}, {"EÁ", "Ế"}, {"EÀ", "Ề"}, {"EÅ", "Ể"}, {"EÃ", "Ễ"}, {"EÄ", "Ệ"},
    // i: í ì ỉ ĩ ị (single bytes)
    {"í", "í"}, {"ì", "ì"}, {"æ", "ỉ"}, {"ó", "ĩ"}, {"ò", "ị"},
    {"Í", "Í"}, {"Ì", "Ì"}, {"Æ", "Ỉ"}, {"Ó", "Ĩ"}, {"Ò", "Ị"},
    // o: ó ò ỏ õ ọ
    {"où", "ó"}, {"oø", "ò"}, {"oû", "ỏ"}, {"oõ", "õ"}, {"oï", "ọ"},
    {"OÙ", "Ó"}, {"OØ", "Ò"}, {"OÛ", "Ỏ"}, {"OÕ", "Õ"}, {"OÏ", "Ọ"},
    // ô: ô ố ồ ổ ỗ ộ
    {"oâ", "ô"}, {"oá", "ố"}, {"oà", "ồ"}, {"oå", "ổ"}, {"oã", "ỗ"}, {"oä", "ộ"},
    {"OÂ", "Ô"}, {"OÁ", "Ố"}, {"OÀ", "Ồ"}, {"OÅ", "Ổ"}, {"OÃ", "Ỗ"}, {"OÄ", "Ộ"},
    // ơ: ơ ớ ờ ở ỡ ợ (ơ is the single byte ô)
    {"ô", "ơ"}, {"ôù", "ớ"}, {"ôø", "ờ"}, {"ôû", "ở"}, {"ôõ", "ỡ"}, {"ôï", "ợ"},
    {"Ô", "Ơ"}, {"ÔÙ", "Ớ"}, {"ÔØ", "Ờ"}, {"ÔÛ", "Ở"}, {"ÔÕ", "Ỡ"}, {"ÔÏ", "Ợ"},
    // u: ú ù ủ ũ ụ
    {"uù", "ú"}, {"uø", "ù"}, {"uû", "ủ"}, {"uõ", "ũ"}, {"uï", "ụ"},
    {"UÙ", "Ú"}, {"UØ", "Ù"}, {"UÛ", "Ủ"}, {"UÕ", "Ũ"}, {"UÏ", "Ụ"},
    // ư: ư ứ ừ ử ữ ự (ư is the single byte ö)
    {"ö", "ư"}, {"öù", "ứ"}, {"öø", "ừ"}, {"öû", "ử"}, {"öõ", "ữ"}, {"öï", "ự"},
    {"Ö", "Ư"}, {"ÖÙ", "Ứ"}, {"ÖØ", "Ừ"}, {"ÖÛ", "Ử"}, {"ÖÕ", "Ữ"}, {"ÖÏ", "Ự"},
    // y: ý ỳ ỷ ỹ ỵ
    {"yù", "ý"}, {"yø", "ỳ"}, {"yû", "ỷ"}, {"yõ", "ỹ"}, {"yï", "ỵ"},
    {"YÙ", "Ý"}, {"YØ", "Ỳ"}, {"YÛ", "Ỷ"}, {"YÕ", "Ỹ"}, {"YÏ", "Ỵ"},
    // đ
    {"ñ", "đ"}, {"Ñ", "Đ"},
};
// clang-format on

// The table as bytes, built once (a function-local static: initialised safely on first use
// by any thread, read-only afterwards).
struct Tables {
    std::array<char32_t, 256> single{};                 // one byte -> letter, 0 when none
    std::unordered_map<std::uint16_t, char32_t> pairs;  // (base << 8 | accent) -> letter
    LetterBytes encoding;                               // letter -> VNI bytes
};

std::uint16_t pair_key(unsigned char base, unsigned char accent) {
    return static_cast<std::uint16_t>(base << 8 | accent);
}

Tables build_tables() {
    Tables tables;
    for (const Entry& entry : table) {
        // The table holds only Latin-1 characters, so shown_bytes always succeeds.
        const std::string bytes = *shown_bytes(entry.shown);
        std::size_t pos = 0;
        const char32_t letter = next_code_point(entry.letter, pos);
        if (bytes.size() == 1)
            tables.single[static_cast<unsigned char>(bytes[0])] = letter;
        else
            tables.pairs.emplace(pair_key(static_cast<unsigned char>(bytes[0]), static_cast<unsigned char>(bytes[1])),
                                 letter);
        tables.encoding.emplace(letter, bytes);
    }
    return tables;
}

const Tables& tables() {
    static const Tables built = build_tables();
    return built;
}

// The letter a base byte and an accent byte make, or 0. An accent in the other case than
// its base ("Aù", typed with Shift held for the first letter only) is accepted too: it
// takes the base's case.
char32_t letter_of_pair(const Tables& t, unsigned char base, unsigned char accent) {
    if (auto it = t.pairs.find(pair_key(base, accent)); it != t.pairs.end()) return it->second;
    if (accent >= 0xC0) { // Latin-1 letters: upper and lower case differ by 0x20
        const auto other_case = static_cast<unsigned char>(accent ^ 0x20);
        if (auto it = t.pairs.find(pair_key(base, other_case)); it != t.pairs.end()) return it->second;
    }
    return 0;
}

} // namespace

std::string decode(std::string_view bytes) {
    const Tables& t = tables();
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (i + 1 < bytes.size()) {
            if (char32_t letter = letter_of_pair(t, byte, static_cast<unsigned char>(bytes[i + 1]))) {
                append_utf8(out, letter);
                ++i;
                continue;
            }
        }
        if (t.single[byte] != 0) append_utf8(out, t.single[byte]);
        else if (byte < 0x80) out += static_cast<char>(byte);
        else append_utf8(out, windows1252_char(byte)); // a lone accent, or not VNI at all
    }
    return out;
}

std::optional<std::string> encode(std::string_view utf8) { return encode_by_table(utf8, tables().encoding); }

} // namespace vanban::text::vni
