// What a document depends on besides its record, as one digest: --resume re-renders a
// record when its template, the shared parts it includes, the profiles or the options that
// change the output are not what they were.
#pragma once

#include <string>

#include "vanban/engine.hpp"

namespace vanban::batch {

// SHA-256 (hex) over vanban's version, the options that change the bytes (fixed date, font
// folders, profile), and every file of the template's folder, of _shared/ and of
// _profiles/ in each template folder, with their names. Fonts themselves are not read: a
// changed font file under the same name is not noticed (docs/batch.md).
std::string inputs_fingerprint(const EngineOptions& engine, const std::string& template_name,
                               const RenderOptions& render);

} // namespace vanban::batch
