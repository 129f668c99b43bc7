// Word's automatic numbering (word/numbering.xml): the number a paragraph shows although its
// text does not hold it. Each paragraph with w:numPr asks for the next number of its list
// level; the counters run through the document in reading order as Word keeps them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace vanban::import {

class Numbering {
public:
    Numbering() = default;
    explicit Numbering(const pugi::xml_document& numbering);

    // The label of the next paragraph of list `num_id` at `level` ("II.", "2.1-", "a)",
    // "-"), counting it; "" when the list is unknown, switched off (numId 0) or prints
    // nothing. Call once per paragraph, in reading order.
    std::string next_label(int num_id, int level);
    // "abstract-id:level", naming the list level (lists sharing a definition share it).
    std::string level_name(int num_id, int level) const;

private:
    struct Level {
        int start = 1;
        std::string format = "decimal"; // numFmt: decimal, upperRoman, lowerLetter, bullet …
        std::string text = "%1.";       // lvlText
        int restart_after = -1;         // lvlRestart: restart when this level (0-based) is used; -1 any higher
        bool legal = false;             // isLgl: every level as a decimal number
    };
    struct Definition {
        std::vector<Level> levels = std::vector<Level>(9);
    };
    struct Instance {
        std::string abstract_id;
        std::map<int, int> start_overrides; // level -> start
        std::map<int, Level> level_overrides;
        bool used = false;
    };

    const Level& level_of(const Instance& instance, int level) const;
    std::string format_number(const Level& level, int value, bool legal) const;

    std::map<std::string, Definition> definitions_;
    std::map<int, Instance> instances_;
    // The counters of each abstract definition: lists that share one continue one another.
    std::map<std::string, std::vector<int>> counters_;
};

// A bullet as Word stores it in a symbol font's private code points (U+F0B7, Symbol's "•",
// U+F02D, a dash …) mapped to the character it shows.
std::string visible_bullet(const std::string& text);

} // namespace vanban::import
