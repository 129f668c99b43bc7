// The PDF's signature fields and images, checked once pages are laid out. Their places come
// from model/signing.hpp; the field names are stable (docs/electronic.md).
#pragma once

#include "layout/pages.hpp"

namespace vanban::layout {

// The stable names of the fields (docs/electronic.md, "Signature fields").
inline constexpr const char* signer_field_name = "signer";
inline constexpr const char* agency_field_name = "agency";
// The agency's field on the first page of an appendix issued as a file of its own.
inline constexpr const char* appendix_agency_field_name = "appendix-agency";

// An appendix issued as a file of its own (model::Document::issued_appendix) gets the
// agency's field at the top right of its first page (model/signing.hpp).
void add_appendix_agency_field(PageLayout& pages, const model::Profile& profile);

// Refuses a field or an image that lies partly off its page: vanban::Failure(ErrorKind::data)
// naming the image's JSON path, or the profile's settings when no image made it so.
void check_signing_on_page(const PageLayout& pages);

} // namespace vanban::layout
