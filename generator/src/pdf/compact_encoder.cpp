#include "pdf/compact_encoder.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <cstring>
#include <vector>

#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>

namespace vanban::pdf {
namespace {

// Text reaches libharu as UTF-8 (a C string cannot hold the zero bytes of two-byte codes);
// libharu calls this to turn it into the codes written in the content stream. The result
// is malloc'ed because libharu releases it with free().
char* encode_utf8_as_ucs2(HPDF_Encoder, const char* text, HPDF_UINT length, HPDF_UINT* encoded_length) {
    char* out = static_cast<char*>(std::malloc(length * 2 + 2));
    if (!out) {
        *encoded_length = 0;
        return nullptr;
    }
    std::size_t o = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text);
    for (HPDF_UINT i = 0; i < length;) {
        std::uint32_t cp = bytes[i];
        std::size_t extra = 0;
        if (cp >= 0xF0) { cp &= 0x07; extra = 3; }
        else if (cp >= 0xE0) { cp &= 0x0F; extra = 2; }
        else if (cp >= 0xC0) { cp &= 0x1F; extra = 1; }
        ++i;
        for (; extra > 0 && i < length; --extra, ++i) cp = cp << 6 | (bytes[i] & 0x3F);
        if (cp > 0xFFFF) cp = 0xFFFD; // outside the BMP: not representable in two bytes
        out[o++] = static_cast<char>(cp >> 8);
        out[o++] = static_cast<char>(cp & 0xFF);
    }
    *encoded_length = static_cast<HPDF_UINT>(o);
    return out;
}

// libharu measures shown text byte by byte with these; the layout never asks it to, and
// answering "single byte" keeps its bookkeeping harmless.
HPDF_BOOL never(HPDF_Encoder, HPDF_BYTE) { return HPDF_FALSE; }

HPDF_STATUS already_initialised(HPDF_Encoder) { return HPDF_OK; }

} // namespace

HPDF_STATUS register_compact_encoder(HPDF_Doc pdf, const char* name, const std::set<char32_t>& code_points) {
    HPDF_Encoder encoder = HPDF_CMapEncoder_New(pdf->mmgr, const_cast<char*>(name), already_initialised);
    if (!encoder) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS status = HPDF_CMapEncoder_InitAttr(encoder);
    if (status != HPDF_OK) return status;

    // Consecutive code points become one range; each maps code -> CID of the same value.
    // libharu's CIDToGIDMap and W loops stop one short of the highest CID, so one unused
    // code point above the last real one is declared too.
    std::vector<HPDF_CidRange_Rec> ranges;
    std::vector<HPDF_UnicodeMap_Rec> unicode;
    char32_t highest = 0;
    for (char32_t cp : code_points) {
        if (cp == 0 || cp >= 0xFFFE) continue;
        highest = cp;
        if (!ranges.empty() && ranges.back().to + 1u == cp) ranges.back().to = static_cast<HPDF_UINT16>(cp);
        else ranges.push_back({static_cast<HPDF_UINT16>(cp), static_cast<HPDF_UINT16>(cp), static_cast<HPDF_UINT16>(cp)});
        unicode.push_back({static_cast<HPDF_UINT16>(cp), static_cast<HPDF_UINT16>(cp)});
    }
    const HPDF_UINT16 sentinel = static_cast<HPDF_UINT16>(highest + 1);
    ranges.push_back({sentinel, sentinel, sentinel});
    unicode.push_back({sentinel, sentinel});
    ranges.push_back({0xFFFF, 0xFFFF, 0});
    unicode.push_back({0xFFFF, 0xFFFF});

    if ((status = HPDF_CMapEncoder_AddCMap(encoder, ranges.data())) != HPDF_OK) return status;
    HPDF_CMapEncoder_SetUnicodeArray(encoder, unicode.data());
    if ((status = HPDF_CMapEncoder_AddCodeSpaceRange(encoder, HPDF_CidRange_Rec{0x0000, 0xFFFF, 0})) != HPDF_OK)
        return status;

    auto* attr = static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
    std::strcpy(attr->registry, "Adobe");
    std::strcpy(attr->ordering, "Identity");
    attr->suppliment = 0;
    attr->writing_mode = HPDF_WMODE_HORIZONTAL;
    attr->uid_offset = -1;
    attr->is_lead_byte_fn = never;
    attr->is_trial_byte_fn = never;
    encoder->encode_text_fn = encode_utf8_as_ucs2;
    encoder->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    return HPDF_Doc_RegisterEncoder(pdf, encoder);
}

HPDF_STATUS use_identity_encoding(HPDF_Font font, const std::set<char32_t>& code_points) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_Dict cmap = attr ? attr->cmap_stream : nullptr;
    if (!cmap) return HPDF_INVALID_FONT;

    // The ToUnicode CMap (PDF 9.10.3): ranges of consecutive codes, at most 100 a block.
    std::vector<std::pair<char32_t, char32_t>> ranges;
    for (char32_t cp : code_points) {
        if (cp == 0 || cp >= 0xFFFE) continue;
        if (!ranges.empty() && ranges.back().second + 1 == cp) ranges.back().second = cp;
        else ranges.emplace_back(cp, cp);
    }
    std::string text =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    char line[40];
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        text += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k) {
            std::snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", unsigned(ranges[k].first),
                          unsigned(ranges[k].second), unsigned(ranges[k].first));
            text += line;
        }
        text += "endbfrange\n";
    }
    text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    HPDF_Stream stream = HPDF_MemStream_New(cmap->mmgr, static_cast<HPDF_UINT>(text.size()));
    if (!stream) return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS status = HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                           static_cast<HPDF_UINT>(text.size()));
    if (status != HPDF_OK) return status;
    HPDF_Stream_Free(cmap->stream);
    cmap->stream = stream;
    // Keys that belong to an Encoding CMap, not to a ToUnicode stream.
    HPDF_Dict_RemoveElement(cmap, "Type");
    HPDF_Dict_RemoveElement(cmap, "CMapName");
    HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(cmap, "WMode");
    if ((status = HPDF_Dict_Add(font, "ToUnicode", cmap)) != HPDF_OK) return status;
    return HPDF_Dict_AddName(font, "Encoding", "Identity-H");
}

} // namespace vanban::pdf
