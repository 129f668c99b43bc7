// Test helpers: render a template string over JSON data and read the result as text.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "template/ast.hpp"
#include "template/map_loader.hpp"
#include "template/template.hpp"
#include "vanban/error.hpp"

namespace vanban::tmpl::testing {

using nlohmann::json;

// A library over in-memory templates; the one under test is "main.vbt".
struct Rendering {
    explicit Rendering(std::string source, std::map<std::string, std::string> others = {})
        : library(std::make_shared<MapLoader>(with_main(std::move(source), std::move(others)))) {}

    Output run(const json& data = json::object(), const Limits& limits = {}) const {
        Output out;
        evaluate(*library.get("main.vbt"), data, library, out, limits);
        return out;
    }

    Library library;

private:
    static std::map<std::string, std::string> with_main(std::string source, std::map<std::string, std::string> others) {
        others["main.vbt"] = std::move(source);
        return others;
    }
};

inline std::string plain(const Output& out) {
    std::string text;
    for (const Fragment& piece : out.fragments()) text += piece.text;
    return text;
}

// The text of `source` rendered over `data`.
inline std::string render(std::string source, const json& data = json::object(),
                          std::map<std::string, std::string> others = {}, const Limits& limits = {}) {
    Rendering rendering(std::move(source), std::move(others));
    return plain(rendering.run(data, limits));
}

// The error rendering fails with; fails the test when it succeeds.
inline Error render_error(std::string source, const json& data = json::object(),
                          std::map<std::string, std::string> others = {}, const Limits& limits = {}) {
    try {
        std::string text = render(std::move(source), data, std::move(others), limits);
        FAIL("expected an error, got the text: " << text);
    } catch (const Failure& failure) {
        return failure.error();
    }
    return {};
}

} // namespace vanban::tmpl::testing
