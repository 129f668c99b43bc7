#include "model/signing.hpp"

#include <algorithm>

#include "model/furniture.hpp"

namespace vanban::model {

void image_size(const Image& image, double fallback_width, double max_width, double max_height,
                double& width, double& height) {
    const double aspect = image.width_px > 0 ? static_cast<double>(image.height_px) / image.width_px : 1.0;
    if (image.width_mm > 0 && image.height_mm > 0) {
        width = image.width_mm * points_per_mm;
        height = image.height_mm * points_per_mm;
    } else {
        width = fallback_width;
        height = fallback_width * aspect;
    }
    double scale = 1;
    if (max_width > 0 && width > max_width) scale = max_width / width;
    if (max_height > 0 && height * scale > max_height) scale = max_height / height;
    width *= scale;
    height *= scale;
}

SigningPlaces signing_places(const Profile& profile, const Signature& signature, double column_x,
                             double column_width, double space_top, double space_height) {
    const Signing& settings = profile.signing;
    SigningPlaces places;
    const double box_width = std::min(column_width, settings.signer_width_mm * points_per_mm);
    const double centre_x = column_x + column_width / 2;
    const double centre_y = space_top + space_height / 2;
    places.signer_field = {centre_x - box_width / 2, space_top, box_width, space_height};

    // The signer's image, centred in the box; the seal's place is reckoned from it.
    PlacedBox signer = places.signer_field;
    if (settings.images && signature.image) {
        double width = 0, height = 0;
        image_size(*signature.image, box_width, box_width, space_height, width, height);
        signer = {centre_x - width / 2, centre_y - height / 2, width, height};
        places.signer_image = signer;
    }
    double seal_width = settings.seal_size_mm * points_per_mm, seal_height = seal_width;
    if (settings.images && signature.seal) image_size(*signature.seal, seal_width, 0, 0, seal_width, seal_height);
    // Its right edge a third (seal_overlap) into the signer's image from the left.
    const double seal_right = signer.x + settings.seal_overlap * signer.width;
    places.agency_field = {seal_right - seal_width, centre_y - seal_height / 2, seal_width, seal_height};
    if (settings.images && signature.seal) places.seal_image = places.agency_field;
    return places;
}

PlacedBox appendix_agency_place(const Profile& profile) {
    const Signing& settings = profile.signing;
    const double width = settings.appendix_field_width_mm * points_per_mm;
    return {text_block(profile.page).right - width, settings.appendix_field_top_mm * points_per_mm, width,
            settings.appendix_field_height_mm * points_per_mm};
}

} // namespace vanban::model
