#include "golden/golden_support.hpp"

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

namespace vanban::golden {

std::filesystem::path source_path(const std::string& relative) {
    return std::filesystem::path(VANBAN_SOURCE_DIR) / relative;
}

std::string read_source(const std::string& relative) {
    const auto path = source_path(relative);
    INFO("reading " << path.string());
    REQUIRE(std::filesystem::is_regular_file(path));
    return vanban::testing::read_file(path);
}

nlohmann::json read_source_json(const std::string& relative) {
    const std::string text = read_source(relative);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        FAIL(relative << " is not valid JSON: " << e.what());
    }
    return {};
}

const Engine& repository_engine() {
    // One engine for the whole program: it caches templates, profiles and fonts, and is
    // safe to share (render() is const and thread-safe).
    static const Engine engine(EngineOptions{
        .template_dirs = {source_path("templates")},
        .fixed_creation_date = "2019-01-01T00:00:00Z",
    });
    return engine;
}

Rendered render_both(const std::string& template_name, const std::string& data_file) {
    const Engine& engine = repository_engine();
    RenderOptions options;
    options.data_name = data_file;
    options.data_dir = source_path(data_file).parent_path().string(); // a table's CSV file lies beside the data
    const ModelResult model = engine.build_model(template_name, read_source(data_file), options);
    INFO(data_file << ": " << model.error.format());
    REQUIRE(model.ok);
    const RenderResult pdf = engine.write(model.document, Format::pdf);
    INFO("PDF: " << pdf.error.format());
    REQUIRE(pdf.ok);
    const RenderResult docx = engine.write(model.document, Format::docx);
    INFO("DOCX: " << docx.error.format());
    REQUIRE(docx.ok);
    return {pdf.bytes, docx.bytes};
}

} // namespace vanban::golden
