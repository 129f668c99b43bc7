#include "pdf/signature_fields.hpp"

#include "pdf/numbers.hpp"

namespace vanban::pdf {

namespace {

// "[x1 y1 x2 y2]", or "[0 0 w h]" for a box at the origin.
std::string rectangle(double x1, double y1, double x2, double y2) {
    std::string out = "[";
    for (const double v : {x1, y1, x2, y2}) {
        if (out.size() > 1) out += ' ';
        append_number(out, v);
    }
    return out + "]";
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
    return "/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T " + literal(field.name) + "\n/Rect " +
           rectangle(field.box.x, field.box.y, field.box.x + field.box.width, field.box.y + field.box.height) +
           "\n/F 4\n/P " + std::to_string(page_object) + " 0 R\n/AP << /N " + std::to_string(appearance_object) +
           " 0 R >>\n";
}

std::string field_appearance_entries(const layout::FieldItem& field) {
    return "/Type /XObject\n/Subtype /Form\n/BBox " + rectangle(0, 0, field.box.width, field.box.height) +
           "\n/Resources << >>\n";
}

} // namespace vanban::pdf
