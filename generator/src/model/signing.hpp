// Where the signature images and the unsigned signature fields go (NĐ30 Phụ lục I, II.7.d
// and II.8.a; docs/electronic.md): the signer's box (ô 7c) centred in the signature column,
// between the position lines and the name, as tall as the signing space; the seal (ô 8) at
// its actual size, centred on the same line, covering the left part of the signer's image
// (a third by default). The PDF's layout and the DOCX writer both place them from here.
#pragma once

#include <optional>

#include "vanban/model.hpp"

namespace vanban::model {

// A box measured from the top-left of the closing block, y downwards, in points.
struct PlacedBox {
    double x = 0, top = 0, width = 0, height = 0;
};

struct SigningPlaces {
    PlacedBox signer_field, agency_field;              // the fields
    std::optional<PlacedBox> signer_image, seal_image; // the images, when given and printed
};

// The places in a signature column [column_x, column_x + column_width] whose signing space
// starts `space_top` points down and is `space_height` tall.
SigningPlaces signing_places(const Profile& profile, const Signature& signature, double column_x,
                             double column_width, double space_top, double space_height);

// The agency's field on the first page of an appendix issued as a file of its own (NĐ30 Phụ
// lục I, II.8.b and III.1.d: "góc trên, bên phải, trang đầu"): in the top margin, where an
// appendix's first page prints nothing (no page number), its right edge on the text block's,
// measured from the page's top-left corner, y downwards.
PlacedBox appendix_agency_place(const Profile& profile);

// The printed size of an image in points: its own (pHYs) when it has one, else
// `fallback_width` points wide at its aspect ratio; never more than `max_width` x
// `max_height` (0: no limit).
void image_size(const Image& image, double fallback_width, double max_width, double max_height, double& width,
                double& height);

} // namespace vanban::model
