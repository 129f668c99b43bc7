// Fuzz target: template evaluation over arbitrary JSON, and the markup builder on what it
// produces: the path of Engine::render before layout.
// Input: template source, a NUL byte, JSON data (no NUL: the whole input is the template
// and the data is {}). The template is "main.vbt" beside the repository's own templates, so
// {% include "_shared/header.vbt" %} and its macros work as in a real template.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/data_reader.hpp"
#include "fuzz_support.hpp"
#include "markup/builder.hpp"
#include "model/profile.hpp"
#include "template/map_loader.hpp"
#include "template/template.hpp"
#include "vanban/error.hpp"

namespace {

namespace fs = std::filesystem;
using namespace vanban;

// Every .vbt of templates/, by its name relative to the folder. Read once; never changed.
std::map<std::string, std::string> repository_templates() {
    std::map<std::string, std::string> sources;
    const fs::path root = fs::path(VANBAN_SOURCE_DIR) / "templates";
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".vbt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        sources[entry.path().lexically_relative(root).generic_string()] = text.str();
    }
    return sources;
}

// Smaller than the engine's defaults so that one input stays well under libFuzzer's
// -timeout: the limits themselves are what is tested here, not their size.
tmpl::Limits fuzz_limits() {
    tmpl::Limits limits;
    limits.max_loop_iterations = 20'000;
    limits.max_output_bytes = 1u << 20;
    return limits;
}

struct Fixture {
    std::map<std::string, std::string> templates = repository_templates();
    model::Profile profile =
        model::load_profile_file(fs::path(VANBAN_SOURCE_DIR) / "templates" / "_profiles" / "party.json");
    nlohmann::json globals = {{"vanban", {{"profile", "party"}, {"version", "fuzz"}}}};
    tmpl::Limits limits = fuzz_limits();
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const Fixture& fix = fixture();
    const auto parts = fuzz::split_at_nul(fuzz::as_text(bytes, size));

    nlohmann::json data = nlohmann::json::object();
    if (parts.size() > 1) {
        try {
            data = engine::parse_data(parts[1], "data.json");
        } catch (const Failure&) {
            return 0; // the data stage refuses it; the engine never evaluates such data
        }
    }

    std::map<std::string, std::string> sources = fix.templates;
    sources["main.vbt"] = std::string(parts[0]);
    tmpl::Library library(std::make_shared<tmpl::MapLoader>(std::move(sources)));
    try {
        tmpl::Output output;
        tmpl::evaluate(*library.get("main.vbt"), data, library, output, fix.limits, &fix.globals);
        fuzz::check(output.size_bytes() <= fix.limits.max_output_bytes, "output within max_output_bytes");
        markup::build_document(output.fragments(), fix.profile);
    } catch (const Failure& failure) {
        fuzz::check(failure.error().kind != ErrorKind::internal, "no internal error", failure.error().message.text());
    }
    return 0;
}
