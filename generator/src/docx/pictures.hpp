// The signature images in the DOCX (docs/electronic.md): the PNG files as parts of the
// package (word/media/), and floating pictures anchored in the signature cell, placed by the
// same numbers as the PDF's (model/signing.hpp): the signer's between the position and the
// name, the seal over its left third.
#pragma once

#include <string>
#include <vector>

#include "docx/xml.hpp"
#include "model/signing.hpp"
#include "vanban/model.hpp"

namespace vanban::docx {

struct Picture {
    const model::Image* image = nullptr;
    std::string rel_id;   // "rId6": word/_rels/document.xml.rels names the part
    std::string target;   // "media/signature.png", relative to word/
};

// The pictures the document prints (none when the profile prints no images).
std::vector<Picture> signature_pictures(const model::Document& doc);

// A floating picture in front of the text, in the paragraph `anchor`: `box` is measured
// from the left of the cell and from `top_pt` points below the paragraph's top.
void anchor_picture(xml::Node anchor, const Picture& picture, const model::PlacedBox& box, double top_pt,
                    unsigned id);

} // namespace vanban::docx
