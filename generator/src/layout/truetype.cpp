#include "layout/truetype.hpp"

#include <cstring>
#include <string_view>

#include "vanban/error.hpp"

namespace vanban::layout {
namespace {

// Big-endian readers over the font bytes, bounds-checked: a truncated file is an error,
// never a read past the end.
class Reader {
public:
    Reader(std::string_view data, const std::string& source) : data_(data), source_(source) {}

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
    [[noreturn]] void fail(const std::string& what) const {
        throw Failure(ErrorKind::resource, "font " + source_ + ": " + what);
    }
    void need(std::size_t at, std::size_t length) const {
        if (at > data_.size() || length > data_.size() - at) fail("is truncated or damaged");
    }

private:
    unsigned byte(std::size_t at) const { return static_cast<unsigned char>(data_[at]); }
    std::string_view data_;
    const std::string& source_;
};

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
    if (!format4) r.fail("has no Unicode character map");
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
        r.fail("is not a TrueType font (collections and CFF fonts are not supported)");

    const TableSpan head = find_table(r, "head"), hhea = find_table(r, "hhea");
    const TableSpan hmtx = find_table(r, "hmtx"), maxp = find_table(r, "maxp");
    const TableSpan cmap = find_table(r, "cmap"), os2 = find_table(r, "OS/2");
    const TableSpan post = find_table(r, "post");
    if (!head.found() || !hhea.found() || !hmtx.found() || !maxp.found() || !cmap.found())
        r.fail("lacks one of the tables head, hhea, hmtx, maxp, cmap");

    const double units_per_em = r.u16(head.offset + 18);
    if (units_per_em < 16) r.fail("has an invalid unitsPerEm");
    scale_ = 1.0 / units_per_em;
    units_per_em_ = static_cast<std::uint32_t>(units_per_em);

    const std::size_t glyph_count = r.u16(maxp.offset + 4);
    const std::size_t metric_count = r.u16(hhea.offset + 34);
    if (metric_count == 0) r.fail("has no horizontal metrics");
    r.need(hmtx.offset, 4 * metric_count);
    auto advance_of = [&](std::uint32_t gid) -> std::int32_t {
        if (gid >= glyph_count) return -1;
        const std::size_t index = gid < metric_count ? gid : metric_count - 1;
        return r.u16(hmtx.offset + 4 * index);
    };
    notdef_units_ = advance_of(0);
    notdef_advance_ = notdef_units_ * scale_;

    read_cmap(r, cmap, [&](std::uint32_t cp, std::uint32_t gid) {
        if (cp >= advance_by_cp_.size()) advance_by_cp_.resize(cp + 1, -1);
        advance_by_cp_[cp] = advance_of(gid);
    });

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

} // namespace vanban::layout
