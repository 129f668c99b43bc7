// The values a template computes with.
//
// A Value is small and cheap to copy. Values that come from the data do not copy it: they
// point at the nlohmann::json node they were read from (which also tells us, when
// something goes wrong, which JSON path to name). Text read from the data or written in the
// template is a view; only computed text and lists own memory, shared and immutable.
//
// A missing field is a value too ("undefined"): `x is defined`, `if x` and `x | default(…)`
// may look at it; anything else that receives it reports "missing field PATH".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "template/output.hpp"
#include "vanban/message.hpp"

namespace vanban::tmpl {

class Template;
struct Frame;
namespace ast {
struct Macro;
}

// What `loop` refers to inside a for loop.
struct LoopState {
    std::int64_t index0 = 0;
    std::int64_t length = 0;
};

// A macro together with the scope it was defined in (macros see the names visible where
// they are written, like closures). The scope always outlives the macro value: a macro is
// bound in the very frame it points to.
struct MacroClosure {
    const ast::Macro* definition = nullptr;
    const Template* owner = nullptr;
    const Frame* scope = nullptr;
};

class Value {
public:
    enum class Type : std::uint8_t {
        undefined, // a missing field
        none,
        boolean,
        integer,
        number,    // a double
        string,
        list,
        object,    // only from data
        loop,      // the `loop` variable
        macro,
        markup,    // what a macro call wrote: template text and values, kept apart
        namespace_, // namespace(count=0): fields a template may set again (counters)
    };

    Value() = default; // undefined, with no known parent

    static Value none();
    static Value boolean(bool value);
    static Value integer(std::int64_t value);
    static Value number(double value);
    // The viewed text must outlive the value (template literals and data strings do).
    static Value text(std::string_view borrowed);
    static Value owned_text(std::string text);
    // A part of `whole`'s text, sharing its storage.
    static Value text_within(const Value& whole, std::string_view part);
    // A view of a data node; no copy.
    static Value data(const nlohmann::json& node);
    static Value list(std::vector<Value> items);
    static Value markup(Output output);
    static Value macro(MacroClosure closure);
    static Value loop(const LoopState& state);
    // A namespace with these fields (see set_field): the one value a template can change, so
    // that a count survives loop iterations and macro calls. Copies share the fields.
    static Value make_namespace(std::vector<std::pair<std::string, Value>> fields);
    // A missing field `key` of `parent` (nullptr when the parent is not in the data).
    // The key is copied unless `key_is_stable` (names written in the template are).
    static Value missing(const nlohmann::json* parent, std::string_view key, bool key_is_stable);
    static Value missing_index(const nlohmann::json* parent, std::int64_t index);

    Type type() const { return type_; }
    bool is_defined() const { return type_ != Type::undefined; }
    bool is_number() const { return type_ == Type::integer || type_ == Type::number; }
    // Strings and macro output both have text.
    bool has_text() const { return type_ == Type::string || type_ == Type::markup; }
    bool is_list() const { return type_ == Type::list; }

    bool as_bool() const { return u_.boolean; }
    std::int64_t as_integer() const { return u_.integer; }
    double as_double() const { return type_ == Type::integer ? double(u_.integer) : u_.number; }
    std::string_view as_text() const { return text_; }
    const LoopState& as_loop() const { return *u_.loop; }
    const MacroClosure& as_macro() const;
    const Output& as_markup() const;

    // A namespace's field, or nullptr when it has none by that name.
    const Value* field(std::string_view name) const;
    // Sets (or adds) a namespace's field. The value must not hold a namespace (no cycles).
    void set_field(std::string_view name, Value value) const;
    // The names of a namespace's fields, in the order they were set first (for messages).
    std::vector<std::string> field_names() const;

    // Lists (from data or built by the template) and objects (from data).
    std::size_t size() const;
    Value item(std::size_t index) const;

    // The data node this value was read from, or nullptr. For a missing field: its parent.
    const nlohmann::json* json() const { return json_; }
    // For a missing field: its name, or "[3]" for an index.
    std::string_view missing_key() const { return text_; }
    bool missing_is_index() const { return type_ == Type::undefined && flag_; }
    // Whether the value owns memory (computed text, lists, macro output).
    bool owns_memory() const { return heap_ != nullptr; }

    // "text", "a number", "a list"…, for messages.
    Message type_name() const { return type_name(type_); }
    static Message type_name(Type type);
    // Truth as the language defines it; a missing field is false.
    bool truthy() const;

private:
    struct Heap;
    struct Fields;

    Type type_ = Type::undefined;
    bool flag_ = false; // missing: the key is an index
    union Scalar {
        bool boolean;
        std::int64_t integer;
        double number;
        const LoopState* loop;
    } u_{};
    std::string_view text_;                 // text contents, or the missing key
    const nlohmann::json* json_ = nullptr;  // the data node this value is, or the missing one's parent
    std::shared_ptr<const Heap> heap_;      // owned text, list items, macro output or closure
};

// Numbers as the template prints them: integers in full, other numbers with as few
// decimals as needed, always with '.'; whole doubles without a decimal part.
void append_number(std::string& out, std::int64_t value);
void append_number(std::string& out, double value);

} // namespace vanban::tmpl
