// Errors as RFC 9457 problem details (application/problem+json), in the language the
// request asks for (Accept-Language). A problem carries the fields of vanban::Error:
//   {"type": "urn:vanban:problem:validation", "title": "…", "status": 422,
//    "detail": "…", "code": "validation.…", "message": "…", "hint": "…",
//    "file": "data.json", "line": 3, "column": 5, "json_path": "header.number",
//    "errors": [{"json_path": "…", "message": "…"}, …]}
// (docs/serve.md, "Problems").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/engine.hpp"
#include "vanban/error.hpp"
#include "vanban/finding.hpp"
#include "vanban/message.hpp"

namespace vanban::serve {

// The language of an Accept-Language header ("vi-VN,vi;q=0.9,en;q=0.8"): the one of vi and
// en with the highest weight; `fallback` when it names neither.
Language language_of(std::string_view accept_language, Language fallback);

// The HTTP status of an error of the engine.
int http_status(const Error& error);

// A problem document for an error of the engine (every schema problem listed when there
// are several), or for the server's own errors (serve.* messages).
nlohmann::json problem(const Error& error, Language language, const std::vector<DataProblem>& problems = {});
nlohmann::json problem(int status, const Message& message, Language language, const Message& hint = {});

// A warning about the data as JSON: {"json_path": …, "message": …}.
nlohmann::json warning_json(const Warning& warning, Language language);

// A finding of import or check as JSON: {"severity": "error", "code": …, "message": …,
// "paragraph": 12 (or "line" for a text draft), "quote": …, "json_path": …}.
nlohmann::json finding_json(const Finding& finding, Language language);

} // namespace vanban::serve
