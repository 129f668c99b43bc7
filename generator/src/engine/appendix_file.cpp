#include "engine/appendix_file.hpp"

#include <utility>

#include "vanban/error.hpp"

namespace vanban::engine {

namespace {

[[noreturn]] void no_such_appendix(Message message) {
    Error error;
    error.kind = ErrorKind::usage;
    error.message = std::move(message);
    // The library's words, whoever asked (--appendix, ?appendix=, RenderOptions::appendix).
    error.hint = msg("engine.appendix-hint", "render the whole document, or name an appendix it has");
    throw Failure(std::move(error));
}

// "Phụ lục PHÂN CÔNG NHIỆM VỤ — KẾ HOẠCH …": what the file's title says it is.
std::string appendix_title(const model::Appendix& appendix, const std::string& document_title) {
    std::string title;
    for (const std::string& line : appendix.title) title += (title.empty() ? "" : " ") + line;
    if (title.empty()) return document_title;
    return document_title.empty() ? title : title + " — " + document_title;
}

} // namespace

void keep_appendix_alone(model::Document& document, std::size_t number) {
    const std::size_t count = document.appendices.size();
    if (count == 0) no_such_appendix(msg("engine.no-appendix", "the document has no appendix to issue as a file of its own"));
    if (number == 0 || number > count)
        no_such_appendix(msg_n("engine.no-such-appendix", "there is no appendix {number}: the document has {count} appendix",
                               "there is no appendix {number}: the document has {count} appendices", count,
                               {{"number", number}}));
    model::Appendix appendix = std::move(document.appendices[number - 1]);
    document.metadata.title = appendix_title(appendix, document.metadata.title);
    document.header.reset();
    document.title.reset();
    document.body.clear();
    document.closing = {};
    document.appendices.clear();
    document.appendices.push_back(std::move(appendix));
    document.issued_appendix = number;
}

} // namespace vanban::engine
