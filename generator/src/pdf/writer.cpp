// The PDF writer: positioned pages (layout/) -> PDF, with libharu.
//
// libharu builds the document: catalog, page tree, pages, outline, information dictionary,
// cross-reference table and trailer. The fonts and the page contents are made here and
// handed to libharu as finished objects, because its own font machinery costs far more
// than the rest of a document (see docs/pdf.md): in 2.3.0 every font builds a 65,536-entry
// encoder table and a CIDToGIDMap by linear search, a TrueType font is copied and parsed
// again for every document, and every stream is deflated at the default level.
//
// Objects written here are libharu dictionaries whose content we write ourselves (the
// dictionary's write_fn) and streams whose bytes libharu copies as they are (a stream
// object of our own serves them). So libharu still numbers, places and cross-references
// every object.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "layout/layout.hpp"
#include "pdf/archive.hpp"
#include "pdf/deflate.hpp"
#include "pdf/font_program.hpp"
#include "pdf/haru_memory.hpp"
#include "pdf/images.hpp"
#include "pdf/numbers.hpp"
#include "pdf/pdf.hpp"
#include "pdf/signature_fields.hpp"
#include "pdf/text_encoding.hpp"
#include "text/iso8601.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::pdf {
namespace {

using layout::Face;
using layout::face_count;

// zlib level for the embedded font programs: level 1 is within 4% of the best size on
// glyph outlines at a third of the time of the default level.
constexpr int font_compression_level = 1;
constexpr int content_compression_level = 1;

// libharu reports errors through a callback; this one only records the first error of its
// own document (no global state) and the writer turns it into a Failure after the call.
struct HaruErrors {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void record_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
    auto* errors = static_cast<HaruErrors*>(user_data);
    if (errors->code == HPDF_OK) {
        errors->code = code;
        errors->detail = detail;
    }
}

// ---------------------------------------------------------------- our objects in libharu

// A dictionary whose entries we write as text: libharu writes "<<", then calls this, then ">>".
HPDF_STATUS write_dict_text(HPDF_Dict dict, HPDF_Stream stream) {
    const auto* text = static_cast<const std::string*>(dict->attr);
    return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(text->data()),
                             static_cast<HPDF_UINT>(text->size()));
}

// A read-only libharu stream over bytes we own, so that libharu copies a stream's content
// into the file once, in large pieces (its memory streams copy byte by byte, twice).
struct ByteSource {
    std::string_view bytes;
    std::size_t position = 0;
};

HPDF_STATUS source_read(HPDF_Stream stream, HPDF_BYTE* buffer, HPDF_UINT* size) {
    auto* source = static_cast<ByteSource*>(stream->attr);
    const std::size_t left = source->bytes.size() - source->position;
    const std::size_t n = std::min<std::size_t>(*size, left);
    std::memcpy(buffer, source->bytes.data() + source->position, n);
    source->position += n;
    *size = static_cast<HPDF_UINT>(n);
    return source->position == source->bytes.size() ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS source_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    auto* source = static_cast<ByteSource*>(stream->attr);
    if (mode == HPDF_SEEK_SET) source->position = static_cast<std::size_t>(std::max(pos, 0));
    else if (mode == HPDF_SEEK_CUR) source->position += static_cast<std::size_t>(std::max(pos, 0));
    else source->position = source->bytes.size();
    source->position = std::min(source->position, source->bytes.size());
    return HPDF_OK;
}

HPDF_INT32 source_tell(HPDF_Stream stream) {
    return static_cast<HPDF_INT32>(static_cast<ByteSource*>(stream->attr)->position);
}

HPDF_UINT32 source_size(HPDF_Stream stream) {
    return static_cast<HPDF_UINT32>(static_cast<ByteSource*>(stream->attr)->bytes.size());
}

// libharu writes the finished file through this, straight into our string.
HPDF_STATUS append_output(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(data), size);
    return HPDF_OK;
}

std::uint32_t object_number(const void* object) {
    return static_cast<const HPDF_Obj_Header*>(object)->obj_id & 0x00FFFFFF;
}

void append_reference(std::string& out, const char* key, const void* object) {
    out += key;
    out += ' ';
    out += std::to_string(object_number(object));
    out += " 0 R\n";
}

// A PDF text string for metadata and bookmarks: UTF-16BE with a byte order mark.
std::string utf16_text(std::string_view utf8) {
    std::string out = "\xFE\xFF";
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t cp = text::next_code_point(utf8, pos);
        if (cp > 0x10FFFF) cp = 0xFFFD;
        auto unit = [&](unsigned u) {
            out += static_cast<char>(u >> 8);
            out += static_cast<char>(u & 0xFF);
        };
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + static_cast<unsigned>(cp >> 10));
            unit(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
        } else {
            unit(static_cast<unsigned>(cp));
        }
    }
    return out;
}

// ---------------------------------------------------------------- the writer

// The characters one face shows in the document, as a bitmap over the BMP; those beyond
// it, which are drawn as U+FFFD, are listed apart (to be told as missing).
struct FaceUse {
    std::vector<std::uint64_t> bits;
    std::vector<char32_t> beyond_bmp;
    bool used() const { return !bits.empty(); }
    void start() {
        if (bits.empty()) bits.assign(0x10000 / 64, 0);
    }
    // After start(); returns the code point drawn.
    char32_t add(char32_t cp) {
        if (cp > 0xFFFF) {
            if (std::find(beyond_bmp.begin(), beyond_bmp.end(), cp) == beyond_bmp.end()) beyond_bmp.push_back(cp);
            cp = 0xFFFD;
        }
        bits[cp >> 6] |= std::uint64_t(1) << (cp & 63);
        return cp;
    }
    void add_all(const FaceUse& other) {
        if (!other.used()) return;
        start();
        for (std::size_t w = 0; w < bits.size(); ++w) bits[w] |= other.bits[w];
    }
    std::vector<char32_t> code_points() const {
        std::vector<char32_t> out;
        for (std::size_t w = 0; w < bits.size(); ++w)
            for (std::uint64_t word = bits[w]; word; word &= word - 1)
                out.push_back(static_cast<char32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(word))));
        return out;
    }
};

class Writer {
public:
    Writer(const layout::PageLayout& pages, const model::Metadata& metadata, const PdfOptions& options)
        : pages_(pages), metadata_(metadata), options_(options) {}

    std::string run() {
        pdf_ = new_haru_document(record_error, &errors_);
        if (!pdf_) throw Failure(ErrorKind::internal, msg("pdf.libharu-new", "libharu could not create a PDF document"));
        HPDF_SetCompressionMode(doc(), HPDF_COMP_NONE); // we compress what is worth it ourselves
        check("setting up the document");
        draw_all_texts();
        add_fonts();
        for (std::size_t p = 0; p < pages_.pages.size(); ++p) add_page(p);
        add_outline();
        set_metadata();
        add_archive_parts();
        add_acroform();
        return save();
    }

    // The characters the document shows with a face that has no glyph for them (after
    // run()): drawn as the face's .notdef, a blank, they are lost from the page. Control
    // characters are no glyphs of any face; U+FFFD drawn only for characters beyond the BMP
    // is not told again. Sorted, each once.
    std::vector<char32_t> missing_glyphs() const {
        std::vector<char32_t> missing;
        for (std::size_t f = 0; f < face_count; ++f) {
            const FaceUse& use = use_[f];
            if (!use.used()) continue;
            const layout::TrueTypeFace& face = pages_.family->face(static_cast<Face>(f));
            for (char32_t cp : use.code_points())
                if (cp >= 0x20 && !face.covers(cp) && !(cp == 0xFFFD && !use.beyond_bmp.empty())) missing.push_back(cp);
            missing.insert(missing.end(), use.beyond_bmp.begin(), use.beyond_bmp.end());
        }
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        return missing;
    }

private:
    HPDF_Doc doc() const { return pdf_.get(); }
    HPDF_MMgr mmgr() const { return pdf_->mmgr; }

    void check(const char* what) const {
        if (errors_.code == HPDF_OK) return;
        char code[16];
        std::snprintf(code, sizeof code, "0x%04X", static_cast<unsigned>(errors_.code));
        throw Failure(ErrorKind::internal, msg("pdf.libharu-error", "libharu error {code} (detail {detail}) while {doing}",
                                               {{"code", code}, {"detail", errors_.detail}, {"doing", what}}));
    }

    // ------------------------------------------------------------ objects

    // An indirect dictionary whose entries are `text` (kept alive by the writer).
    HPDF_Dict text_dict(std::string text) {
        HPDF_Dict dict = HPDF_Dict_New(mmgr());
        if (!dict || HPDF_Xref_Add(pdf_->xref, dict) != HPDF_OK) check("creating an object");
        texts_.push_back(std::make_unique<std::string>(std::move(text)));
        dict->attr = texts_.back().get();
        dict->write_fn = write_dict_text;
        return dict;
    }

    // An indirect stream with `bytes` as its content and `entries` (text) in its dictionary,
    // "/Filter /FlateDecode" among them when the bytes are compressed.
    HPDF_Dict stream_object(std::string bytes, std::string entries) {
        HPDF_Dict dict = HPDF_DictStream_New(mmgr(), pdf_->xref);
        if (!dict) check("creating a stream");
        attach_bytes(dict, std::move(bytes));
        add_entries(dict, std::move(entries));
        return dict;
    }

    // Entries (text) that libharu writes into a dictionary it made, after its own.
    void add_entries(HPDF_Dict dict, std::string entries) {
        texts_.push_back(std::make_unique<std::string>(std::move(entries)));
        dict->attr = texts_.back().get();
        dict->write_fn = write_dict_text;
    }

    // Replaces a stream dictionary's memory stream by our bytes.
    void attach_bytes(HPDF_Dict dict, std::string bytes) {
        blobs_.push_back(std::make_unique<std::string>(std::move(bytes)));
        sources_.push_back(std::make_unique<ByteSource>(ByteSource{*blobs_.back(), 0}));
        HPDF_Stream source = HPDF_CallbackReader_New(mmgr(), source_read, source_seek, source_tell, source_size,
                                                     sources_.back().get());
        if (!source) check("creating a stream");
        HPDF_Stream_Free(dict->stream);
        dict->stream = source;
        dict->filter = HPDF_STREAM_FILTER_NONE;
    }

    // ------------------------------------------------------------ fonts

    // Each face the document uses becomes a Type 0 font over a CIDFontType2 (PDF 9.7), all
    // sharing one Encoding CMap and one ToUnicode CMap.
    void add_fonts() {
        FaceUse all_faces;
        for (const FaceUse& use : use_) all_faces.add_all(use);
        if (!all_faces.used()) return;
        const std::vector<char32_t> all = all_faces.code_points();
        encoding_ = stream_object(encoding_cmap(all),
                                  "/Type /CMap\n/CMapName /VanBan-UCS-H\n/CIDSystemInfo << /Registry (Adobe) "
                                  "/Ordering (Identity) /Supplement 0 >>\n");
        to_unicode_ = stream_object(to_unicode_cmap(all), "");
        std::string resources;
        for (std::size_t f = 0; f < face_count; ++f) {
            if (!use_[f].used()) continue;
            const HPDF_Dict font = add_font(static_cast<Face>(f));
            resources += "/F" + std::to_string(f) + " " + std::to_string(object_number(font)) + " 0 R\n";
        }
        font_resources_ = text_dict(std::move(resources));
        check("embedding the fonts");
    }

    HPDF_Dict add_font(Face which) {
        const layout::TrueTypeFace& face = pages_.family->face(which);
        const layout::FaceFacts& facts = face.facts();
        const std::vector<char32_t> code_points = use_[static_cast<std::size_t>(which)].code_points();
        const auto units = [&](double v) { return std::to_string(std::lround(v * 1000.0 / face.units_per_em())); };
        // Subset tag (PDF 9.6.4): six upper-case letters, distinct per face.
        const std::string name = std::string("VNBAA") + static_cast<char>('A' + static_cast<int>(which)) + "+" +
                                 facts.postscript_name;

        const EmbeddedFace& parts = embedded_face(pages_.family->faces[static_cast<std::size_t>(which)], code_points);
        const HPDF_Dict file = stream_object(parts.program, "/Filter /FlateDecode\n/Length1 " +
                                                                std::to_string(parts.program_size) + "\n");

        int flags = 32; // nonsymbolic
        if (facts.fixed_pitch) flags |= 1;
        if (facts.serif) flags |= 2;
        if (facts.italic || facts.italic_angle != 0) flags |= 64;
        std::string descriptor = "/Type /FontDescriptor\n/FontName /" + name + "\n/Flags " + std::to_string(flags) +
                                 "\n/FontBBox [" + units(facts.x_min) + " " + units(facts.y_min) + " " +
                                 units(facts.x_max) + " " + units(facts.y_max) + "]\n/ItalicAngle ";
        append_fixed(descriptor, std::lround(facts.italic_angle * 100), 2);
        descriptor += "\n/Ascent " + units(facts.ascender) + "\n/Descent " + units(facts.descender) +
                      "\n/CapHeight " + units(facts.cap_height) + "\n/StemV " +
                      std::to_string(10 + 220 * (facts.weight_class / 65) * (facts.weight_class / 65) / 100) + "\n";
        append_reference(descriptor, "/FontFile2", file);
        const HPDF_Dict font_descriptor = text_dict(std::move(descriptor));

        const HPDF_Dict cid_to_gid = stream_object(parts.cid_to_gid, "/Filter /FlateDecode\n");
        std::string cid_font = "/Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + name +
                               "\n/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n";
        append_reference(cid_font, "/FontDescriptor", font_descriptor);
        append_reference(cid_font, "/CIDToGIDMap", cid_to_gid);
        cid_font += "/DW 1000\n/W " + parts.widths + "\n";
        const HPDF_Dict descendant = text_dict(std::move(cid_font));

        std::string type0 = "/Type /Font\n/Subtype /Type0\n/BaseFont /" + name + "\n";
        append_reference(type0, "/Encoding", encoding_);
        append_reference(type0, "/ToUnicode", to_unicode_);
        type0 += "/DescendantFonts [" + std::to_string(object_number(descendant)) + " 0 R]\n";
        return text_dict(std::move(type0));
    }

    // What a face's embedding needs that depends on the face and the characters used alone:
    // the deflated subset, the CIDToGIDMap and the W array. The documents of a batch mostly
    // use the same letters, so each thread keeps the last few (a hit saves subsetting and
    // deflating the font program, a third of the writer's work).
    struct EmbeddedFace {
        std::weak_ptr<const layout::TrueTypeFace> face; // expired once its font set is gone
        const layout::TrueTypeFace* address = nullptr;
        std::vector<char32_t> code_points;
        std::string program; // deflated
        std::size_t program_size = 0;
        std::string cid_to_gid; // deflated
        std::string widths;
    };

    static const EmbeddedFace& embedded_face(const std::shared_ptr<const layout::TrueTypeFace>& shared,
                                             const std::vector<char32_t>& code_points) {
        const layout::TrueTypeFace& face = *shared;
        constexpr std::size_t kept = 16; // four faces of four different letter sets
        thread_local std::vector<EmbeddedFace> cache;
        thread_local std::size_t next = 0; // the slot to reuse when full: the oldest
        for (const EmbeddedFace& entry : cache)
            if (entry.address == &face && !entry.face.expired() && entry.code_points == code_points) return entry;
        EmbeddedFace made;
        made.face = shared;
        made.address = &face;
        made.code_points = code_points;
        const std::string program = subset_font(face, glyph_closure(face, code_points));
        made.program = deflate_zlib(program, font_compression_level);
        made.program_size = program.size();
        made.cid_to_gid = deflate_runs(cid_to_gid_map(face, code_points));
        made.widths = widths(face, code_points);
        if (cache.size() < kept) {
            cache.push_back(std::move(made));
            return cache.back();
        }
        EmbeddedFace& slot = cache[next];
        next = (next + 1) % kept;
        slot = std::move(made);
        return slot;
    }

    // Two bytes per CID up to the highest one used: the glyph of each used character,
    // 0 for the rest (mostly zeros, which deflate_runs codes in a few hundred bytes).
    static std::string cid_to_gid_map(const layout::TrueTypeFace& face, const std::vector<char32_t>& code_points) {
        std::string map(2 * (code_points.back() + 1), '\0');
        for (char32_t cp : code_points) {
            const std::uint16_t gid = face.glyph_id(cp);
            map[2 * cp] = static_cast<char>(gid >> 8);
            map[2 * cp + 1] = static_cast<char>(gid & 0xFF);
        }
        return map;
    }

    // The W array: the width a reader gives each CID, as runs of consecutive CIDs.
    static std::string widths(const layout::TrueTypeFace& face, const std::vector<char32_t>& code_points) {
        std::string out = "[";
        for (std::size_t i = 0; i < code_points.size();) {
            std::size_t j = i;
            out += std::to_string(code_points[i]) + "[";
            for (; j < code_points.size() && code_points[j] == code_points[i] + (j - i); ++j) {
                if (j > i) out += ' ';
                out += std::to_string(face.pdf_width(code_points[j]));
            }
            out += "]";
            i = j;
        }
        return out + "]";
    }

    // ------------------------------------------------------------ pages

    void add_page(std::size_t index) {
        const layout::Page& page = pages_.pages[index];
        HPDF_Page p = HPDF_AddPage(doc());
        HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.width > 0 ? page.width : pages_.width));
        HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.height > 0 ? page.height : pages_.height));
        check("adding a page");
        page_handles_.push_back(p);
        if (font_resources_) {
            HPDF_Dict resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(p, "Resources", HPDF_OCLASS_DICT));
            if (!resources || HPDF_Dict_Add(resources, "Font", font_resources_) != HPDF_OK) check("adding the fonts to a page");
        }
        // One buffer for the contents of every page; each page's text is freed once it is in.
        std::string& content = content_;
        content.clear();
        draw_shapes(content, page);
        draw_rules(content, page);
        content += page_texts_[index];
        std::string().swap(page_texts_[index]);
        draw_images(content, page, p);
        // Deflated like the font programs: a page of text shrinks to about a fifth for a few
        // microseconds of libdeflate.
        const HPDF_Dict contents = static_cast<HPDF_PageAttr>(p->attr)->contents;
        attach_bytes(contents, deflate_zlib(content, content_compression_level));
        add_entries(contents, "/Filter /FlateDecode\n"); // libharu drops a Filter entry of its own
        add_fields(page, p);
        check("drawing a page");
    }

    static void append_point(std::string& out, double x, double y) {
        append_fixed(out, hundredths(x), 2);
        out += ' ';
        append_fixed(out, hundredths(y), 2);
    }

    static void append_colour(std::string& out, const layout::Colour& colour, const char* op) {
        for (int channel : {colour.r, colour.g, colour.b}) {
            append_fixed(out, std::lround(channel * 1000.0 / 255), 3);
            out += ' ';
        }
        out += op;
        out += '\n';
    }

    // The paths of charts: filled, stroked, or both (f, S, B), in their own graphics state.
    static void draw_shapes(std::string& out, const layout::Page& page) {
        if (page.shapes.empty()) return;
        out += "q\n";
        for (const layout::ShapeItem& shape : page.shapes) {
            if (shape.fill) append_colour(out, *shape.fill, "rg");
            if (shape.stroke) {
                append_colour(out, *shape.stroke, "RG");
                append_fixed(out, hundredths(shape.stroke_width), 2);
                out += " w\n";
            }
            for (const layout::ShapeItem::Step& step : shape.steps) {
                switch (step.op) {
                case layout::ShapeItem::Op::move: append_point(out, step.x[0], step.y[0]); out += " m\n"; break;
                case layout::ShapeItem::Op::line: append_point(out, step.x[0], step.y[0]); out += " l\n"; break;
                case layout::ShapeItem::Op::curve:
                    for (int k = 0; k < 3; ++k) {
                        append_point(out, step.x[k], step.y[k]);
                        out += ' ';
                    }
                    out += "c\n";
                    break;
                case layout::ShapeItem::Op::close: out += "h\n"; break;
                }
            }
            out += shape.fill && shape.stroke ? "B\n" : shape.fill ? "f\n" : "S\n";
        }
        out += "Q\n";
    }

    // Rules of one width are stroked together, as one path.
    static void draw_rules(std::string& out, const layout::Page& page) {
        std::vector<bool> done(page.rules.size(), false);
        for (std::size_t i = 0; i < page.rules.size(); ++i) {
            if (done[i]) continue;
            const double width = page.rules[i].width;
            append_fixed(out, hundredths(width), 2);
            out += " w\n";
            for (std::size_t j = i; j < page.rules.size(); ++j) {
                const layout::RuleItem& r = page.rules[j];
                if (done[j] || r.width != width) continue;
                for (const auto& [x, y, op] : {std::tuple{r.x1, r.y1, " m "}, std::tuple{r.x2, r.y2, " l\n"}}) {
                    append_fixed(out, hundredths(x), 2);
                    out += ' ';
                    append_fixed(out, hundredths(y), 2);
                    out += op;
                }
                done[j] = true;
            }
            out += "S\n";
        }
    }

    // The text of every page, coded before the fonts are made: coding the strings is how the
    // writer learns which characters each face shows.
    void draw_all_texts() {
        page_texts_.reserve(pages_.pages.size());
        for (const layout::Page& page : pages_.pages) {
            std::string texts;
            draw_texts(texts, page);
            page_texts_.push_back(std::move(texts));
        }
    }

    // One string per text item. Positions are relative moves in hundredths of a point, so
    // nothing drifts; a line right under the previous one at the same x uses the ' or "
    // operator (next line at the leading TL) instead of a move. On justified items the
    // word spacing Tw makes the item end exactly at its width, computed from the widths the
    // reader uses (the W arrays), so the right edges are flush in every reader.
    void draw_texts(std::string& out, const layout::Page& page) {
        if (page.texts.empty()) return;
        out += "BT\n";
        std::string shown; // an item's string, coded before its operators (Tw needs its widths)
        long line_x = 0, line_y = 0, leading = 0, spacing = 0; // spacing: Tw in thousandths
        int face = -1;
        double size = 0;
        layout::Colour colour{};
        for (const layout::TextItem& item : page.texts) {
            if (!(item.colour == colour)) {
                append_colour(out, item.colour, "rg");
                colour = item.colour;
            }
            const int f = static_cast<int>(item.face);
            if (f != face || item.size != size) {
                out += "/F" + std::to_string(f) + " ";
                append_fixed(out, hundredths(item.size), 2);
                out += " Tf\n";
                face = f;
                size = item.size;
            }
            const long x = hundredths(item.x), y = hundredths(item.y);
            const long tw = word_spacing(item, code_text(item, shown));
            const bool next_line = x == line_x && y - line_y == -leading && leading > 0;
            if (!next_line) {
                append_fixed(out, x - line_x, 2);
                out += ' ';
                append_fixed(out, y - line_y, 2);
                // TD also sets the leading, for the lines of a paragraph that follow.
                out += y < line_y ? " TD\n" : " Td\n";
                if (y < line_y) leading = line_y - y;
                line_x = x;
                line_y = y;
            } else {
                line_y = y;
            }
            if (next_line && tw != spacing) {
                append_fixed(out, tw, 3);
                out += " 0";
                out += shown;
                out += "\"\n";
            } else {
                if (tw != spacing) {
                    append_fixed(out, tw, 3);
                    out += " Tw";
                }
                out += shown;
                out += next_line ? "'\n" : "Tj\n";
            }
            spacing = tw;
        }
        out += "ET\n";
    }

    // What a justified item's word spacing is computed from: its width in the reader's
    // glyph widths (thousandths of an em, as the W arrays give them) and its spaces.
    struct ShownWidth {
        long units = 0;
        int spaces = 0;
    };

    // Codes the item's text into `shown` as a PDF string and marks its characters as shown
    // by its face; measures a justified item on the way.
    ShownWidth code_text(const layout::TextItem& item, std::string& shown) {
        shown.clear();
        FaceUse& use = use_[static_cast<std::size_t>(item.face)];
        if (!item.text.empty()) use.start(); // a face that shows nothing is not embedded
        ShownWidth measured;
        if (!item.justified) {
            append_pdf_string(shown, item.text, [&](char32_t cp) { use.add(cp); });
            return measured;
        }
        const layout::TrueTypeFace& metrics = pages_.family->face(item.face);
        append_pdf_string(shown, item.text, [&](char32_t cp) {
            measured.units += metrics.pdf_width(use.add(cp));
            measured.spaces += cp == U' ';
        });
        return measured;
    }

    // Tw in thousandths of a point: 0 at natural spacing; on a justified item, what makes it
    // span its width with the reader's glyph widths.
    static long word_spacing(const layout::TextItem& item, ShownWidth measured) {
        if (!item.justified || measured.spaces == 0) return 0;
        const double natural = measured.units * item.size / 1000.0;
        return std::lround((item.width - natural) / measured.spaces * 1000);
    }

    // ------------------------------------------------------------ outline and metadata

    // libharu refuses a string longer than HPDF_LIMIT_MAX_STRING_LEN bytes (32,767 UTF-16
    // units with the byte order mark). A bookmark or metadata entry that long is cut there,
    // with "…": the text itself is on the page, whole.
    HPDF_Binary text_string(const std::string& utf8) {
        std::string bytes = utf16_text(utf8);
        if (bytes.size() > HPDF_LIMIT_MAX_STRING_LEN) {
            std::size_t cut = (HPDF_LIMIT_MAX_STRING_LEN - 2) & ~std::size_t(1);
            const auto high_surrogate = [&](std::size_t at) { return (static_cast<unsigned char>(bytes[at]) & 0xFC) == 0xD8; };
            if (high_surrogate(cut - 2)) cut -= 2; // never half a pair
            bytes.resize(cut);
            bytes += "\x20\x26"; // …
        }
        return HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(bytes.data())),
                               static_cast<HPDF_UINT>(bytes.size()));
    }

    void add_outline() {
        if (pages_.bookmarks.empty()) return;
        std::vector<HPDF_Outline> parents; // parents[level-1]
        for (const layout::Bookmark& mark : pages_.bookmarks) {
            const std::size_t level = static_cast<std::size_t>(std::max(mark.level, 1));
            if (parents.size() > level - 1) parents.resize(level - 1);
            HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
            HPDF_Outline outline = HPDF_CreateOutline(doc(), parent, "", nullptr);
            if (outline) HPDF_Dict_Add(outline, "Title", text_string(mark.title));
            HPDF_Destination dest = HPDF_Page_CreateDestination(page_handles_.at(mark.page));
            HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(std::round(mark.y * 100) / 100)); // libharu refuses XYZ with zoom 0 ("keep")
            HPDF_Outline_SetDestination(outline, dest);
            HPDF_Outline_SetOpened(outline, HPDF_TRUE);
            while (parents.size() < level - 1) parents.push_back(parent); // skipped levels
            parents.push_back(outline);
        }
        HPDF_SetPageMode(doc(), HPDF_PAGE_MODE_USE_OUTLINE);
        check("writing the bookmarks");
    }

    // Text entries as UTF-16 strings made here: libharu's UTF-8 encoder would build its
    // 65,536-entry tables for these few strings.
    void set_metadata() {
        HPDF_SetInfoAttr(doc(), HPDF_INFO_CREATOR, "vanban");
        const std::string& date = !options_.fixed_creation_date.empty() ? options_.fixed_creation_date : metadata_.created;
        created_ = date.empty() ? now() : parse_date(date);
        HPDF_SetInfoDateAttr(doc(), HPDF_INFO_CREATION_DATE, created_);
        check("writing the metadata");
        auto set = [&](const char* key, const std::string& value) {
            if (!value.empty() && pdf_->info) HPDF_Dict_Add(pdf_->info, key, text_string(value));
        };
        set("Title", metadata_.title);
        set("Author", metadata_.author);
        set("Subject", metadata_.subject);
        set("Keywords", metadata_.keywords);
        check("writing the metadata");
    }

    static HPDF_Date now() {
        const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
        std::tm utc{};
        gmtime_r(&t, &utc);
        HPDF_Date d{};
        d.year = utc.tm_year + 1900;
        d.month = utc.tm_mon + 1;
        d.day = utc.tm_mday;
        d.hour = utc.tm_hour;
        d.minutes = utc.tm_min;
        d.seconds = utc.tm_sec;
        d.ind = 'Z';
        return d;
    }

    // The engine checks a fixed creation date before any writer runs (engine.bad-fixed-date):
    // this is for a model whose date was set by hand.
    [[noreturn]] static void bad_date(const std::string& text) {
        throw Failure(ErrorKind::data,
                      msg("pdf.bad-creation-date",
                          "the creation date '{date}' is not ISO 8601: YYYY-MM-DD, then THH:MM or THH:MM:SS, then Z or +HH:MM",
                          {{"date", text}}));
    }

    // A PDF date keeps the zone as written (none, Z, or an offset), so the reader's clock
    // shows the time the data gave.
    static HPDF_Date parse_date(const std::string& text) {
        const std::optional<text::Moment> moment = text::parse_iso8601(text);
        if (!moment) bad_date(text);
        HPDF_Date d{};
        d.year = moment->date.year;
        d.month = moment->date.month;
        d.day = moment->date.day;
        d.hour = moment->hour;
        d.minutes = moment->minute;
        d.seconds = moment->second;
        d.ind = moment->zone ? moment->zone : ' ';
        d.off_hour = std::abs(moment->zone_minutes) / 60;
        d.off_minutes = std::abs(moment->zone_minutes) % 60;
        return d;
    }

    // ------------------------------------------------------------ images and fields

    // The signature images after the text: the seal lies over the lines it covers, as the
    // stamp's ink does on paper (images.hpp).
    void draw_images(std::string& content, const layout::Page& page, HPDF_Page handle) {
        if (page.images.empty()) return;
        std::string names;
        for (std::size_t i = 0; i < page.images.size(); ++i) {
            const layout::ImageItem& item = page.images[i];
            const std::string name = "Im" + std::to_string(i);
            names += "/" + name + " " + std::to_string(object_number(image_object(*item.image))) + " 0 R\n";
            append_image_drawing(content, name, item.box.x, item.box.y, item.box.width, item.box.height);
        }
        HPDF_Dict resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(handle, "Resources", HPDF_OCLASS_DICT));
        if (!resources || HPDF_Dict_Add(resources, "XObject", text_dict(std::move(names))) != HPDF_OK)
            check("adding the images to a page");
    }

    HPDF_Dict image_object(const model::Image& image) {
        const DecodedPng pixels = decode_png(image.png, image.source, image.json_path);
        unsigned mask = 0;
        if (!pixels.alpha.empty())
            mask = object_number(stream_object(deflate_pixels(pixels.alpha), soft_mask_entries(pixels)));
        return stream_object(deflate_pixels(pixels.rgb), image_entries(pixels, mask));
    }

    // The page's unsigned signature fields (signature_fields.hpp), gathered for the AcroForm.
    void add_fields(const layout::Page& page, HPDF_Page handle) {
        if (page.fields.empty()) return;
        HPDF_Array annotations = HPDF_Array_New(mmgr());
        if (!annotations) check("adding the signature fields");
        for (const layout::FieldItem& field : page.fields) {
            const HPDF_Dict appearance = stream_object("", field_appearance_entries(field));
            const HPDF_Dict widget =
                text_dict(signature_widget_entries(field, object_number(handle), object_number(appearance)));
            if (HPDF_Array_Add(annotations, widget) != HPDF_OK) check("adding the signature fields");
            fields_.push_back(widget);
        }
        if (HPDF_Dict_Add(handle, "Annots", annotations) != HPDF_OK) check("adding the signature fields");
    }

    void add_acroform() {
        if (fields_.empty()) return;
        std::string entries = "/Fields [";
        for (const HPDF_Dict field : fields_) entries += std::to_string(object_number(field)) + " 0 R ";
        entries += "]\n";
        if (HPDF_Dict_Add(pdf_->catalog, "AcroForm", text_dict(std::move(entries))) != HPDF_OK)
            check("adding the signature fields");
    }

    // ------------------------------------------------------------ PDF/A-2b (archive.hpp)

    // The XMP packet, agreeing with the Info dictionary, and the sRGB output intent, in the
    // Catalog (ISO 19005-2, 6.6.2 and 6.2.3).
    void add_archive_parts() {
        archive::DocumentInfo info;
        info.title = metadata_.title;
        info.author = metadata_.author;
        info.subject = metadata_.subject;
        info.keywords = metadata_.keywords;
        info.creator = "vanban";
        if (const char* producer = HPDF_GetInfoAttr(doc(), HPDF_INFO_PRODUCER)) info.producer = producer;
        info.created = archive::Date{created_.year, created_.month,    created_.day,     created_.hour,
                                     created_.minutes, created_.seconds, created_.ind, created_.off_hour,
                                     created_.off_minutes};
        info.record = metadata_.record;
        info.record.emplace_back("PageAmount", std::to_string(pages_.pages.size())); // as laid out
        const HPDF_Dict xmp = stream_object(archive::xmp_packet(info), "/Type /Metadata\n/Subtype /XML\n");
        const HPDF_Dict profile = stream_object(archive::srgb_profile_deflated(),
                                                "/N " + std::to_string(archive::srgb_profile_components) +
                                                    "\n/Filter /FlateDecode\n");
        const HPDF_Dict intent = text_dict(archive::output_intent_entries(object_number(profile)));
        HPDF_Array intents = HPDF_Array_New(mmgr());
        if (!intents || HPDF_Array_Add(intents, intent) != HPDF_OK ||
            HPDF_Dict_Add(pdf_->catalog, "Metadata", xmp) != HPDF_OK ||
            HPDF_Dict_Add(pdf_->catalog, "OutputIntents", intents) != HPDF_OK)
            check("writing the PDF/A metadata");
        check("writing the PDF/A metadata");
    }

    // A file identifier of two 16-byte strings, stamped with the file's digest once saved.
    void add_file_id_placeholder() {
        const std::string& zeros = archive::id_placeholder();
        auto* bytes = reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(zeros.data()));
        HPDF_Array id = HPDF_Array_New(mmgr());
        if (!id || HPDF_Array_Add(id, HPDF_Binary_New(mmgr(), bytes, static_cast<HPDF_UINT>(zeros.size()))) != HPDF_OK ||
            HPDF_Array_Add(id, HPDF_Binary_New(mmgr(), bytes, static_cast<HPDF_UINT>(zeros.size()))) != HPDF_OK ||
            HPDF_Dict_Add(pdf_->trailer, "ID", id) != HPDF_OK)
            check("writing the file identifier");
    }

    // libharu saves into "the document's stream"; giving it ours, it writes the file
    // straight into the string returned. PDF 1.7, the base of PDF/A-2.
    std::string save() {
        std::string bytes;
        bytes.reserve(64 * 1024);
        add_file_id_placeholder();
        pdf_->pdf_version = HPDF_VER_17;
        pdf_->stream = HPDF_CallbackWriter_New(mmgr(), append_output, &bytes);
        if (!pdf_->stream) check("preparing to save");
        HPDF_SaveToStream(doc());
        check("saving the PDF");
        archive::stamp_file_id(bytes);
        return bytes;
    }

    const layout::PageLayout& pages_;
    const model::Metadata& metadata_;
    const PdfOptions& options_;
    HaruErrors errors_;
    HaruDocument pdf_;
    std::array<FaceUse, face_count> use_;
    std::vector<std::string> page_texts_; // the text operators of each page, until it is added
    std::string content_;                 // the page being added: its contents before deflating
    HPDF_Dict encoding_ = nullptr, to_unicode_ = nullptr, font_resources_ = nullptr;
    HPDF_Date created_{};
    std::vector<HPDF_Dict> fields_; // the signature fields' widgets
    std::vector<HPDF_Page> page_handles_;
    // What our objects point to, alive until the document is saved.
    std::vector<std::unique_ptr<std::string>> texts_, blobs_;
    std::vector<std::unique_ptr<ByteSource>> sources_;
};

} // namespace

std::shared_ptr<const FontSet> load_fonts(const FontConfig& config) { return layout::load_font_set(config); }

std::string write_pdf(const layout::PageLayout& pages, const model::Metadata& metadata, const PdfOptions& options,
                      std::vector<char32_t>* missing_glyphs) {
    Writer writer(pages, metadata, options);
    std::string bytes = writer.run();
    if (missing_glyphs) *missing_glyphs = writer.missing_glyphs();
    return bytes;
}

std::string render_pdf(const model::Document& doc, const FontSet& fonts, const PdfOptions& options,
                       std::vector<char32_t>* missing_glyphs) {
    const layout::PageLayout pages = layout::layout_document(doc, fonts);
    return write_pdf(pages, doc.metadata, options, missing_glyphs);
}

} // namespace vanban::pdf
