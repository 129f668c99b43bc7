// The document model as JSON: what `vanban render --format model` prints.
//
// A faithful and stable form of the whole model, for debugging templates and for tests that
// compare models. Stable means: keys are sorted (nlohmann::json) and every field of the model
// is present (optional parts as null, empty lists as []), except that the style flags of a
// run ("bold", "italic", "underline") are written only when true, which keeps long documents
// readable. Blocks carry their kind in "type": "heading", "paragraph", "list_item", "table",
// "page_break". The "profile" object uses the keys of the profile files
// (templates/_profiles/*.json), so profile_from_json() reads it back unchanged.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "vanban/model.hpp"

namespace vanban::model {

nlohmann::json to_json(const Document& document);
// With the blocks left out (empty lists), when `with_blocks` is false.
nlohmann::json to_json(const Document& document, bool with_blocks);
// to_json(document).dump(2), made a block at a time: the JSON tree of a whole long
// document takes ten times the memory of its text (10^6 paragraphs: 1.1 GB). `extra`'s
// members are added to the top object (the engine's "signature_fields"), as if they had
// been set in to_json(document) before the dump. What `vanban render --format model` writes.
std::string to_json_text(const Document& document, const nlohmann::json& extra = nlohmann::json::object());
nlohmann::json to_json(const Profile& profile);
nlohmann::json to_json(const Inline& runs);
nlohmann::json to_json(const Block& block);

} // namespace vanban::model
