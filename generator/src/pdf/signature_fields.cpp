#include "pdf/signature_fields.hpp"

#include <cstdio>

namespace vanban::pdf {

namespace {

std::string rectangle(const layout::Box& box) {
    char text[96];
    std::snprintf(text, sizeof text, "[%.2f %.2f %.2f %.2f]", box.x, box.y, box.x + box.width, box.y + box.height);
    return text;
}

// A PDF literal string of ASCII letters, digits, '_' and '-' (the field names are ours).
std::string literal(const std::string& name) {
    std::string out = "(";
    for (char c : name)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
            out += c;
    return out + ")";
}

} // namespace

std::string signature_widget_entries(const layout::FieldItem& field, unsigned page_object, unsigned appearance_object) {
    // F 4: printable (PDF/A-2 6.3.2: Print set; Hidden, Invisible, NoView clear).
    return "/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T " + literal(field.name) + "\n/Rect " + rectangle(field.box) +
           "\n/F 4\n/P " + std::to_string(page_object) + " 0 R\n/AP << /N " + std::to_string(appearance_object) +
           " 0 R >>\n";
}

std::string field_appearance_entries(const layout::FieldItem& field) {
    char box[64];
    std::snprintf(box, sizeof box, "[0 0 %.2f %.2f]", field.box.width, field.box.height);
    return std::string("/Type /XObject\n/Subtype /Form\n/BBox ") + box + "\n/Resources << >>\n";
}

} // namespace vanban::pdf
