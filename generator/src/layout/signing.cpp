#include "layout/signing.hpp"

#include <algorithm>
#include <cstdio>

#include "model/furniture.hpp"
#include "model/signing.hpp"
#include "vanban/error.hpp"

namespace vanban::layout {

namespace {

bool inside(const Box& box, double page_width, double page_height) {
    constexpr double tolerance = 0.01;
    return box.x >= -tolerance && box.y >= -tolerance && box.x + box.width <= page_width + tolerance &&
           box.y + box.height <= page_height + tolerance;
}

std::string millimetres(const Box& box) {
    char text[64];
    std::snprintf(text, sizeof text, "%.0f x %.0f mm", box.width / model::points_per_mm, box.height / model::points_per_mm);
    return text;
}

[[noreturn]] void fall_off(Message message, Message hint, const std::string& json_path) {
    Error error;
    error.kind = ErrorKind::data;
    error.message = std::move(message);
    error.hint = std::move(hint);
    error.json_path = json_path;
    throw Failure(std::move(error));
}

} // namespace

void add_appendix_agency_field(PageLayout& pages, const model::Profile& profile) {
    if (!profile.signing.fields || pages.pages.empty()) return;
    const model::PlacedBox place = model::appendix_agency_place(profile);
    const Box box{place.x, pages.height - place.top - place.height, place.width, place.height};
    pages.pages.front().fields.push_back(FieldItem{appendix_agency_field_name, box});
}

void check_signing_on_page(const PageLayout& pages) {
    for (const Page& page : pages.pages) {
        for (const ImageItem& image : page.images)
            if (!inside(image.box, pages.width, pages.height))
                fall_off(msg("layout.image-off-page", "the image {source} ({size}) would fall off the page",
                             {{"source", image.image->source}, {"size", millimetres(image.box)}}),
                         msg("layout.image-off-page-hint",
                             "give a smaller image, or one whose size (pHYs) is its size on paper"),
                         image.image->json_path);
        for (const FieldItem& field : page.fields)
            if (!inside(field.box, pages.width, pages.height))
                fall_off(msg("layout.field-off-page", "the signature field {name} ({size}) would fall off the page",
                             {{"name", field.name}, {"size", millimetres(field.box)}}),
                         msg("layout.field-off-page-hint", "check the profile's signing settings and its margins"), "");
    }
}

} // namespace vanban::layout
