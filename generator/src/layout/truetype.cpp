#include "layout/truetype.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "vanban/error.hpp"

namespace vanban::layout {
namespace detail {

// Big-endian readers over the font bytes, bounds-checked: a truncated file is an error,
// never a read past the end.
class FontReader {
public:
    FontReader(std::string_view data, const std::string& source) : data_(data), source_(source) {}

    std::uint16_t u16(std::size_t at) const {
        need(at, 2);
        return static_cast<std::uint16_t>(byte(at) << 8 | byte(at + 1));
    }
    std::int16_t s16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint32_t u32(std::size_t at) const {
        need(at, 4);
        return std::uint32_t(byte(at)) << 24 | std::uint32_t(byte(at + 1)) << 16 |
               std::uint32_t(byte(at + 2)) << 8 | std::uint32_t(byte(at + 3));
    }
    [[noreturn]] void fail(Message what) const {
        throw Failure(ErrorKind::resource, msg("font.damaged", "font {file}: {problem}", {{"file", source_}, {"problem", what}}));
    }
    void need(std::size_t at, std::size_t length) const {
        if (at > data_.size() || length > data_.size() - at) fail(msg("font.truncated", "is truncated or damaged"));
    }

private:
    unsigned byte(std::size_t at) const { return static_cast<unsigned char>(data_[at]); }
    std::string_view data_;
    const std::string& source_;
};

} // namespace detail

namespace {

using Reader = detail::FontReader;

struct TableSpan {
    std::size_t offset = 0, length = 0;
    bool found() const { return length != 0; }
};

TableSpan find_table(const Reader& r, const char* tag) {
    const std::uint16_t count = r.u16(4);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t entry = 12 + 16 * i;
        const std::uint32_t t = r.u32(entry);
        const std::uint32_t wanted = std::uint32_t(std::uint8_t(tag[0])) << 24 |
                                     std::uint32_t(std::uint8_t(tag[1])) << 16 |
                                     std::uint32_t(std::uint8_t(tag[2])) << 8 | std::uint8_t(tag[3]);
        if (t == wanted) {
            TableSpan span{r.u32(entry + 8), r.u32(entry + 12)};
            r.need(span.offset, span.length);
            return span;
        }
    }
    return {};
}

// Calls add(code point, glyph id) for every mapping of the best Unicode cmap subtable:
// format 12 (full repertoire) when present, else format 4 (BMP).
template <class Add>
void read_cmap(const Reader& r, TableSpan cmap, Add add) {
    const std::uint16_t count = r.u16(cmap.offset + 2);
    std::size_t format4 = 0, format12 = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = cmap.offset + 4 + 8 * i;
        const std::uint16_t platform = r.u16(rec), encoding = r.u16(rec + 2);
        const std::size_t sub = cmap.offset + r.u32(rec + 4);
        const std::uint16_t format = r.u16(sub);
        const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!unicode) continue;
        if (format == 12) format12 = sub;
        if (format == 4) format4 = sub;
    }
    if (format12) {
        const std::uint32_t groups = r.u32(format12 + 12);
        for (std::size_t g = 0; g < groups; ++g) {
            const std::size_t at = format12 + 16 + 12 * g;
            const std::uint32_t first = r.u32(at), last = r.u32(at + 4), gid = r.u32(at + 8);
            for (std::uint32_t cp = first; cp <= last && cp <= 0xFFFF; ++cp) add(cp, gid + (cp - first));
        }
        return;
    }
    if (!format4) r.fail(msg("font.no-cmap", "has no Unicode character map"));
    const std::size_t segments = r.u16(format4 + 6) / 2;
    const std::size_t ends = format4 + 14, starts = ends + 2 * segments + 2;
    const std::size_t deltas = starts + 2 * segments, range_offsets = deltas + 2 * segments;
    for (std::size_t s = 0; s < segments; ++s) {
        const std::uint16_t end = r.u16(ends + 2 * s), start = r.u16(starts + 2 * s);
        const std::uint16_t delta = r.u16(deltas + 2 * s), range_offset = r.u16(range_offsets + 2 * s);
        for (std::uint32_t cp = start; cp <= end && cp != 0xFFFF; ++cp) {
            std::uint32_t gid;
            if (range_offset == 0) {
                gid = (cp + delta) & 0xFFFF;
            } else {
                const std::size_t at = range_offsets + 2 * s + range_offset + 2 * (cp - start);
                gid = r.u16(at);
                if (gid != 0) gid = (gid + delta) & 0xFFFF;
            }
            if (gid != 0) add(cp, gid);
        }
    }
}

} // namespace

TrueTypeFace::TrueTypeFace(std::string bytes, std::string source)
    : bytes_(std::move(bytes)), source_(std::move(source)) {
    const Reader r(bytes_, source_);
    r.need(0, 12);
    const std::uint32_t version = r.u32(0);
    if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
        r.fail(msg("font.not-truetype", "is not a TrueType font (collections and CFF fonts are not supported)"));

    const TableSpan head = find_table(r, "head"), hhea = find_table(r, "hhea");
    const TableSpan hmtx = find_table(r, "hmtx"), maxp = find_table(r, "maxp");
    const TableSpan cmap = find_table(r, "cmap"), os2 = find_table(r, "OS/2");
    const TableSpan post = find_table(r, "post");
    if (!head.found() || !hhea.found() || !hmtx.found() || !maxp.found() || !cmap.found())
        r.fail(msg("font.missing-table", "lacks one of the tables head, hhea, hmtx, maxp, cmap"));
    read_directory(r);

    const double units_per_em = r.u16(head.offset + 18);
    if (units_per_em < 16) r.fail(msg("font.bad-units", "has an invalid unitsPerEm"));
    scale_ = 1.0 / units_per_em;
    units_per_em_ = static_cast<std::uint32_t>(units_per_em);

    const std::size_t glyph_count = r.u16(maxp.offset + 4);
    // Glyph 0 (.notdef) draws whatever the font lacks; a font without it has no width to give.
    if (glyph_count == 0)
        throw Failure(ErrorKind::resource, msg("font.no-glyphs", "font {file} has no glyphs", {{"file", source_}}));
    const std::size_t metric_count = r.u16(hhea.offset + 34);
    if (metric_count == 0) r.fail(msg("font.no-metrics", "has no horizontal metrics"));
    r.need(hmtx.offset, 4 * metric_count);
    auto advance_of = [&](std::uint32_t gid) -> std::int32_t {
        if (gid >= glyph_count) return -1;
        const std::size_t index = gid < metric_count ? gid : metric_count - 1;
        return r.u16(hmtx.offset + 4 * index);
    };
    notdef_units_ = advance_of(0);
    notdef_advance_ = notdef_units_ * scale_;

    glyph_count_ = glyph_count;
    read_cmap(r, cmap, [&](std::uint32_t cp, std::uint32_t gid) {
        if (gid >= glyph_count) return; // a damaged cmap: treat the code point as not covered
        if (cp >= advance_by_cp_.size()) {
            advance_by_cp_.resize(cp + 1, -1);
            gid_by_cp_.resize(cp + 1, 0);
        }
        advance_by_cp_[cp] = advance_of(gid);
        gid_by_cp_[cp] = static_cast<std::uint16_t>(gid);
    });
    read_glyph_locations(r, head.offset);
    read_facts(r, head.offset, os2.offset, post.offset);

    line_gap_ = std::max<std::int16_t>(r.s16(hhea.offset + 8), 0) * scale_;
    if (os2.found() && os2.length >= 78) {
        ascent_ = r.u16(os2.offset + 74) * scale_;  // usWinAscent
        descent_ = r.u16(os2.offset + 76) * scale_; // usWinDescent
    } else {
        ascent_ = r.s16(hhea.offset + 4) * scale_;
        descent_ = -r.s16(hhea.offset + 6) * scale_;
    }
    if (post.found() && post.length >= 12) {
        underline_position_ = r.s16(post.offset + 8) * scale_;
        underline_thickness_ = r.s16(post.offset + 10) * scale_;
        if (underline_thickness_ <= 0) underline_thickness_ = 0.05;
    }
}

void TrueTypeFace::read_directory(const Reader& r) {
    const std::uint16_t count = r.u16(4);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t entry = 12 + 16 * i;
        r.need(entry, 16);
        TableEntry table;
        for (std::size_t k = 0; k < 4; ++k) table.tag[k] = bytes_[entry + k];
        table.offset = r.u32(entry + 8);
        table.length = r.u32(entry + 12);
        r.need(table.offset, table.length);
        tables_.push_back(table);
    }
}

// loca gives where each glyph's outline starts in glyf; a subset copies those byte ranges.
void TrueTypeFace::read_glyph_locations(const Reader& r, std::size_t head_offset) {
    const std::string_view loca = table("loca"), glyf = table("glyf");
    if (loca.empty() || glyf.empty()) r.fail(msg("font.no-outlines", "has no glyf or loca table (only TrueType outlines are supported)"));
    const bool long_offsets = r.s16(head_offset + 50) == 1;
    const std::size_t loca_at = static_cast<std::size_t>(loca.data() - bytes_.data());
    r.need(loca_at, (glyph_count_ + 1) * (long_offsets ? 4 : 2));
    glyph_offsets_.resize(glyph_count_ + 1);
    for (std::size_t g = 0; g <= glyph_count_; ++g) {
        std::uint32_t offset = long_offsets ? r.u32(loca_at + 4 * g) : 2u * r.u16(loca_at + 2 * g);
        if (offset > glyf.size() || (g > 0 && offset < glyph_offsets_[g - 1])) r.fail(msg("font.bad-loca", "has a damaged loca table"));
        glyph_offsets_[g] = offset;
    }
}

void TrueTypeFace::read_facts(const Reader& r, std::size_t head_offset, std::size_t os2_offset, std::size_t post_offset) {
    facts_.x_min = r.s16(head_offset + 36);
    facts_.y_min = r.s16(head_offset + 38);
    facts_.x_max = r.s16(head_offset + 40);
    facts_.y_max = r.s16(head_offset + 42);
    facts_.italic = (r.u16(head_offset + 44) & 2) != 0; // macStyle
    // Without OS/2, the defaults in font units; a large unitsPerEm can take them past what
    // the descriptor's 16 bits hold (converting such a double is undefined behaviour).
    auto font_units = [&](double ems) { return static_cast<std::int16_t>(std::clamp(ems / scale_, -32768.0, 32767.0)); };
    facts_.ascender = font_units(ascent_);
    facts_.descender = font_units(-descent_);
    facts_.cap_height = facts_.ascender;
    const std::string_view os2 = table("OS/2");
    if (os2.size() >= 78) {
        facts_.weight_class = r.u16(os2_offset + 4);
        facts_.ascender = r.s16(os2_offset + 68);  // sTypoAscender
        facts_.descender = r.s16(os2_offset + 70); // sTypoDescender
        facts_.cap_height = facts_.ascender;
        if (r.u16(os2_offset) >= 2 && os2.size() >= 90) facts_.cap_height = r.s16(os2_offset + 88);
        const std::uint8_t family_class = static_cast<std::uint8_t>(r.u16(os2_offset + 30) >> 8);
        facts_.serif = family_class >= 1 && family_class <= 7; // IBM classes 1-7 are serif styles
    }
    if (table("post").size() >= 16) {
        facts_.italic_angle = static_cast<std::int32_t>(r.u32(post_offset + 4)) / 65536.0;
        facts_.fixed_pitch = r.u32(post_offset + 12) != 0;
    }
    facts_.postscript_name = read_postscript_name(r);
}

// Name ID 6 from the Windows (UTF-16BE, ASCII subset) or Macintosh (Roman) records; PDF
// names it BaseFont, so only the characters PostScript names allow are kept.
std::string TrueTypeFace::read_postscript_name(const Reader& r) const {
    const std::string_view name = table("name");
    std::string out;
    if (name.size() >= 6) {
        const std::size_t at = static_cast<std::size_t>(name.data() - bytes_.data());
        const std::size_t count = r.u16(at + 2), strings = at + r.u16(at + 4);
        for (std::size_t i = 0; i < count && out.empty(); ++i) {
            const std::size_t rec = at + 6 + 12 * i;
            const std::uint16_t platform = r.u16(rec), name_id = r.u16(rec + 6);
            const std::uint16_t length = r.u16(rec + 8), offset = r.u16(rec + 10);
            if (name_id != 6 || (platform != 1 && platform != 3)) continue;
            r.need(strings + offset, length);
            const std::size_t step = platform == 3 ? 2 : 1;
            for (std::size_t k = step - 1; k < length; k += step) {
                const char c = bytes_[strings + offset + k];
                if (c > 32 && c < 127 && c != '/' && c != '(' && c != ')' && c != '[' && c != ']' &&
                    c != '<' && c != '>' && c != '{' && c != '}' && c != '%' && c != '#')
                    out += c;
            }
        }
    }
    if (out.empty()) {
        const std::string file = source_.substr(source_.find_last_of('/') + 1);
        for (char c : file.substr(0, file.find('.')))
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') out += c;
    }
    return out.empty() ? std::string("Font") : out;
}

std::string_view TrueTypeFace::table(std::string_view tag) const {
    for (const TableEntry& t : tables_)
        if (std::string_view(t.tag.data(), 4) == tag) return std::string_view(bytes_).substr(t.offset, t.length);
    return {};
}

std::string_view TrueTypeFace::glyph_data(std::uint16_t gid) const {
    if (gid >= glyph_count_) return {};
    const std::string_view glyf = table("glyf");
    return glyf.substr(glyph_offsets_[gid], glyph_offsets_[gid + 1] - glyph_offsets_[gid]);
}

// A composite glyph (numberOfContours < 0) lists its parts after the 10-byte header; each
// part is flags, glyph index, two arguments and an optional transform (OpenType glyf spec).
std::vector<std::uint16_t> TrueTypeFace::components(std::uint16_t gid) const {
    std::vector<std::uint16_t> parts;
    const std::string_view data = glyph_data(gid);
    auto u16 = [&](std::size_t at) -> std::uint16_t {
        return at + 2 <= data.size() ? static_cast<std::uint16_t>(static_cast<unsigned char>(data[at]) << 8 |
                                                                   static_cast<unsigned char>(data[at + 1]))
                                     : 0;
    };
    if (data.size() < 10 || static_cast<std::int16_t>(u16(0)) >= 0) return parts;
    constexpr std::uint16_t args_are_words = 0x0001, have_scale = 0x0008, more = 0x0020,
                            have_xy_scale = 0x0040, have_2x2 = 0x0080;
    std::size_t at = 10;
    for (std::uint16_t flags = more; (flags & more) && at + 4 <= data.size();) {
        flags = u16(at);
        const std::uint16_t part = u16(at + 2);
        if (part < glyph_count_) parts.push_back(part);
        at += 4 + ((flags & args_are_words) ? 4 : 2);
        if (flags & have_scale) at += 2;
        else if (flags & have_xy_scale) at += 4;
        else if (flags & have_2x2) at += 8;
    }
    return parts;
}

} // namespace vanban::layout
