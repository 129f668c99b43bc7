// Where templates come from: DirectoryLoader confinement, source normalisation, the
// Library's cache from several threads.
#include <atomic>
#include <thread>

#include "render.hpp"
#include "support/temp_dir.hpp"
#include "template/directory_loader.hpp"

using namespace vanban;
using namespace vanban::tmpl;
using namespace vanban::tmpl::testing;
using vanban::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string render_with(const std::shared_ptr<const SourceLoader>& loader, const std::string& name,
                        const json& data = json::object()) {
    Library library(loader);
    Output out;
    evaluate(*library.get(name), data, library, out);
    return plain(out);
}

} // namespace

TEST_CASE("DirectoryLoader reads from its roots in order", "[template][loader]") {
    TempDir first, second;
    first.write("ke-hoach/main.vbt", "{% include '_shared/header.vbt' %}|{{ x }}");
    second.write("_shared/header.vbt", "đầu");
    second.write("ke-hoach/main.vbt", "not this one");
    auto loader = std::make_shared<DirectoryLoader>(std::vector<fs::path>{first.path(), second.path()});
    CHECK(render_with(loader, "ke-hoach/main.vbt", json{{"x", 1}}) == "đầu|1");
    CHECK_FALSE(loader->read("nothere.vbt").has_value());
}

TEST_CASE("DirectoryLoader refuses names and links that leave its roots", "[template][loader]") {
    TempDir root, outside;
    outside.write("secret.vbt", "secret");
    root.write("ok.vbt", "ok");
    auto loader = std::make_shared<DirectoryLoader>(std::vector<fs::path>{root.path() / "."});
    CHECK(loader->read("ok.vbt") == std::optional<std::string>("ok"));
    CHECK_THROWS_WITH(loader->read("../secret.vbt"),
                      "the template name '../secret.vbt' is refused: '..' may not leave the template folders");
    CHECK_THROWS_WITH(loader->read("a/../../secret.vbt"), Catch::Contains("'..' may not leave"));
    CHECK_THROWS_WITH(loader->read((outside.path() / "secret.vbt").string()), Catch::Contains("is absolute"));

    fs::create_symlink(outside.path() / "secret.vbt", root.path() / "link.vbt");
    fs::create_directory_symlink(outside.path(), root.path() / "linked-dir");
    CHECK_THROWS_WITH(loader->read("link.vbt"), "the template 'link.vbt' leads outside its template folder");
    CHECK_THROWS_WITH(loader->read("linked-dir/secret.vbt"), Catch::Contains("leads outside"));
    // a link that stays inside is fine
    fs::create_symlink(root.path() / "ok.vbt", root.path() / "alias.vbt");
    CHECK(loader->read("alias.vbt") == std::optional<std::string>("ok"));

    // through the Library, at an include
    root.write("main.vbt", "{% include 'link.vbt' %}");
    Library library(loader);
    try {
        Output out;
        evaluate(*library.get("main.vbt"), json::object(), library, out);
        FAIL("the include should have been refused");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::resource);
        CHECK(failure.error().where.file == "main.vbt");
        CHECK(failure.error().where.column == 1);
    }
}

TEST_CASE("sources: BOM dropped, CRLF and CR read as LF, NFC", "[template][loader]") {
    CHECK(render("\xEF\xBB\xBF" "A\r\n{% set x = 1 %}\r\nB\rC") == "A\nB\nC");
    // "uỷ" written decomposed (u + combining hook above + combining dot below... here: y + hook)
    const std::string decomposed = "u\x79\xCC\x89"; // "uỷ" as y + U+0309
    CHECK(render(decomposed) == "u\xE1\xBB\xB7");    // precomposed ỷ, tone mark kept on the y
    // columns are counted after normalisation
    Error error = render_error("\xEF\xBB\xBF" "a\r\nb {{ x }}");
    CHECK(error.where.line == 2);
    CHECK(error.where.column == 6);
    CHECK(error.source_line == "b {{ x }}");
}

TEST_CASE("template names are checked by the Library too", "[template][loader]") {
    Library library(std::make_shared<MapLoader>(std::map<std::string, std::string>{{"a.vbt", "a"}}));
    CHECK_THROWS_WITH(library.get(""), "a template name cannot be empty");
    try {
        library.get("x\\y.vbt");
        FAIL("a backslash was accepted");
    } catch (const Failure& failure) {
        CHECK(failure.error().message.text() == "the template name 'x\\y.vbt' contains '\\'");
        CHECK(failure.error().hint.text() == "separate folders with '/'");
    }
    CHECK_THROWS_WITH(library.get("b.vbt"), "no template 'b.vbt'");
    CHECK(library.get("a.vbt") == library.get("a.vbt")); // parsed once
}

TEST_CASE("one Library and one template, many threads", "[template][loader][threads]") {
    const std::map<std::string, std::string> sources = {
        {"main.vbt", "{% include 'part.vbt' %}{% for t in tasks %}{{ line(t, loop.index) }}{% endfor %}"},
        {"part.vbt", "{% macro line(t, n) %}{{ n | roman }}. {{ t.text | upper }}\n{% endmacro %}"},
    };
    auto loader = std::make_shared<MapLoader>(sources);
    Library library(loader);
    const json data = json::parse(R"({"tasks": [{"text": "quán triệt"}, {"text": "sơ kết"}]})");
    const std::string expected = "I. QUÁN TRIỆT\nII. SƠ KẾT\n";
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                Output out;
                evaluate(*library.get("main.vbt"), data, library, out);
                if (plain(out) != expected) ++wrong;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong == 0);
}
