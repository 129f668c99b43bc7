// The settings of one render that a user gives by name: `vanban render`'s options and
// `vanban serve`'s query parameters are read here, by one function, so that the command and
// the server cannot drift apart (docs/serve.md). Names are the query parameters'; the
// command line spells them as options (input_encoding is --input-encoding).
//
//   format          pdf, docx, model, fields, metadata, metadata-xml
//   profile         a profile's name (whether the templates have it is the caller's to check)
//   input_encoding  utf-8, tcvn3, vni, cp1258 (and their aliases)
//   draft           true or false (also 1/0, yes/no, on/off; empty: true, as a bare ?draft)
//   fixed_date      the creation date written into the files, ISO 8601
//   appendix        N: appendix N alone, as a file of its own (from 1; docs/electronic.md)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vanban/engine.hpp"
#include "vanban/message.hpp"

namespace vanban::engine {

// What a render is asked for besides its template and data.
struct RenderRequest {
    Format format = Format::pdf;
    RenderOptions options;
};

// Why a setting was refused.
struct SettingProblem {
    bool unknown = false; // no setting has this name
    Message message;      // what is wrong with the value (empty when unknown)
    Message hint;         // the values the setting takes
};

// Reads one setting into `request`; the problem when the name is no setting's or the value
// is not one of its values (then `request` is unchanged). An empty value is refused
// (empty_setting_problem) but for draft, where it is the bare switch `?draft`: a setting
// whose value went missing (`?appendix=`) is a mistake, never a way to ask for the default,
// which leaving the setting out gives.
std::optional<SettingProblem> set_render_setting(std::string_view name, std::string_view value, RenderRequest& request);

// What is said of a setting, or of any other query parameter, given with no value.
SettingProblem empty_setting_problem();

// The settings' names, in the order above ("format, profile, input_encoding, draft,
// fixed_date, appendix"), without format when `with_format` is false: for a hint.
std::string render_setting_names(bool with_format = true);

} // namespace vanban::engine
