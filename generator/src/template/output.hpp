// What evaluating a template produces: text in pieces that remember where they came from.
//
// The markup stage (src/markup) turns this into the document model. It must know which
// characters the template author wrote and which came from data: only template text can
// start a heading, a table row or any other block, so data that happens to contain "@h1"
// or "|" stays plain text. Inline emphasis (**bold**, *italic*, __underline__) is read in
// both, because real data mixes it in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace vanban::tmpl {

// A position in a template source. `file` points into the owning Template, which outlives
// every evaluation of it.
struct Origin {
    const std::string* file = nullptr;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct Fragment {
    std::string text;
    bool from_template = true; // false: the text of a {{ expression }} value
    Origin origin;             // start of the literal text, or of the {{ … }} tag
    // An object of the data printed whole ("@table {{ t }}"): the markup stage builds a table
    // or chart from it, and refuses it anywhere else. Its text is object_placeholder.
    const nlohmann::json* object = nullptr;
    std::string object_path;   // its JSON path, for messages
};

// The text that stands for an object in the output: U+FFFC OBJECT REPLACEMENT CHARACTER.
inline constexpr std::string_view object_placeholder = "\xEF\xBF\xBC";

// Appends, merging adjacent pieces of the same kind so the markup stage sees few fragments.
class Output {
public:
    void append_template_text(std::string_view text, Origin origin);
    void append_value(std::string_view text, Origin origin);
    void append_object(const nlohmann::json& object, std::string path, Origin origin);
    void append(const Output& other);
    const std::vector<Fragment>& fragments() const { return fragments_; }
    std::size_t size_bytes() const { return size_; }
    void clear() { fragments_.clear(); size_ = 0; }

private:
    std::vector<Fragment> fragments_;
    std::size_t size_ = 0;
};

} // namespace vanban::tmpl
