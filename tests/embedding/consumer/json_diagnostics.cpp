// A program built with -DJSON_DIAGNOSTICS=1: its nlohmann/json mangles its names differently
// from the one libvanban.so was built with (nlohmann::json_abi_diag_v3_11_2::basic_json on
// Debian 12). It links and renders because no nlohmann type crosses into the library: it
// gives JSON text to the C++ API, and nlohmann::json values through vanban/json.hpp,
// compiled here with this build of nlohmann. (When the API took nlohmann::json in
// Engine::render_parsed, such a program failed to link.)
//   json_diagnostics OUTPUT_DIR
#if !defined(JSON_DIAGNOSTICS) || JSON_DIAGNOSTICS != 1
#error "build with -DJSON_DIAGNOSTICS=1: that build of nlohmann/json is what this program tests"
#endif

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include <vanban/engine.hpp>
#include <vanban/json.hpp>

#include "checks.hpp"

using consumer::check;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    const std::string out_dir = argv[1];
    vanban::EngineOptions options; // the installed templates
    options.fixed_creation_date = "2024-01-02T03:04:05Z";
    const vanban::Engine engine(options);
    const std::string example_text = read_file(std::string(VANBAN_TEMPLATE_DIR) + "/ke-hoach/example.json");

    // The text API.
    vanban::RenderResult pdf = engine.render("ke-hoach", example_text, vanban::Format::pdf);
    check(pdf.ok && pdf.bytes.rfind("%PDF-", 0) == 0, "render from text: " + pdf.error.format());
    write_file(out_dir + "/json-diagnostics-text.pdf", pdf.bytes);

    // nlohmann::json values through vanban/json.hpp: the same document.
    const nlohmann::json data = nlohmann::json::parse(example_text);
    vanban::RenderResult docx = vanban::render_json(engine, "ke-hoach", data, vanban::Format::docx);
    check(docx.ok && docx.bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0, "render_json to DOCX: " + docx.error.format());
    write_file(out_dir + "/json-diagnostics-json.docx", docx.bytes);
    vanban::RenderResult json_pdf = vanban::render_json(engine, "ke-hoach", data, vanban::Format::pdf);
    check(json_pdf.ok && json_pdf.bytes == pdf.bytes, "render_json to PDF: the text's PDF, byte for byte");

    nlohmann::json wrong = data;
    wrong["header"]["date"] = "10/6/2019";
    vanban::ValidationResult validation = vanban::validate_json(engine, "ke-hoach", wrong);
    check(!validation.ok && !validation.problems.empty() && validation.problems[0].json_path == "header.date",
          "validate_json names the field");

    // A string JSON text cannot hold: dump() throws, the program gets an error value.
    nlohmann::json latin1 = data;
    latin1["header"]["issuer"] = std::string("Chi b\xF4");
    vanban::RenderResult refused = vanban::render_json(engine, "ke-hoach", latin1, vanban::Format::pdf);
    check(!refused.ok && refused.error.kind == vanban::ErrorKind::data && refused.error.json_path == "header.issuer" &&
              refused.error.message.code() == "json.text-not-utf8",
          "invalid UTF-8 is an error naming its field: " + refused.error.format());

    return consumer::finish("json_diagnostics");
}
