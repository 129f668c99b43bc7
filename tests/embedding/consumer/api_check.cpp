// Uses the C++ API through the installed headers and libvanban.so only: every public header
// compiles on its own terms (nothing from the sources), every function used here is
// exported, and the library finds its installed templates without being told.
//   api_check OUTPUT_DIR
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include <vanban/batch.hpp>
#include <vanban/engine.hpp>
#include <vanban/error.hpp>
#include <vanban/json.hpp>
#include <vanban/model.hpp>
#include <vanban/vanban.h>

#include "checks.hpp"

using consumer::check;

namespace {

nlohmann::json example() {
    std::ifstream in(std::string(VANBAN_TEMPLATE_DIR) + "/ke-hoach/example.json");
    return nlohmann::json::parse(in);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    const std::string out_dir = argv[1];

    // The default template folder is the installed one: the one find_package reports.
    std::error_code ec;
    check(std::filesystem::equivalent(vanban::installed_template_dir(), VANBAN_TEMPLATE_DIR, ec),
          "installed_template_dir() is " + vanban::installed_template_dir().string());
    vanban::EngineOptions options; // no template folder
    options.fixed_creation_date = "2024-01-02T03:04:05Z";
    const vanban::Engine engine(options);
    check(engine.options().template_dirs.size() == 1 &&
              std::filesystem::equivalent(engine.options().template_dirs[0], VANBAN_TEMPLATE_DIR, ec),
          "an engine without folders gets the installed one");

    const nlohmann::json data = example();
    vanban::RenderResult pdf = vanban::render_json(engine, "ke-hoach", data, vanban::Format::pdf);
    check(pdf.ok && pdf.bytes.rfind("%PDF-", 0) == 0, "render_json to PDF: " + pdf.error.format());
    std::ofstream(out_dir + "/api_check.pdf", std::ios::binary) << pdf.bytes;

    std::ostringstream docx;
    vanban::Status to_stream = engine.render("ke-hoach", data.dump(), vanban::Format::docx, docx);
    check(to_stream.ok && docx.str().rfind("PK", 0) == 0, "render to a stream: " + to_stream.error.format());

    vanban::ModelResult model = engine.build_model("ke-hoach", data.dump());
    check(model.ok && model.document.title && model.document.title->type_name == "KẾ HOẠCH", "build_model");
    check(engine.write(model.document, vanban::Format::pdf).bytes == pdf.bytes, "write: the same PDF as render");

    nlohmann::json wrong = data;
    wrong["header"]["date"] = "10/6/2019";
    vanban::ValidationResult validation = engine.validate("ke-hoach", wrong.dump());
    check(!validation.ok && !validation.problems.empty() && validation.problems[0].json_path == "header.date",
          "validate names the field");
    vanban::RenderResult refused = vanban::render_json(engine, "ke-hoach", wrong, vanban::Format::pdf);
    check(!refused.ok && vanban::exit_code(refused.error.kind) == 6, "render_json refuses invalid data");
    check(std::string(vanban::kind_name(refused.error.kind)).size() > 0, "kind_name");
    check(!engine.check_template("ke-hoach"), "check_template");

    vanban::Format format;
    check(vanban::parse_format("docx", format) && format == vanban::Format::docx, "parse_format");
    check(std::string(vanban_version()) == vanban_version(), "the C ABI links from C++ too");

    return consumer::finish("api_check");
}
