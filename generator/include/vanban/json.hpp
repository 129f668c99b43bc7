// For programs that hold their data as nlohmann::json (docs/embedding.md):
//
//   #include <vanban/json.hpp>
//   nlohmann::json data = …;
//   vanban::RenderResult pdf = vanban::render_json(engine, "ke-hoach", data, vanban::Format::pdf);
//
// Header-only, compiled with the program's own nlohmann/json, whichever version and build
// (JSON_DIAGNOSTICS or not): the data is written out as JSON text and given to the text API
// of vanban/engine.hpp, so nothing of nlohmann crosses into libvanban.so. The installed
// package does not require nlohmann/json; a program that includes this header brings it.
//
// Like the rest of the API, these functions do not throw: what dump() would throw becomes
// the result's error.
//   - A string or key that is not valid UTF-8 (which JSON text cannot hold) is an
//     ErrorKind::data error naming its JSON path, unless RenderOptions::input_encoding names
//     a legacy encoding: then such a string holds raw legacy bytes, and is decoded as in data
//     text (it is passed on as those bytes shown as Latin-1, which the decoding reads back).
//   - Data nested deeper than the library reads (256 levels) is an ErrorKind::limit error,
//     found before dump() would recurse that deep.
// Errors about the data name its JSON path, never a line and column: the text they would
// point into is one the program never saw.
#pragma once

#include <cstddef>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/engine.hpp"

namespace vanban {

namespace json_detail {

// The nesting the library accepts in data (engine/data_reader.hpp, docs/errors.md).
inline constexpr std::size_t max_depth = 256;

// The path of the first array or object nested deeper than max_depth, or nullopt. A walk
// with a stack of its own (the depth is what must not be recursed into) that writes a path
// only for what it reports.
inline std::optional<std::string> too_deep_at(const nlohmann::json& data) {
    if (!data.is_structured()) return std::nullopt;
    struct Open {
        const nlohmann::json* container;
        nlohmann::json::const_iterator next; // the member or item after the one being walked
    };
    std::vector<Open> open{{&data, data.begin()}};
    auto path_of_current = [&open] {
        std::string path;
        for (const Open& level : open) {
            const auto current = std::prev(level.next);
            path = level.container->is_array()
                       ? json_path_item(path, static_cast<std::size_t>(current - level.container->begin()))
                       : json_path_member(path, current.key());
        }
        return path;
    };
    while (!open.empty()) {
        Open& level = open.back();
        if (level.next == level.container->end()) {
            open.pop_back();
            continue;
        }
        const nlohmann::json& value = *level.next++;
        if (!value.is_structured()) continue;
        if (open.size() + 1 > max_depth) return path_of_current();
        open.push_back({&value, value.begin()});
    }
    return std::nullopt;
}

// Whether JSON text can hold `text` (it is valid UTF-8), asked of nlohmann itself.
inline bool writable(const std::string& text) {
    try {
        (void)nlohmann::json(text).dump();
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

// Bytes shown as Latin-1: each byte the code point of its value, written in UTF-8.
inline std::string shown_as_latin1(const std::string& bytes) {
    std::string shown;
    for (const unsigned char byte : bytes) {
        if (byte < 0x80) {
            shown += static_cast<char>(byte);
        } else {
            shown += static_cast<char>(0xC0 | (byte >> 6));
            shown += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return shown;
}

// The first string or key JSON text cannot hold: where it is, and whether it is a key.
struct Unwritable {
    std::string path;
    bool is_key = false;
};

// Replaces every string and key of `value` that is not UTF-8 with its bytes shown as
// Latin-1, noting the first in `first`. Called only after dump() refused the data, which
// too_deep_at() allowed, so the recursion is bounded.
inline void show_unwritable(nlohmann::json& value, const std::string& path, std::optional<Unwritable>& first) {
    if (value.is_string()) {
        std::string& text = value.get_ref<std::string&>();
        if (writable(text)) return;
        if (!first) first = Unwritable{path, false};
        text = shown_as_latin1(text);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) show_unwritable(value[i], json_path_item(path, i), first);
    } else if (value.is_object()) {
        nlohmann::json members = nlohmann::json::object();
        for (auto& [key, member] : value.items()) {
            std::string name = key;
            if (!writable(name)) {
                if (!first) first = Unwritable{path, true}; // a key is told at its object
                name = shown_as_latin1(name);
            }
            show_unwritable(member, json_path_member(path, name), first);
            members[name] = std::move(member);
        }
        value = std::move(members);
    }
}

inline Error data_error(ErrorKind kind, Message message, const std::string& path, const RenderOptions& options) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    error.json_path = path;
    error.where.file = options.data_name;
    return error;
}

// "header.issuer", or "the data" for the whole data: how a message about a place starts.
inline MessageArg where(const std::string& path) {
    if (path.empty()) return MessageArg("where", msg("json.the-data", "the data"));
    return MessageArg("where", path);
}

// Strings that are not UTF-8: refused, or passed on as raw legacy bytes.
inline std::optional<Error> show_or_refuse(nlohmann::json& copy, const RenderOptions& options) {
    std::optional<Unwritable> first;
    show_unwritable(copy, "", first);
    if (!first || options.input_encoding != InputEncoding::utf8) return std::nullopt;
    Error error = data_error(ErrorKind::data,
                             first->is_key ? msg("json.key-not-utf8", "{where}: a key is not valid UTF-8", {where(first->path)})
                                           : msg("json.text-not-utf8", "{where}: the text is not valid UTF-8",
                                                 {where(first->path)}),
                             first->path, options);
    error.hint = msg("json.utf8-hint",
                     "build the data from UTF-8 strings, or give RenderOptions::input_encoding when they hold raw "
                     "legacy bytes (TCVN3, VNI, Windows-1258)");
    return error;
}

// The data as JSON text for the text API, or the error that stops it.
struct DataText {
    std::string text;
    std::optional<Error> error;
};

inline DataText data_text(const nlohmann::json& data, const RenderOptions& options) {
    DataText result;
    try {
        if (std::optional<std::string> path = too_deep_at(data)) {
            result.error = data_error(ErrorKind::limit,
                                      msg("json.too-deep", "{where}: JSON nesting deeper than {limit} levels",
                                          {where(*path), {"limit", max_depth}}),
                                      *path, options);
            return result;
        }
        try {
            result.text = data.dump();
        } catch (const nlohmann::json::type_error&) { // a string that is not UTF-8
            nlohmann::json copy = data;
            result.error = show_or_refuse(copy, options);
            if (!result.error) result.text = copy.dump();
        }
    } catch (const std::bad_alloc&) {
        Error error;
        error.kind = ErrorKind::limit;
        error.message = msg("limit.out-of-memory", "out of memory");
        result.error = std::move(error);
    } catch (const std::exception& e) {
        Error error; // nothing else is known to be thrown: a bug, reported as the library does
        error.kind = ErrorKind::internal;
        error.message = Message::verbatim(e.what());
        result.error = std::move(error);
    }
    return result;
}

// The text's line and column mean nothing to a program that gave JSON values: keep the
// path, drop the place in the text. Template errors keep theirs.
inline void drop_text_place(Error& error, const RenderOptions& options) {
    if (error.where.file != options.data_name) return;
    error.where.line = 0;
    error.where.column = 0;
    error.source_line.clear();
    error.byte_offset = -1;
}

template <class Result>
Result failed(Error error) {
    Result result;
    result.error = std::move(error);
    return result;
}

} // namespace json_detail

// Engine::render for data held as nlohmann::json.
inline RenderResult render_json(const Engine& engine, const std::string& template_name, const nlohmann::json& data,
                                Format format, const RenderOptions& options = {}) {
    json_detail::DataText text = json_detail::data_text(data, options);
    if (text.error) return json_detail::failed<RenderResult>(std::move(*text.error));
    RenderResult result = engine.render(template_name, text.text, format, options);
    json_detail::drop_text_place(result.error, options);
    return result;
}

// Engine::build_model for data held as nlohmann::json.
inline ModelResult build_model_json(const Engine& engine, const std::string& template_name, const nlohmann::json& data,
                                    const RenderOptions& options = {}) {
    json_detail::DataText text = json_detail::data_text(data, options);
    if (text.error) return json_detail::failed<ModelResult>(std::move(*text.error));
    ModelResult result = engine.build_model(template_name, text.text, options);
    json_detail::drop_text_place(result.error, options);
    return result;
}

// Engine::validate for data held as nlohmann::json.
inline ValidationResult validate_json(const Engine& engine, const std::string& template_name,
                                      const nlohmann::json& data, const RenderOptions& options = {}) {
    json_detail::DataText text = json_detail::data_text(data, options);
    if (text.error) return json_detail::failed<ValidationResult>(std::move(*text.error));
    ValidationResult result = engine.validate(template_name, text.text, options);
    json_detail::drop_text_place(result.error, options);
    return result;
}

} // namespace vanban
