// Legacy Vietnamese encodings: TCVN3 (through glibc's iconv), VNI (vanban's own table) and
// Windows-1258, raw and "shown as Latin-1"; and the detection of legacy text in UTF-8 data.
#include "text/legacy.hpp"

#include "fixtures/vietnamese_alphabet.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace vanban;
using namespace vanban::text;
using vanban::fixtures::code_points_of;
using vanban::fixtures::vietnamese_lower;
using vanban::fixtures::vietnamese_upper;

namespace {

std::vector<std::string> non_ascii(const std::vector<std::string>& letters) {
    std::vector<std::string> out;
    for (const std::string& letter : letters)
        if (!is_ascii(letter)) out.push_back(letter);
    return out;
}

// VNI written from the rules of the encoding (independently of vni.cpp's table): the
// Latin-1 characters of a letter's bytes. Index: vowel family (a ă â e ê i o ô ơ u ư y),
// tone (none, huyền, hỏi, ngã, sắc, nặng).
std::string vni_by_rule(std::size_t index, bool upper) {
    if (index == 72) return upper ? "Ñ" : "ñ";
    const std::size_t family = index / 6, tone = index % 6;
    // Accent characters per tone, lower case: alone, with circumflex, with breve.
    const char* plain[] = {"", "ø", "û", "õ", "ù", "ï"};
    const char* circumflex[] = {"â", "à", "å", "ã", "á", "ä"};
    const char* breve[] = {"ê", "è", "ú", "ü", "é", "ë"};
    const char* i_forms[] = {"i", "ì", "æ", "ó", "í", "ò"};
    std::string base, accent;
    switch (family) {
    case 0: base = "a"; accent = plain[tone]; break;
    case 1: base = "a"; accent = breve[tone]; break;
    case 2: base = "a"; accent = circumflex[tone]; break;
    case 3: base = "e"; accent = plain[tone]; break;
    case 4: base = "e"; accent = circumflex[tone]; break;
    case 5: base = i_forms[tone]; break;
    case 6: base = "o"; accent = plain[tone]; break;
    case 7: base = "o"; accent = circumflex[tone]; break;
    case 8: base = "ô"; accent = plain[tone]; break; // ơ
    case 9: base = "u"; accent = plain[tone]; break;
    case 10: base = "ö"; accent = plain[tone]; break; // ư
    case 11: base = "y"; accent = plain[tone]; break;
    }
    std::string shown = base + accent;
    return upper ? to_upper(shown) : shown;
}

std::string bytes_of_shown(const std::string& shown) {
    std::optional<std::string> bytes = shown_bytes(shown);
    REQUIRE(bytes);
    return *bytes;
}

} // namespace

TEST_CASE("legacy encodings have names and aliases", "[legacy]") {
    CHECK(parse_legacy_encoding("tcvn3") == LegacyEncoding::tcvn3);
    CHECK(parse_legacy_encoding("ABC") == LegacyEncoding::tcvn3);
    CHECK(parse_legacy_encoding("VNI") == LegacyEncoding::vni);
    CHECK(parse_legacy_encoding("windows-1258") == LegacyEncoding::cp1258);
    CHECK_FALSE(parse_legacy_encoding("utf-8"));
    CHECK_FALSE(parse_legacy_encoding("viqr"));
    CHECK(std::string(legacy_encoding_name(LegacyEncoding::vni)) == "vni");
}

TEST_CASE("TCVN3 bytes decode as glibc reads VN3", "[legacy][tcvn3]") {
    CHECK(decode_legacy("U\xFB ban nh\xA9n d\xA9n", LegacyEncoding::tcvn3) == "Uỷ ban nhân dân");
    CHECK(decode_legacy("\xA7\xB6ng c\xE9ng s\xB6n Vi\xD6t Nam", LegacyEncoding::tcvn3) == "Đảng cộng sản Việt Nam");
    CHECK(decode_legacy("plain ASCII\r\n", LegacyEncoding::tcvn3) == "plain ASCII\r\n");
}

TEST_CASE("every VN3 letter byte is one of the Vietnamese letters, and all of them are there",
          "[legacy][tcvn3]") {
    // VN3 has the 67 lower-case letters and the upper-case Ă Â Ê Ô Ơ Ư Đ: 74 bytes.
    std::set<std::string> expected;
    for (const std::string& letter : non_ascii(code_points_of(vietnamese_lower))) expected.insert(letter);
    for (const char* upper : {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"}) expected.insert(upper);
    std::set<std::string> decoded;
    for (int byte = 0x80; byte <= 0xFF; ++byte) {
        const std::string letter = decode_legacy(std::string(1, char(byte)), LegacyEncoding::tcvn3);
        if (expected.count(letter)) decoded.insert(letter);
    }
    CHECK(decoded == expected);
    CHECK(expected.size() == 74);
}

TEST_CASE("TCVN3 round trips its 74 letters, and upper-case toned letters have no byte", "[legacy][tcvn3]") {
    std::vector<std::string> letters = non_ascii(code_points_of(vietnamese_lower));
    for (const char* upper : {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"}) letters.push_back(upper);
    for (const std::string& letter : letters) {
        INFO(letter);
        std::optional<std::string> bytes = encode_legacy(letter, LegacyEncoding::tcvn3);
        REQUIRE(bytes);
        CHECK(bytes->size() == 1);
        CHECK(decode_legacy(*bytes, LegacyEncoding::tcvn3) == letter);
    }
    CHECK_FALSE(encode_legacy("Ả", LegacyEncoding::tcvn3));
    // Text in the .VnTimeH fonts is stored in lower case and shown in upper case: decoding
    // and then upper-casing gives what the reader saw.
    std::optional<std::string> stored = encode_legacy("uỷ ban nhân dân tỉnh", LegacyEncoding::tcvn3);
    REQUIRE(stored);
    CHECK(to_upper(decode_legacy(*stored, LegacyEncoding::tcvn3)) == "UỶ BAN NHÂN DÂN TỈNH");
}

TEST_CASE("TCVN3: bytes VN3 does not use keep their Windows-1252 character", "[legacy][tcvn3]") {
    // glibc reads these as VN1's upper-case letters and combining marks; in VN3 documents
    // they are Word's quotes and dashes, the degree sign, control characters.
    CHECK(decode_legacy("\x93\xA7\xB6ng\x94 \x96 30\xB0" "C", LegacyEncoding::tcvn3) == "“Đảng” – 30°C");
    CHECK(decode_legacy("a\x01" "b", LegacyEncoding::tcvn3) == "a\x01" "b");
    CHECK(decode_legacy("\xC0\xFF", LegacyEncoding::tcvn3) == "Àÿ");
}

TEST_CASE("VNI decodes sentences, upper case and mixed case", "[legacy][vni]") {
    auto vni = [](const std::string& shown) { return decode_legacy(bytes_of_shown(shown), LegacyEncoding::vni); };
    CHECK(vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam");
    CHECK(vni("Ñaûng coäng saûn Vieät Nam") == "Đảng cộng sản Việt Nam");
    CHECK(vni("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    CHECK(vni("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc");
    CHECK(vni("ngöôøi, thuôû, khuyeán, nghieâng") == "người, thuở, khuyến, nghiêng");
    // Tone placement is the text's own: "uyû" stays "uỷ", "uûy" stays "ủy".
    CHECK(vni("UÛy ban, Uyû ban") == "Ủy ban, Uỷ ban");
    // An accent in the other case than its letter takes the letter's case.
    CHECK(vni("Aùo, aÙo") == "Áo, áo");
    // An accent after no vowel keeps its Latin-1 character.
    CHECK(vni("nù 5ø") == "nù 5ø");
}

TEST_CASE("VNI: each of the 134 letters decodes from its bytes and encodes back to them",
          "[legacy][vni]") {
    const std::vector<std::string> lower = code_points_of(vietnamese_lower), upper = code_points_of(vietnamese_upper);
    REQUIRE(lower.size() == 73);
    REQUIRE(upper.size() == 73);
    int checked = 0;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        for (bool is_upper : {false, true}) {
            const std::string& letter = is_upper ? upper[i] : lower[i];
            if (is_ascii(letter)) continue;
            INFO(letter);
            const std::string bytes = bytes_of_shown(vni_by_rule(i, is_upper));
            CHECK(decode_legacy(bytes, LegacyEncoding::vni) == letter);
            CHECK(encode_legacy(letter, LegacyEncoding::vni) == bytes);
            // and inside a word, where the longest match must not eat the neighbours
            CHECK(decode_legacy("nh" + bytes + "ng", LegacyEncoding::vni) == "nh" + letter + "ng");
            ++checked;
        }
    }
    CHECK(checked == 134);
    // A round trip of the whole alphabet in one text.
    for (const std::string& text : {vietnamese_lower, vietnamese_upper}) {
        std::optional<std::string> bytes = encode_legacy(text, LegacyEncoding::vni);
        REQUIRE(bytes);
        CHECK(decode_legacy(*bytes, LegacyEncoding::vni) == text);
    }
    CHECK_FALSE(encode_legacy("ß", LegacyEncoding::vni));
}

TEST_CASE("Windows-1258 round trips the 134 letters and composes to NFC", "[legacy][cp1258]") {
    CHECK(decode_legacy("Vi\xEA\xF2t Nam", LegacyEncoding::cp1258) == "Việt Nam");
    CHECK(is_nfc(decode_legacy("Vi\xEA\xF2t", LegacyEncoding::cp1258)));
    for (const std::string& text : {vietnamese_lower, vietnamese_upper}) {
        std::optional<std::string> bytes = encode_legacy(text, LegacyEncoding::cp1258);
        REQUIRE(bytes);
        CHECK(find_invalid_utf8(*bytes)); // really single bytes, not UTF-8
        CHECK(decode_legacy(*bytes, LegacyEncoding::cp1258) == text);
    }
}

TEST_CASE("Windows-1258: a byte it does not define is a data error with its offset", "[legacy][cp1258]") {
    try {
        decode_legacy("abc\x81", LegacyEncoding::cp1258);
        FAIL("no error");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::data);
        CHECK(failure.error().byte_offset == 3);
        CHECK(failure.error().message.text() == "CP1258 has no character for the byte 0x81");
    }
}

TEST_CASE("text shown as Latin-1 maps back to its bytes", "[legacy]") {
    CHECK(shown_byte(U'à') == 0xE0);
    CHECK(shown_byte(U'“') == 0x93);
    CHECK(shown_byte(0x93) == 0x93);
    CHECK_FALSE(shown_byte(U'ộ'));
    for (int byte = 0; byte < 256; ++byte) CHECK(shown_byte(windows1252_char(static_cast<unsigned char>(byte))) == byte);
    CHECK(decode_shown_as_latin1("§¶ng céng s¶n ViÖt Nam", LegacyEncoding::tcvn3) == "Đảng cộng sản Việt Nam");
    CHECK(decode_shown_as_latin1("Ñaûng", LegacyEncoding::vni) == "Đảng");
    CHECK(decode_shown_as_latin1("“Uû ban”", LegacyEncoding::tcvn3) == "“Uỷ ban”");
    CHECK(decode_shown_as_latin1("Hà Nội", LegacyEncoding::tcvn3) == std::nullopt); // real Unicode
    CHECK(decode_shown_as_latin1("ASCII", LegacyEncoding::vni) == "ASCII");
}

TEST_CASE("legacy text shown as Latin-1 is recognised", "[legacy][detect]") {
    CHECK(guess_shown_as_latin1("§¶ng céng s¶n ViÖt Nam") == LegacyEncoding::tcvn3);
    CHECK(guess_shown_as_latin1("Uû ban nh©n d©n tØnh Qu¶ng Nam") == LegacyEncoding::tcvn3);
    CHECK(guess_shown_as_latin1("Hµ Néi") == LegacyEncoding::tcvn3);
    CHECK(guess_shown_as_latin1("Ñaûng") == LegacyEncoding::vni);
    CHECK(guess_shown_as_latin1("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == LegacyEncoding::vni);
    CHECK(guess_shown_as_latin1("ÑAÛNG COÄNG SAÛN VIEÄT NAM") == LegacyEncoding::vni);
    // Every sample of the other tests, encoded and shown, is recognised as what it is.
    for (const char* text : {"Kế hoạch thực hiện Nghị quyết Đại hội", "về công tác phát triển đảng viên năm 2026",
                             "Ban Chấp hành Đảng bộ tỉnh Quảng Nam"}) {
        for (LegacyEncoding encoding : {LegacyEncoding::tcvn3, LegacyEncoding::vni}) {
            INFO(text << " as " << legacy_encoding_name(encoding));
            std::optional<std::string> bytes = encode_legacy(to_lower(text), encoding);
            REQUIRE(bytes);
            std::string shown;
            for (char byte : *bytes) append_utf8(shown, windows1252_char(static_cast<unsigned char>(byte)));
            CHECK(guess_shown_as_latin1(shown) == encoding);
        }
    }
}

TEST_CASE("real text is never taken for legacy text", "[legacy][detect]") {
    for (const std::string& text :
         {vietnamese_lower, vietnamese_upper, std::string("Đảng cộng sản Việt Nam"), std::string("Thái Bình"),
          std::string("Cà Mau"), std::string("Lào Cai, Hòa Bình"), std::string("50µm"), std::string("© 2020 Công ty"),
          std::string("Gerd Müller, François, Peña"), std::string("§ 3"), std::string("30°C ± 2"),
          std::string("plain ASCII"), std::string("“Thái Bình” – Tô Hà"), std::string("Universität Göttingen"),
          std::string("Ủy ban nhân dân tỉnh")}) {
        INFO(text);
        CHECK_FALSE(guess_shown_as_latin1(text));
    }
}
