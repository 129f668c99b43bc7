// Unsigned signature fields (ISO 32000-1, 12.7.4.5 and 12.8): one widget annotation per
// field, printable, with an empty appearance (PDF/A-2 6.3.3 wants one), listed in the
// Catalog's AcroForm. Signing tools (podofosign, the e-office systems) fill a field by its
// name; docs/electronic.md lists the names and where layout puts each field.
#pragma once

#include <string>

#include "layout/pages.hpp"

namespace vanban::pdf {

// The widget's dictionary entries: a signature field (/FT /Sig) named `field.name` on the
// page object `page_object`, whose appearance is the form XObject `appearance_object`.
std::string signature_widget_entries(const layout::FieldItem& field, unsigned page_object, unsigned appearance_object);

// The empty appearance of a field: a form XObject as large as its box.
std::string field_appearance_entries(const layout::FieldItem& field);

} // namespace vanban::pdf
