#include "import/failure.hpp"

#include <utility>

namespace vanban::import {

void fail(ErrorKind kind, const std::string& source, Message message, Message hint, std::int64_t byte) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.hint = std::move(hint);
    error.where.file = source;
    error.byte_offset = byte;
    throw Failure(std::move(error));
}

Message resave_hint() { return msg("import.hint-resave", "open it in Word or LibreOffice and save it again"); }

} // namespace vanban::import
