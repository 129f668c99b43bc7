#include "engine/render_settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace vanban::engine {

namespace {

using Setter = std::optional<SettingProblem> (*)(std::string_view value, RenderRequest& request);

SettingProblem bad_value(Message message, Message hint = {}) { return {false, std::move(message), std::move(hint)}; }

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::optional<SettingProblem> set_format(std::string_view value, RenderRequest& request) {
    if (parse_format(value, request.format)) return std::nullopt;
    return bad_value(msg("render.bad-format", "unknown format '{format}'", {{"format", value}}),
                     msg("render.bad-format.hint", "the formats are pdf, docx, model, fields, metadata and metadata-xml"));
}

// The engine checks the name again when it loads the profile; refused here, a name that
// tries to be a path never reaches it.
std::optional<SettingProblem> set_profile(std::string_view value, RenderRequest& request) {
    const bool name = !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
    if (!name)
        return bad_value(msg("render.bad-profile-name", "'{profile}' is not a profile name", {{"profile", value}}),
                         msg("render.bad-profile-name.hint", "a profile is named by letters, digits, '-' and '_': party, state"));
    request.options.profile = std::string(value);
    return std::nullopt;
}

std::optional<SettingProblem> set_input_encoding(std::string_view value, RenderRequest& request) {
    if (parse_input_encoding(value, request.options.input_encoding)) return std::nullopt;
    return bad_value(msg("render.unknown-encoding", "unknown input encoding '{encoding}' (use utf-8, tcvn3, vni or cp1258)",
                         {{"encoding", value}}));
}

std::optional<SettingProblem> set_draft(std::string_view value, RenderRequest& request) {
    const std::string word = lower(value);
    if (word.empty() || word == "true" || word == "1" || word == "yes" || word == "on") request.options.draft = true;
    else if (word == "false" || word == "0" || word == "no" || word == "off") request.options.draft = false;
    else
        return bad_value(msg("render.bad-draft", "'{value}' is neither true nor false", {{"value", value}}),
                         msg("render.bad-draft.hint", "a draft is asked for with true (or 1) and refused with false (or 0)"));
    return std::nullopt;
}

// The engine's own check, so that the command's --fixed-date and the server's fixed_date
// are refused in the same words.
std::optional<SettingProblem> set_fixed_date(std::string_view value, RenderRequest& request) {
    EngineOptions options;
    options.fixed_creation_date = std::string(value);
    if (std::optional<Error> problem = check_engine_options(options)) return bad_value(problem->message, problem->hint);
    request.options.fixed_creation_date = std::string(value);
    return std::nullopt;
}

// The number of the appendix issued as a file of its own (RenderOptions::appendix), from 1.
// Whether the document has it is the engine's to say, once the document is built.
std::optional<SettingProblem> set_appendix(std::string_view value, RenderRequest& request) {
    std::size_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size() || number == 0)
        return bad_value(msg("render.bad-appendix", "'{value}' is not the number of an appendix", {{"value", value}}),
                         msg("render.bad-appendix.hint", "appendices are numbered from 1: 1 issues the first alone"));
    request.options.appendix = number;
    return std::nullopt;
}

struct Setting {
    const char* name;
    Setter set;
    bool is_switch = false; // given alone (`?draft`, an empty value), it is on
};

constexpr Setting kSettings[] = {
    {"format", set_format},
    {"profile", set_profile},
    {"input_encoding", set_input_encoding},
    {"draft", set_draft, true},
    {"fixed_date", set_fixed_date},
    {"appendix", set_appendix},
};

} // namespace

SettingProblem empty_setting_problem() {
    return bad_value(msg("render.empty-value", "no value is given"),
                     msg("render.empty-value.hint", "give it a value, or leave it out for its default"));
}

std::optional<SettingProblem> set_render_setting(std::string_view name, std::string_view value, RenderRequest& request) {
    for (const Setting& setting : kSettings) {
        if (name != setting.name) continue;
        if (value.empty() && !setting.is_switch) return empty_setting_problem();
        RenderRequest changed = request; // unchanged on a problem
        std::optional<SettingProblem> problem = setting.set(value, changed);
        if (!problem) request = std::move(changed);
        return problem;
    }
    return SettingProblem{true, {}, {}};
}

std::string render_setting_names(bool with_format) {
    std::string names;
    for (const Setting& setting : kSettings) {
        if (!with_format && std::string_view(setting.name) == "format") continue;
        names += (names.empty() ? "" : ", ") + std::string(setting.name);
    }
    return names;
}

} // namespace vanban::engine
