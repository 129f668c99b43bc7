#include "serve/catalog.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace vanban::serve {

namespace {

std::optional<std::string> read_whole(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

// The schema's title and description, for the list of templates. A schema that does not
// parse is left to the engine to report when the template is used.
void read_schema_annotations(TemplateInfo& info) {
    const std::optional<std::string> text = read_template_file(info, "schema.json");
    if (!text) return;
    const nlohmann::json schema = nlohmann::json::parse(*text, nullptr, false);
    if (!schema.is_object()) return;
    if (auto title = schema.find("title"); title != schema.end() && title->is_string()) info.title = *title;
    if (auto description = schema.find("description"); description != schema.end() && description->is_string())
        info.description = *description;
}

std::string content_type_of(const fs::path& path) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},              {".png", "image/png"},
        {".ico", "image/x-icon"},               {".json", "application/json"},
    };
    auto found = types.find(path.extension().string());
    return found == types.end() ? "application/octet-stream" : found->second;
}

} // namespace

bool is_template_name(std::string_view name) {
    if (name.empty() || name.size() > 100 || name.front() == '_' || name.front() == '-') return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::vector<TemplateInfo> list_templates(const std::vector<fs::path>& template_dirs) {
    std::map<std::string, TemplateInfo> found;
    for (const fs::path& dir : template_dirs) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!is_template_name(name) || found.count(name) || !fs::is_regular_file(it->path() / "main.vbt", ec))
                continue;
            TemplateInfo info{name, it->path(), "", ""};
            read_schema_annotations(info);
            found.emplace(name, std::move(info));
        }
    }
    std::vector<TemplateInfo> list;
    for (auto& [name, info] : found) list.push_back(std::move(info));
    return list;
}

std::optional<TemplateInfo> find_template(const std::vector<fs::path>& template_dirs, std::string_view name) {
    if (!is_template_name(name)) return std::nullopt;
    for (const fs::path& dir : template_dirs) {
        std::error_code ec;
        if (fs::is_regular_file(dir / name / "main.vbt", ec)) return TemplateInfo{std::string(name), dir / name, "", ""};
    }
    return std::nullopt;
}

bool has_profile(const std::vector<fs::path>& template_dirs, std::string_view name) {
    if (!is_template_name(name)) return false;
    std::error_code ec;
    return std::any_of(template_dirs.begin(), template_dirs.end(), [&](const fs::path& dir) {
        return fs::is_regular_file(dir / "_profiles" / (std::string(name) + ".json"), ec);
    });
}

std::optional<std::string> read_template_file(const TemplateInfo& info, const char* file_name) {
    return read_whole(info.folder / file_name);
}

std::size_t StaticFiles::add_folder(const fs::path& folder, const std::string& url_prefix,
                                    const std::vector<std::string>& only) {
    std::size_t added = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
        std::optional<std::string> bytes = read_whole(it->path());
        if (!bytes) continue;
        StaticFile file{std::move(*bytes), content_type_of(it->path())};
        if (name == "index.html") files_[url_prefix] = file;
        files_[url_prefix + name] = std::move(file);
        ++added;
    }
    return added;
}

const StaticFile* StaticFiles::find(const std::string& url_path) const {
    auto found = files_.find(url_path);
    return found == files_.end() ? nullptr : &found->second;
}

} // namespace vanban::serve
