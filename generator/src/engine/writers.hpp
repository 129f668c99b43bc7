// The engine's side of the two writers: it owns what they load once (the PDF fonts) and
// hands each a finished document model.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/message.hpp"
#include "vanban/model.hpp"

namespace vanban::engine {

class Writers {
public:
    explicit Writers(std::vector<std::filesystem::path> font_dirs);
    ~Writers();

    // `warnings`, when given, gets one for the characters the PDF's fonts cannot show.
    std::string pdf(const model::Document& document, const std::string& fixed_date,
                    std::vector<Message>* warnings = nullptr) const;
    std::string docx(const model::Document& document, const std::string& fixed_date) const;

    // The document model as JSON text (Format::model: model::to_json_text, a block at a
    // time), with the places of the PDF's signature fields ("signature_fields"); the fields
    // alone (Format::fields). docs/electronic.md.
    std::string model_json_text(const model::Document& document) const;
    nlohmann::json fields_json(const model::Document& document) const;
    // The PDF's number of pages, as laid out.
    std::size_t page_count(const model::Document& document) const;

    // Breaks the header's, the signature's and the appendices' lines that are wider than
    // their columns, measured with the PDF's fonts, so that both writers print the same
    // lines (layout/fit_lines.hpp). Returns a warning for each line the data gave as one.
    std::vector<Message> fit_lines(model::Document& document) const;
    // Sets the tables' column widths from their content, measured with the PDF's fonts
    // (layout/fit_tables.hpp). Returns a warning for each table too wide for its page.
    std::vector<Message> fit_tables(model::Document& document) const;

private:
    struct Fonts;
    std::shared_ptr<const Fonts> fonts() const;
    std::vector<std::filesystem::path> font_dirs_;
    // Fonts load on first use: the first document built (its lines are measured) or PDF.
    mutable std::mutex fonts_mutex_;
    mutable std::shared_ptr<const Fonts> fonts_;
};

} // namespace vanban::engine
