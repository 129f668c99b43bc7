// Decoding legacy Vietnamese encodings: TCVN3 and Windows-1258 through glibc's iconv, VNI
// through the table in vni.cpp. See legacy.hpp.
#include "text/legacy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>

#include <iconv.h>

#include "text/utf8.hpp"
#include "text/vni.hpp"
#include "vanban/error.hpp"

namespace vanban::text {

namespace {

// ---------------------------------------------------------------- Windows-1252

// What Windows-1252 shows for 0x80..0x9F; 0 where it defines nothing (those bytes show as
// the Latin-1 control characters of the same number).
constexpr std::array<char32_t, 32> windows1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80..87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,      // 88..8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90..97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178, // 98..9F
};

// ---------------------------------------------------------------- iconv

// One iconv conversion to UTF-8, closed when it goes out of scope. iconv descriptors carry
// state, so each decode opens its own: nothing is shared between threads.
class Iconv {
public:
    explicit Iconv(const char* from) : from_(from), cd_(iconv_open("UTF-8", from)) {
        if (cd_ == reinterpret_cast<iconv_t>(-1))
            throw Failure(ErrorKind::resource,
                          msg("text.iconv-missing", "this system's iconv cannot decode {encoding} (glibc's gconv modules are needed)",
                              {{"encoding", from}}));
    }
    ~Iconv() { iconv_close(cd_); }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;

    // Appends the UTF-8 of `bytes` to `out`; `offset` is where `bytes` starts in the whole
    // input, for the message about a byte the encoding does not define.
    void append(std::string& out, std::string_view bytes, std::size_t offset) {
        char* in = const_cast<char*>(bytes.data()); // iconv's signature; it does not write
        std::size_t in_left = bytes.size();
        std::array<char, 4096> buffer;
        while (in_left > 0) {
            char* out_ptr = buffer.data();
            std::size_t out_left = buffer.size();
            const std::size_t done = iconv(cd_, &in, &in_left, &out_ptr, &out_left);
            out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
            if (done == static_cast<std::size_t>(-1) && errno != E2BIG)
                fail_at(offset + static_cast<std::size_t>(in - bytes.data()), static_cast<unsigned char>(*in));
        }
        // A converter may hold back a base letter, waiting for a combining mark: flush it.
        char* out_ptr = buffer.data();
        std::size_t out_left = buffer.size();
        iconv(cd_, nullptr, nullptr, &out_ptr, &out_left);
        out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
        iconv(cd_, nullptr, nullptr, nullptr, nullptr); // back to the initial state
    }

private:
    [[noreturn]] void fail_at(std::size_t offset, unsigned char byte) const {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", byte);
        Error error;
        error.kind = ErrorKind::data;
        // Error::format() adds " at byte N".
        error.message = msg("text.undefined-byte", "{encoding} has no character for the byte {value}",
                            {{"encoding", from_}, {"value", hex}});
        error.byte_offset = static_cast<std::int64_t>(offset);
        throw Failure(std::move(error));
    }

    const char* from_;
    iconv_t cd_;
};

// ---------------------------------------------------------------- TCVN3

// The bytes VN3 gives letters (standards.md §6.5): the 67 lower-case non-ASCII letters and
// Ă Â Ê Ô Ơ Ư Đ. glibc's TCVN5712-1 is the VN1 superset: it also reads 0x01–0x17 and the
// remaining high bytes as upper-case toned letters and 0xB0–0xB4 as combining marks. True
// VN3 text does not use them as letters — in .doc files they are Word's quotes and dashes
// (0x91–0x97), "°" and the like — so they keep their Windows-1252 character instead.
bool is_vn3_letter(unsigned char byte) {
    return (byte >= 0xA1 && byte <= 0xAE) || (byte >= 0xB5 && byte <= 0xB9) || (byte >= 0xBB && byte <= 0xBE) ||
           (byte >= 0xC6 && byte <= 0xCC) || (byte >= 0xCE && byte <= 0xD8) || (byte >= 0xDC && byte <= 0xDF) ||
           (byte >= 0xE1 && byte <= 0xEF) || (byte >= 0xF1 && byte <= 0xFE);
}

// Bytes glibc passes through unchanged: printable ASCII, tab, line feed, carriage return.
bool is_plain_ascii(unsigned char byte) { return (byte >= 0x20 && byte < 0x7F) || byte == '\t' || byte == '\n' || byte == '\r'; }

// Runs of VN3 letters and plain ASCII go to iconv in one call; any other byte ends the run
// and is written as the character Windows-1252 shows for it.
std::string decode_tcvn3(std::string_view bytes) {
    Iconv converter("TCVN5712-1");
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    std::size_t run_start = 0;
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
        const bool end = i == bytes.size();
        const auto byte = end ? 0 : static_cast<unsigned char>(bytes[i]);
        if (!end && (is_plain_ascii(byte) || is_vn3_letter(byte))) continue;
        if (i > run_start) converter.append(out, bytes.substr(run_start, i - run_start), run_start);
        if (!end) append_utf8(out, windows1252_char(byte));
        run_start = i + 1;
    }
    return out;
}

// Letter -> VN3 byte, from glibc's own decoding of the VN3 letter bytes.
const LetterBytes& tcvn3_encoding() {
    static const LetterBytes table = [] {
        LetterBytes built;
        for (int byte = 0x80; byte <= 0xFF; ++byte) {
            if (!is_vn3_letter(static_cast<unsigned char>(byte))) continue;
            const std::string byte_text(1, static_cast<char>(byte));
            const std::string letter = decode_tcvn3(byte_text);
            std::size_t pos = 0;
            built.emplace(next_code_point(letter, pos), byte_text);
        }
        return built;
    }();
    return table;
}

// ---------------------------------------------------------------- Windows-1258

std::optional<std::string> encode_cp1258(std::string_view utf8) {
    iconv_t cd = iconv_open("CP1258", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out;
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    std::array<char, 4096> buffer;
    bool ok = true;
    while (in_left > 0 && ok) {
        char* out_ptr = buffer.data();
        std::size_t out_left = buffer.size();
        const std::size_t done = iconv(cd, &in, &in_left, &out_ptr, &out_left);
        out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
        ok = done != static_cast<std::size_t>(-1) || errno == E2BIG;
    }
    char* out_ptr = buffer.data();
    std::size_t out_left = buffer.size();
    iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
    out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
    iconv_close(cd);
    if (!ok) return std::nullopt;
    return out;
}

std::string nfc(std::string text) { return is_nfc(text) ? text : to_nfc(text); }

} // namespace

const char* legacy_encoding_name(LegacyEncoding encoding) {
    switch (encoding) {
    case LegacyEncoding::tcvn3: return "tcvn3";
    case LegacyEncoding::vni: return "vni";
    case LegacyEncoding::cp1258: return "cp1258";
    }
    return "tcvn3";
}

std::optional<LegacyEncoding> parse_legacy_encoding(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "tcvn3" || lower == "abc" || lower == "tcvn" || lower == "tcvn5712" || lower == "tcvn5712-1")
        return LegacyEncoding::tcvn3;
    if (lower == "vni" || lower == "vni-windows") return LegacyEncoding::vni;
    if (lower == "cp1258" || lower == "windows-1258") return LegacyEncoding::cp1258;
    return std::nullopt;
}

char32_t windows1252_char(unsigned char byte) {
    if (byte >= 0x80 && byte <= 0x9F && windows1252_high[byte - 0x80] != 0) return windows1252_high[byte - 0x80];
    return byte;
}

std::optional<unsigned char> shown_byte(char32_t cp) {
    if (cp <= 0xFF) return static_cast<unsigned char>(cp);
    for (std::size_t i = 0; i < windows1252_high.size(); ++i)
        if (windows1252_high[i] == cp) return static_cast<unsigned char>(0x80 + i);
    return std::nullopt;
}

std::optional<std::string> shown_bytes(std::string_view utf8) {
    std::string bytes;
    bytes.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const std::optional<unsigned char> byte = shown_byte(next_code_point(utf8, pos));
        if (!byte) return std::nullopt;
        bytes += static_cast<char>(*byte);
    }
    return bytes;
}

std::string decode_legacy(std::string_view bytes, LegacyEncoding encoding) {
    if (is_ascii(bytes)) {
        // Identical in every one of these encodings, but for the control characters TCVN3's
        // iconv reads as letters; those stay controls here too (see is_vn3_letter).
        return std::string(bytes);
    }
    switch (encoding) {
    case LegacyEncoding::tcvn3: return nfc(decode_tcvn3(bytes));
    case LegacyEncoding::vni: return nfc(vni::decode(bytes));
    case LegacyEncoding::cp1258: {
        // Windows-1258 writes most toned letters as a base letter and a combining tone mark.
        std::string out;
        Iconv("CP1258").append(out, bytes, 0);
        return nfc(std::move(out));
    }
    }
    return std::string(bytes);
}

std::optional<std::string> decode_shown_as_latin1(std::string_view utf8, LegacyEncoding encoding) {
    if (is_ascii(utf8)) return std::string(utf8);
    std::optional<std::string> bytes = shown_bytes(utf8);
    if (!bytes) return std::nullopt;
    return decode_legacy(*bytes, encoding);
}

std::optional<std::string> encode_by_table(std::string_view utf8, const LetterBytes& table) {
    std::string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char32_t cp = next_code_point(utf8, pos);
        if (cp < 0x80) {
            out += static_cast<char>(cp);
            continue;
        }
        auto it = table.find(cp);
        if (it == table.end()) return std::nullopt;
        out += it->second;
    }
    return out;
}

std::optional<std::string> encode_legacy(std::string_view utf8, LegacyEncoding encoding) {
    const std::string text = is_nfc(utf8) ? std::string(utf8) : to_nfc(utf8);
    switch (encoding) {
    case LegacyEncoding::tcvn3: return encode_by_table(text, tcvn3_encoding());
    case LegacyEncoding::vni: return vni::encode(text);
    case LegacyEncoding::cp1258: return encode_cp1258(text);
    }
    return std::nullopt;
}

} // namespace vanban::text
