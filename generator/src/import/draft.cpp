#include "import/draft.hpp"

namespace vanban::import {

std::string Paragraph::text() const {
    std::string out;
    for (const Span& span : spans) out += span.text;
    return out;
}

bool Paragraph::empty() const {
    for (const Span& span : spans)
        for (char c : span.text)
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

std::vector<const Paragraph*> all_paragraphs(const Draft& draft) {
    std::vector<const Paragraph*> out;
    for (const Block& block : draft.blocks) {
        if (const auto* p = std::get_if<Paragraph>(&block)) {
            out.push_back(p);
            continue;
        }
        for (const Row& row : std::get<Table>(block).rows)
            for (const Cell& cell : row.cells)
                for (const Paragraph& p : cell.paragraphs) out.push_back(&p);
    }
    return out;
}

} // namespace vanban::import
