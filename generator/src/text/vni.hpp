// VNI-Windows, the table behind text::decode_legacy and text::encode_legacy (legacy.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanban::text::vni {

// VNI bytes -> UTF-8 (not yet NFC: the caller normalises). Longest match first: a base
// letter and its accent byte before either alone. An accent byte that follows no vowel
// keeps its Windows-1252 character.
std::string decode(std::string_view bytes);

// UTF-8 NFC -> VNI bytes; nullopt for a character that is neither ASCII nor a Vietnamese
// letter.
std::optional<std::string> encode(std::string_view utf8);

} // namespace vanban::text::vni
