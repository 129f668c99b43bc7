// zlib-format (RFC 1950) compression for the PDF's FlateDecode streams.
#pragma once

#include <string>
#include <string_view>

namespace vanban::pdf {

// zlib at the given level (1 = fastest). Font programs, the one part of a PDF whose
// compression pays for its time (see docs/pdf.md).
std::string deflate_zlib(std::string_view data, int level);

// A fast encoder for data made mostly of long runs of one byte value, such as a
// CIDToGIDMap (two zero bytes for every code point a document does not use): each run
// becomes one literal and back-references of distance 1, coded with deflate's fixed
// Huffman table. It is linear in the data and needs no zlib state, and on such data it
// is as small as zlib's best level.
std::string deflate_runs(std::string_view data);

} // namespace vanban::pdf
