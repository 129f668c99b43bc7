#include "language.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace vanban::cli {

namespace {
Language chosen = Language::en;
} // namespace

void choose_language(int argc, char** argv) {
    chosen = language_from_environment();
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") break;
        std::string_view value;
        if (arg == "--lang" && i + 1 < argc) value = argv[i + 1];
        else if (arg.rfind("--lang=", 0) == 0) value = arg.substr(7);
        else continue;
        if (auto language = parse_language(value)) chosen = *language;
    }
}

Language current_language() { return chosen; }

bool colour_for(std::FILE* stream) {
    if (const char* no_colour = std::getenv("NO_COLOR"); no_colour && *no_colour) return false;
    if (const char* term = std::getenv("TERM"); !term || std::strcmp(term, "dumb") == 0) return false;
    return isatty(fileno(stream)) == 1;
}

} // namespace vanban::cli
