// Builds evaluated template output by hand, the way the template evaluator delivers it.
#pragma once

#include <string>
#include <vector>

#include "markup/builder.hpp"
#include "template/output.hpp"
#include "vanban/model.hpp"

namespace vanban::markup::test {

// The template file every fragment pretends to come from.
inline const std::string template_file = "ke-hoach/main.vbt";

struct Piece {
    std::string text;
    bool from_template = true;
};

// A value printed by a {{ … }} tag.
inline Piece data(std::string text) { return Piece{std::move(text), false}; }

// Each value stands in the template as a tag 7 columns wide ("{{ x }}"), so the origins of
// template text after it are those of a real source.
constexpr std::uint32_t tag_width = 7;

inline std::vector<tmpl::Fragment> fragments(const std::vector<Piece>& pieces) {
    std::vector<tmpl::Fragment> out;
    tmpl::Origin at{&template_file, 1, 1};
    for (const Piece& piece : pieces) {
        out.push_back(tmpl::Fragment{piece.text, piece.from_template, at});
        if (!piece.from_template) {
            at.column += tag_width;
            continue;
        }
        for (unsigned char c : piece.text) {
            if (c == '\n') {
                ++at.line;
                at.column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++at.column;
            }
        }
    }
    return out;
}

inline model::Profile party_profile() {
    model::Profile profile;
    profile.name = "party";
    profile.number_prefix = "Số ";
    profile.recipients_label = "Nơi nhận:";
    return profile;
}

inline model::Document build(const std::vector<Piece>& pieces,
                             const model::Profile& profile = party_profile()) {
    return build_document(fragments(pieces), profile);
}

inline model::Document build(const std::string& template_text,
                             const model::Profile& profile = party_profile()) {
    return build(std::vector<Piece>{Piece{template_text, true}}, profile);
}

} // namespace vanban::markup::test
