#include "import/docx_numbering.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "import/ooxml.hpp"
#include "text/utf8.hpp"
#include "text/vietnamese.hpp"

namespace vanban::import {

namespace {

constexpr int unset = INT_MIN;
constexpr int level_count = 9;

int int_attr(pugi::xml_attribute a, int fallback) {
    if (!a) return fallback;
    return static_cast<int>(std::strtol(a.value(), nullptr, 10));
}

// Word's letters run a…z, then aa…zz, then aaa… (the letter repeated).
std::string latin_letter(int n, bool upper) {
    if (n < 1) return std::to_string(n);
    const int repeat = (n - 1) / 26 + 1;
    const char letter = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
    return std::string(static_cast<std::size_t>(std::min(repeat, 8)), letter);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

std::string visible_bullet(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = text::next_code_point(text, pos);
        switch (cp) {
        case 0xF0B7: case 0xF0A7: case 0xF0A8: case 0xF076: case 0xF0D8: case 0xF0FC: case 0xF06C: case 0xF06E:
        case 0x25CF: case 0x25AA: case 0x25A0: case 0x2022: case 0x00B7:
            out += "•";
            break;
        case 0xF02D: case 0x2212: out += "-"; break;
        case 0xF02B: out += "+"; break;
        default:
            if (cp >= 0xF000 && cp <= 0xF0FF) out += "•"; // another symbol-font glyph
            else text::append_utf8(out, cp);
        }
    }
    return out;
}

Numbering::Numbering(const pugi::xml_document& numbering) {
    const pugi::xml_node root = numbering.document_element();
    if (!root) return;
    const ooxml::Names w(root);
    auto read_level = [&](pugi::xml_node lvl, Level& level) {
        level.start = int_attr(w.val(lvl, "start"), level.start);
        if (const pugi::xml_attribute f = w.val(lvl, "numFmt")) level.format = f.value();
        if (const pugi::xml_attribute t = w.val(lvl, "lvlText")) level.text = t.value();
        level.restart_after = int_attr(w.val(lvl, "lvlRestart"), level.restart_after);
        if (const auto legal = ooxml::toggle(w, lvl, "isLgl")) level.legal = *legal;
    };
    for (pugi::xml_node node : root.children()) {
        if (w.is(node, "abstractNum")) {
            Definition definition;
            for (pugi::xml_node lvl : node.children()) {
                if (!w.is(lvl, "lvl")) continue;
                const int index = int_attr(w.attr(lvl, "ilvl"), -1);
                if (index >= 0 && index < level_count) read_level(lvl, definition.levels[static_cast<std::size_t>(index)]);
            }
            definitions_[w.attr(node, "abstractNumId").value()] = std::move(definition);
        } else if (w.is(node, "num")) {
            Instance instance;
            instance.abstract_id = w.val(node, "abstractNumId").value();
            for (pugi::xml_node over : node.children()) {
                if (!w.is(over, "lvlOverride")) continue;
                const int index = int_attr(w.attr(over, "ilvl"), -1);
                if (index < 0 || index >= level_count) continue;
                if (const pugi::xml_attribute start = w.val(over, "startOverride"))
                    instance.start_overrides[index] = int_attr(start, 1);
                if (const pugi::xml_node lvl = w.child(over, "lvl")) {
                    Level level;
                    read_level(lvl, level);
                    instance.level_overrides[index] = level;
                }
            }
            instances_[int_attr(w.attr(node, "numId"), -1)] = std::move(instance);
        }
    }
}

const Numbering::Level& Numbering::level_of(const Instance& instance, int level) const {
    if (const auto found = instance.level_overrides.find(level); found != instance.level_overrides.end())
        return found->second;
    static const Level fallback;
    const auto definition = definitions_.find(instance.abstract_id);
    if (definition == definitions_.end()) return fallback;
    return definition->second.levels[static_cast<std::size_t>(level)];
}

std::string Numbering::format_number(const Level& level, int value, bool legal) const {
    const std::string& f = level.format;
    if (legal || f == "decimal") return std::to_string(value);
    if (f == "decimalZero") return (value < 10 && value >= 0 ? "0" : "") + std::to_string(value);
    if (f == "upperRoman" || f == "lowerRoman") {
        const std::optional<std::string> roman = text::to_roman(value);
        if (!roman) return std::to_string(value);
        return f == "upperRoman" ? *roman : lower_ascii(*roman);
    }
    if (f == "upperLetter" || f == "lowerLetter") return latin_letter(value, f == "upperLetter");
    if (f == "none" || f == "bullet") return "";
    return std::to_string(value); // ordinal, cardinalText and the like: the number
}

std::string Numbering::level_name(int num_id, int level) const {
    const auto found = instances_.find(num_id);
    if (num_id == 0 || found == instances_.end()) return "";
    return found->second.abstract_id + ":" + std::to_string(std::clamp(level, 0, level_count - 1));
}

std::string Numbering::next_label(int num_id, int level) {
    const auto found = instances_.find(num_id);
    if (num_id == 0 || found == instances_.end()) return "";
    level = std::clamp(level, 0, level_count - 1);
    Instance& instance = found->second;
    std::vector<int>& counters = counters_[instance.abstract_id];
    if (counters.empty()) counters.assign(level_count, unset);
    if (!instance.used) {
        // A list that restarts its numbering ("Restart at 1") is a new w:num with a start
        // override: the first paragraph of it starts the counter again.
        for (const auto& [at, start] : instance.start_overrides) counters[static_cast<std::size_t>(at)] = start - 1;
        instance.used = true;
    }
    const Level& this_level = level_of(instance, level);
    int& counter = counters[static_cast<std::size_t>(level)];
    counter = counter == unset ? this_level.start : counter + 1;
    for (int deeper = level + 1; deeper < level_count; ++deeper) {
        const int restart = level_of(instance, deeper).restart_after;
        if (restart < 0 || (restart > 0 && level + 1 <= restart)) counters[static_cast<std::size_t>(deeper)] = unset;
    }
    if (this_level.format == "bullet") return visible_bullet(this_level.text);
    if (this_level.format == "none") return "";
    std::string label;
    const std::string& pattern = this_level.text;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const int k = pattern[i + 1] - '1';
            const Level& shown = level_of(instance, k);
            const int value = counters[static_cast<std::size_t>(k)] == unset ? shown.start : counters[static_cast<std::size_t>(k)];
            label += format_number(shown, value, this_level.legal);
            ++i;
        } else {
            label += pattern[i];
        }
    }
    return label;
}

} // namespace vanban::import
