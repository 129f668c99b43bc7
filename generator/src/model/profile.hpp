// Profiles: the style sheet of a kind of document (Party, State), read from JSON
// (templates/_profiles/NAME.json). Both writers take every measure from here, which is how the
// PDF and the DOCX agree, and how unverified values stay out of code.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vanban/model.hpp"

namespace vanban::model {

// Reads a profile; every key is optional (the struct defaults apply) but unknown keys and
// wrongly typed values are errors (ErrorKind::resource) naming the key's path, so a typo in
// a profile never passes silently. `source` names the file in messages.
Profile profile_from_json(const nlohmann::json& json, const std::string& source);

// Reads and parses a profile file; errors name the file (and line:column for bad JSON).
Profile load_profile_file(const std::filesystem::path& path);

const char* align_name(Align align);
const char* line_breaking_name(LineBreaking breaking); // "first-fit", "optimal-fit"

} // namespace vanban::model
