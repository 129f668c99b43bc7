// Schema::validate: walks the data and the compiled schema together and reports every
// problem with the JSON path of the data. Nothing here allocates for a value that is fine:
// the path is a chain of steps on the stack, turned into text only for a problem.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "schema/compiled.hpp"
#include "schema/schema.hpp"
#include "schema/text.hpp"
#include "text/json_path.hpp"

namespace vanban::schema {

using detail::CompiledSchema;
using detail::kNoNode;
using detail::Node;
using detail::NodeId;
using nlohmann::json;

namespace {

// Data nested deeper than this is reported, not walked (the data reader refuses it anyway).
constexpr std::size_t kMaxDataDepth = 256;
// Checks nested deeper than this (data levels plus schemas applied to one value, e.g. a
// chain of "$ref") are reported instead of recursing further: it bounds the stack.
constexpr std::size_t kMaxCheckDepth = 2048;
// libstdc++'s std::regex backtracks and recurses once per character, using about 700 bytes
// of stack per character for "^(a|b)*$": longer strings could overflow a thread's stack, so
// they are reported rather than matched (see docs/schema.md). Patterns are for short fields.
constexpr std::size_t kMaxPatternInput = 1000;

// One step from the document root to the value being checked.
struct Step {
    const Step* parent = nullptr;
    std::string_view key;   // object member name (when !is_index)
    std::size_t index = 0;  // array index (when is_index)
    bool is_index = false;
    std::size_t ordinal = 0; // position among the parent's members, for document order
    std::size_t depth = 0;   // 0 for the root

    Step child_key(std::string_view name, std::size_t position) const {
        return Step{this, name, 0, false, position, depth + 1};
    }
    Step child_index(std::size_t i) const { return Step{this, {}, i, true, i, depth + 1}; }
};

std::vector<const Step*> chain_of(const Step& at) {
    std::vector<const Step*> chain;
    for (const Step* s = &at; s->parent != nullptr; s = s->parent) chain.push_back(s);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

struct Found {
    std::vector<std::size_t> order; // ordinals from the root: sorts in document order
    Problem problem;
};

// Collects problems up to a limit. A probe (record = false) only counts them: it answers
// "does this value match?" for anyOf/oneOf/not/if without building any message text.
class Sink {
public:
    Sink(std::size_t limit, bool record) : limit_(limit), record_(record) {}
    bool full() const { return count_ >= limit_; }
    bool recording() const { return record_; }
    std::size_t count() const { return count_; }

    // `describe` makes the problem's message; a probe never calls it.
    template <class Describe>
    void add(const Step& at, Describe&& describe) {
        if (full()) return;
        ++count_;
        if (!record_) return;
        Found found;
        text::JsonPath path;
        for (const Step* step : chain_of(at)) {
            found.order.push_back(step->ordinal);
            if (step->is_index) path.add_index(step->index);
            else path.add_key(step->key);
        }
        found.problem.json_path = path.text();
        found.problem.message = describe();
        found_.push_back(std::move(found));
    }

    std::vector<Found>& found() { return found_; }

private:
    std::size_t limit_;
    bool record_;
    std::size_t count_ = 0;
    std::vector<Found> found_;
};

bool is_integer(const json& value) {
    if (value.is_number_integer()) return true; // also unsigned
    if (!value.is_number_float()) return false;
    double d = value.get<double>();
    return std::isfinite(d) && d == std::floor(d);
}

bool has_type(const json& value, unsigned types) {
    using namespace detail;
    switch (value.type()) {
    case json::value_t::null: return types & type_null;
    case json::value_t::boolean: return types & type_boolean;
    case json::value_t::object: return types & type_object;
    case json::value_t::array: return types & type_array;
    case json::value_t::string: return types & type_string;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return (types & type_number) || ((types & type_integer) && is_integer(value));
    default: return false;
    }
}

Message a_string() { return msg("schema.type-string", "a string"); }
Message a_number() { return msg("schema.type-number", "a number"); }
Message an_object() { return msg("schema.type-object", "an object"); }
Message a_list() { return msg("schema.type-list", "a list"); }

// "a string, a number or null": the names of `types`, in a translatable list.
Message expected_types(unsigned types) {
    using namespace detail;
    std::vector<Message> names;
    if (types & type_string) names.push_back(a_string());
    if (types & type_number) names.push_back(a_number());
    else if (types & type_integer) names.push_back(msg("schema.type-integer", "a whole number"));
    if (types & type_object) names.push_back(an_object());
    if (types & type_array) names.push_back(a_list());
    if (types & type_boolean) names.push_back(msg("schema.type-boolean", "true or false"));
    if (types & type_null) names.push_back(Message::verbatim("null"));
    if (names.empty()) return {};
    Message list = names.front();
    for (std::size_t i = 1; i < names.size(); ++i) {
        list = i + 1 == names.size()
                   ? msg("schema.list-or", "{first} or {last}", {{"first", std::move(list)}, {"last", names[i]}})
                   : msg("schema.list-comma", "{first}, {next}", {{"first", std::move(list)}, {"next", names[i]}});
    }
    return list;
}

Message found_type(const json& value) {
    switch (value.type()) {
    case json::value_t::null: return Message::verbatim("null");
    case json::value_t::boolean: return Message::verbatim(value.get<bool>() ? "true" : "false");
    case json::value_t::object: return an_object();
    case json::value_t::array: return a_list();
    case json::value_t::string: return a_string();
    case json::value_t::number_float:
        if (!is_integer(value))
            return msg("schema.type-fraction", "a number with a fraction ({number})", {{"number", value.dump()}});
        return a_number();
    default: return a_number();
    }
}

Message type_message(unsigned types, const json& value) {
    return msg("schema.wrong-type", "expected {expected}, found {found}",
               {{"expected", expected_types(types)}, {"found", found_type(value)}});
}

bool is_exact(const json& n) { return n.is_number_integer(); } // integer or unsigned

// -1, 0 or 1 as a is less than, equal to or greater than b. Two integers compare exactly
// (a 64-bit integer does not fit a double); anything else compares as doubles.
int compare_numbers(const json& a, const json& b) {
    if (is_exact(a) && is_exact(b)) {
        bool a_negative = a.is_number_unsigned() ? false : a.get<std::int64_t>() < 0;
        bool b_negative = b.is_number_unsigned() ? false : b.get<std::int64_t>() < 0;
        if (a_negative != b_negative) return a_negative ? -1 : 1;
        if (a_negative) {
            auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
            return x < y ? -1 : x > y;
        }
        auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
        return x < y ? -1 : x > y;
    }
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : x > y;
}

bool is_multiple_of(const json& value, const json& divisor) {
    if (value.is_number_integer() && divisor.is_number_integer() && !value.is_number_unsigned() &&
        !divisor.is_number_unsigned())
        return value.get<std::int64_t>() % divisor.get<std::int64_t>() == 0;
    double quotient = value.get<double>() / divisor.get<double>();
    if (!std::isfinite(quotient)) return false;
    // Decimal divisors such as 0.01 are not exact in binary: 0.07 / 0.01 = 7.000000000000001.
    return std::fabs(quotient - std::round(quotient)) <= 1e-9 * std::max(1.0, std::fabs(quotient));
}

class Checker {
public:
    Checker(const CompiledSchema& schema, Sink& sink) : schema_(schema), sink_(sink) {}

    void check(NodeId id, const json& value, const Step& at, std::size_t frames) {
        if (sink_.full()) return;
        if (frames > kMaxCheckDepth) {
            sink_.add(at, [] {
                return msg("schema.too-deep-to-check", "the schema nests too deeply to check this value");
            });
            return;
        }
        const Node& n = schema_.nodes[id];
        if (n.accepts_all) {
            if (!*n.accepts_all)
                sink_.add(at, [] { return msg("schema.no-value-allowed", "no value is allowed here"); });
            return;
        }
        // A value of the wrong type gets one message, not one per keyword that then fails.
        if (n.types != 0 && !has_type(value, n.types)) {
            sink_.add(at, [&] { return type_message(n.types, value); });
            return;
        }
        check_enum_and_const(n, value, at);
        if (value.is_object()) check_object(n, value, at, frames);
        else if (value.is_array()) check_array(n, value, at, frames);
        else if (value.is_string()) check_string(n, value.get_ref<const std::string&>(), at);
        else if (value.is_number()) check_number(n, value, at);
        check_applicators(n, value, at, frames);
    }

private:
    // True when `value` has no problem against schema `id` (stops at the first one).
    bool matches(NodeId id, const json& value, const Step& at, std::size_t frames) const {
        Sink probe(1, false);
        Checker(schema_, probe).check(id, value, at, frames + 1);
        return probe.count() == 0;
    }

    void check_enum_and_const(const Node& n, const json& value, const Step& at) {
        if (n.const_value && value != *n.const_value) sink_.add(at, [&] { return must_be(*n.const_value); });
        if (!n.enum_values) return;
        const auto& allowed = *n.enum_values;
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
        sink_.add(at, [&] { return allowed.size() == 1 ? must_be(allowed[0]) : must_be_one_of(allowed); });
    }

    static Message must_be(const json& value) {
        return msg("schema.must-be", "must be {value}", {{"value", detail::quote(value)}});
    }

    // The first values allowed, written as JSON; the count of all when there are more.
    static Message must_be_one_of(const std::vector<json>& values) {
        constexpr std::size_t kShown = 10;
        std::string shown;
        for (std::size_t i = 0; i < values.size() && i < kShown; ++i) {
            if (i > 0) shown += ", ";
            shown += detail::quote(values[i]);
        }
        if (values.size() <= kShown)
            return msg("schema.must-be-one-of", "must be one of {values}", {{"values", shown}});
        return msg("schema.must-be-one-of-many", "must be one of {values}, … ({count} values)",
                   {{"values", shown}, {"count", values.size()}});
    }

    void check_child(NodeId id, const json& value, const Step& at, std::size_t frames) {
        if (at.depth > kMaxDataDepth) {
            sink_.add(at, [] {
                return msg("schema.data-too-deep", "nested more than {max} levels deep; not checked further",
                           {{"max", kMaxDataDepth}});
            });
            return;
        }
        check(id, value, at, frames + 1);
    }

    bool rejects_everything(NodeId id) const {
        const auto& accepts = schema_.nodes[id].accepts_all;
        return accepts && !*accepts;
    }

    void check_object(const Node& n, const json& value, const Step& at, std::size_t frames) {
        for (const auto& name : n.required)
            if (!value.contains(name))
                sink_.add(at, [&] {
                    return msg("schema.missing-required", "missing required field {name}",
                               {{"name", detail::quote(json(name))}});
                });
        if (n.properties.empty() && n.pattern_properties.empty() && n.additional_properties == kNoNode) return;
        std::size_t position = 0;
        for (auto member = value.begin(); member != value.end() && !sink_.full(); ++member, ++position) {
            Step child = at.child_key(member.key(), position);
            bool described = false;
            if (auto found = n.properties.find(member.key()); found != n.properties.end()) {
                described = true;
                check_child(found->second, member.value(), child, frames);
            }
            if (!n.pattern_properties.empty()) {
                std::wstring key = detail::to_utf32(member.key());
                for (const auto& [pattern, schema] : n.pattern_properties) {
                    if (!std::regex_search(key, pattern.regex)) continue;
                    described = true;
                    check_child(schema, member.value(), child, frames);
                }
            }
            if (described || n.additional_properties == kNoNode) continue;
            if (rejects_everything(n.additional_properties))
                sink_.add(child, [&] {
                    return msg("schema.unexpected-field", "unexpected field {name} (check its spelling)",
                               {{"name", detail::quote(json(member.key()))}});
                });
            else
                check_child(n.additional_properties, member.value(), child, frames);
        }
    }

    void check_array(const Node& n, const json& value, const Step& at, std::size_t frames) {
        std::size_t size = value.size();
        if (n.min_items && size < *n.min_items)
            sink_.add(at, [&] {
                return msg_n("schema.min-items", "must have at least {count} item, found {found}",
                             "must have at least {count} items, found {found}", *n.min_items, {{"found", size}});
            });
        if (n.max_items && size > *n.max_items)
            sink_.add(at, [&] {
                return msg_n("schema.max-items", "must have at most {count} item, found {found}",
                             "must have at most {count} items, found {found}", *n.max_items, {{"found", size}});
            });
        for (std::size_t i = 0; i < size && !sink_.full(); ++i) {
            NodeId schema = i < n.prefix_items.size() ? n.prefix_items[i] : n.items;
            if (schema == kNoNode) continue;
            Step child = at.child_index(i);
            if (i >= n.prefix_items.size() && rejects_everything(schema))
                sink_.add(child, [&] {
                    return msg_n("schema.unexpected-item", "unexpected item: this list takes at most {count} item",
                                 "unexpected item: this list takes at most {count} items", n.prefix_items.size());
                });
            else
                check_child(schema, value[i], child, frames);
        }
        if (n.unique_items) check_unique(value, at);
    }

    // Quadratic, which is fine for the lists of a document (tens of items).
    void check_unique(const json& value, const Step& at) {
        for (std::size_t j = 1; j < value.size() && !sink_.full(); ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                if (value[i] != value[j]) continue;
                sink_.add(at.child_index(j), [&] {
                    return msg("schema.repeated-item", "repeats item [{index}]; the items of this list must all differ",
                               {{"index", i}});
                });
                break;
            }
        }
    }

    void check_string(const Node& n, const std::string& text, const Step& at) {
        if (n.min_length || n.max_length) {
            std::size_t length = detail::count_code_points(text);
            if (n.min_length && length < *n.min_length)
                sink_.add(at, [&] {
                    return msg_n("schema.min-length", "must be at least {count} character long, found {found}",
                                 "must be at least {count} characters long, found {found}", *n.min_length,
                                 {{"found", length}});
                });
            if (n.max_length && length > *n.max_length)
                sink_.add(at, [&] {
                    return msg_n("schema.max-length", "must be at most {count} character long, found {found}",
                                 "must be at most {count} characters long, found {found}", *n.max_length,
                                 {{"found", length}});
                });
        }
        if (n.pattern) check_pattern(*n.pattern, n.pattern_message, text, at);
        if (n.format == detail::Format::date) check_date(text, at);
        if (n.format == detail::Format::date_time && !detail::is_date_time(text))
            sink_.add(at, [&] {
                return msg("schema.not-date-time",
                           "{value} is not a date and time (YYYY-MM-DDThh:mm:ss with a time zone, e.g. "
                           "2024-03-25T08:30:00+07:00)",
                           {{"value", detail::quote(json(text))}});
            });
    }

    void check_pattern(const detail::Pattern& pattern, const std::optional<Message>& meaning, const std::string& text,
                       const Step& at) {
        if (detail::count_code_points(text) > kMaxPatternInput) {
            sink_.add(at, [&] {
                return msg("schema.too-long-for-pattern",
                           "is too long to check against the pattern {pattern} (more than {max} characters)",
                           {{"pattern", pattern.source}, {"max", kMaxPatternInput}});
            });
            return;
        }
        bool found = false;
        try {
            found = std::regex_search(detail::to_utf32(text), pattern.regex);
        } catch (const std::regex_error&) {
            sink_.add(at, [&] {
                return msg("schema.pattern-too-complex",
                           "could not be checked against the pattern {pattern} (too complex)",
                           {{"pattern", pattern.source}});
            });
            return;
        }
        if (found) return;
        if (meaning)
            sink_.add(at, [&] {
                return msg("schema.pattern-mismatch-explained", "{value} does not have the expected form: {meaning}",
                           {{"value", detail::quote(json(text))}, {"meaning", *meaning}});
            });
        else
            sink_.add(at, [&] {
                return msg("schema.pattern-mismatch", "{value} does not have the expected form (pattern {pattern})",
                           {{"value", detail::quote(json(text))}, {"pattern", pattern.source}});
            });
    }

    void check_date(const std::string& text, const Step& at) {
        const auto value = [&] { return MessageArg("value", detail::quote(json(text))); };
        switch (detail::check_date(text)) {
        case detail::DateCheck::ok: return;
        case detail::DateCheck::bad_shape:
            sink_.add(at, [&] { return msg("schema.not-date", "{value} is not a date (YYYY-MM-DD)", {value()}); });
            return;
        case detail::DateCheck::bad_month:
            sink_.add(at, [&] {
                return msg("schema.no-such-month", "{value} is not a date: there is no month {month}",
                           {value(), {"month", text.substr(5, 2)}});
            });
            return;
        case detail::DateCheck::bad_day: {
            int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2));
            sink_.add(at, [&] {
                return msg("schema.no-such-day", "{value} is not a date: {month} {year} has {days} days",
                           {value(),
                            {"month", detail::month_name(month)},
                            {"year", year},
                            {"days", detail::days_in_month(year, month)}});
            });
            return;
        }
        }
    }

    void check_number(const Node& n, const json& value, const Step& at) {
        const auto args = [&](const json& limit) {
            return std::vector<MessageArg>{{"limit", limit.dump()}, {"found", value.dump()}};
        };
        if (n.minimum && compare_numbers(value, *n.minimum) < 0)
            sink_.add(at, [&] {
                return msg("schema.minimum", "must be at least {limit}, found {found}", args(*n.minimum));
            });
        if (n.maximum && compare_numbers(value, *n.maximum) > 0)
            sink_.add(at, [&] {
                return msg("schema.maximum", "must be at most {limit}, found {found}", args(*n.maximum));
            });
        if (n.exclusive_minimum && compare_numbers(value, *n.exclusive_minimum) <= 0)
            sink_.add(at, [&] {
                return msg("schema.exclusive-minimum", "must be greater than {limit}, found {found}",
                           args(*n.exclusive_minimum));
            });
        if (n.exclusive_maximum && compare_numbers(value, *n.exclusive_maximum) >= 0)
            sink_.add(at, [&] {
                return msg("schema.exclusive-maximum", "must be less than {limit}, found {found}",
                           args(*n.exclusive_maximum));
            });
        if (n.multiple_of && !is_multiple_of(value, *n.multiple_of))
            sink_.add(at, [&] {
                return msg("schema.multiple-of", "must be a multiple of {limit}, found {found}", args(*n.multiple_of));
            });
    }

    void check_applicators(const Node& n, const json& value, const Step& at, std::size_t frames) {
        for (NodeId branch : n.all_of) check(branch, value, at, frames + 1);
        if (!n.any_of.empty()) check_any_of(n.any_of, value, at, frames);
        if (!n.one_of.empty()) check_one_of(n.one_of, value, at, frames);
        if (n.not_schema != kNoNode && matches(n.not_schema, value, at, frames)) {
            const std::string& title = schema_.nodes[n.not_schema].title;
            sink_.add(at, [&] {
                if (title.empty())
                    return msg("schema.excluded-form", "is not allowed here: it has a form the template excludes");
                return msg("schema.excluded-named-form",
                           "is not allowed here: it has a form the template excludes ({title})",
                           {{"title", detail::quote(json(title))}});
            });
        }
        if (n.if_schema != kNoNode) {
            NodeId branch = matches(n.if_schema, value, at, frames) ? n.then_schema : n.else_schema;
            if (branch != kNoNode) check(branch, value, at, frames + 1);
        }
        if (n.ref != kNoNode) check(n.ref, value, at, frames + 1);
    }

    // anyOf and oneOf failures are summarised rather than listing every branch's problems,
    // except that when the branches differ by type and the value's type fits exactly one,
    // that branch's problems are the useful ones ("a string, or an object with a name": the
    // object lacks its name).
    void report_no_match(const std::vector<NodeId>& branches, const json& value, const Step& at, std::size_t frames) {
        if (!sink_.recording()) {
            sink_.add(at, [] { return Message(); }); // a probe: no message is made
            return;
        }
        // Only when every branch says its type can the type tell which form was meant.
        unsigned all_types = 0;
        bool all_typed = true;
        std::vector<NodeId> fitting;
        for (NodeId branch : branches) {
            unsigned types = schema_.nodes[branch].types;
            all_types |= types;
            all_typed = all_typed && types != 0;
            if (types != 0 && has_type(value, types)) fitting.push_back(branch);
        }
        if (all_typed && fitting.empty()) {
            sink_.add(at, [&] { return type_message(all_types, value); });
        } else if (all_typed && fitting.size() == 1) {
            check(fitting[0], value, at, frames + 1);
        } else {
            std::string names;
            for (NodeId branch : branches) {
                if (schema_.nodes[branch].title.empty()) {
                    names.clear();
                    break;
                }
                names += (names.empty() ? "" : ", ") + detail::quote(json(schema_.nodes[branch].title));
            }
            sink_.add(at, [&] {
                if (names.empty()) return msg("schema.no-form-matches", "does not match any of the allowed forms");
                return msg("schema.no-named-form-matches", "does not match any of the allowed forms: {forms}",
                           {{"forms", names}});
            });
        }
    }

    void check_any_of(const std::vector<NodeId>& branches, const json& value, const Step& at, std::size_t frames) {
        for (NodeId branch : branches)
            if (matches(branch, value, at, frames)) return;
        report_no_match(branches, value, at, frames);
    }

    void check_one_of(const std::vector<NodeId>& branches, const json& value, const Step& at, std::size_t frames) {
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < branches.size() && matched.size() < 2; ++i)
            if (matches(branches[i], value, at, frames)) matched.push_back(i);
        if (matched.empty()) return report_no_match(branches, value, at, frames);
        if (matched.size() == 1) return;
        sink_.add(at, [&] {
            return msg("schema.several-forms-match",
                       "matches more than one of the allowed forms ({first} and {second}); it must match exactly one",
                       {{"first", form_name(branches, matched[0])}, {"second", form_name(branches, matched[1])}});
        });
    }

    // A form's title, or its number ("form 2").
    Message form_name(const std::vector<NodeId>& branches, std::size_t i) const {
        const std::string& title = schema_.nodes[branches[i]].title;
        if (title.empty()) return msg("schema.form-number", "form {number}", {{"number", i + 1}});
        return Message::verbatim(detail::quote(json(title)));
    }

    const CompiledSchema& schema_;
    Sink& sink_;
};

} // namespace

std::vector<Problem> Schema::validate(const json& data, std::size_t max_problems) const {
    if (max_problems == 0) return {};
    Sink sink(max_problems, true);
    Step root;
    Checker(*compiled_, sink).check(0, data, root, 0);

    auto& found = sink.found();
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.order < b.order; });
    std::vector<Problem> problems;
    for (auto& f : found) {
        // Two schemas can state the same rule (allOf branches): say it once. Problems at one
        // path are next to each other after the sort.
        bool repeated = false;
        for (auto p = problems.rbegin(); p != problems.rend() && p->json_path == f.problem.json_path; ++p)
            repeated = repeated || p->message == f.problem.message;
        if (!repeated) problems.push_back(std::move(f.problem));
    }
    return problems;
}

} // namespace vanban::schema
