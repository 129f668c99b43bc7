// How much of a draft survived the import: its words against the words of the document
// rendered from the imported data. The header block and the closing block (recipients beside
// the signature) are two columns that drafts interleave in any order, so each is compared as
// a bag of words; the body word for word, in order (the longest common subsequence), as
// tests/golden compares the seeds.
#pragma once

#include <string>
#include <vector>

#include "import/draft.hpp"
#include "import/recognise.hpp"
#include "vanban/model.hpp"

namespace vanban::import {

struct Words {
    std::vector<std::string> words;
    std::vector<int> paragraphs; // the paragraph each word comes from (input side)
    void add(const std::string& text, int paragraph = 0);
};

// The words of a document in its three zones.
struct Zones {
    Words header, body, closing;
};

// The draft's words (Word's automatic numbers included) in the zones the import put them:
// the header block, the body (type and summary, then the header lines kept as opening
// paragraphs, the body's paragraphs, then the lines of the closing block kept as its closing
// paragraphs), the closing block and what follows it.
Zones draft_words(const Draft& draft, const Recognised& recognised);
// The rendered document's words: the header block; type, summary, body; from "Nơi nhận"
// on, the closing block and the appendices.
Zones document_words(const model::Document& document);

struct LostPassage {
    int paragraph = 0;
    std::string text; // the words lost, joined (at most about 12 of them)
};

struct Survival {
    std::size_t input_words = 0;
    std::size_t kept_words = 0;
    std::vector<LostPassage> lost; // the first few places where words were lost
    double ratio() const { return input_words == 0 ? 1.0 : double(kept_words) / double(input_words); }
};

Survival compare_words(const Zones& input, const Zones& output, std::size_t max_passages = 5);

} // namespace vanban::import
