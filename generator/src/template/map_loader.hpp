// Template sources held in memory: for tests, and for programs that build templates.
#pragma once

#include <map>
#include <string>

#include "template/template.hpp"

namespace vanban::tmpl {

// Immutable once built, so it can be shared between threads like any loader.
class MapLoader final : public SourceLoader {
public:
    explicit MapLoader(std::map<std::string, std::string> sources) : sources_(std::move(sources)) {}

    std::optional<std::string> read(const std::string& name) const override {
        auto found = sources_.find(name);
        if (found == sources_.end()) return std::nullopt;
        return found->second;
    }

private:
    std::map<std::string, std::string> sources_;
};

} // namespace vanban::tmpl
