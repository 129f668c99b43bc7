// The engine's side of the two writers: it owns what they load once (the PDF fonts) and
// hands each a finished document model.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vanban/model.hpp"

namespace vanban::engine {

class Writers {
public:
    explicit Writers(std::vector<std::filesystem::path> font_dirs);
    ~Writers();

    std::string pdf(const model::Document& document, const std::string& fixed_date) const;
    std::string docx(const model::Document& document, const std::string& fixed_date) const;

private:
    struct Fonts;
    std::vector<std::filesystem::path> font_dirs_;
    // Fonts load on the first PDF, so model and DOCX renders never need font files.
    mutable std::mutex fonts_mutex_;
    mutable std::shared_ptr<const Fonts> fonts_;
};

} // namespace vanban::engine
