// The catalogue of bad input (tests/catalogue/cases.json): every case runs the vanban program
// as a user would, in a folder of its own, and must end with its documented exit code and
// message and leave the folder exactly as it found it — no output, no temporary file.
// Every case runs twice, in English and in Vietnamese (VANBAN_LANG=vi): the Vietnamese run
// must end the same way and print the case's Vietnamese message (tests/catalogue/cases.vi.json,
// by case name), with the frame's words translated too.
// The tables of docs/errors.md are generated from the same files, and checked here:
//   VANBAN_UPDATE_DOCS=1 build/tests/vanban_tests_catalogue   rewrites them, and records the
//                                                             Vietnamese message of a case
//                                                             that has none yet (read it!);
//   VANBAN_CATALOGUE_SHOW=1 …                                  prints what each case printed.
#include <catch2/catch.hpp>

#include <algorithm>
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
const fs::path vietnamese_file = repo / "tests" / "catalogue" / "cases.vi.json";
const fs::path errors_doc = repo / "docs" / "errors.md";

const json& catalogue() {
    static const json parsed = json::parse(read_file(cases_file));
    return parsed;
}

// The Vietnamese message (part) of each case of bad input, by the case's name.
json& vietnamese() {
    static json parsed = fs::exists(vietnamese_file) ? json::parse(read_file(vietnamese_file)) : json::object();
    return parsed;
}

bool updating() {
    const char* update = std::getenv("VANBAN_UPDATE_DOCS");
    return update && std::string(update) == "1";
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

Outcome run_program(const json& c, const TempDir& dir, vanban::Language language) {
    const std::string args = c.value("args", catalogue()["defaults"]["args"].get<std::string>());
    return run_vanban(args, dir, {.stdin_text = c.value("stdin", ""), .stdout_to = c.value("stdout", ""),
                                  .language = vanban::language_code(language)});
}

// Cases the program cannot reach go through the library; the outcome is what the program
// would print and return.
Outcome run_library(const json& c, const TempDir& dir, vanban::Language language) {
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
    outcome.err = error ? error->format(language) : "";
    return outcome;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// One run of a case in one language: what it printed and the folder before and after.
struct CaseRun {
    Outcome outcome;
    std::map<std::string, std::string> before, after;
};

CaseRun run_once(const json& c, vanban::Language language) {
    TempDir dir;
    for (const auto& [path, spec] : files_of(c)) dir.write(path, file_content(spec));
    for (const json& step : c.value("setup", json::array()))
        REQUIRE(run_shell("cd " + shell_quote(dir.path().string()) + " && " + step.get<std::string>()) == 0);
    CaseRun run;
    run.before = snapshot(dir.path());
    run.outcome = c.contains("library") ? run_library(c, dir, language) : run_program(c, dir, language);
    run.after = snapshot(dir.path());
    // Paths of this machine are written {tmp} and {repo} (cases.vi.json holds no machine's path).
    replace_all(run.outcome.err, dir.path().string(), "{tmp}");
    replace_all(run.outcome.err, repo.string(), "{repo}");
    if (const char* show = std::getenv("VANBAN_CATALOGUE_SHOW"); show && std::string(show) == "1")
        std::cout << "== " << c["name"].get<std::string>() << " [" << vanban::language_code(language) << "] (exit "
                  << run.outcome.exit_code << ")\n" << run.outcome.err;
    return run;
}

// A failed command leaves the folder as it found it; a batch may leave the records that were
// fine and its manifest (the case's "leaves"), nothing else.
void check_nothing_left(const json& c, CaseRun run) {
    for (const json& file : c.value("leaves", json::array())) {
        const std::string path = file.get<std::string>();
        CHECK(run.after.count(path) == 1);
        run.after.erase(path);
        for (fs::path folder = fs::path(path).parent_path(); !folder.empty(); folder = folder.parent_path())
            if (!run.before.count(folder.string())) run.after.erase(folder.string());
    }
    INFO("files left or changed:\n" << differences(run.before, run.after));
    CHECK(run.before == run.after);
}

void check_created(const json& c, const CaseRun& run) {
    for (const json& file : c.value("creates", json::array())) {
        const auto it = run.after.find(file.get<std::string>());
        CHECK((it != run.after.end() && it->second.size() > std::string("file ").size()));
    }
}

void check_english(const json& c, bool accepted, const CaseRun& run) {
    const Outcome& outcome = run.outcome;
    INFO("stderr: " << outcome.err);
    CHECK(outcome.exit_code == c["exit"].get<int>());
    if (!accepted) {
        CHECK_THAT(outcome.err, Catch::Contains(c["message"].get<std::string>()));
        CHECK_THAT(outcome.err, !Catch::Contains("internal error"));
        check_nothing_left(c, run);
        return;
    }
    check_created(c, run);
    for (const json& text : c.value("stdout_has", json::array())) CHECK_THAT(outcome.out, Catch::Contains(text.get<std::string>()));
    for (const json& text : c.value("stderr_has", json::array())) CHECK_THAT(outcome.err, Catch::Contains(text.get<std::string>()));
    const json file_has = c.value("file_has", json::object());
    for (auto& [file, texts] : file_has.items()) {
        const auto it = run.after.find(file);
        REQUIRE(it != run.after.end());
        for (const json& text : texts) CHECK_THAT(it->second, Catch::Contains(text.get<std::string>()));
    }
}

// The lines of the Vietnamese run that stand where the English message stood (the two runs
// print the same lines, each in its language).
std::string vietnamese_part(const std::string& message, const std::string& english, const std::string& vietnamese_err) {
    auto lines_of = [](const std::string& text) {
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = std::min(text.find('\n', start), text.size());
            lines.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        return lines;
    };
    const std::vector<std::string> en = lines_of(english), vi = lines_of(vietnamese_err);
    const std::size_t at = english.find(message);
    if (at == std::string::npos || en.size() != vi.size()) return vi.empty() ? std::string() : vi.front();
    const auto first = static_cast<std::size_t>(std::count(english.begin(), english.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const auto count = static_cast<std::size_t>(std::count(message.begin(), message.end(), '\n')) + 1;
    std::string part;
    for (std::size_t i = first; i < std::min(first + count, vi.size()); ++i) part += (part.empty() ? "" : "\n") + vi[i];
    return part;
}

void record_vietnamese(const std::string& name, const std::string& part) {
    vietnamese()[name] = part;
    std::ofstream(vietnamese_file, std::ios::binary) << vietnamese().dump(1) << "\n";
    WARN("tests/catalogue/cases.vi.json: recorded the Vietnamese message of '" << name << "': " << part);
}

void check_vietnamese(const json& c, bool accepted, const CaseRun& english, const CaseRun& run) {
    const std::string name = c["name"];
    const Outcome& outcome = run.outcome;
    INFO("Vietnamese run; stderr: " << outcome.err);
    CHECK(outcome.exit_code == c["exit"].get<int>());
    if (accepted) {
        check_created(c, run);
        return;
    }
    check_nothing_left(c, run);
    // The frame is Vietnamese too: "d.json:3:5: lỗi: …", "vanban: lỗi: …", "gợi ý: …".
    if (english.outcome.err.find("error:") != std::string::npos) CHECK_THAT(outcome.err, Catch::Contains("lỗi:"));
    if (english.outcome.err.find("hint:") != std::string::npos) CHECK_THAT(outcome.err, Catch::Contains("gợi ý:"));
    if (!c.value("same_in_vi", false)) CHECK(outcome.err != english.outcome.err);
    if (!vietnamese().contains(name)) {
        if (updating()) return record_vietnamese(name, vietnamese_part(c["message"], english.outcome.err, outcome.err));
        FAIL("no Vietnamese message for this case in tests/catalogue/cases.vi.json: run "
             "VANBAN_UPDATE_DOCS=1 build/tests/vanban_tests_catalogue, and read what it records");
    }
    CHECK_THAT(outcome.err, Catch::Contains(vietnamese()[name].get<std::string>()));
}

void run_case(const json& c, bool accepted) {
    const std::string name = c["name"];
    INFO("case: " << name);
    if (c.value("unless_root", false) && geteuid() == 0) {
        WARN("skipped as root (mode bits do not stop root): " << name);
        return;
    }
    const CaseRun english = run_once(c, vanban::Language::en);
    check_english(c, accepted, english);
    check_vietnamese(c, accepted, english, run_once(c, vanban::Language::vi));
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
                       : "| # | bad input | exit | message (part) | thông báo (tiếng Việt) |\n| --- | --- | --- | --- | --- |\n";
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
                const std::string in_vietnamese = vietnamese().value(c["name"].get<std::string>(), std::string("?"));
                md += "| " + std::to_string(number) + " | " + cell(name) + " | " + std::to_string(code) + " " +
                      kind_of_exit(code) + " | " + code_cell(c["message"]) + " | " + code_cell(in_vietnamese) + " |\n";
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
TEST_CASE("catalogue: tables and charts of figures") { run_section("figures"); }
TEST_CASE("catalogue: electronic documents") { run_section("edoc"); }
TEST_CASE("catalogue: record lists") { run_section("records"); }
TEST_CASE("catalogue: the shards of a batch (merge-manifests)") { run_section("shards"); }
TEST_CASE("catalogue: drafts in (import, check)") { run_section("import"); }
TEST_CASE("catalogue: accepted real-world input") { run_section("accepted"); }

TEST_CASE("catalogue: every section is run, and there are at least 50 cases of bad input") {
    const std::set<std::string> run = {"usage", "template", "evaluation", "data", "validation", "resource",
                                       "fonts", "output", "limits", "figures", "edoc", "records", "shards", "import", "accepted"};
    std::size_t errors = 0;
    std::set<std::string> names;
    std::set<std::string> bad_input;
    for (const json& s : catalogue()["sections"]) {
        CHECK(run.count(s["id"].get<std::string>()) == 1);
        for (const json& c : s["cases"]) {
            CHECK(names.insert(c["name"].get<std::string>()).second); // names are unique
            if (s["id"] != "accepted") bad_input.insert(c["name"].get<std::string>());
        }
    }
    errors = bad_input.size();
    CHECK(errors >= 50);
    // cases.vi.json holds a Vietnamese message for cases of bad input only, and none for a
    // case that is gone (a renamed case must have its message checked again).
    for (auto& [name, message] : vietnamese().items()) {
        INFO("tests/catalogue/cases.vi.json: " << name);
        CHECK(bad_input.count(name) == 1);
    }
}

TEST_CASE("catalogue: docs/errors.md lists every case as cases.json says") {
    std::string doc = read_file(errors_doc);
    const std::size_t begin = doc.find(begin_marker), end = doc.find(end_marker);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string generated = catalogue_markdown();
    const std::string current = doc.substr(begin, end + std::string(end_marker).size() - begin);
    if (updating() && current != generated) {
        doc.replace(begin, current.size(), generated);
        std::ofstream(errors_doc, std::ios::binary) << doc;
        WARN("docs/errors.md rewritten from tests/catalogue/cases.json");
        return;
    }
    INFO("docs/errors.md is out of date: run VANBAN_UPDATE_DOCS=1 vanban_tests_catalogue");
    CHECK(current == generated);
}
