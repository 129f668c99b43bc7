// Renders a plan to PDF with the vanban C++ API (libvanban.so).
//
//   render_plan TEMPLATE DATA.json OUTPUT.pdf [TEMPLATE_DIR]
//
// Without TEMPLATE_DIR the installed templates are used. On failure it prints where and why,
// and exits with vanban's exit code (docs/errors.md). Build it against the installed package:
//   find_package(vanban) + target_link_libraries(render_plan PRIVATE vanban::vanban), or
//   c++ -std=c++20 render_plan.cpp $(pkg-config --cflags --libs vanban)
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <vanban/engine.hpp>

namespace {

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad() && in.is_open();
}

// What a program would show its user: the location and the field, then vanban's own report.
void report(const vanban::Error& error) {
    std::cerr << "where: " << error.where.file;
    if (error.where.known()) std::cerr << ":" << error.where.line << ":" << error.where.column;
    if (!error.json_path.empty()) std::cerr << " (field " << error.json_path << ")";
    std::cerr << "\nwhy: " << error.message.text() << "\n" << error.format() << "\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5) {
        std::cerr << "usage: render_plan TEMPLATE DATA.json OUTPUT.pdf [TEMPLATE_DIR]\n";
        return 2;
    }
    const std::string template_name = argv[1], data_path = argv[2], output_path = argv[3];
    std::string data;
    if (!read_file(data_path, data)) {
        std::cerr << "cannot read " << data_path << "\n";
        return 5;
    }

    vanban::EngineOptions options;
    if (argc == 5) options.template_dirs = {argv[4]}; // else: vanban::installed_template_dir()
    const vanban::Engine engine(options);              // once; then any number of renders

    vanban::RenderOptions render_options;
    render_options.data_name = data_path; // messages name the data file
    // Rendered whole in memory first: nothing is written when it fails.
    vanban::RenderResult pdf = engine.render(template_name, data, vanban::Format::pdf, render_options);
    if (!pdf) {
        report(pdf.error);
        return vanban::exit_code(pdf.error.kind);
    }
    std::ofstream out(output_path, std::ios::binary);
    out.write(pdf.bytes.data(), static_cast<std::streamsize>(pdf.bytes.size()));
    if (!out.flush()) {
        std::cerr << "cannot write " << output_path << "\n";
        return 8;
    }
    std::cout << "wrote " << output_path << " (" << pdf.bytes.size() << " bytes)\n";
    return 0;
}
