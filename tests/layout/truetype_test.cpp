// The TrueType reader on damaged fonts (inputs the truetype fuzz target found).
#include <catch2/catch.hpp>

#include <string>

#include "fixtures/layout_helpers.hpp"
#include "layout/truetype.hpp"
#include "vanban/error.hpp"

using namespace vanban;

namespace {

// The bytes of the regular face of the repository's font, with a u16 of table `tag` at
// `offset` set to `value`.
std::string patched_font(std::string_view tag, std::size_t offset, std::uint16_t value) {
    const layout::TrueTypeFace& face = fixtures::repo_fonts()->family("Times New Roman").face(layout::Face::regular);
    std::string bytes = face.bytes();
    const std::size_t at = static_cast<std::size_t>(face.table(tag).data() - face.bytes().data()) + offset;
    bytes[at] = static_cast<char>(value >> 8);
    bytes[at + 1] = static_cast<char>(value & 0xFF);
    return bytes;
}

} // namespace

TEST_CASE("a font with no glyphs is refused, not read with a width of -1") {
    // maxp.numGlyphs = 0: there is no .notdef, so no width for what the font lacks.
    try {
        layout::TrueTypeFace face(patched_font("maxp", 4, 0), "empty.ttf");
        FAIL("the font was read");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::resource);
        CHECK(failure.error().message.text() == "font empty.ttf has no glyphs");
    }
}

TEST_CASE("a font of 65,535 units per em without OS/2 metrics keeps its descriptor within 16 bits") {
    // The fuzz target's second finding: the default ascent (0.9 em) is 58,981 units here,
    // beyond an int16 (undefined behaviour when converted; -32768 on x86).
    std::string bytes = patched_font("head", 18, 65535);
    const layout::TrueTypeFace probe(bytes, "probe.ttf");
    const std::size_t os2 = static_cast<std::size_t>(probe.table("OS/2").data() - probe.bytes().data());
    // Rename the OS/2 table in the directory, so that the font has none.
    const std::size_t entry = bytes.find("OS/2");
    REQUIRE(entry != std::string::npos);
    REQUIRE(entry < os2);
    bytes.replace(entry, 4, "XS/2");
    const layout::TrueTypeFace face(bytes, "large.ttf");
    CHECK(face.facts().ascender == 32767);
    CHECK(face.facts().descender < 0);
}
