// The catalogue of bad input (tests/catalogue/cases.json): every case runs the vanban program
// as a user would, in a folder of its own, and must end with its documented exit code and
// message and leave the folder exactly as it found it — no output, no temporary file.
// The tables of docs/errors.md are generated from the same file, and checked here:
//   VANBAN_UPDATE_DOCS=1 build/tests/vanban_tests_catalogue   rewrites them;
//   VANBAN_CATALOGUE_SHOW=1 …                                  prints what each case printed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "layout/fonts.hpp"
#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"
#include "vanban/error.hpp"

using nlohmann::json;
using namespace vanban::testing;
namespace fs = std::filesystem;

namespace {

const fs::path repo = VANBAN_SOURCE_DIR;
const fs::path cases_file = repo / "tests" / "catalogue" / "cases.json";
const fs::path errors_doc = repo / "docs" / "errors.md";

const json& catalogue() {
    static const json parsed = json::parse(read_file(cases_file));
    return parsed;
}

// ---------------------------------------------------------------- files of a case

std::string to_latin1(const std::string& utf8) {
    std::string bytes;
    const std::u32string cps = [&] {
        std::u32string out;
        for (std::size_t i = 0; i < utf8.size();) {
            const auto b = static_cast<unsigned char>(utf8[i]);
            const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            char32_t cp = length == 1 ? b : b & (0x3F >> (length - 1));
            for (int k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
            out += cp;
            i += length;
        }
        return out;
    }();
    for (char32_t cp : cps) {
        REQUIRE(cp <= 0xFF);
        bytes += static_cast<char>(cp);
    }
    return bytes;
}

// A font file of the system folders that fonts/fonts.json names.
fs::path system_font(const std::string& name) {
    const json config = json::parse(read_file(repo / "fonts" / "fonts.json"));
    for (const json& dir : config["system_dirs"])
        if (fs::exists(fs::path(dir.get<std::string>()) / name)) return fs::path(dir.get<std::string>()) / name;
    FAIL("no system font " << name);
    return {};
}

std::string file_content(const json& spec) {
    if (spec.is_string()) return spec.get<std::string>();
    if (spec.contains("latin1")) return to_latin1(spec["latin1"].get<std::string>());
    if (spec.contains("repeat")) {
        const std::string unit = spec["repeat"];
        const std::size_t times = spec["times"];
        std::string text;
        text.reserve(unit.size() * times);
        for (std::size_t i = 0; i < times; ++i) text += unit;
        return text;
    }
    if (spec.contains("concat")) {
        std::string text;
        for (const json& part : spec["concat"]) text += file_content(part);
        return text;
    }
    if (spec.contains("copy")) {
        std::string text = read_file(repo / spec["copy"].get<std::string>());
        REQUIRE_FALSE(text.empty());
        for (const json& pair : spec.value("replace", json::array())) {
            const std::string from = pair[0], to = pair[1];
            const std::size_t at = text.find(from);
            REQUIRE(at != std::string::npos);
            text.replace(at, from.size(), to);
        }
        return text;
    }
    if (spec.contains("system_font")) {
        std::string font = read_file(system_font(spec["system_font"]));
        font.resize(std::min<std::size_t>(font.size(), spec.value("truncate", font.size())));
        return font;
    }
    FAIL("unknown file content " << spec.dump());
    return {};
}

// The defaults' files with the case's over them (null removes a default).
std::map<std::string, json> files_of(const json& c) {
    std::map<std::string, json> files;
    for (auto& [path, spec] : catalogue()["defaults"]["files"].items()) files[path] = spec;
    const json overrides = c.value("files", json::object());
    for (auto& [path, spec] : overrides.items()) {
        if (spec.is_null()) files.erase(path);
        else files[path] = spec;
    }
    return files;
}

// ---------------------------------------------------------------- the folder's state

// Every entry under `root` (links not followed) with what identifies its state: the bytes
// of a regular file, the target of a link, the kind of anything else.
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> state;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none); it != fs::end(it); ++it) {
        const fs::path rel = fs::relative(it->path(), root);
        const fs::file_status status = it->symlink_status();
        if (fs::is_symlink(status)) state[rel.string()] = "link to " + fs::read_symlink(it->path()).string();
        else if (fs::is_regular_file(status)) state[rel.string()] = "file " + read_file(it->path());
        else if (fs::is_directory(status)) {
            state[rel.string()] = "folder";
            // a folder the case made unreadable is not walked (and not expected to change)
            if ((fs::status(it->path()).permissions() & fs::perms::owner_exec) == fs::perms::none)
                it.disable_recursion_pending();
        } else state[rel.string()] = "other";
    }
    return state;
}

// Which entries differ between two states, by name.
std::string differences(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& after) {
    std::string text;
    for (const auto& [path, state] : after) {
        auto it = before.find(path);
        if (it == before.end()) text += "created " + path + "\n";
        else if (it->second != state) text += "changed " + path + "\n";
    }
    for (const auto& [path, state] : before)
        if (!after.count(path)) text += "removed " + path + "\n";
    return text;
}

// ---------------------------------------------------------------- running a case

// What a case ended with: exit code, standard output and standard error.
using Outcome = CliRun;

Outcome run_program(const json& c, const TempDir& dir) {
    const std::string args = c.value("args", catalogue()["defaults"]["args"].get<std::string>());
    return run_vanban(args, dir, {.stdin_text = c.value("stdin", ""), .stdout_to = c.value("stdout", "")});
}

// Cases the program cannot reach go through the library; the outcome is what the program
// would print and return.
Outcome run_library(const json& c, const TempDir& dir) {
    std::optional<vanban::Error> error;
    const std::string kind = c["library"];
    if (kind == "load_font_set") {
        vanban::layout::FontConfig config;
        config.font_dirs = {dir.path() / "empty"};
        config.config_file = dir.path() / "fonts.json";
        try {
            vanban::layout::load_font_set(config);
        } catch (const vanban::Failure& failure) {
            error = failure.error();
        }
    } else if (kind == "render") {
        vanban::EngineOptions options;
        options.template_dirs = {dir.path() / "tpl", repo / "templates"};
        if (c.contains("engine_options")) options.max_document_bytes = c["engine_options"].value("max_document_bytes", options.max_document_bytes);
        vanban::Engine engine(options);
        const json& r = c["render"];
        vanban::Format format{};
        REQUIRE(vanban::parse_format(r["format"].get<std::string>(), format));
        vanban::RenderResult result = engine.render(r["template"], read_file(dir.path() / r["data"].get<std::string>()), format);
        if (!result) error = result.error;
    } else {
        FAIL("unknown library case " << kind);
    }
    Outcome outcome;
    outcome.exit_code = error ? vanban::exit_code(error->kind) : 0;
    outcome.err = error ? error->format() : "";
    return outcome;
}

void run_case(const json& c, bool accepted) {
    const std::string name = c["name"];
    INFO("case: " << name);
    if (c.value("unless_root", false) && geteuid() == 0) {
        WARN("skipped as root (mode bits do not stop root): " << name);
        return;
    }
    TempDir dir;
    for (const auto& [path, spec] : files_of(c)) dir.write(path, file_content(spec));
    for (const json& step : c.value("setup", json::array()))
        REQUIRE(run_shell("cd " + shell_quote(dir.path().string()) + " && " + step.get<std::string>()) == 0);
    const auto before = snapshot(dir.path());

    const Outcome outcome = c.contains("library") ? run_library(c, dir) : run_program(c, dir);
    if (const char* show = std::getenv("VANBAN_CATALOGUE_SHOW"); show && std::string(show) == "1")
        std::cout << "== " << name << " (exit " << outcome.exit_code << ")\n" << outcome.err;
    INFO("stderr: " << outcome.err);
    CHECK(outcome.exit_code == c["exit"].get<int>());
    if (!accepted) {
        CHECK_THAT(outcome.err, Catch::Contains(c["message"].get<std::string>()));
        CHECK_THAT(outcome.err, !Catch::Contains("internal error"));
        auto after = snapshot(dir.path());
        // A batch writes the records that are fine and its manifest; nothing else may appear.
        for (const json& file : c.value("leaves", json::array())) {
            const std::string path = file.get<std::string>();
            CHECK(after.count(path) == 1);
            after.erase(path);
            for (fs::path folder = fs::path(path).parent_path(); !folder.empty(); folder = folder.parent_path())
                if (!before.count(folder.string())) after.erase(folder.string());
        }
        INFO("files left or changed:\n" << differences(before, after));
        CHECK(before == after);
    } else {
        for (const json& file : c.value("creates", json::array()))
            CHECK(fs::file_size(dir.path() / file.get<std::string>()) > 0);
        for (const json& text : c.value("stdout_has", json::array())) CHECK_THAT(outcome.out, Catch::Contains(text.get<std::string>()));
        for (const json& text : c.value("stderr_has", json::array())) CHECK_THAT(outcome.err, Catch::Contains(text.get<std::string>()));
        const json file_has = c.value("file_has", json::object());
        for (auto& [file, texts] : file_has.items())
            for (const json& text : texts) CHECK_THAT(read_file(dir.path() / file), Catch::Contains(text.get<std::string>()));
    }
}

const json& section(const std::string& id) {
    for (const json& s : catalogue()["sections"])
        if (s["id"] == id) return s;
    FAIL("no section " << id << " in cases.json");
    return catalogue();
}

void run_section(const std::string& id) {
    const json& s = section(id);
    for (const json& c : s["cases"]) run_case(c, id == "accepted");
}

// ---------------------------------------------------------------- the doc

const char* const begin_marker = "<!-- catalogue: begin (generated from tests/catalogue/cases.json; do not edit) -->";
const char* const end_marker = "<!-- catalogue: end -->";

std::string kind_of_exit(int code) {
    if (code == 0) return "—";
    for (vanban::ErrorKind kind : {vanban::ErrorKind::usage, vanban::ErrorKind::template_syntax, vanban::ErrorKind::template_eval,
                                   vanban::ErrorKind::data, vanban::ErrorKind::validation, vanban::ErrorKind::resource,
                                   vanban::ErrorKind::output, vanban::ErrorKind::limit, vanban::ErrorKind::internal})
        if (vanban::exit_code(kind) == code) return vanban::kind_name(kind);
    return "—";
}

std::string cell(std::string text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') out += "\\|";
        else if (ch == '\n') out += ' ';
        else out += ch;
    }
    return out;
}

std::string code_cell(const std::string& text) {
    return text.find('`') == std::string::npos ? "`" + cell(text) + "`" : cell(text);
}

std::string catalogue_markdown() {
    std::string md = std::string(begin_marker) + "\n";
    int number = 0, errors = 0;
    for (const json& s : catalogue()["sections"]) {
        const bool accepted = s["id"] == "accepted";
        md += "\n### " + s["title"].get<std::string>() + "\n\n";
        if (s.contains("intro")) md += s["intro"].get<std::string>() + "\n\n";
        if (s["cases"].empty()) {
            md += "(No cases yet.)\n";
            continue;
        }
        md += accepted ? "| # | input | what vanban does |\n| --- | --- | --- |\n"
                       : "| # | bad input | exit | message (part) |\n| --- | --- | --- | --- |\n";
        for (const json& c : s["cases"]) {
            ++number;
            std::string name = c["name"];
            if (c.contains("why")) name += " — " + c["why"].get<std::string>();
            if (c.value("unless_root", false)) name += " (not run as root)";
            if (c.contains("library")) name += " (library)";
            if (accepted) {
                md += "| " + std::to_string(number) + " | " + cell(name) + " | " + cell(c["message"]) + " |\n";
            } else {
                ++errors;
                const int code = c["exit"];
                md += "| " + std::to_string(number) + " | " + cell(name) + " | " + std::to_string(code) + " " +
                      kind_of_exit(code) + " | " + code_cell(c["message"]) + " |\n";
            }
        }
    }
    md += "\n" + std::to_string(errors) + " cases of bad input, each with a test (tests/catalogue/).\n";
    md += std::string(end_marker);
    return md;
}

} // namespace

TEST_CASE("catalogue: command line") { run_section("usage"); }
TEST_CASE("catalogue: template syntax") { run_section("template"); }
TEST_CASE("catalogue: template evaluation") { run_section("evaluation"); }
TEST_CASE("catalogue: data") { run_section("data"); }
TEST_CASE("catalogue: data against the schema") { run_section("validation"); }
TEST_CASE("catalogue: templates and profiles") { run_section("resource"); }
TEST_CASE("catalogue: fonts") { run_section("fonts"); }
TEST_CASE("catalogue: output files") { run_section("output"); }
TEST_CASE("catalogue: limits") { run_section("limits"); }
TEST_CASE("catalogue: electronic documents") { run_section("edoc"); }
TEST_CASE("catalogue: record lists") { run_section("records"); }
TEST_CASE("catalogue: drafts in (import, check)") { run_section("import"); }
TEST_CASE("catalogue: accepted real-world input") { run_section("accepted"); }

TEST_CASE("catalogue: every section is run, and there are at least 50 cases of bad input") {
    const std::set<std::string> run = {"usage", "template", "evaluation", "data", "validation", "resource",
                                       "fonts", "output", "limits", "edoc", "records", "import", "accepted"};
    std::size_t errors = 0;
    std::set<std::string> names;
    for (const json& s : catalogue()["sections"]) {
        CHECK(run.count(s["id"].get<std::string>()) == 1);
        for (const json& c : s["cases"]) {
            CHECK(names.insert(c["name"].get<std::string>()).second); // names are unique
            if (s["id"] != "accepted") ++errors;
        }
    }
    CHECK(errors >= 50);
}

TEST_CASE("catalogue: docs/errors.md lists every case as cases.json says") {
    std::string doc = read_file(errors_doc);
    const std::size_t begin = doc.find(begin_marker), end = doc.find(end_marker);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string generated = catalogue_markdown();
    const std::string current = doc.substr(begin, end + std::string(end_marker).size() - begin);
    if (const char* update = std::getenv("VANBAN_UPDATE_DOCS"); update && std::string(update) == "1" && current != generated) {
        doc.replace(begin, current.size(), generated);
        std::ofstream(errors_doc, std::ios::binary) << doc;
        WARN("docs/errors.md rewritten from tests/catalogue/cases.json");
        return;
    }
    INFO("docs/errors.md is out of date: run VANBAN_UPDATE_DOCS=1 vanban_tests_catalogue");
    CHECK(current == generated);
}
