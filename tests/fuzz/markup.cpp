// Fuzz target: the markup stage — the inline-emphasis parser and the document builder.
// Input: pieces separated by NUL bytes, alternately template text and data values
// ("@h1 " NUL "Đảng bộ" NUL "\n- *việc* " …), as the template evaluator delivers them.
// The evaluator only ever hands over valid UTF-8 in NFC, so other inputs are skipped.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "markup/builder.hpp"
#include "markup/inline.hpp"
#include "model/profile.hpp"
#include "template/output.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace {

using namespace vanban;

const std::string kFile = "main.vbt";

model::Profile party_profile() {
    model::Profile profile;
    profile.name = "party";
    return profile;
}

// The plain text of a line of runs, without the styles.
std::string text_of(const model::Inline& runs) {
    std::string text;
    for (const model::Run& run : runs) text += run.text;
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view input = fuzz::as_text(bytes, size);
    if (text::find_invalid_utf8(input)) return 0;

    std::vector<std::string> texts;
    for (std::string_view part : fuzz::split_at_nul(input)) texts.push_back(text::to_nfc(part));

    // Inline emphasis over the pieces as one line. Template text of one line has no line
    // break (the line reader cuts there), so the target's are made spaces.
    std::vector<std::string> one_line = texts;
    for (std::size_t i = 0; i < one_line.size(); i += 2)
        for (char& c : one_line[i]) c = c == '\n' ? ' ' : c;
    std::vector<markup::Piece> pieces;
    for (std::size_t i = 0; i < one_line.size(); ++i) pieces.push_back({one_line[i], i % 2 == 0});
    const model::Inline runs = markup::parse_inline(pieces);
    for (std::size_t i = 1; i < runs.size(); ++i) {
        const model::Run &a = runs[i - 1], &b = runs[i];
        fuzz::check(a.bold != b.bold || a.italic != b.italic || a.underline != b.underline,
                    "adjacent runs differ in style");
    }
    // Emphasis markers are removed, never added: the text can only get shorter.
    std::size_t input_bytes = 0;
    for (const std::string& text : texts) input_bytes += text.size();
    fuzz::check(text_of(runs).size() <= input_bytes, "inline parsing adds no text");

    // The builder over the same pieces as fragments with template positions.
    std::vector<tmpl::Fragment> fragments;
    std::uint32_t line = 1;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        fragments.push_back(tmpl::Fragment{texts[i], i % 2 == 0, tmpl::Origin{&kFile, line, 1}});
        for (char c : texts[i]) line += c == '\n';
    }
    try {
        markup::build_document(fragments, party_profile());
    } catch (const Failure& failure) {
        fuzz::check(failure.error().kind != ErrorKind::internal, "no internal error", failure.error().message.text());
    }
    return 0;
}
