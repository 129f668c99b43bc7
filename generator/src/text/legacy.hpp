// Legacy Vietnamese encodings, still common in old office files, decoded to UTF-8 NFC:
//
//   TCVN3 ("ABC", VN3 of TCVN 5712:1993; fonts .VnTime, .VnArial …): one byte per letter.
//       Decoded with glibc's iconv "TCVN5712-1". VN3 has no upper-case toned letters: text
//       set in the "H" fonts (.VnTimeH …) is stored in lower case and shown in upper case,
//       so callers offer an option to upper-case the result (text::to_upper).
//   VNI ("VNI-Windows"; fonts VNI-Times …): a base letter followed by accent bytes
//       ("Vieät" = "Việt"). No library knows it: the table is in vni.cpp, matched longest
//       first.
//   Windows-1258: combining tone marks after base letters; iconv "CP1258", then NFC.
//
// Such text reaches vanban in two forms:
//   raw bytes        a file saved in the legacy encoding (not valid UTF-8);
//   shown as Latin-1 legacy bytes that some program read as Windows-1252/Latin-1 and saved
//                    as UTF-8: "§¶ng" for TCVN3 "Đảng", "Ñaûng" for VNI "Đảng". Each
//                    character is mapped back to the byte it shows (shown_byte), then decoded.
//
// See docs/legacy-encodings.md for the conventions chosen here (bytes outside VN3, lone
// VNI accents, detection).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vanban::text {

enum class LegacyEncoding { tcvn3, vni, cp1258 };

// "tcvn3", "vni", "cp1258".
const char* legacy_encoding_name(LegacyEncoding encoding);
// Accepts the names above and the aliases "abc", "tcvn", "tcvn5712", "vni-windows",
// "windows-1258" (any case); nullopt otherwise.
std::optional<LegacyEncoding> parse_legacy_encoding(std::string_view name);

// Legacy bytes -> UTF-8 NFC. Bytes that are not letters of the encoding keep the character
// Windows-1252 shows for them (quotes, dashes, "°"), so nothing is lost. Throws
// vanban::Failure: ErrorKind::data (with byte_offset) for a byte Windows-1258 does not
// define, ErrorKind::resource when the system's iconv lacks the encoding.
std::string decode_legacy(std::string_view bytes, LegacyEncoding encoding);

// The byte a character stands for when bytes are shown as Windows-1252 or Latin-1:
// U+00E0 'à' -> 0xE0, U+201C '“' -> 0x93, U+0093 -> 0x93; nullopt for any other character.
std::optional<unsigned char> shown_byte(char32_t cp);
// The character Windows-1252 shows for a byte (the five bytes it leaves undefined show as
// the Latin-1 control characters U+0081 …): the inverse of shown_byte.
char32_t windows1252_char(unsigned char byte);

// Every character of `utf8` (valid UTF-8) mapped back to its byte; nullopt when one has no
// byte, i.e. the text holds real Unicode beyond Windows-1252.
std::optional<std::string> shown_bytes(std::string_view utf8);

// Legacy text shown as Latin-1 and saved as UTF-8 -> UTF-8 NFC: shown_bytes, then
// decode_legacy. nullopt when the text holds a character no single byte shows (then it is
// already Unicode, and callers keep it as it is). ASCII text comes back unchanged.
std::optional<std::string> decode_shown_as_latin1(std::string_view utf8, LegacyEncoding encoding);

// Unicode -> legacy bytes, the inverse of decode_legacy for Vietnamese text; nullopt when
// a character has no encoding (TCVN3 has no upper-case toned letters: "Ả" is refused).
// For tests and for producing samples.
std::optional<std::string> encode_legacy(std::string_view utf8, LegacyEncoding encoding);

// Letter -> its bytes, for the encodings with one fixed byte sequence per letter (TCVN3: one
// byte; VNI: a base letter and an accent byte).
using LetterBytes = std::unordered_map<char32_t, std::string>;
// `utf8` through such a table: ASCII stays as it is, every other character becomes its bytes;
// nullopt when one has no entry. The encoders of encode_legacy share it.
std::optional<std::string> encode_by_table(std::string_view utf8, const LetterBytes& table);

// Whether valid UTF-8 text looks like TCVN3 or VNI text shown as Latin-1 ("§¶ng céng s¶n
// ViÖt Nam", "Ñaûng"), and which. Real Vietnamese text never does: it is only suspected
// when every character has a byte (shown_bytes), some word holds a character no Vietnamese
// word has (§, ¶, Ö, û, ñ …), every such word decodes to a valid Vietnamese syllable, and
// the decoded text has a letter beyond Latin-1 (ả, ộ, đ …).
std::optional<LegacyEncoding> guess_shown_as_latin1(std::string_view utf8);

} // namespace vanban::text
