#include "template/filters.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "text/utf8.hpp"
#include "text/vietnamese.hpp"

namespace vanban::tmpl {

namespace {

using Args = std::span<const Value>;

// "text \"abc\"", "the number 5", "a list": how a value is named in messages.
Message describe(const Value& value) {
    if (value.has_text()) {
        std::string_view text = value.as_text();
        constexpr std::size_t shown = 40;
        if (text.size() <= shown) return msg("template.value-text", "text \"{text}\"", {{"text", text}});
        std::size_t cut = shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // whole code points
        return msg("template.value-text-start", "text \"{text}…\"", {{"text", text.substr(0, cut)}});
    }
    if (value.is_number()) {
        std::string number;
        if (value.type() == Value::Type::integer) append_number(number, value.as_integer());
        else append_number(number, value.as_double());
        return msg("template.value-number", "the number {number}", {{"number", number}});
    }
    if (value.type() == Value::Type::boolean) return Message::verbatim(value.as_bool() ? "true" : "false");
    return value.type_name();
}

// The filter cannot use `about`: it needs `what` ("a whole number from 1 to 3999").
[[noreturn]] void needs(const FilterCall& call, const Value& about, Message what, Message hint = {}) {
    call.fail(about,
              msg("template.filter-needs", "the filter '{name}' needs {what}, not {found}",
                  {{"name", call.filter_name()}, {"what", std::move(what)}, {"found", describe(about)}}),
              std::move(hint));
}

Message a_number() { return Value::type_name(Value::Type::number); }
Message a_whole_number() { return msg("template.needs-whole-number", "a whole number"); }

double need_number(const FilterCall& call, const Value& value) {
    if (value.is_number() && std::isfinite(value.as_double())) return value.as_double();
    if (value.is_number()) needs(call, value, msg("template.needs-finite-number", "a finite number"));
    if (value.has_text()) needs(call, value, a_number(), msg("template.hint-float", "convert text with | float"));
    needs(call, value, a_number());
}

// Whole numbers may also be written as doubles ("2.0"), as `round` returns them.
std::int64_t need_whole(const FilterCall& call, const Value& value) {
    if (value.type() == Value::Type::integer) return value.as_integer();
    if (value.type() == Value::Type::number) {
        double x = value.as_double();
        if (std::trunc(x) == x && std::abs(x) < 9.0e18) return std::int64_t(x);
    }
    if (value.has_text()) needs(call, value, a_whole_number(), msg("template.hint-int", "convert text with | int"));
    needs(call, value, a_whole_number());
}

int need_decimals(const FilterCall& call, const Value& value) {
    std::int64_t decimals = need_whole(call, value);
    if (decimals < 0 || decimals > 15)
        needs(call, value, msg("template.needs-decimals", "a number of decimals from 0 to 15"));
    return int(decimals);
}

// Text, or a number written as the template prints it.
std::string_view need_text(const FilterCall& call, const Value& value, std::string& buffer) {
    if (value.has_text()) return value.as_text();
    buffer.clear();
    if (value.type() == Value::Type::integer) append_number(buffer, value.as_integer());
    else if (value.type() == Value::Type::number) append_number(buffer, value.as_double());
    else needs(call, value, Value::type_name(Value::Type::string));
    return buffer;
}

const Value& need_list(const FilterCall& call, const Value& value) {
    if (!value.is_list()) needs(call, value, Value::type_name(Value::Type::list));
    return value;
}

Value checked_text(const FilterCall& call, const Value& about, std::string text) {
    if (text.size() > call.max_text_bytes())
        call.fail(about,
                  msg("template.filter-text-too-large", "the filter '{name}' makes a text larger than {limit} bytes",
                      {{"name", call.filter_name()}, {"limit", call.max_text_bytes()}}));
    return Value::owned_text(std::move(text));
}

// ---------------------------------------------------------------- text

Value upper(const FilterCall& call, const Value& input, Args) {
    std::string buffer;
    return Value::owned_text(text::to_upper(need_text(call, input, buffer)));
}

Value lower(const FilterCall& call, const Value& input, Args) {
    std::string buffer;
    return Value::owned_text(text::to_lower(need_text(call, input, buffer)));
}

Value capitalize(const FilterCall& call, const Value& input, Args) {
    std::string buffer;
    return Value::owned_text(text::capitalize_first(need_text(call, input, buffer)));
}

// White space at either end: ASCII white space, no-break spaces (U+00A0, U+202F) and the
// ideographic space (U+3000), which pasted Word text often carries.
std::size_t white_prefix(std::string_view s) {
    std::size_t i = 0;
    for (;;) {
        std::string_view rest = s.substr(i);
        if (!rest.empty() && (rest[0] == ' ' || (rest[0] >= '\t' && rest[0] <= '\r'))) i += 1;
        else if (rest.starts_with("\xC2\xA0")) i += 2;
        else if (rest.starts_with("\xE2\x80\xAF") || rest.starts_with("\xE3\x80\x80")) i += 3;
        else return i;
    }
}

std::size_t white_suffix(std::string_view s) {
    std::size_t n = 0;
    for (;;) {
        std::string_view rest = s.substr(0, s.size() - n);
        if (!rest.empty() && (rest.back() == ' ' || (rest.back() >= '\t' && rest.back() <= '\r'))) n += 1;
        else if (rest.ends_with("\xC2\xA0")) n += 2;
        else if (rest.ends_with("\xE2\x80\xAF") || rest.ends_with("\xE3\x80\x80")) n += 3;
        else return n;
    }
}

Value trim(const FilterCall& call, const Value& input, Args) {
    std::string buffer;
    std::string_view text = need_text(call, input, buffer);
    if (!input.has_text()) return Value::owned_text(std::string(text)); // a number has no white space
    text.remove_prefix(white_prefix(text));
    text.remove_suffix(white_suffix(text));
    return Value::text_within(input, text); // shares the input's storage
}

Value string(const FilterCall& call, const Value& input, Args) {
    if (input.has_text()) return Value::text_within(input, input.as_text());
    if (input.type() == Value::Type::boolean) return Value::text(input.as_bool() ? "true" : "false");
    std::string buffer;
    return Value::owned_text(std::string(need_text(call, input, buffer)));
}

// ---------------------------------------------------------------- dates and Vietnamese numbering

Value date(const FilterCall& call, const Value& input, Args args) {
    const auto a_date = [] { return msg("template.needs-date", "a date written YYYY-MM-DD"); };
    if (!input.has_text()) needs(call, input, a_date());
    std::optional<text::Date> parsed = text::parse_iso_date(input.as_text());
    if (!parsed) needs(call, input, a_date());
    if (args.empty()) return Value::owned_text(text::format_date(*parsed));
    if (!args[0].has_text())
        needs(call, args[0], msg("template.needs-date-pattern", "a pattern such as \"DD/MM/YYYY\""));
    return checked_text(call, args[0], text::format_date(*parsed, args[0].as_text()));
}

Value roman(const FilterCall& call, const Value& input, Args) {
    std::optional<std::string> numeral = text::to_roman(long(need_whole(call, input)));
    if (!numeral) needs(call, input, msg("template.needs-roman-range", "a whole number from 1 to 3999"));
    return Value::owned_text(std::move(*numeral));
}

Value letter(const FilterCall& call, const Value& input, Args) {
    std::int64_t n = need_whole(call, input);
    std::optional<std::string> letters = n >= 1 && n <= 1'000'000 ? text::point_letter(long(n)) : std::nullopt;
    if (!letters) needs(call, input, msg("template.needs-positive-whole", "a whole number from 1"));
    return Value::owned_text(std::move(*letters));
}

// The label of item `n` in a numbering style: "I" Roman, "A" capital letter, "a" point letter
// (a b c d đ e …), "1" Arabic, "1.1" the parent's label then "." and this one ("2.3"), each
// followed by its punctuation ("I-" -> "III-", "a)" -> "c)", "1.1." -> "2.3."). Any other
// style ("-", "+", "•", "") is printed as it is. The parent's label loses its own
// punctuation and spaces at its end first: parent "2-" and style "1.1-" give "2.3-".
std::optional<std::string> numbering_label(std::int64_t n, std::string_view style, std::string_view parent) {
    std::string_view kind = style;
    std::string_view punctuation;
    if (!kind.empty() && (kind.back() == '-' || kind.back() == '.' || kind.back() == ')')) {
        punctuation = kind.substr(kind.size() - 1);
        kind.remove_suffix(1);
    }
    std::optional<std::string> number;
    if (kind == "I") number = text::to_roman(long(n));
    else if (kind == "A") number = n >= 1 && n <= 1'000'000 ? text::point_letter(long(n)) : std::nullopt;
    else if (kind == "a") number = n >= 1 && n <= 1'000'000 ? text::point_letter(long(n)) : std::nullopt;
    else if (kind == "1" || kind == "1.1") number = std::to_string(n);
    else return std::string(style); // a mark, printed as it is
    if (!number) return std::nullopt;
    if (kind == "A") *number = text::to_upper(*number);
    if (kind == "1.1") {
        while (!parent.empty() && std::string_view("-.) ").find(parent.back()) != std::string_view::npos)
            parent.remove_suffix(1);
        if (!parent.empty()) *number = std::string(parent) + "." + *number;
    }
    return *number + std::string(punctuation);
}

Value numbering(const FilterCall& call, const Value& input, Args args) {
    const std::int64_t n = need_whole(call, input);
    std::string style_buffer, parent_buffer;
    const std::string_view style = need_text(call, args[0], style_buffer);
    const std::string_view parent = args.size() > 1 ? need_text(call, args[1], parent_buffer) : std::string_view();
    std::optional<std::string> label = numbering_label(n, style, parent);
    if (!label) needs(call, input, msg("template.needs-numbering-number", "a whole number from 1 (to 3999 for Roman numerals)"));
    return checked_text(call, args.size() > 1 ? args[1] : input, std::move(*label));
}

Value number(const FilterCall& call, const Value& input, Args args) {
    double value = need_number(call, input);
    int decimals = args.empty() ? -1 : need_decimals(call, args[0]);
    return Value::owned_text(text::format_number(value, decimals));
}

Value percent(const FilterCall& call, const Value& input, Args args) {
    double ratio = need_number(call, input);
    int decimals = args.empty() ? 1 : need_decimals(call, args[0]);
    return Value::owned_text(text::format_percent(ratio, decimals));
}

// ---------------------------------------------------------------- lists

Value join(const FilterCall& call, const Value& input, Args args) {
    const Value& list = need_list(call, input);
    std::string_view separator;
    std::string separator_buffer, item_buffer;
    if (!args.empty()) separator = need_text(call, args[0], separator_buffer);
    std::string joined;
    for (std::size_t i = 0; i < list.size(); ++i) {
        Value item = list.item(i);
        if (i > 0) joined += separator;
        if (item.type() == Value::Type::boolean) joined += item.as_bool() ? "true" : "false";
        else joined += need_text(call, item, item_buffer);
        if (joined.size() > call.max_text_bytes()) return checked_text(call, input, std::move(joined));
    }
    return Value::owned_text(std::move(joined));
}

Value length(const FilterCall& call, const Value& input, Args) {
    if (input.is_list() || input.type() == Value::Type::object) return Value::integer(std::int64_t(input.size()));
    if (input.has_text()) return Value::integer(std::int64_t(text::count_code_points(input.as_text())));
    needs(call, input, msg("template.needs-list-object-or-text", "a list, an object or text"));
}

Value sum(const FilterCall& call, const Value& input, Args args) {
    const Value& list = need_list(call, input);
    std::string field_buffer;
    std::string_view field;
    if (!args.empty()) {
        if (!args[0].has_text()) needs(call, args[0], msg("template.needs-field-name", "the name of a field"));
        field = args[0].as_text();
    }
    std::int64_t whole = 0;
    double total = 0;
    bool integers = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
        Value item = args.empty() ? list.item(i) : call.field(list.item(i), field);
        if (!item.is_number()) needs(call, item, msg("template.needs-numbers-to-add", "numbers to add"));
        if (integers && item.type() == Value::Type::integer &&
            !__builtin_add_overflow(whole, item.as_integer(), &whole))
            continue;
        if (integers) total = double(whole);
        integers = false;
        total += item.as_double();
    }
    return integers ? Value::integer(whole) : Value::number(total);
}

// The smallest / largest number of a list: [depth, 4] | min. An empty list has none.
Value extreme(const FilterCall& call, const Value& input, bool smallest) {
    const Value& list = need_list(call, input);
    if (list.size() == 0) needs(call, input, msg("template.needs-nonempty-list", "a list with at least one number"));
    Value best = list.item(0);
    need_number(call, best);
    for (std::size_t i = 1; i < list.size(); ++i) {
        Value item = list.item(i);
        const double x = need_number(call, item);
        if (smallest ? x < best.as_double() : x > best.as_double()) best = item;
    }
    return best;
}

Value min(const FilterCall& call, const Value& input, Args) { return extreme(call, input, true); }
Value max(const FilterCall& call, const Value& input, Args) { return extreme(call, input, false); }

// An empty list has no first item: the result is a missing field ("plan.tasks[0]"), so
// that `| first | default(…)` works and printing it names the path.
Value first(const FilterCall& call, const Value& input, Args) {
    const Value& list = need_list(call, input);
    if (list.size() == 0) return Value::missing_index(list.json(), 0);
    return list.item(0);
}

Value last(const FilterCall& call, const Value& input, Args) {
    const Value& list = need_list(call, input);
    if (list.size() == 0) return Value::missing_index(list.json(), -1);
    return list.item(list.size() - 1);
}

Value default_(const FilterCall&, const Value& input, Args args) {
    if (input.is_defined() && input.type() != Value::Type::none) return input;
    return args.empty() ? Value::text("") : args[0];
}

// ---------------------------------------------------------------- numbers and conversions

// Rounds half away from zero on the number's shortest decimal form, so that 2.345 rounds
// to 2.35 as a person expects, although the double nearest 2.345 is slightly below it.
double round_decimal(double x, int decimals) {
    if (!std::isfinite(x)) return x;
    char buffer[400];
    auto written = std::to_chars(buffer, buffer + sizeof buffer, std::abs(x), std::chars_format::fixed);
    std::string digits(buffer, written.ptr);
    std::size_t dot = digits.find('.');
    if (dot == std::string::npos || digits.size() <= dot + 1 + std::size_t(decimals)) return x;
    bool up = digits[dot + 1 + decimals] >= '5';
    digits.resize(decimals == 0 ? dot : dot + 1 + decimals);
    if (up) { // add one in the last kept place, carrying to the left
        std::size_t i = digits.size();
        for (;;) {
            if (i == 0) {
                digits.insert(digits.begin(), '1');
                break;
            }
            --i;
            if (digits[i] == '.') continue;
            if (digits[i] != '9') {
                ++digits[i];
                break;
            }
            digits[i] = '0';
        }
    }
    double result = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), result);
    return x < 0 ? -result : result;
}

Value round(const FilterCall& call, const Value& input, Args args) {
    double value = need_number(call, input);
    int decimals = args.empty() ? 0 : need_decimals(call, args[0]);
    if (input.type() == Value::Type::integer) return input;
    return Value::number(round_decimal(value, decimals));
}

Message a_number_written() { return msg("template.needs-number-text", "a number written like 12 or -3.5"); }
Message a_number_or_text() { return msg("template.needs-number-or-text", "a number, or text holding one"); }

// Reads a whole text as a number the JSON way ("12", "-3.5"), spaces around allowed.
std::optional<double> read_number(std::string_view text, std::optional<std::int64_t>* whole) {
    text.remove_prefix(white_prefix(text));
    text.remove_suffix(white_suffix(text));
    const char* first = text.data();
    const char* last = first + text.size();
    std::int64_t integer = 0;
    auto as_integer = std::from_chars(first, last, integer);
    if (as_integer.ec == std::errc() && as_integer.ptr == last && !text.empty()) {
        if (whole) *whole = integer;
        return double(integer);
    }
    double value = 0;
    auto as_double = std::from_chars(first, last, value, std::chars_format::fixed);
    if (as_double.ec != std::errc() || as_double.ptr != last || text.empty() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

Value to_int(const FilterCall& call, const Value& input, Args) {
    switch (input.type()) {
    case Value::Type::integer: return input;
    case Value::Type::boolean: return Value::integer(input.as_bool() ? 1 : 0);
    case Value::Type::number: {
        double x = std::trunc(input.as_double());
        if (!std::isfinite(x) || std::abs(x) >= 9.2e18)
            needs(call, input, msg("template.needs-number-fitting-whole", "a number that fits a whole number"));
        return Value::integer(std::int64_t(x));
    }
    case Value::Type::string:
    case Value::Type::markup: {
        std::optional<std::int64_t> whole;
        std::optional<double> read = read_number(input.as_text(), &whole);
        if (whole) return Value::integer(*whole);
        if (read && std::abs(*read) < 9.2e18) return Value::integer(std::int64_t(std::trunc(*read)));
        needs(call, input, a_number_written());
    }
    default: needs(call, input, a_number_or_text());
    }
}

Value to_float(const FilterCall& call, const Value& input, Args) {
    if (input.is_number()) return Value::number(input.as_double());
    if (input.type() == Value::Type::boolean) return Value::number(input.as_bool() ? 1 : 0);
    if (input.has_text()) {
        if (std::optional<double> read = read_number(input.as_text(), nullptr)) return Value::number(*read);
        needs(call, input, a_number_written());
    }
    needs(call, input, a_number_or_text());
}

// Looked up once per filter in a template, when it is parsed. Keep in alphabetical order.
constexpr FilterDef filter_table[] = {
    {"capitalize", 0, 0, false, capitalize},
    {"date", 0, 1, false, date},
    {"default", 0, 1, true, default_},
    {"first", 0, 0, false, first},
    {"float", 0, 0, false, to_float},
    {"int", 0, 0, false, to_int},
    {"join", 0, 1, false, join},
    {"last", 0, 0, false, last},
    {"length", 0, 0, false, length},
    {"letter", 0, 0, false, letter},
    {"lower", 0, 0, false, lower},
    {"max", 0, 0, false, max},
    {"min", 0, 0, false, min},
    {"number", 0, 1, false, number},
    {"numbering", 1, 2, false, numbering},
    {"percent", 0, 1, false, percent},
    {"roman", 0, 0, false, roman},
    {"round", 0, 1, false, round},
    {"string", 0, 0, false, string},
    {"sum", 0, 1, false, sum},
    {"trim", 0, 0, false, trim},
    {"upper", 0, 0, false, upper},
};

} // namespace

const FilterDef* find_filter(std::string_view name) {
    for (const FilterDef& filter : filter_table)
        if (filter.name == name) return &filter;
    return nullptr;
}

} // namespace vanban::tmpl
