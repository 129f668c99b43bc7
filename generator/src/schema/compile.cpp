// Schema::compile: checks every keyword of a schema document once and turns it into the
// node table of compiled.hpp, so that validation never re-reads or re-checks the schema.
#include <array>
#include <string_view>
#include <utility>

#include "schema/compiled.hpp"
#include "schema/schema.hpp"
#include "schema/text.hpp"
#include "vanban/error.hpp"

namespace vanban::schema {

using detail::CompiledSchema;
using detail::kNoNode;
using detail::Node;
using detail::NodeId;
using nlohmann::json;

namespace {

// Schemas nested deeper than this are refused: no template needs it, and it bounds the
// compiler's recursion on a hostile document.
constexpr int kMaxSchemaDepth = 128;

// Keywords that only describe: accepted anywhere and ignored ("format" is handled apart).
constexpr std::array<std::string_view, 10> kAnnotations{
    "$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
    "readOnly", "writeOnly"};

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "$ref" values are URI fragments: "%25" stands for "%".
std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// "/$defs/a~1b" with each token unescaped then escaped again, so that equivalent spellings
// of one pointer compare equal; nullopt when a "~" escape is malformed.
std::optional<std::string> canonical_pointer(std::string_view pointer) {
    std::string out;
    std::size_t i = 0;
    while (i < pointer.size()) {
        ++i; // the '/'
        std::string token;
        for (; i < pointer.size() && pointer[i] != '/'; ++i) {
            if (pointer[i] != '~') {
                token += pointer[i];
                continue;
            }
            if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return std::nullopt;
            token += pointer[++i] == '0' ? '~' : '/';
        }
        out += '/';
        out += escape_pointer_token(token);
    }
    return out;
}

bool is_non_negative_integer(const json& value) {
    if (value.is_number_unsigned()) return true;
    if (value.is_number_integer()) return value.get<std::int64_t>() >= 0;
    if (value.is_number_float()) {
        double d = value.get<double>();
        return d >= 0 && d == static_cast<double>(static_cast<std::uint64_t>(d)) && d < 1.8e19;
    }
    return false;
}

class Compiler {
public:
    explicit Compiler(std::string source_name) { out_.source_name = std::move(source_name); }

    CompiledSchema run(const json& document) {
        compile(document, "", 0);
        resolve_refs();
        reject_ref_cycles();
        return std::move(out_);
    }

private:
    using Handler = void (Compiler::*)(NodeId, const json&, const std::string&, int);

    // `what` says what is wrong "at {pointer}": the JSON pointer of the keyword at fault,
    // filled in here.
    [[noreturn]] void fail(const std::string& pointer, Message what, Message hint = {}) const {
        Error error;
        error.kind = ErrorKind::resource;
        error.where.file = out_.source_name;
        if (pointer.empty()) what.with({"pointer", msg("schema.root", "the schema root")});
        else what.with({"pointer", pointer});
        error.message = std::move(what);
        error.hint = std::move(hint);
        throw Failure(std::move(error));
    }

    Node& node(NodeId id) { return out_.nodes[id]; }

    NodeId compile(const json& schema, const std::string& pointer, int depth) {
        if (depth > kMaxSchemaDepth)
            fail(pointer, msg("schema.too-deep", "schema nested deeper than {max} levels at {pointer}",
                              {{"max", kMaxSchemaDepth}}));
        auto id = static_cast<NodeId>(out_.nodes.size());
        out_.nodes.emplace_back();
        node(id).pointer = pointer;
        by_pointer_.emplace(pointer, id);
        if (schema.is_boolean()) {
            node(id).accepts_all = schema.get<bool>();
            return id;
        }
        if (!schema.is_object())
            fail(pointer, msg("schema.not-a-schema", "a schema must be an object or true/false at {pointer}"));
        for (const auto& [keyword, value] : schema.items()) {
            std::string at = pointer + "/" + escape_pointer_token(keyword);
            if (Handler handler = handler_for(keyword)) (this->*handler)(id, value, at, depth);
            else if (!is_annotation(keyword))
                fail(pointer, msg("schema.unsupported-keyword", "unsupported keyword \"{keyword}\" at {pointer}",
                                  {{"keyword", keyword}}));
        }
        if (auto title = schema.find("title"); title != schema.end() && title->is_string())
            node(id).title = title->get<std::string>();
        return id;
    }

    static bool is_annotation(std::string_view keyword) {
        for (auto annotation : kAnnotations)
            if (keyword == annotation) return true;
        return false;
    }

    static Handler handler_for(std::string_view keyword) {
        static const std::map<std::string_view, Handler> handlers{
            {"type", &Compiler::on_type},
            {"enum", &Compiler::on_enum},
            {"const", &Compiler::on_const},
            {"properties", &Compiler::on_properties},
            {"required", &Compiler::on_required},
            {"additionalProperties", &Compiler::on_additional_properties},
            {"patternProperties", &Compiler::on_pattern_properties},
            {"items", &Compiler::on_items},
            {"prefixItems", &Compiler::on_prefix_items},
            {"minItems", &Compiler::on_count},
            {"maxItems", &Compiler::on_count},
            {"minLength", &Compiler::on_count},
            {"maxLength", &Compiler::on_count},
            {"uniqueItems", &Compiler::on_unique_items},
            {"pattern", &Compiler::on_pattern},
            {"x-vanban-pattern-message", &Compiler::on_pattern_message},
            {"format", &Compiler::on_format},
            {"minimum", &Compiler::on_bound},
            {"maximum", &Compiler::on_bound},
            {"exclusiveMinimum", &Compiler::on_bound},
            {"exclusiveMaximum", &Compiler::on_bound},
            {"multipleOf", &Compiler::on_bound},
            {"allOf", &Compiler::on_schema_list},
            {"anyOf", &Compiler::on_schema_list},
            {"oneOf", &Compiler::on_schema_list},
            {"not", &Compiler::on_single_schema},
            {"if", &Compiler::on_single_schema},
            {"then", &Compiler::on_single_schema},
            {"else", &Compiler::on_single_schema},
            {"$defs", &Compiler::on_defs},
            {"$ref", &Compiler::on_ref},
        };
        auto found = handlers.find(keyword);
        return found == handlers.end() ? nullptr : found->second;
    }

    static std::string keyword_of(const std::string& at) { return at.substr(at.rfind('/') + 1); }

    void on_type(NodeId id, const json& value, const std::string& at, int) {
        static const std::map<std::string, unsigned, std::less<>> names{
            {"null", detail::type_null},     {"boolean", detail::type_boolean}, {"object", detail::type_object},
            {"array", detail::type_array},   {"number", detail::type_number},   {"string", detail::type_string},
            {"integer", detail::type_integer}};
        json list = value.is_array() ? value : json::array({value});
        if (list.empty()) fail(at, msg("schema.type-empty", "\"type\" must name at least one type at {pointer}"));
        for (const auto& name : list) {
            auto found = name.is_string() ? names.find(name.get<std::string>()) : names.end();
            if (found == names.end())
                fail(at,
                     msg("schema.unknown-type", "unknown type {type} at {pointer}", {{"type", detail::quote(name)}}),
                     msg("schema.known-types", "use string, number, integer, boolean, object, array or null"));
            node(id).types |= found->second;
        }
    }

    void on_enum(NodeId id, const json& value, const std::string& at, int) {
        if (!value.is_array() || value.empty())
            fail(at, msg("schema.enum-empty", "\"enum\" must be a non-empty list of values at {pointer}"));
        node(id).enum_values = std::vector<json>(value.begin(), value.end());
    }

    void on_const(NodeId id, const json& value, const std::string&, int) { node(id).const_value = value; }

    void on_properties(NodeId id, const json& value, const std::string& at, int depth) {
        if (!value.is_object())
            fail(at, msg("schema.properties-not-object", "\"properties\" must be an object of schemas at {pointer}"));
        for (const auto& [name, sub] : value.items()) {
            NodeId child = compile(sub, at + "/" + escape_pointer_token(name), depth + 1);
            node(id).properties.emplace(name, child);
        }
    }

    void on_required(NodeId id, const json& value, const std::string& at, int) {
        const auto not_names = [] {
            return msg("schema.required-not-names", "\"required\" must be a list of field names at {pointer}");
        };
        if (!value.is_array()) fail(at, not_names());
        for (const auto& name : value) {
            if (!name.is_string()) fail(at, not_names());
            node(id).required.push_back(name.get<std::string>());
        }
    }

    void on_additional_properties(NodeId id, const json& value, const std::string& at, int depth) {
        NodeId child = compile(value, at, depth + 1);
        node(id).additional_properties = child;
    }

    void on_pattern_properties(NodeId id, const json& value, const std::string& at, int depth) {
        if (!value.is_object())
            fail(at, msg("schema.pattern-properties-not-object",
                         "\"patternProperties\" must be an object of schemas at {pointer}"));
        for (const auto& [source, sub] : value.items()) {
            std::string sub_at = at + "/" + escape_pointer_token(source);
            detail::Pattern pattern = compile_pattern(source, sub_at);
            NodeId child = compile(sub, sub_at, depth + 1);
            node(id).pattern_properties.emplace_back(std::move(pattern), child);
        }
    }

    void on_items(NodeId id, const json& value, const std::string& at, int depth) {
        if (value.is_array())
            fail(at, msg("schema.items-list", "\"items\" must be one schema (draft 2020-12) at {pointer}"),
                 msg("schema.use-prefix-items", "use \"prefixItems\" for one schema per position"));
        NodeId child = compile(value, at, depth + 1);
        node(id).items = child;
    }

    void on_prefix_items(NodeId id, const json& value, const std::string& at, int depth) {
        if (!value.is_array() || value.empty())
            fail(at,
                 msg("schema.prefix-items-empty", "\"prefixItems\" must be a non-empty list of schemas at {pointer}"));
        for (std::size_t i = 0; i < value.size(); ++i) {
            NodeId child = compile(value[i], at + "/" + std::to_string(i), depth + 1);
            node(id).prefix_items.push_back(child);
        }
    }

    void on_count(NodeId id, const json& value, const std::string& at, int) {
        std::string keyword = keyword_of(at);
        if (!is_non_negative_integer(value))
            fail(at, msg("schema.count-not-whole", "\"{keyword}\" must be a whole number, 0 or more at {pointer}",
                         {{"keyword", keyword}}));
        auto count = value.is_number_float() ? static_cast<std::uint64_t>(value.get<double>()) : value.get<std::uint64_t>();
        Node& n = node(id);
        if (keyword == "minItems") n.min_items = count;
        else if (keyword == "maxItems") n.max_items = count;
        else if (keyword == "minLength") n.min_length = count;
        else n.max_length = count;
    }

    void on_unique_items(NodeId id, const json& value, const std::string& at, int) {
        if (!value.is_boolean())
            fail(at, msg("schema.unique-items-not-boolean", "\"uniqueItems\" must be true or false at {pointer}"));
        node(id).unique_items = value.get<bool>();
    }

    // std::regex reads \pL as the letters pL and \p{L} as a bad repeat: refuse Unicode
    // property classes by name rather than let one silently mean something else.
    static bool has_unicode_class(std::string_view source) {
        for (std::size_t i = 0; i + 1 < source.size(); ++i) {
            if (source[i] != '\\') continue;
            if (source[i + 1] == 'p' || source[i + 1] == 'P') return true;
            ++i; // an escaped character, possibly a backslash
        }
        return false;
    }

    detail::Pattern compile_pattern(const std::string& source, const std::string& at) const {
        if (has_unicode_class(source))
            fail(at,
                 msg("schema.pattern-unicode-class",
                     "pattern {pattern} uses a Unicode class (\\p{…}), which vanban does not support, at {pointer}",
                     {{"pattern", detail::quote(json(source))}}),
                 msg("schema.list-the-letters", "list the letters, e.g. [a-zà-ỹ]"));
        try {
            return detail::Pattern{source, std::wregex(detail::to_utf32(source), std::regex::ECMAScript)};
        } catch (const std::exception& e) {
            fail(at, msg("schema.pattern-invalid",
                         "pattern {pattern} is not a regular expression vanban can use ({reason}) at {pointer}",
                         {{"pattern", detail::quote(json(source))}, {"reason", Message::verbatim(e.what())}}));
        }
    }

    void on_pattern(NodeId id, const json& value, const std::string& at, int) {
        if (!value.is_string()) fail(at, msg("schema.pattern-not-string", "\"pattern\" must be a string at {pointer}"));
        node(id).pattern = compile_pattern(value.get<std::string>(), at);
    }

    // vanban's own keyword: a pattern's meaning in words, {"en": "…", "vi": "…"}. Both
    // languages are required, as for every message vanban prints.
    void on_pattern_message(NodeId id, const json& value, const std::string& at, int) {
        const auto text_in = [&](const char* language) -> std::string {
            auto found = value.is_object() ? value.find(language) : value.end();
            if (!value.is_object() || found == value.end() || !found->is_string() ||
                found->get_ref<const std::string&>().empty())
                fail(at, msg("schema.pattern-message-not-bilingual",
                             "\"x-vanban-pattern-message\" must be an object with the texts \"en\" and \"vi\" at "
                             "{pointer}"));
            return found->get<std::string>();
        };
        node(id).pattern_message = Message::in_both_languages(text_in("en"), text_in("vi"));
    }

    // Only "date" and "date-time" are checked; other formats are annotations (2020-12 default).
    void on_format(NodeId id, const json& value, const std::string& at, int) {
        if (!value.is_string()) fail(at, msg("schema.format-not-string", "\"format\" must be a string at {pointer}"));
        if (value == "date") node(id).format = detail::Format::date;
        else if (value == "date-time") node(id).format = detail::Format::date_time;
    }

    void on_bound(NodeId id, const json& value, const std::string& at, int) {
        std::string keyword = keyword_of(at);
        if (!value.is_number())
            fail(at,
                 msg("schema.bound-not-number", "\"{keyword}\" must be a number at {pointer}", {{"keyword", keyword}}));
        Node& n = node(id);
        if (keyword == "minimum") n.minimum = value;
        else if (keyword == "maximum") n.maximum = value;
        else if (keyword == "exclusiveMinimum") n.exclusive_minimum = value;
        else if (keyword == "exclusiveMaximum") n.exclusive_maximum = value;
        else if (value.get<double>() > 0) n.multiple_of = value;
        else fail(at, msg("schema.multiple-of-not-positive", "\"multipleOf\" must be greater than 0 at {pointer}"));
    }

    void on_schema_list(NodeId id, const json& value, const std::string& at, int depth) {
        std::string keyword = keyword_of(at);
        if (!value.is_array() || value.empty())
            fail(at, msg("schema.schema-list-empty", "\"{keyword}\" must be a non-empty list of schemas at {pointer}",
                         {{"keyword", keyword}}));
        std::vector<NodeId> children;
        for (std::size_t i = 0; i < value.size(); ++i)
            children.push_back(compile(value[i], at + "/" + std::to_string(i), depth + 1));
        Node& n = node(id);
        (keyword == "allOf" ? n.all_of : keyword == "anyOf" ? n.any_of : n.one_of) = std::move(children);
    }

    void on_single_schema(NodeId id, const json& value, const std::string& at, int depth) {
        std::string keyword = keyword_of(at);
        NodeId child = compile(value, at, depth + 1);
        Node& n = node(id);
        (keyword == "not" ? n.not_schema : keyword == "if" ? n.if_schema : keyword == "then" ? n.then_schema
                                                                                           : n.else_schema) = child;
    }

    // Definitions are compiled even when nothing refers to them, so a mistake in one is
    // reported when the template is loaded, not when a later edit starts using it.
    void on_defs(NodeId, const json& value, const std::string& at, int depth) {
        if (!value.is_object())
            fail(at, msg("schema.defs-not-object", "\"$defs\" must be an object of schemas at {pointer}"));
        for (const auto& [name, sub] : value.items()) compile(sub, at + "/" + escape_pointer_token(name), depth + 1);
    }

    void on_ref(NodeId id, const json& value, const std::string& at, int) {
        if (!value.is_string())
            fail(at, msg("schema.ref-not-string", "\"$ref\" must be a string such as \"#/$defs/NAME\" at {pointer}"));
        node(id).ref_text = value.get<std::string>();
        if (node(id).ref_text.empty()) fail(at, msg("schema.ref-empty", "\"$ref\" must not be empty at {pointer}"));
    }

    void resolve_refs() {
        for (NodeId id = 0; id < out_.nodes.size(); ++id) {
            const std::string& text = node(id).ref_text;
            if (text.empty()) continue;
            std::string at = node(id).pointer + "/$ref";
            const MessageArg ref("ref", detail::quote(json(text)));
            const auto local_refs = [] {
                return msg("schema.local-refs-only", "only \"#\" and \"#/$defs/NAME\" are supported");
            };
            if (text[0] != '#')
                fail(at, msg("schema.ref-outside", "$ref {ref} points outside this schema at {pointer}", {ref}),
                     local_refs());
            std::string fragment = percent_decode(std::string_view(text).substr(1));
            if (!fragment.empty() && fragment[0] != '/')
                fail(at, msg("schema.ref-anchor", "$ref {ref} uses an anchor at {pointer}", {ref}), local_refs());
            auto canonical = canonical_pointer(fragment);
            auto target = canonical ? by_pointer_.find(*canonical) : by_pointer_.end();
            if (target == by_pointer_.end())
                fail(at, msg("schema.ref-to-nothing", "$ref {ref} points to no schema at {pointer}", {ref}));
            node(id).ref = target->second;
        }
    }

    // The schemas that apply to the same value as `n` (not to a part of it).
    static std::vector<NodeId> same_value_children(const Node& n) {
        std::vector<NodeId> out;
        for (const auto* list : {&n.all_of, &n.any_of, &n.one_of}) out.insert(out.end(), list->begin(), list->end());
        for (NodeId child : {n.not_schema, n.if_schema, n.then_schema, n.else_schema, n.ref})
            if (child != kNoNode) out.push_back(child);
        return out;
    }

    // A chain of "$ref"s that comes back to where it started without stepping into a part of
    // the value would make validation loop forever. Found by an iterative depth-first search
    // (no recursion: the chain may be long).
    void reject_ref_cycles() {
        enum Color : unsigned char { unvisited, on_path, done };
        std::vector<Color> color(out_.nodes.size(), unvisited);
        for (NodeId start = 0; start < out_.nodes.size(); ++start) {
            if (color[start] != unvisited) continue;
            std::vector<std::pair<NodeId, std::vector<NodeId>>> path;
            path.emplace_back(start, same_value_children(node(start)));
            color[start] = on_path;
            while (!path.empty()) {
                auto& [current, pending] = path.back();
                if (pending.empty()) {
                    color[current] = done;
                    path.pop_back();
                    continue;
                }
                NodeId next = pending.back();
                pending.pop_back();
                if (color[next] == on_path) report_cycle(path, next);
                if (color[next] == unvisited) {
                    color[next] = on_path;
                    path.emplace_back(next, same_value_children(node(next)));
                }
            }
        }
    }

    [[noreturn]] void report_cycle(const std::vector<std::pair<NodeId, std::vector<NodeId>>>& path, NodeId back_to) {
        std::string chain;
        std::string at;
        bool in_cycle = false;
        for (const auto& step : path) {
            in_cycle = in_cycle || step.first == back_to;
            if (!in_cycle) continue;
            chain += "#" + node(step.first).pointer + " -> ";
            if (node(step.first).ref != kNoNode && at.empty()) at = node(step.first).pointer + "/$ref";
        }
        chain += "#" + node(back_to).pointer;
        fail(at, msg("schema.ref-loop", "$ref loop that never reaches the data: {chain} at {pointer}",
                     {{"chain", chain}}));
    }

    CompiledSchema out_;
    std::map<std::string, NodeId> by_pointer_;
};

} // namespace

Schema Schema::compile(const json& schema_document, const std::string& source_name) {
    Compiler compiler(source_name);
    return Schema(std::make_shared<const CompiledSchema>(compiler.run(schema_document)));
}

Schema::Schema(std::shared_ptr<const CompiledSchema> compiled) : compiled_(std::move(compiled)) {}

const std::string& Schema::source_name() const { return compiled_->source_name; }

} // namespace vanban::schema
