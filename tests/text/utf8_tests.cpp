#include "text/utf8.hpp"

#include "fixtures/vietnamese_alphabet.hpp"
#include "vanban/error.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace vanban::text;
using vanban::fixtures::code_points_of;
using vanban::fixtures::vietnamese_lower;
using vanban::fixtures::vietnamese_upper;
using namespace std::string_literals;

namespace {

// "Đảng uỷ hoà Ủy ban nhân dân" in NFC and in NFD, spelled with escapes so that no editor
// can normalise them behind our back.
const std::string sample_nfc =
    "\u0110\u1EA3ng u\u1EF7 ho\u00E0 \u1EE6y ban nh\u00E2n d\u00E2n";
const std::string sample_nfd =
    "\u0110a\u0309ng uy\u0309 hoa\u0300 U\u0309y ban nha\u0302n da\u0302n";

} // namespace

TEST_CASE("find_invalid_utf8 accepts valid text", "[utf8]") {
    CHECK_FALSE(find_invalid_utf8(""));
    CHECK_FALSE(find_invalid_utf8("plain ASCII text that is longer than eight bytes"));
    CHECK_FALSE(find_invalid_utf8(vietnamese_lower));
    CHECK_FALSE(find_invalid_utf8(vietnamese_upper));
    CHECK_FALSE(find_invalid_utf8(sample_nfd));
    // The edges of each range of Table 3-7.
    CHECK_FALSE(find_invalid_utf8("\x7F"));
    CHECK_FALSE(find_invalid_utf8("\xC2\x80"));             // U+0080
    CHECK_FALSE(find_invalid_utf8("\xDF\xBF"));             // U+07FF
    CHECK_FALSE(find_invalid_utf8("\xE0\xA0\x80"));         // U+0800
    CHECK_FALSE(find_invalid_utf8("\xED\x9F\xBF"));         // U+D7FF
    CHECK_FALSE(find_invalid_utf8("\xEE\x80\x80"));         // U+E000
    CHECK_FALSE(find_invalid_utf8("\xEF\xBF\xBF"));         // U+FFFF
    CHECK_FALSE(find_invalid_utf8("\xF0\x90\x80\x80"));     // U+10000
    CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF"));     // U+10FFFF
    CHECK_FALSE(find_invalid_utf8("a\0b"s));                // NUL is a valid code point
}

TEST_CASE("find_invalid_utf8 gives the offset of the first ill-formed sequence", "[utf8]") {
    CHECK(find_invalid_utf8("ab\xC0\x80") == 2u);            // overlong NUL
    CHECK(find_invalid_utf8("\xC1\xBF") == 0u);              // overlong 2-byte
    CHECK(find_invalid_utf8("x\xE0\x9F\xBF") == 1u);         // overlong 3-byte
    CHECK(find_invalid_utf8("\xF0\x8F\xBF\xBF") == 0u);      // overlong 4-byte
    CHECK(find_invalid_utf8("Đ\xED\xA0\x80") == 2u);         // surrogate U+D800
    CHECK(find_invalid_utf8("\xED\xBF\xBF") == 0u);          // surrogate U+DFFF
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);      // U+110000
    CHECK(find_invalid_utf8("ok\xF5\x80\x80\x80") == 2u);    // F5 never starts a sequence
    CHECK(find_invalid_utf8("\xFF") == 0u);
    CHECK(find_invalid_utf8("abc\x80") == 3u);               // lone continuation byte
    CHECK(find_invalid_utf8("ủy\xE1\xBB") == 4u);            // truncated at the end
    CHECK(find_invalid_utf8("\xF0\x9F\x98") == 0u);          // truncated 4-byte
    CHECK(find_invalid_utf8("\xC3" "A") == 0u);              // lead then no continuation
    CHECK(find_invalid_utf8("ạ\xE1\xBB" "A") == 3u);       // three-byte lead, bad third byte
    CHECK(find_invalid_utf8("\xEF\x80\xC3\xA0") == 0u);       // ... a lead where the third should be
    // The first of several errors, after a long ASCII run (the 8-byte fast path).
    CHECK(find_invalid_utf8("0123456789abcdefghij\x80\xFF") == 20u);
    CHECK(find_invalid_utf8("0123456789abcdef\xC3\xA0xyz\xC0") == 21u);
}

TEST_CASE("is_ascii", "[utf8]") {
    CHECK(is_ascii(""));
    CHECK(is_ascii("Ke hoach so 19-KH/CB, long enough for the fast path"));
    CHECK_FALSE(is_ascii("Ke hoach so 19-KH/CB, long enough for the fast path\xC3\xA0"));
    CHECK_FALSE(is_ascii("đ"));
}

TEST_CASE("to_nfc composes NFD Vietnamese and keeps tone placement", "[utf8][nfc]") {
    REQUIRE(count_code_points(sample_nfc) == 27);
    REQUIRE(count_code_points(sample_nfd) == 33);
    CHECK(to_nfc(sample_nfd) == sample_nfc);
    CHECK(to_nfc(sample_nfc) == sample_nfc);
    CHECK(is_nfc(sample_nfc));
    CHECK_FALSE(is_nfc(sample_nfd));

    // "uỷ" (tone on y) and "ủy" (tone on u) are different spellings: both stay as written.
    CHECK(to_nfc("uy\u0309") == "u\u1EF7");
    CHECK(to_nfc("u\u0309y") == "\u1EE7y");
    CHECK(to_nfc("u\u1EF7") != to_nfc("\u1EE7y"));

    // Two marks (circumflex + acute) compose into one letter, whatever order is canonical.
    CHECK(to_nfc("e\u0302\u0301") == "\u1EBF"); // ế
    CHECK(to_nfc("a\u0306\u0323") == "\u1EB7"); // ặ (dot below is reordered first)

    // NFC is not NFKC: compatibility characters are kept.
    CHECK(to_nfc("\uFB01 \u00BD") == "\uFB01 \u00BD");
    // A NUL inside non-ASCII text survives.
    CHECK(to_nfc("a\0a\u0300"s) == "a\0\u00E0"s);
}

TEST_CASE("is_nfc agrees with to_nfc, on its quick path and off it", "[utf8][nfc]") {
    // Each sample: precomposed Vietnamese, typographic punctuation, a combining mark after a
    // precomposed letter, a canonical singleton (U+2000 becomes U+2002), Greek tonos (U+0385
    // is NFC, U+1FEE decomposes to it), a Hangul syllable written as jamo.
    const std::vector<std::string> samples = {
        "Đảng uỷ hoà, “Nâng cao chất lượng” – ½ ‰ €",
        "a\u0301", "\u1EA1\u0302", "\u1EA0\u0306", "x\u2000y", "\u0385", "\u1FEE",
        "\u1100\u1161", "\uAC00", "\u00C5\u212B", "\u2070\u2071", "\u20AC\u20C0", "\u02FF\u0300",
    };
    for (const std::string& sample : samples) {
        INFO(sample);
        CHECK(is_nfc(sample) == (to_nfc(sample) == sample));
    }
    CHECK(is_nfc(sample_nfc));
    CHECK_FALSE(is_nfc("x\u2000y"));
}

TEST_CASE("to_nfc on ASCII and on invalid input", "[utf8][nfc]") {
    CHECK(to_nfc("") == "");
    CHECK(to_nfc("Ke hoach") == "Ke hoach");
    CHECK(is_nfc("Ke hoach"));
    try {
        to_nfc("Đảng\xC0\x80");
        FAIL("to_nfc accepted invalid UTF-8");
    } catch (const vanban::Failure& failure) {
        CHECK(failure.error().kind == vanban::ErrorKind::data);
        CHECK(failure.error().byte_offset == 7);
        CHECK(failure.error().message.text() == "invalid UTF-8 at byte 7");
    }
}

TEST_CASE("to_upper and to_lower map every Vietnamese letter with every tone", "[utf8][case]") {
    const auto lower_letters = code_points_of(vietnamese_lower);
    const auto upper_letters = code_points_of(vietnamese_upper);
    REQUIRE(lower_letters.size() == 73);
    REQUIRE(upper_letters.size() == 73);
    int precomposed = 0;
    for (std::size_t i = 0; i < lower_letters.size(); ++i) {
        INFO("letter " << i << ": " << lower_letters[i] << " / " << upper_letters[i]);
        CHECK(lower_letters[i] != upper_letters[i]);
        CHECK(to_upper(lower_letters[i]) == upper_letters[i]);
        CHECK(to_lower(upper_letters[i]) == lower_letters[i]);
        CHECK(to_upper(upper_letters[i]) == upper_letters[i]);
        CHECK(to_lower(lower_letters[i]) == lower_letters[i]);
        CHECK(is_nfc(lower_letters[i]));
        CHECK(is_nfc(upper_letters[i]));
        if (!is_ascii(lower_letters[i])) precomposed += 2;
    }
    CHECK(precomposed == 134);
    CHECK(to_upper(vietnamese_lower) == vietnamese_upper);
    CHECK(to_lower(vietnamese_upper) == vietnamese_lower);
}

TEST_CASE("to_upper and to_lower on phrases", "[utf8][case]") {
    CHECK(to_upper("Đảng uỷ hoà") == "ĐẢNG UỶ HOÀ");
    CHECK(to_upper("ủy ban") == "ỦY BAN");
    CHECK(to_lower("ĐẢNG ỦY") == "đảng ủy");
    CHECK(to_upper("đ") == "Đ");
    CHECK(to_lower("Đ") == "đ");
    // Non-letters unchanged.
    CHECK(to_upper("Số 19-KH/CB, 25% (x)!") == "SỐ 19-KH/CB, 25% (X)!");
    CHECK(to_lower("Số 19-KH/CB, 25% (X)!") == "số 19-kh/cb, 25% (x)!");
    // NFD stays NFD: the combining marks have no case and are copied.
    CHECK(to_upper(sample_nfd) == "\u0110A\u0309NG UY\u0309 HOA\u0300 U\u0309Y BAN NHA\u0302N DA\u0302N");
    // Bytes that are not UTF-8 are copied, the rest is still mapped.
    CHECK(to_upper("a\xFF" "b") == "A\xFF" "B");
    CHECK(to_upper("") == "");
}

TEST_CASE("capitalize_first", "[utf8][case]") {
    CHECK(capitalize_first("về việc") == "Về việc");
    CHECK(capitalize_first("đảng ủy") == "Đảng ủy");
    CHECK(capitalize_first("ủy ban nhân dân") == "Ủy ban nhân dân");
    CHECK(capitalize_first("Về việc") == "Về việc");
    CHECK(capitalize_first("(về việc)") == "(về việc)");
    CHECK(capitalize_first("x") == "X");
    CHECK(capitalize_first("") == "");
    CHECK(capitalize_first("\u01C6a") == "\u01C5a"); // dž -> Dž (title case, not DŽ)
}

TEST_CASE("count_code_points", "[utf8]") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("Đảng") == 4);
    CHECK(count_code_points("\xF0\x9F\x98\x80") == 1); // U+1F600
    CHECK(count_code_points(vietnamese_upper) == 73);
}

TEST_CASE("next_code_point decodes and advances", "[utf8]") {
    const std::string text = "aĐ\u1EF7\U0001F600";
    std::size_t pos = 0;
    CHECK(next_code_point(text, pos) == U'a');
    CHECK(pos == 1);
    CHECK(next_code_point(text, pos) == U'\u0110');
    CHECK(pos == 3);
    CHECK(next_code_point(text, pos) == U'\u1EF7');
    CHECK(pos == 6);
    CHECK(next_code_point(text, pos) == U'\U0001F600');
    CHECK(pos == 10);
    CHECK(next_code_point(text, pos) == 0);
    CHECK(pos == 10);

    const std::string bad = "\xE1\xBB" "a";
    pos = 0;
    CHECK(next_code_point(bad, pos) == U'\uFFFD');
    CHECK(pos == 1);
    CHECK(next_code_point(bad, pos) == U'\uFFFD');
    CHECK(pos == 2);
    CHECK(next_code_point(bad, pos) == U'a');
}

// next_code_point decodes the common sequences inline and leaves the rest to the full
// decoder: on every lead byte from 80 to FF, every second byte and the boundary values of a
// third, it agrees with the validator on what is a sequence and how long it is.
TEST_CASE("next_code_point agrees with the validator on every two- and three-byte prefix", "[utf8]") {
    const unsigned char thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE1, 0xFF};
    for (unsigned lead = 0x80; lead <= 0xFF; ++lead)
        for (unsigned second = 0; second <= 0xFF; ++second)
            for (const unsigned char third : thirds) {
                const std::string bytes{static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third)};
                std::size_t expected_length = 0;
                for (std::size_t n = 2; n <= 3 && expected_length == 0; ++n)
                    if (is_valid_utf8(bytes.substr(0, n))) expected_length = n;
                std::size_t pos = 0;
                const char32_t cp = next_code_point(bytes, pos);
                if (expected_length == 0) {
                    REQUIRE(cp == U'\uFFFD');
                    REQUIRE(pos == 1);
                } else {
                    std::string encoded;
                    append_utf8(encoded, cp);
                    REQUIRE(encoded == bytes.substr(0, expected_length));
                    REQUIRE(pos == expected_length);
                }
            }
}

TEST_CASE("append_utf8 encodes every length and replaces non-characters", "[utf8]") {
    std::string out;
    append_utf8(out, U'a');
    append_utf8(out, U'\u00E0');
    append_utf8(out, U'\u1EF7');
    append_utf8(out, U'\U0001F600');
    CHECK(out == "a\xC3\xA0\xE1\xBB\xB7\xF0\x9F\x98\x80");

    std::string bad;
    append_utf8(bad, 0xD800);
    append_utf8(bad, 0x110000);
    CHECK(bad == "\uFFFD\uFFFD");

    // Round trip over the whole code space, a sample every 97 code points.
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        std::string one;
        append_utf8(one, cp);
        REQUIRE_FALSE(find_invalid_utf8(one));
        std::size_t pos = 0;
        REQUIRE(next_code_point(one, pos) == cp);
        REQUIRE(pos == one.size());
    }
}

TEST_CASE("strip_bom", "[utf8]") {
    CHECK(strip_bom("\xEF\xBB\xBF{\"a\":1}") == "{\"a\":1}");
    CHECK(strip_bom("{\"a\":1}") == "{\"a\":1}");
    CHECK(strip_bom("\xEF\xBB") == "\xEF\xBB");
    CHECK(strip_bom("") == "");
    CHECK(strip_bom("\xEF\xBB\xBF\xEF\xBB\xBF" "x") == "\xEF\xBB\xBF" "x"); // only one
}
