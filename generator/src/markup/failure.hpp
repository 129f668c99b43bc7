// How the markup stage reports a mistake of the template author.
#pragma once

#include <string>
#include <utility>

#include "template/output.hpp"
#include "vanban/error.hpp"

namespace vanban::markup {

// Throws a template_syntax Failure at `where`. The source line is not known here (the
// markup stage never sees the template source): the engine fills Error::source_line.
[[noreturn]] inline void fail_at(const tmpl::Origin& where, Message message, Message hint = {}) {
    Error error;
    error.kind = ErrorKind::template_syntax;
    error.message = std::move(message);
    error.hint = std::move(hint);
    if (where.file) error.where.file = *where.file;
    error.where.line = where.line;
    error.where.column = where.column;
    throw Failure(std::move(error));
}

} // namespace vanban::markup
