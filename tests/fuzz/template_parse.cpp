// Fuzz target: the template parser (lexer, parser, the checks of Library::get).
// Input: the source of one template, "main.vbt".
#include <map>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "template/map_loader.hpp"
#include "template/template.hpp"
#include "vanban/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vanban;
    const std::string source(fuzz::as_text(data, size));
    tmpl::Library library(std::make_shared<tmpl::MapLoader>(std::map<std::string, std::string>{{"main.vbt", source}}));
    try {
        library.get("main.vbt");
    } catch (const Failure& failure) {
        // A syntax error must say where it is: the file, and a line within the source.
        const Error& error = failure.error();
        fuzz::check(error.kind != ErrorKind::internal, "no internal error", error.message.text());
        if (error.kind == ErrorKind::template_syntax) {
            fuzz::check(error.where.file == "main.vbt", "syntax error names its file", error.message.text());
            fuzz::check(error.where.line >= 1, "syntax error has a line", error.message.text());
        }
    }
    return 0;
}
