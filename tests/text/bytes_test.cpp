// The eight-bytes-at-a-time checks (text/bytes.hpp) against a byte-by-byte answer.
#include <cstdint>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "text/bytes.hpp"

using namespace vanban::text::bytes;

namespace {

std::uint8_t byte_of(std::uint64_t word, int i) { return static_cast<std::uint8_t>(word >> (8 * i)); }

} // namespace

TEST_CASE("eight bytes at a time: the same answers as byte by byte", "[text][bytes]") {
    std::mt19937_64 random(12);
    // Words made of few distinct bytes, so that the bytes looked for, their neighbours and
    // the borrows between bytes all occur.
    const std::uint8_t alphabet[] = {0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x2A, 0x3C, 0x5C, 0x5F,
                                     0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC3, 0xE1, 0xFE, 0xFF};
    for (int n = 0; n < 20000; ++n) {
        std::uint64_t word = 0;
        for (int i = 0; i < 8; ++i) word |= std::uint64_t(alphabet[random() % std::size(alphabet)]) << (8 * i);
        bool below_space = false;
        for (int i = 0; i < 8; ++i) below_space |= byte_of(word, i) < 0x20;
        CHECK((any_below(word, 0x20) != 0) == below_space);
        for (const std::uint8_t c : {std::uint8_t(' '), std::uint8_t('*'), std::uint8_t(0x00), std::uint8_t(0xFF)}) {
            std::uint64_t expected = 0;
            for (int i = 0; i < 8; ++i)
                if (byte_of(word, i) == c) expected |= std::uint64_t(0x80) << (8 * i);
            CHECK(equal_bytes(word, c) == expected);
            CHECK((any_equal(word, c) != 0) == (expected != 0));
        }
    }
}

TEST_CASE("the next control character is found across eight-byte words", "[text][bytes]") {
    for (std::size_t at = 0; at < 20; ++at) {
        std::string text(20, 'x');
        text[at] = '\n';
        CHECK(next_control(text, 0) == at);
        CHECK(next_control(text, at + 1) == text.size());
    }
    const std::string place = "Tỉnh ủy Quảng Nam, ngày 25 tháng 3";
    CHECK(next_control(place, 0) == place.size());
}

TEST_CASE("U+FFFE and U+FFFF are found, and what XML cannot hold comes first", "[text][bytes]") {
    CHECK(find_xml_noncharacter("a\xEF\xBC\x81" "b\xEF\xBF\xBF") == 5);
    CHECK(find_xml_noncharacter("\xEF\xBF\xBE") == 0);
    CHECK(find_xml_noncharacter("\xEF\xBF") == 2); // cut short: not one
    CHECK(find_not_in_xml("x\x01y\xEF\xBF\xBF") == 1);
    CHECK(find_not_in_xml("x\xEF\xBF\xBFy\x01") == 1);
    CHECK(find_not_in_xml("một\tdòng") == std::string("một\tdòng").size());
}

TEST_CASE("the first control character XML cannot hold is found past tabs and line ends", "[text][bytes]") {
    CHECK(find_forbidden_control("một\tdòng\r\nhai") == std::string("một\tdòng\r\nhai").size());
    for (std::size_t at = 0; at < 20; ++at) {
        std::string text = "\t\n\r\t\n\r\t\n\r\t\n\r\t\n\r\t\n\r\t\n";
        text[at] = '\x0B';
        CHECK(find_forbidden_control(text) == at);
        text[at] = '\0';
        CHECK(find_forbidden_control(text) == at);
    }
}
