#include "pdf/font_program.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace vanban::pdf {
namespace {

void put16(std::string& out, std::size_t at, std::uint32_t v) {
    out[at] = static_cast<char>((v >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(v & 0xFF);
}
void put32(std::string& out, std::size_t at, std::uint32_t v) {
    put16(out, at, v >> 16);
    put16(out, at + 2, v & 0xFFFF);
}
void add16(std::string& out, std::uint32_t v) {
    out += static_cast<char>((v >> 8) & 0xFF);
    out += static_cast<char>(v & 0xFF);
}
void add32(std::string& out, std::uint32_t v) {
    add16(out, v >> 16);
    add16(out, v & 0xFFFF);
}

// The TrueType table checksum: the sum of the big-endian 32-bit words, zero-padded.
std::uint32_t checksum(std::string_view data) {
    std::uint32_t sum = 0;
    std::size_t i = 0;
    for (; i + 4 <= data.size(); i += 4)
        sum += std::uint32_t(std::uint8_t(data[i])) << 24 | std::uint32_t(std::uint8_t(data[i + 1])) << 16 |
               std::uint32_t(std::uint8_t(data[i + 2])) << 8 | std::uint8_t(data[i + 3]);
    std::uint32_t last = 0;
    for (int shift = 24; i < data.size(); ++i, shift -= 8) last |= std::uint32_t(std::uint8_t(data[i])) << shift;
    return sum + last;
}

struct Table {
    std::array<char, 4> tag;
    std::string bytes;
};

} // namespace

std::vector<bool> glyph_closure(const layout::TrueTypeFace& face, const std::vector<char32_t>& code_points) {
    std::vector<bool> used(face.glyph_count(), false);
    std::vector<std::uint16_t> pending{0};
    for (char32_t cp : code_points) pending.push_back(face.glyph_id(cp));
    while (!pending.empty()) {
        const std::uint16_t gid = pending.back();
        pending.pop_back();
        if (gid >= used.size() || used[gid]) continue;
        used[gid] = true;
        for (std::uint16_t part : face.components(gid)) pending.push_back(part);
    }
    return used;
}

std::string subset_font(const layout::TrueTypeFace& face, const std::vector<bool>& glyphs) {
    const std::size_t count = face.glyph_count();
    // glyf and loca: the kept outlines, each padded to 4 bytes; the others are empty.
    Table glyf{{'g', 'l', 'y', 'f'}, {}};
    std::vector<std::uint32_t> offsets(count + 1, 0);
    for (std::size_t g = 0; g < count; ++g) {
        offsets[g] = static_cast<std::uint32_t>(glyf.bytes.size());
        if (g < glyphs.size() && glyphs[g]) {
            glyf.bytes += face.glyph_data(static_cast<std::uint16_t>(g));
            glyf.bytes.resize((glyf.bytes.size() + 3) & ~std::size_t(3), '\0');
        }
    }
    offsets[count] = static_cast<std::uint32_t>(glyf.bytes.size());
    const bool short_loca = glyf.bytes.size() < 0x20000;
    Table loca{{'l', 'o', 'c', 'a'}, {}};
    for (std::uint32_t offset : offsets) {
        if (short_loca) add16(loca.bytes, offset / 2);
        else add32(loca.bytes, offset);
    }

    std::vector<Table> tables;
    auto copy = [&](const char* tag) {
        const std::string_view bytes = face.table(tag);
        if (!bytes.empty()) tables.push_back(Table{{tag[0], tag[1], tag[2], tag[3]}, std::string(bytes)});
    };
    copy("OS/2");
    copy("cvt ");
    copy("fpgm");
    tables.push_back(std::move(glyf));
    copy("head");
    copy("hhea");
    copy("hmtx");
    tables.push_back(std::move(loca));
    copy("maxp");
    if (std::string_view post = face.table("post"); post.size() >= 32) {
        Table t{{'p', 'o', 's', 't'}, std::string(post.substr(0, 32))};
        put32(t.bytes, 0, 0x00030000); // format 3: no glyph names
        tables.push_back(std::move(t));
    }
    copy("prep");
    Table* head = nullptr;
    for (Table& t : tables)
        if (std::string_view(t.tag.data(), 4) == "head") head = &t;
    if (head && head->bytes.size() >= 54) {
        put32(head->bytes, 8, 0); // checkSumAdjustment, set below
        put16(head->bytes, 50, short_loca ? 0 : 1);
    }
    std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.tag < b.tag; });

    // The table directory (OpenType "Table Directory"), then the tables, 4-byte aligned.
    const std::size_t n = tables.size();
    std::uint16_t power = 1, log2 = 0;
    while (power * 2 <= n) {
        power = static_cast<std::uint16_t>(power * 2);
        ++log2;
    }
    std::string out;
    add32(out, 0x00010000);
    add16(out, static_cast<std::uint32_t>(n));
    add16(out, power * 16u);
    add16(out, log2);
    add16(out, static_cast<std::uint32_t>(n * 16 - power * 16u));
    std::size_t offset = 12 + 16 * n;
    for (const Table& t : tables) {
        out.append(t.tag.data(), 4);
        add32(out, checksum(t.bytes));
        add32(out, static_cast<std::uint32_t>(offset));
        add32(out, static_cast<std::uint32_t>(t.bytes.size()));
        offset += (t.bytes.size() + 3) & ~std::size_t(3);
    }
    std::size_t head_at = 0;
    for (const Table& t : tables) {
        if (std::string_view(t.tag.data(), 4) == "head") head_at = out.size();
        out += t.bytes;
        out.resize((out.size() + 3) & ~std::size_t(3), '\0');
    }
    if (head_at) put32(out, head_at + 8, 0xB1B0AFBAu - checksum(out));
    return out;
}

} // namespace vanban::pdf
