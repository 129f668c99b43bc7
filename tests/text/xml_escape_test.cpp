// Escaping for the XML written by hand (text/xml_escape.hpp) against a byte-by-byte answer:
// the special characters at every place of an eight-byte word and across words.
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "text/xml_escape.hpp"

namespace {

std::string escaped_byte_by_byte(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (text.compare(i, 3, "\xEF\xBF\xBE") == 0 || text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
            i += 2; // U+FFFE, U+FFFF: left out
            continue;
        }
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        else out += c;
    }
    return out;
}

std::string escaped(const std::string& text) {
    std::string out = "kept:";
    vanban::text::append_xml_escaped(out, text);
    return out.substr(5);
}

} // namespace

TEST_CASE("XML escaping: & < > \" anywhere, control characters XML cannot hold left out, everything else as it is",
          "[text]") {
    CHECK(escaped("") == "");
    CHECK(escaped("Ủy ban nhân dân") == "Ủy ban nhân dân");
    CHECK(escaped("<a href=\"x\">B & C</a>") == "&lt;a href=&quot;x&quot;&gt;B &amp; C&lt;/a&gt;");
    CHECK(escaped("&&&&&&&&&") == "&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;");
    CHECK(escaped("Kế\x01 hoạch\x0B số\t1\r\n") == "Kế hoạch số\t1\r\n");
    CHECK(escaped(std::string("a\0b", 3)) == "ab");
    CHECK(escaped("Kế\xEF\xBF\xBF hoạch\xEF\xBF\xBE \xEF\xBC\x81") == "Kế hoạch \xEF\xBC\x81"); // U+FF01 is kept
    // Texts of every length to 40, of letters, Vietnamese bytes, the four characters and
    // control characters.
    const std::string pieces[] = {"a", " ", "&", "<", ">", "\"", "'", "\xE1\xBB\xA7", "\xC3\xA2", "\x01", "\t", "\n", "\x1F",
                                  "\xEF\xBF\xBF", "\xEF\xBF\xBE", "\xEF\xBC\x81"};
    std::mt19937 random(7);
    for (int length = 0; length <= 40; ++length)
        for (int round = 0; round < 20; ++round) {
            std::string text;
            for (int i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
            INFO(text);
            CHECK(escaped(text) == escaped_byte_by_byte(text));
        }
}
