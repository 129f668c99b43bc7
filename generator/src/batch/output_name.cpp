#include "batch/output_name.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "template/ast.hpp"
#include "template/map_loader.hpp"
#include "template/template.hpp"
#include "vanban/error.hpp"
#include "vanban/message.hpp"

namespace vanban::batch {

namespace {

constexpr const char* kPatternName = "output pattern";

// Names Windows keeps for devices, whatever the extension ("NUL.pdf" is the null device).
bool is_windows_device_name(std::string_view name) {
    const std::string_view stem = name.substr(0, name.find('.'));
    if (stem.size() != 3 && stem.size() != 4) return false;
    std::string upper;
    for (char c : stem) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static constexpr std::array<const char*, 4> three = {"CON", "PRN", "AUX", "NUL"};
    for (const char* reserved : three)
        if (upper == reserved) return true;
    return upper.size() == 4 && (upper.compare(0, 3, "COM") == 0 || upper.compare(0, 3, "LPT") == 0) &&
           upper[3] >= '1' && upper[3] <= '9';
}

// ------------------------------------------------------------- building the path

// One name of the path: the folder or file name between two '/'.
struct NamePart {
    std::string text;
    bool from_data = false; // some of it came out of a tag
};

std::vector<NamePart> split_into_names(const tmpl::Output& output) {
    std::vector<NamePart> names(1);
    for (const tmpl::Fragment& fragment : output.fragments()) {
        if (fragment.object) // an object is a table's data, not part of a name
            throw Failure(ErrorKind::template_eval,
                          msg("batch.output-name-object", "output name: {path} is an object; use one of its fields",
                              {{"path", fragment.object_path}}));
        if (!fragment.from_template) {
            names.back().text += sanitise_name_piece(fragment.text);
            names.back().from_data = true;
            continue;
        }
        for (char c : fragment.text) {
            if (c == '/') names.emplace_back();
            else names.back().text += c;
        }
    }
    return names;
}

// A name the record's data makes unusable is the record's problem (a data error), not the
// output folder's.
[[noreturn]] void unsafe_name(const std::string& path, Message why) {
    throw Failure(ErrorKind::data, msg("batch.output-name-problem", "output name \"{file}\": {problem}",
                                       {{"file", path}, {"problem", std::move(why)}}));
}

// Makes each name that data helped to write safe, and refuses those that cannot be.
std::string join_checked(std::vector<NamePart>& names) {
    std::string path;
    for (std::size_t i = 0; i < names.size(); ++i) path += (i ? "/" : "") + names[i].text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        NamePart& name = names[i];
        // An empty value prints nothing at all, so an empty name is refused wherever it is
        // (but before the first '/' of an absolute path).
        if (name.text.empty() && i > 0) unsafe_name(path, msg("batch.output-name-part-empty", "a folder or file name is empty (an empty field?)"));
        if (!name.from_data) continue;
        if (name.text == "." || name.text == "..")
            unsafe_name(path, msg("batch.output-name-climbs", "the data makes a name \"{name}\", which would leave the output folder",
                                  {{"name", name.text}}));
        // Windows drops dots and spaces at the end of a name, and keeps device names.
        if (name.text.back() == '.' || name.text.back() == ' ') name.text.back() = '_';
        if (is_windows_device_name(name.text)) name.text = "_" + name.text;
    }
    path.clear();
    for (std::size_t i = 0; i < names.size(); ++i) path += (i ? "/" : "") + names[i].text;
    return path;
}

} // namespace

std::string sanitise_name_piece(std::string_view text) {
    std::string safe;
    safe.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool refused = byte < 0x20 || byte == 0x7F || std::string_view("<>:\"/\\|?*").find(c) != std::string_view::npos;
        safe += refused ? '_' : c;
    }
    return safe;
}

OutputPattern::OutputPattern(const std::string& pattern) : text_(pattern) {
    if (pattern.empty()) throw Failure(ErrorKind::usage, msg("batch.pattern-empty", "the output pattern is empty"));
    if (pattern.find_first_of("\r\n") != std::string::npos)
        throw Failure(ErrorKind::usage, msg("batch.pattern-lines", "the output pattern must be one line"));
    template_ = tmpl::parse_template(kPatternName, pattern);
    library_ = std::make_unique<tmpl::Library>(std::make_shared<tmpl::MapLoader>(std::map<std::string, std::string>{}));
    fields_ = tmpl::data_paths(*template_);
}

OutputPattern::~OutputPattern() = default;
OutputPattern::OutputPattern(OutputPattern&&) noexcept = default;

std::string OutputPattern::evaluate(const nlohmann::json& data, std::size_t record_number) const {
    tmpl::Limits limits;
    limits.max_loop_iterations = 10'000;
    limits.max_output_bytes = 4096; // a path, not a document
    const nlohmann::json globals = {{"vanban", {{"record", record_number}}}};
    tmpl::Output output;
    tmpl::evaluate(*template_, data, *library_, output, limits, &globals);
    std::vector<NamePart> names = split_into_names(output);
    return join_checked(names);
}

std::filesystem::path OutputPattern::base_folder() const {
    const std::string fixed = text_.substr(0, std::min(text_.find("{{"), text_.find("{%")));
    const std::size_t slash = fixed.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return fixed.substr(0, slash);
}

std::optional<Format> OutputPattern::format_from_extension() const {
    const std::size_t tags_end = text_.rfind("}}");
    const std::string after_tags = text_.substr(tags_end == std::string::npos ? 0 : tags_end + 2);
    return format_for_path(after_tags);
}

std::string path_for_format(const std::string& path, Format format, bool several_formats) {
    if (!several_formats) return path;
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    const bool replaceable = format_for_path(path) && dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (replaceable ? path.substr(0, dot) : path) + format_extension(format);
}

} // namespace vanban::batch
