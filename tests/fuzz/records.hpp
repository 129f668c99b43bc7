// The body of the two record-reader targets (records_csv.cpp, records_jsonl.cpp).
#pragma once

#include <sstream>
#include <string>

#include "batch/records.hpp"
#include "fuzz_support.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace vanban::fuzz {

// Reads every record of `input` as the batch does, then counts them as the progress pass
// does; for well-formed input the two must agree, and every record read must be an object or carry an error.
inline void read_all_records(std::string_view input, RecordsFormat format) {
    std::size_t read = 0;
    bool complete = true;
    try {
        std::istringstream in{std::string(input)};
        auto reader = batch::read_records(in, format, "records");
        batch::Record record;
        while (reader->next(record)) {
            ++read;
            check(record.number == read, "records are numbered in order");
            if (record.error) {
                complete = false;
                const ErrorKind kind = record.error->kind;
                check(kind == ErrorKind::data || kind == ErrorKind::limit, "a record error is a data or limit error",
                      record.error->message);
                continue;
            }
            check(record.data.is_object(), "a record read without error is an object");
            const std::string text = record.data.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
            check(!text::find_invalid_utf8(text), "records hold valid UTF-8", text);
        }
    } catch (const Failure& failure) {
        // The header or the whole input is refused: nothing to count against.
        const ErrorKind kind = failure.error().kind;
        check(kind == ErrorKind::data || kind == ErrorKind::limit, "the input is refused as data or by a limit",
              failure.error().message.text());
        complete = false;
    }
    std::istringstream again{std::string(input)};
    const std::size_t counted = batch::count_records(again, format);
    // The counting pass is quick and does not look for mistakes: compare only well-formed input.
    if (complete) check(counted == read, "count_records agrees with the records read");
}

} // namespace vanban::fuzz
