#include "template/value.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <variant>

namespace vanban::tmpl {

// Owned storage behind a value: computed text, a list, macro output (with its plain text,
// so that filters and `~` can read it as a string) or a macro closure.
// A namespace's fields: the one mutable part of a value. An evaluation runs on one thread,
// and a namespace never leaves the evaluation that made it.
struct Value::Fields {
    std::vector<std::pair<std::string, Value>> fields;
};

struct Value::Heap {
    struct Markup {
        Output output;
        std::string plain;
    };
    std::variant<std::string, std::vector<Value>, Markup, MacroClosure, std::shared_ptr<Fields>> content;
};

Value Value::none() {
    Value v;
    v.type_ = Type::none;
    return v;
}

Value Value::boolean(bool value) {
    Value v;
    v.type_ = Type::boolean;
    v.u_.boolean = value;
    return v;
}

Value Value::integer(std::int64_t value) {
    Value v;
    v.type_ = Type::integer;
    v.u_.integer = value;
    return v;
}

Value Value::number(double value) {
    Value v;
    v.type_ = Type::number;
    v.u_.number = value;
    return v;
}

Value Value::text(std::string_view borrowed) {
    Value v;
    v.type_ = Type::string;
    v.text_ = borrowed;
    return v;
}

Value Value::owned_text(std::string text) {
    Value v;
    v.type_ = Type::string;
    auto heap = std::make_shared<Heap>(Heap{std::move(text)});
    v.text_ = std::get<std::string>(heap->content);
    v.heap_ = std::move(heap);
    return v;
}

Value Value::text_within(const Value& whole, std::string_view part) {
    Value v = whole;
    v.type_ = Type::string; // a part of macro output is plain text
    v.text_ = part;
    return v;
}

Value Value::data(const nlohmann::json& node) {
    using json = nlohmann::json;
    Value v;
    v.json_ = &node;
    switch (node.type()) {
    case json::value_t::null:
    case json::value_t::discarded: v.type_ = Type::none; break;
    case json::value_t::boolean:
        v.type_ = Type::boolean;
        v.u_.boolean = node.get_ref<const json::boolean_t&>();
        break;
    case json::value_t::number_integer:
        v.type_ = Type::integer;
        v.u_.integer = node.get_ref<const json::number_integer_t&>();
        break;
    case json::value_t::number_unsigned: {
        auto u = node.get_ref<const json::number_unsigned_t&>();
        if (u <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
            v.type_ = Type::integer;
            v.u_.integer = std::int64_t(u);
        } else {
            v.type_ = Type::number;
            v.u_.number = double(u);
        }
        break;
    }
    case json::value_t::number_float:
        v.type_ = Type::number;
        v.u_.number = node.get_ref<const json::number_float_t&>();
        break;
    case json::value_t::string:
        v.type_ = Type::string;
        v.text_ = node.get_ref<const json::string_t&>();
        break;
    case json::value_t::array: v.type_ = Type::list; break;
    case json::value_t::object: v.type_ = Type::object; break;
    case json::value_t::binary: v.type_ = Type::none; break; // never produced by the JSON parser
    }
    return v;
}

Value Value::list(std::vector<Value> items) {
    Value v;
    v.type_ = Type::list;
    v.heap_ = std::make_shared<Heap>(Heap{std::move(items)});
    return v;
}

Value Value::markup(Output output) {
    Heap::Markup markup{std::move(output), {}};
    markup.plain.reserve(markup.output.size_bytes());
    for (const Fragment& piece : markup.output.fragments()) markup.plain += piece.text;
    Value v;
    v.type_ = Type::markup;
    auto heap = std::make_shared<Heap>(Heap{std::move(markup)});
    v.text_ = std::get<Heap::Markup>(heap->content).plain;
    v.heap_ = std::move(heap);
    return v;
}

Value Value::macro(MacroClosure closure) {
    Value v;
    v.type_ = Type::macro;
    v.heap_ = std::make_shared<Heap>(Heap{closure});
    return v;
}

Value Value::loop(const LoopState& state) {
    Value v;
    v.type_ = Type::loop;
    v.u_.loop = &state;
    return v;
}

Value Value::make_namespace(std::vector<std::pair<std::string, Value>> fields) {
    Value v;
    v.type_ = Type::namespace_;
    v.heap_ = std::make_shared<Heap>(Heap{std::make_shared<Fields>(Fields{std::move(fields)})});
    return v;
}

const Value* Value::field(std::string_view name) const {
    for (const auto& [key, value] : std::get<std::shared_ptr<Fields>>(heap_->content)->fields)
        if (key == name) return &value;
    return nullptr;
}

void Value::set_field(std::string_view name, Value value) const {
    auto& fields = std::get<std::shared_ptr<Fields>>(heap_->content)->fields;
    for (auto& [key, old] : fields)
        if (key == name) {
            old = std::move(value);
            return;
        }
    fields.emplace_back(std::string(name), std::move(value));
}

std::vector<std::string> Value::field_names() const {
    std::vector<std::string> names;
    for (const auto& entry : std::get<std::shared_ptr<Fields>>(heap_->content)->fields) names.push_back(entry.first);
    return names;
}

Value Value::missing(const nlohmann::json* parent, std::string_view key, bool key_is_stable) {
    Value v;
    if (!key_is_stable) v = owned_text(std::string(key));
    else v.text_ = key;
    v.type_ = Type::undefined;
    v.json_ = parent;
    return v;
}

Value Value::missing_index(const nlohmann::json* parent, std::int64_t index) {
    std::string key = "[";
    append_number(key, index);
    key += ']';
    Value v = owned_text(std::move(key));
    v.type_ = Type::undefined;
    v.flag_ = true;
    v.json_ = parent;
    return v;
}

const MacroClosure& Value::as_macro() const { return std::get<MacroClosure>(heap_->content); }

const Output& Value::as_markup() const { return std::get<Heap::Markup>(heap_->content).output; }

std::size_t Value::size() const {
    if (heap_) {
        if (auto* items = std::get_if<std::vector<Value>>(&heap_->content)) return items->size();
        return 0;
    }
    return (json_ && (type_ == Type::list || type_ == Type::object)) ? json_->size() : 0;
}

Value Value::item(std::size_t index) const {
    if (heap_) return std::get<std::vector<Value>>(heap_->content)[index];
    return data((*json_)[index]);
}

Message Value::type_name(Type type) {
    switch (type) {
    case Type::undefined: return msg("template.type-missing", "a missing field");
    case Type::none: return msg("template.type-none", "none");
    case Type::boolean: return msg("template.type-boolean", "true/false");
    case Type::integer:
    case Type::number: return msg("template.type-number", "a number");
    case Type::string: return msg("template.type-text", "text");
    case Type::list: return msg("template.type-list", "a list");
    case Type::object: return msg("template.type-object", "an object");
    case Type::loop: return msg("template.type-loop", "the loop variable");
    case Type::macro: return msg("template.type-macro", "a macro");
    case Type::markup: return msg("template.type-markup", "macro output");
    case Type::namespace_: return msg("template.type-namespace", "a namespace");
    }
    return Message::verbatim("?");
}

bool Value::truthy() const {
    switch (type_) {
    case Type::undefined:
    case Type::none: return false;
    case Type::boolean: return u_.boolean;
    case Type::integer: return u_.integer != 0;
    case Type::number: return u_.number != 0.0;
    case Type::string:
    case Type::markup: return !text_.empty();
    case Type::list:
    case Type::object: return size() != 0;
    case Type::loop:
    case Type::macro:
    case Type::namespace_: return true;
    }
    return false;
}

void append_number(std::string& out, std::int64_t value) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void append_number(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "nan";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-inf" : "inf";
        return;
    }
    if (value == 0) value = 0; // no "-0"
    // The shortest decimal that reads back as the same double, never in exponent form:
    // 3.5 -> "3.5", 3.0 -> "3", 0.1 + 0.2 -> "0.30000000000000004".
    char buffer[400]; // enough for the longest fixed form of a double (1.8e308)
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    out.append(buffer, result.ptr);
}

} // namespace vanban::tmpl
