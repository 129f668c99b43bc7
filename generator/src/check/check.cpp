#include "check/check.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "import/text_tools.hpp"

namespace vanban::check {

namespace {

void walk_strings(const nlohmann::ordered_json& value, const std::string& path, std::vector<TextPlace>& out) {
    if (value.is_string()) {
        out.push_back({value.get<std::string>(), 0, path});
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) walk_strings(value[i], path + "[" + std::to_string(i) + "]", out);
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items())
            // Labels and numbering styles are not text; deadlines are checked as dates.
            if (key != "number" && key != "numbering" && key != "unit") walk_strings(item, path + "." + key, out);
    }
}

} // namespace

void Findings::add(Severity severity, Message message, const TextPlace& where) {
    add(severity, std::move(message), where.paragraph, where.paragraph ? where.text : "", where.json_path);
}

void Findings::add(Severity severity, Message message, int paragraph, const std::string& quote, std::string json_path) {
    Finding f;
    f.severity = severity;
    f.message = std::move(message);
    f.paragraph = paragraph;
    f.line = lines_;
    // A quote points into the draft; a field of the data is named by its path alone.
    f.quote = quote.empty() || paragraph == 0 ? "" : import::quote(quote);
    f.json_path = std::move(json_path);
    all_.push_back(std::move(f));
}

std::vector<Finding> Findings::take() {
    // Errors first; within a severity, the document's order (places without a paragraph,
    // the data's fields, in the order they were found).
    auto key = [](const Finding& f) {
        return std::pair(f.severity == Severity::error ? 0 : 1, f.paragraph == 0 ? std::numeric_limits<int>::max() : f.paragraph);
    };
    std::stable_sort(all_.begin(), all_.end(), [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
    return std::move(all_);
}

std::vector<TextPlace> body_texts(const Subject& subject) {
    std::vector<TextPlace> out;
    if (subject.draft && subject.recognised) {
        for (const import::Paragraph* p : import::all_paragraphs(*subject.draft))
            if (p->number >= subject.recognised->header_end && !p->empty())
                out.push_back({import::squeeze(p->label.empty() ? p->text() : p->label + " " + p->text()), p->number, ""});
        return out;
    }
    if (!subject.data) return out;
    for (const auto& [key, value] : subject.data->items())
        if (key != "header" && key != "profile" && key != "numbering" && key != "signature" && key != "$comment")
            walk_strings(value, key, out);
    return out;
}

std::optional<text::Date> document_date(const Subject& subject) {
    if (subject.data && subject.data->contains("header") && (*subject.data)["header"].contains("date"))
        return text::parse_iso_date((*subject.data)["header"]["date"].get<std::string>());
    return std::nullopt;
}

std::vector<Finding> run_checks(const Subject& subject) {
    Findings out(subject.draft && subject.draft->kind == import::SourceKind::text);
    check_format(subject, out);
    check_content(subject, out);
    check_reform(subject, out);
    return out.take();
}

} // namespace vanban::check
