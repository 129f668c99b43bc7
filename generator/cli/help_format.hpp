// --help laid out by the width of what a terminal shows, not by bytes: CLI11 pads with
// std::setw, which counts bytes, so a Vietnamese word ("CHUỖI", "BẮT BUỘC") pushed the
// descriptions out of their column.
#pragma once

#include <CLI/CLI.hpp>

namespace vanban::cli {

class HelpFormatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* option, bool is_positional) const override;
    std::string make_subcommand(const CLI::App* command) const override;
};

} // namespace vanban::cli
