// Fuzz target: inline emphasis (markup/inline.cpp) over long lines, where only the time it
// takes can go wrong. Input: NUL-separated pieces, alternately template text and a data
// value, as for the markup target. Each piece is repeated in place until the line holds
// 64 KiB: "*a_**b__ " becomes a 64 KiB data value of it. Short patterns repeated are what
// makes a matcher superlinear (1 MiB of that one took 202 s), and a short input mutates fast.
//
// The oracle is libFuzzer's -timeout (1 s in docs/hardening.md): a linear parse of 64 KiB
// takes milliseconds even instrumented, a quadratic one seconds.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "markup/inline.hpp"
#include "text/utf8.hpp"

namespace {

using namespace vanban;

constexpr std::size_t kLineBytes = 64 * 1024;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view input = fuzz::as_text(bytes, size);
    if (size == 0 || text::find_invalid_utf8(input)) return 0;

    const std::size_t repeats = std::max<std::size_t>(1, kLineBytes / size);
    std::vector<std::string> texts;
    for (std::string_view part : fuzz::split_at_nul(input)) {
        std::string piece;
        piece.reserve(part.size() * repeats);
        for (std::size_t i = 0; i < repeats; ++i) piece += part;
        texts.push_back(std::move(piece));
    }
    // Template text of one line has no line break (the line reader cuts there).
    for (std::size_t i = 0; i < texts.size(); i += 2)
        for (char& c : texts[i]) c = c == '\n' ? ' ' : c;

    std::vector<markup::Piece> pieces;
    std::size_t input_bytes = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        pieces.push_back({texts[i], i % 2 == 0});
        input_bytes += texts[i].size();
    }
    const model::Inline runs = markup::parse_inline(pieces);
    std::size_t output_bytes = 0;
    for (const model::Run& run : runs) output_bytes += run.text.size();
    fuzz::check(output_bytes <= input_bytes, "inline parsing adds no text");
    return 0;
}
