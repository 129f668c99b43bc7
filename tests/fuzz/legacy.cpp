// Fuzz target: the legacy Vietnamese decoders of the text stage (TCVN3, VNI, Windows-1258),
// raw and shown as Latin-1, the detection of legacy text, and the encoders.
// Input: bytes in any encoding.
#include <string>

#include "fuzz_support.hpp"
#include "text/legacy.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace {

using namespace vanban;
using text::LegacyEncoding;

void check_unicode(const std::string& text, const char* what) {
    fuzz::check(!text::find_invalid_utf8(text), what, text);
    fuzz::check(text::is_nfc(text), what, text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view input = fuzz::as_text(bytes, size);
    const bool valid_utf8 = !text::find_invalid_utf8(input);

    for (LegacyEncoding encoding : {LegacyEncoding::tcvn3, LegacyEncoding::vni, LegacyEncoding::cp1258}) {
        try {
            check_unicode(text::decode_legacy(input, encoding), "decode_legacy gives UTF-8 NFC");
        } catch (const Failure& failure) {
            // Only Windows-1258 leaves bytes undefined; the others decode every byte.
            fuzz::check(encoding == LegacyEncoding::cp1258 && failure.error().kind == ErrorKind::data &&
                            failure.error().byte_offset >= 0,
                        "only Windows-1258 refuses bytes, naming the offset", failure.error().message.text());
        }
        if (!valid_utf8) continue;
        try {
            if (auto decoded = text::decode_shown_as_latin1(input, encoding))
                check_unicode(*decoded, "decode_shown_as_latin1 gives UTF-8 NFC");
        } catch (const Failure& failure) {
            fuzz::check(encoding == LegacyEncoding::cp1258 && failure.error().kind == ErrorKind::data,
                        "only Windows-1258 refuses bytes", failure.error().message.text());
        }
        // Encoding then decoding gives the text back (in NFC).
        const std::string nfc = text::to_nfc(input);
        if (auto encoded = text::encode_legacy(nfc, encoding))
            fuzz::check(text::decode_legacy(*encoded, encoding) == nfc, "decode_legacy(encode_legacy(x)) == x", nfc);
    }
    if (valid_utf8) text::guess_shown_as_latin1(input);
    return 0;
}
