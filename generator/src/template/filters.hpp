// The filter table: `value | name(arguments)`. A static, constant table; the parser looks
// each filter up once and the tree keeps a pointer to its entry.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "template/value.hpp"
#include "vanban/error.hpp"

namespace vanban::tmpl {

// What a filter may ask of the evaluator that runs it.
class FilterCall {
public:
    virtual ~FilterCall() = default;
    // Reports that the filter cannot work on `about` (its input or an argument): throws
    // the error the evaluator makes of it, with the filter's position and, when `about`
    // came from the data, its JSON path.
    [[noreturn]] void fail(const Value& about, Message message, Message hint = {}) const {
        throw Failure(error_about(about, std::move(message), std::move(hint)));
    }
    // object.name, with the evaluator's rules (a missing field is an error naming its path).
    virtual Value field(const Value& object, std::string_view name) const = 0;
    // Text a filter builds may not grow beyond this (Limits::max_output_bytes).
    virtual std::size_t max_text_bytes() const = 0;
    // The name of the filter being applied, for messages.
    virtual std::string_view filter_name() const = 0;

protected:
    virtual Error error_about(const Value& about, Message message, Message hint) const = 0;
};

using FilterFunction = Value (*)(const FilterCall& call, const Value& input, std::span<const Value> args);

struct FilterDef {
    std::string_view name;
    std::uint8_t min_args = 0;
    std::uint8_t max_args = 0;
    bool accepts_missing = false; // only `default` may receive a missing field
    FilterFunction apply = nullptr;
};

// The filter called `name`, or nullptr.
const FilterDef* find_filter(std::string_view name);

} // namespace vanban::tmpl
