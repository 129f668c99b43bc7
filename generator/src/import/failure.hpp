// How the import stage says that a draft cannot be read: a Failure that names the file, with
// what to do about it when there is something to do.
#pragma once

#include <cstdint>
#include <string>

#include "vanban/error.hpp"

namespace vanban::import {

// Throws Failure(kind) about `source`; `byte` is the offset in the file, when known.
[[noreturn]] void fail(ErrorKind kind, const std::string& source, Message message, Message hint = {},
                       std::int64_t byte = -1);

// "open it in Word or LibreOffice and save it again": a damaged zip, malformed XML.
Message resave_hint();

} // namespace vanban::import
