#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>

#include "layout/layout.hpp"
#include "pdf/compact_encoder.hpp"
#include "pdf/pdf.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::pdf {
namespace {

using layout::Face;
using layout::face_count;

constexpr const char* text_encoder_name = "VanBan-UCS2";

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

struct DocDeleter {
    void operator()(HPDF_Doc pdf) const { HPDF_Free(pdf); }
};
using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

class Writer {
public:
    Writer(const layout::PageLayout& pages, const model::Metadata& metadata, const PdfOptions& options)
        : pages_(pages), metadata_(metadata), options_(options) {}

    std::string run() {
        pdf_.reset(HPDF_New(record_error, &errors_));
        if (!pdf_) throw Failure(ErrorKind::internal, "libharu could not create a PDF document");
        HPDF_SetCompressionMode(doc(), HPDF_COMP_ALL);
        check("setting up the document");
        load_fonts();
        for (std::size_t p = 0; p < pages_.pages.size(); ++p) draw_page(p);
        add_outline();
        set_metadata();
        return save();
    }

private:
    HPDF_Doc doc() const { return pdf_.get(); }

    void check(const char* what) const {
        if (errors_.code == HPDF_OK) return;
        char message[160];
        std::snprintf(message, sizeof message, "libharu error 0x%04X (detail %u) while %s",
                      static_cast<unsigned>(errors_.code), static_cast<unsigned>(errors_.detail), what);
        throw Failure(ErrorKind::internal, message);
    }

    // ------------------------------------------------------------ fonts

    // Only the faces the document uses are embedded, and only the characters it uses are
    // declared (see compact_encoder.hpp).
    void load_fonts() {
        // Which code points each face shows: a bitmap over the BMP (a std::set was a
        // noticeable part of the writer's time).
        std::array<std::vector<bool>, face_count> used;
        std::vector<bool> all(0x10000, false);
        bool any = false;
        for (const layout::Page& page : pages_.pages)
            for (const layout::TextItem& item : page.texts) {
                auto& face_set = used[static_cast<std::size_t>(item.face)];
                if (face_set.empty()) face_set.assign(0x10000, false);
                std::size_t pos = 0;
                while (pos < item.text.size()) {
                    char32_t cp = text::next_code_point(item.text, pos);
                    if (cp > 0xFFFF) cp = 0xFFFD;
                    face_set[cp] = true;
                    all[cp] = true;
                    any = true;
                }
            }
        if (!any) return;
        for (char32_t cp = 0; cp < 0x10000; ++cp)
            if (all[cp]) all_code_points_.insert(all_code_points_.end(), cp);
        if (register_compact_encoder(doc(), text_encoder_name, all_code_points_) != HPDF_OK && errors_.code == HPDF_OK)
            errors_.code = HPDF_INVALID_ENCODER;
        check("registering the text encoder");

        for (std::size_t f = 0; f < face_count; ++f) {
            if (used[f].empty()) continue;
            const layout::TrueTypeFace& face = pages_.family->face(static_cast<Face>(f));
            fonts_[f] = load_face(face, f, used[f]);
        }
    }

    HPDF_Font load_face(const layout::TrueTypeFace& face, std::size_t index, const std::vector<bool>& used) {
        // The face's bytes are already in memory (the FontSet read them once); libharu reads
        // them from a memory stream instead of opening the file for every document.
        const std::string& bytes = face.bytes();
        HPDF_Stream stream = HPDF_MemStream_New(doc()->mmgr, static_cast<HPDF_UINT>(bytes.size()));
        if (stream)
            HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                              static_cast<HPDF_UINT>(bytes.size()));
        check("reading a font");
        HPDF_FontDef def = stream ? HPDF_TTFontDef_Load(doc()->mmgr, stream, HPDF_TRUE) : nullptr;
        check(("loading font " + face.source()).c_str());
        if (!def) throw Failure(ErrorKind::resource, "libharu cannot use the font " + face.source());
        // Subset tag (PDF 9.6.4): six upper-case letters, distinct per face.
        char tag[7] = "VNBAAA";
        tag[5] = static_cast<char>('A' + index);
        HPDF_TTFontDef_SetTagName(def, tag);
        HPDF_Doc_RegisterFontDef(doc(), def);
        // Marks the glyphs to embed (libharu embeds only marked glyphs' outlines).
        for (char32_t cp = 1; cp < 0xFFFF; ++cp)
            if (used[cp]) HPDF_TTFontDef_GetCharWidth(def, static_cast<HPDF_UINT16>(cp));
        HPDF_Font font = HPDF_GetFont(doc(), def->base_font, text_encoder_name);
        check(("preparing font " + face.source()).c_str());
        if (!font || use_identity_encoding(font, all_code_points_) != HPDF_OK)
            throw Failure(ErrorKind::internal, "libharu could not prepare the font " + face.source());
        check(("preparing font " + face.source()).c_str());
        return font;
    }

    // ------------------------------------------------------------ pages

    static double round2(double v) { return std::round(v * 100) / 100; }

    void draw_page(std::size_t index) {
        const layout::Page& page = pages_.pages[index];
        HPDF_Page p = HPDF_AddPage(doc());
        HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(pages_.width));
        HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(pages_.height));
        page_handles_.push_back(p);
        draw_rules(p, page);
        draw_texts(p, page);
        check("drawing a page");
    }

    // Rules of one width are stroked together, as one path.
    void draw_rules(HPDF_Page p, const layout::Page& page) const {
        std::vector<bool> done(page.rules.size(), false);
        for (std::size_t i = 0; i < page.rules.size(); ++i) {
            if (done[i]) continue;
            const double width = page.rules[i].width;
            HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width));
            for (std::size_t j = i; j < page.rules.size(); ++j) {
                const layout::RuleItem& r = page.rules[j];
                if (done[j] || r.width != width) continue;
                HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(round2(r.x1)), static_cast<HPDF_REAL>(round2(r.y1)));
                HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(round2(r.x2)), static_cast<HPDF_REAL>(round2(r.y2)));
                done[j] = true;
            }
            HPDF_Page_Stroke(p);
        }
    }

    // Text is written as TJ arrays, one per run of words on a baseline in one face: the
    // words' own positions become the numbers between the strings (thousandths of the font
    // size), computed from the widths the reader will use, so no error adds up along the
    // line. This is where word spacing happens (Tw would not act on two-byte codes), and it
    // is several times more compact than a move and a string per word. libharu has no TJ
    // call, so these operators go straight into the page's content stream, between
    // libharu's own BT, Tf and ET.
    void draw_texts(HPDF_Page p, const layout::Page& page) {
        if (page.texts.empty()) return;
        HPDF_Page_BeginText(p);
        HPDF_Stream out = static_cast<HPDF_PageAttr>(p->attr)->stream;
        double line_x = 0, line_y = 0; // start of the current text line (Td)
        double pen = 0;                // where the next glyph goes, on the current line
        int face = -1;
        double size = 0;
        bool open = false;             // inside "[ ... ] TJ"
        std::string buffer;
        for (const layout::TextItem& item : page.texts) {
            const int f = static_cast<int>(item.face);
            const double x = round2(item.x), y = round2(item.y);
            const bool same_run = open && f == face && item.size == size && y == line_y && x >= pen - 0.01;
            if (!same_run && open) {
                buffer += "]TJ\n";
                open = false;
            }
            if (f != face || item.size != size) {
                flush(out, buffer);
                HPDF_Page_SetFontAndSize(p, fonts_[static_cast<std::size_t>(f)], static_cast<HPDF_REAL>(item.size));
                face = f;
                size = item.size;
            }
            if (!same_run) {
                append_number(buffer, x - line_x);
                buffer += ' ';
                append_number(buffer, y - line_y);
                buffer += " Td[";
                line_x = x;
                line_y = y;
                pen = x;
                open = true;
            } else {
                // Move from the pen to the item: TJ numbers are subtracted, in 1/1000 em.
                const double adjust = std::round((pen - x) * 1000 / size * 10) / 10;
                append_number(buffer, adjust);
                pen -= adjust * size / 1000;
            }
            append_string(buffer, item.text);
            pen += pdf_width(static_cast<layout::Face>(f), item.text) * size / 1000;
        }
        if (open) buffer += "]TJ\n";
        flush(out, buffer);
        HPDF_Page_EndText(p);
    }

    int pdf_width(layout::Face face, const std::string& text) const {
        const layout::TrueTypeFace& metrics = pages_.family->face(face);
        int width = 0;
        std::size_t pos = 0;
        while (pos < text.size()) width += metrics.pdf_width(text::next_code_point(text, pos));
        return width;
    }

    void flush(HPDF_Stream out, std::string& buffer) const {
        if (buffer.empty()) return;
        if (HPDF_Stream_Write(out, reinterpret_cast<const HPDF_BYTE*>(buffer.data()),
                              static_cast<HPDF_UINT>(buffer.size())) != HPDF_OK && errors_.code == HPDF_OK)
            throw Failure(ErrorKind::internal, "libharu could not write a content stream");
        buffer.clear();
    }

    // Numbers with at most two decimals and no trailing zeros: "12.5", "-3", "0.25".
    static void append_number(std::string& out, double value) {
        const long hundredths = std::lround(value * 100);
        if (hundredths < 0) out += '-';
        const unsigned long a = static_cast<unsigned long>(hundredths < 0 ? -hundredths : hundredths);
        out += std::to_string(a / 100);
        const unsigned long frac = a % 100;
        if (frac) {
            out += '.';
            out += static_cast<char>('0' + frac / 10);
            if (frac % 10) out += static_cast<char>('0' + frac % 10);
        }
    }

    // A literal string of two-byte codes (code = Unicode value, see compact_encoder.hpp).
    static void append_string(std::string& out, const std::string& text) {
        out += '(';
        std::size_t pos = 0;
        while (pos < text.size()) {
            char32_t cp = text::next_code_point(text, pos);
            if (cp > 0xFFFF) cp = 0xFFFD;
            for (const unsigned byte : {unsigned(cp >> 8), unsigned(cp & 0xFF)}) {
                switch (byte) {
                case '(': out += "\\("; break;
                case ')': out += "\\)"; break;
                case '\\': out += "\\\\"; break;
                case '\r': out += "\\r"; break;
                case '\n': out += "\\n"; break;
                default: out += static_cast<char>(byte);
                }
            }
        }
        out += ')';
    }

    // ------------------------------------------------------------ outline and metadata

    // Titles and metadata go through libharu's UTF-8 encoder, which writes them as UTF-16
    // text strings (no font uses it, so its costly font tables are never built).
    HPDF_Encoder utf8_encoder() {
        if (!utf8_) {
            HPDF_UseUTFEncodings(doc());
            utf8_ = HPDF_GetEncoder(doc(), "UTF-8");
            check("preparing the UTF-8 encoder");
        }
        return utf8_;
    }

    void add_outline() {
        if (pages_.bookmarks.empty()) return;
        HPDF_Encoder encoder = utf8_encoder();
        std::vector<HPDF_Outline> parents; // parents[level-1]
        for (const layout::Bookmark& mark : pages_.bookmarks) {
            const std::size_t level = static_cast<std::size_t>(std::max(mark.level, 1));
            if (parents.size() > level - 1) parents.resize(level - 1);
            HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
            HPDF_Outline outline = HPDF_CreateOutline(doc(), parent, mark.title.c_str(), encoder);
            HPDF_Destination dest = HPDF_Page_CreateDestination(page_handles_.at(mark.page));
            HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(round2(mark.y))); // libharu refuses XYZ with zoom 0 ("keep")
            HPDF_Outline_SetDestination(outline, dest);
            HPDF_Outline_SetOpened(outline, HPDF_TRUE);
            while (parents.size() < level - 1) parents.push_back(parent); // skipped levels
            parents.push_back(outline);
        }
        HPDF_SetPageMode(doc(), HPDF_PAGE_MODE_USE_OUTLINE);
        check("writing the bookmarks");
    }

    void set_metadata() {
        utf8_encoder();
        HPDF_SetCurrentEncoder(doc(), "UTF-8");
        auto set = [&](HPDF_InfoType type, const std::string& value) {
            if (!value.empty()) HPDF_SetInfoAttr(doc(), type, value.c_str());
        };
        set(HPDF_INFO_TITLE, metadata_.title);
        set(HPDF_INFO_AUTHOR, metadata_.author);
        set(HPDF_INFO_SUBJECT, metadata_.subject);
        set(HPDF_INFO_KEYWORDS, metadata_.keywords);
        set(HPDF_INFO_CREATOR, "vanban");
        const std::string& date = !options_.fixed_creation_date.empty() ? options_.fixed_creation_date : metadata_.created;
        HPDF_SetInfoDateAttr(doc(), HPDF_INFO_CREATION_DATE, date.empty() ? now() : parse_date(date));
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

    // "YYYY-MM-DD", optionally "THH:MM[:SS]" and "Z" or "+HH:MM" / "-HH:MM".
    static HPDF_Date parse_date(const std::string& text) {
        HPDF_Date d{};
        d.ind = ' ';
        int consumed = 0;
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &d.year, &d.month, &d.day, &consumed) != 3 || consumed != 10)
            throw Failure(ErrorKind::data, "creation date '" + text + "' is not ISO 8601 (YYYY-MM-DD…)");
        std::string_view rest = std::string_view(text).substr(10);
        if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
            int n = 0;
            if (std::sscanf(rest.data() + 1, "%2d:%2d%n", &d.hour, &d.minutes, &n) != 2)
                throw Failure(ErrorKind::data, "creation date '" + text + "' has a bad time");
            rest.remove_prefix(1 + n);
            if (!rest.empty() && rest[0] == ':') {
                if (std::sscanf(rest.data() + 1, "%2d%n", &d.seconds, &n) != 1)
                    throw Failure(ErrorKind::data, "creation date '" + text + "' has bad seconds");
                rest.remove_prefix(1 + n);
                while (!rest.empty() && (rest[0] == '.' || (rest[0] >= '0' && rest[0] <= '9'))) rest.remove_prefix(1);
            }
        }
        if (rest == "Z") {
            d.ind = 'Z';
        } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
            d.ind = rest[0];
            if (std::sscanf(rest.data() + 1, "%2d:%2d", &d.off_hour, &d.off_minutes) != 2)
                throw Failure(ErrorKind::data, "creation date '" + text + "' has a bad time zone");
        } else if (!rest.empty()) {
            throw Failure(ErrorKind::data, "creation date '" + text + "' is not ISO 8601");
        }
        if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minutes > 59 || d.seconds > 59)
            throw Failure(ErrorKind::data, "creation date '" + text + "' is out of range");
        return d;
    }

    std::string save() {
        HPDF_SaveToStream(doc());
        check("saving the PDF");
        std::string bytes(HPDF_GetStreamSize(doc()), '\0');
        HPDF_ResetStream(doc());
        HPDF_UINT32 offset = 0;
        while (offset < bytes.size()) {
            HPDF_UINT32 chunk = static_cast<HPDF_UINT32>(bytes.size()) - offset;
            const HPDF_STATUS status = HPDF_ReadFromStream(doc(), reinterpret_cast<HPDF_BYTE*>(bytes.data()) + offset, &chunk);
            offset += chunk;
            if (status == HPDF_STREAM_EOF || chunk == 0) break;
        }
        errors_.code = errors_.code == HPDF_STREAM_EOF ? HPDF_OK : errors_.code;
        check("reading the PDF back");
        bytes.resize(offset);
        return bytes;
    }

    const layout::PageLayout& pages_;
    const model::Metadata& metadata_;
    const PdfOptions& options_;
    HaruErrors errors_;
    DocPtr pdf_;
    std::array<HPDF_Font, face_count> fonts_{};
    std::vector<HPDF_Page> page_handles_;
    HPDF_Encoder utf8_ = nullptr;
    std::set<char32_t> all_code_points_;
};

} // namespace

std::shared_ptr<const FontSet> load_fonts(const FontConfig& config) { return layout::load_font_set(config); }

std::string write_pdf(const layout::PageLayout& pages, const model::Metadata& metadata, const PdfOptions& options) {
    Writer writer(pages, metadata, options);
    return writer.run();
}

std::string render_pdf(const model::Document& doc, const FontSet& fonts, const PdfOptions& options) {
    const layout::PageLayout pages = layout::layout_document(doc, fonts);
    return write_pdf(pages, doc.metadata, options);
}

} // namespace vanban::pdf
