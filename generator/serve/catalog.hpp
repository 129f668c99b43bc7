// What vanban serve offers to read: the templates of the engine's folders (by name only) and
// the files of the web page (read once at start). No path is ever made from a request.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::serve {

// A template name as the API accepts it: a folder name of letters, digits, '-' and '_'
// that does not start with '_' (shared parts and profiles are not templates).
bool is_template_name(std::string_view name);

struct TemplateInfo {
    std::string name;               // "ke-hoach"
    std::filesystem::path folder;   // where it was found (the first template dir that has it)
    std::string title;              // the schema's "title", when it has one
    std::string description;        // the schema's "description"
};

// The templates of the folders (NAME/main.vbt), each name once, by name.
std::vector<TemplateInfo> list_templates(const std::vector<std::filesystem::path>& template_dirs);
// The template of that name, without its title and description: it is looked up for every
// request, and reading them means parsing its schema.json (36 KB for ke-hoach: 4.3 million
// instructions a request, half of what rendering the six-page seed-000 plan costs).
std::optional<TemplateInfo> find_template(const std::vector<std::filesystem::path>& template_dirs,
                                          std::string_view name);

// Whether a profile of that name (_profiles/NAME.json) is in one of the folders.
bool has_profile(const std::vector<std::filesystem::path>& template_dirs, std::string_view name);

// A file of a template folder ("schema.json", "example.json"); nullopt when absent.
std::optional<std::string> read_template_file(const TemplateInfo& info, const char* file_name);

struct StaticFile {
    std::string bytes;
    std::string content_type;
};

// Files served as they are, by URL path ("/", "/app.js", "/pdfjs/pdf.js").
class StaticFiles {
public:
    // Adds the regular files of `folder` (not its subfolders) under `url_prefix` ("/",
    // "/pdfjs/"), "index.html" also as the prefix itself. Files whose name is not in `only`
    // are left out when `only` is not empty. Returns how many were added.
    std::size_t add_folder(const std::filesystem::path& folder, const std::string& url_prefix,
                           const std::vector<std::string>& only = {});
    const StaticFile* find(const std::string& url_path) const;
    bool empty() const { return files_.empty(); }

private:
    std::map<std::string, StaticFile> files_;
};

} // namespace vanban::serve
