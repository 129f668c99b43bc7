// Fuzz target: inline emphasis (markup/inline.cpp) over long lines, where the work it does
// can go wrong. Input: NUL-separated pieces, alternately template text and a data value, as
// for the markup target. Each piece is repeated in place until the line holds 16 KiB:
// "*a_**b__ " becomes a 16 KiB data value of it. Short patterns repeated are what makes a
// matcher superlinear (1 MiB of that one took 202 s), and a short input mutates fast.
//
// The oracle is the parser's own count of the open runs it looked at, which must stay within
// a few per byte of the line: deterministic, where a time limit depends on the machine's load
// (a quadratic matcher looks at millions here). libFuzzer's -timeout stays as the backstop
// for the rest of the parse.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "markup/inline.hpp"
#include "markup/line.hpp"
#include "text/utf8.hpp"

namespace {

using namespace vanban;

constexpr std::size_t kLineBytes = 16 * 1024;

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

    markup::Line line;
    for (std::size_t i = 0; i < texts.size(); ++i)
        line.append(texts[i], i % 2 == 0, static_cast<std::uint32_t>(i), {});
    markup::InlineParser parser;
    const model::Inline runs = parser.parse(line, markup::Range{0, line.text.size()});
    // Each run is listed at most twice plus once per pairing, and looked at once after it
    // went stale plus once per search: a handful per byte at most.
    fuzz::check(parser.openers_examined() <= 8 * line.text.size() + 8, "pairing is linear in the line's length");
    std::size_t output_bytes = 0;
    for (const model::Run& run : runs) output_bytes += run.text.size();
    fuzz::check(output_bytes <= line.text.size(), "inline parsing adds no text");
    return 0;
}
