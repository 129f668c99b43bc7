// Reading the objects of a table or chart from the data: typed fields that name their JSON
// path when they are wrong, and no field left unread (a misspelt "colums" is an error, not
// a setting silently ignored).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/json_path.hpp"
#include "vanban/error.hpp"

namespace vanban::figures {

// Where a value came from: a JSON path, or a CSV file's line (and the JSON path of the
// "csv" field that named the file).
struct Where {
    Where() = default;
    explicit Where(std::string path) : json_path(std::move(path)) {}
    Where(std::string path, std::string csv_file, std::uint32_t csv_line)
        : json_path(std::move(path)), file(std::move(csv_file)), line(csv_line) {}
    std::string json_path;
    std::string file;       // a CSV file; empty for a value of the JSON data
    std::uint32_t line = 0; // its line
};

[[noreturn]] void fail(const Where& where, Message message, Message hint = {}, ErrorKind kind = ErrorKind::data);
[[noreturn]] void fail(const text::JsonPath& path, Message message, Message hint = {});

class Fields {
public:
    // `object` must be a JSON object; `what` names it in the message when it is not
    // ("a table", "a column").
    Fields(const nlohmann::json& object, text::JsonPath path, Message what);

    const text::JsonPath& path() const { return path_; }
    text::JsonPath path(std::string_view key) const { return path_.key(key); }

    // The field, or nullptr; either way the key counts as read.
    const nlohmann::json* find(std::string_view key);
    std::optional<std::string> text(std::string_view key);
    std::optional<bool> flag(std::string_view key);
    std::optional<double> number(std::string_view key);
    std::optional<int> whole(std::string_view key, int min, int max);
    // A text or a list of texts: the lines of a caption or a note.
    std::vector<std::string> lines(std::string_view key);
    // Fails on the first field not read ("$comment" and other "$" keys are notes, never read).
    void finish() const;

private:
    const nlohmann::json& object_;
    text::JsonPath path_;
    Message what_;
    std::vector<std::string_view> read_;
};

} // namespace vanban::figures
