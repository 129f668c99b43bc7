// Lines that both writers print as given, one under the other, centred in a column: the
// superior and issuing bodies of the header, the signer's authority and position, an
// appendix's title and subtitle. A line wider than its column would otherwise wrap wherever
// the column ends ("CHI BỘ TRƯỜNG THPT TRẦN / PHÚ"), and not at the same word in the PDF as in
// Word. Here, when the model is built, each such line is broken between words at the most
// balanced place: the fewest lines that fit, and of those the break whose longest line is
// shortest, so that no word is left alone when the words can be shared out
// (docs/layout-rules.md, rule 16). The writers then print the lines as the model has them.
#pragma once

#include <string>
#include <vector>

#include "layout/fonts.hpp"
#include "vanban/message.hpp"
#include "vanban/model.hpp"

namespace vanban::layout {

// Breaks the lines of `doc` that are wider than their columns. Returns one message for each
// line the data gave as one that had to be broken (header, signature and appendix title
// lines; an appendix subtitle is a sentence the template composes, broken silently).
std::vector<Message> fit_furniture_lines(model::Document& doc, const FontFamily& family);

// The balanced break of one line of words (separated by single spaces) into the fewest lines
// no wider than `width` points: the lines' texts. A single word wider than the column stays
// whole on its own line. Exposed for the tests.
std::vector<std::string> balanced_lines(const std::string& text, const model::TextStyle& style,
                                        const FontFamily& family, double width);

} // namespace vanban::layout
