#include "template/output.hpp"

namespace vanban::tmpl {

namespace {
void append_piece(std::vector<Fragment>& pieces, std::string_view text, bool from_template,
                  Origin origin) {
    if (text.empty()) return;
    if (!pieces.empty() && pieces.back().from_template == from_template && !from_template && !pieces.back().object) {
        // Two values in a row ({{ a }}{{ b }}) read as one piece of data text. Template
        // text is never merged: each piece keeps the origin of its own first character.
        pieces.back().text.append(text);
        return;
    }
    pieces.push_back(Fragment{std::string(text), from_template, origin, nullptr, {}});
}
} // namespace

void Output::append_template_text(std::string_view text, Origin origin) {
    append_piece(fragments_, text, true, origin);
    size_ += text.size();
}

void Output::append_value(std::string_view text, Origin origin) {
    append_piece(fragments_, text, false, origin);
    size_ += text.size();
}

void Output::append_object(const nlohmann::json& object, std::string path, Origin origin) {
    fragments_.push_back(Fragment{std::string(object_placeholder), false, origin, &object, std::move(path)});
    size_ += object_placeholder.size();
}

void Output::append(const Output& other) {
    for (const Fragment& piece : other.fragments_) {
        if (piece.object) fragments_.push_back(piece); // never merged with the text around it
        else append_piece(fragments_, piece.text, piece.from_template, piece.origin);
    }
    size_ += other.size_;
}

} // namespace vanban::tmpl
