// vanban convert: a text or JSON file in a legacy Vietnamese encoding (TCVN3, VNI,
// Windows-1258) to UTF-8 NFC. See docs/legacy-encodings.md.
//
// The input is either raw legacy bytes (it is not valid UTF-8: the whole file is decoded)
// or legacy text shown as Latin-1 and saved as UTF-8 (it is valid UTF-8: each unit — a line
// of text, a string of JSON — whose characters all have a Windows-1252 byte is mapped back
// and decoded; a unit with any other character is already Unicode and is kept).
// JSON keeps its layout: only the string literals are rewritten.
#include <cctype>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "text/legacy.hpp"
#include "text/utf8.hpp"

namespace vanban::cli {

namespace {

// Conversion reads its whole input into memory: a legacy document is far smaller.
constexpr std::size_t max_input_bytes = 256u << 20;

struct ConvertArgs {
    std::string from;
    std::string input;
    std::string output = "-";
    bool upper = false;
    bool json = false;
};

struct Conversion {
    text::LegacyEncoding encoding;
    bool upper;  // upper-case the decoded text (TCVN3 set in the .VnTimeH fonts)
    bool raw;    // the input is raw legacy bytes, already decoded as a whole
};

bool ends_with_json(const std::string& name) {
    if (name.size() < 5) return false;
    std::string ext = name.substr(name.size() - 5);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".json";
}

// One unit of text (a line, a JSON string): decoded unless it is already Unicode, then
// upper-cased when asked. Keys of JSON are decoded but never upper-cased: templates name
// fields by them.
std::string convert_unit(const std::string& unit, const Conversion& c, bool may_upper) {
    std::string result = unit;
    bool legacy = c.raw;
    if (!c.raw) {
        if (std::optional<std::string> decoded = text::decode_shown_as_latin1(unit, c.encoding)) {
            result = std::move(*decoded);
            legacy = true;
        }
    }
    return legacy && c.upper && may_upper ? text::to_upper(result) : result;
}

std::string convert_lines(const std::string& input, const Conversion& c) {
    std::string out;
    out.reserve(input.size() + input.size() / 2);
    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find('\n', start);
        end = end == std::string::npos ? input.size() : end + 1;
        out += convert_unit(input.substr(start, end - start), c, true);
        start = end;
    }
    return out;
}

// The end of the JSON string literal that starts at text[begin] (a '"'), just past its
// closing quote; npos when it does not end.
std::size_t string_literal_end(const std::string& text, std::size_t begin) {
    for (std::size_t i = begin + 1; i < text.size(); ++i) {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') return i + 1;
        else if (text[i] == '\n') return std::string::npos;
    }
    return std::string::npos;
}

bool is_key(const std::string& text, std::size_t after) {
    while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
    return after < text.size() && text[after] == ':';
}

// Rewrites each string literal of the JSON text, keeping everything between them.
std::string convert_json(const std::string& input, const Conversion& c, Message& problem) {
    std::string out;
    out.reserve(input.size() + input.size() / 2);
    std::size_t pos = 0;
    while (pos < input.size()) {
        const std::size_t quote = input.find('"', pos);
        if (quote == std::string::npos) {
            out.append(input, pos, std::string::npos);
            break;
        }
        out.append(input, pos, quote - pos);
        const std::size_t end = string_literal_end(input, quote);
        if (end == std::string::npos) {
            problem = msg("convert.unterminated-string", "a string that does not end, at byte {byte}", {{"byte", quote}});
            return {};
        }
        const std::string literal = input.substr(quote, end - quote);
        const nlohmann::json value = nlohmann::json::parse(literal, nullptr, /*allow_exceptions=*/false);
        if (!value.is_string()) {
            problem = msg("convert.bad-string", "a string that is not valid JSON, at byte {byte}", {{"byte", quote}});
            return {};
        }
        const bool key = is_key(input, end);
        out += nlohmann::json(convert_unit(value.get<std::string>(), c, !key)).dump();
        pos = end;
    }
    if (!nlohmann::json::accept(out)) {
        problem = msg("convert.not-json", "the converted text is not valid JSON");
        return {};
    }
    return out;
}

int run_convert(const ConvertArgs& args) {
    const std::optional<text::LegacyEncoding> encoding = text::parse_legacy_encoding(args.from);
    if (!encoding)
        return report(ErrorKind::usage, msg("convert.unknown-encoding", "unknown encoding '{encoding}' (use tcvn3, vni or cp1258)",
                                            {{"encoding", args.from}}));
    std::string input;
    Message problem;
    if (std::optional<Error> error = read_data_bytes(args.input, max_input_bytes, input)) return report(*error);
    const std::string name = args.input == "-" ? "<stdin>" : args.input;
    if (input.size() > max_input_bytes)
        return report(ErrorKind::limit, msg("convert.too-large", "{file}: larger than {mebibytes} MiB",
                                            {{"file", name}, {"mebibytes", max_input_bytes >> 20}}));

    Conversion conversion{*encoding, args.upper, false};
    const std::string_view body = text::strip_bom(input);
    std::string decoded;
    if (text::find_invalid_utf8(body)) {
        conversion.raw = true;
        try {
            decoded = text::decode_legacy(input, *encoding);
        } catch (Failure& failure) {
            failure.error().where.file = name;
            return report(failure.error());
        }
    } else {
        decoded = std::string(body);
    }
    const bool json = args.json || ends_with_json(args.input);
    std::string output;
    if (json) {
        output = convert_json(decoded, conversion, problem);
        if (!problem.empty()) {
            Error error;
            error.kind = ErrorKind::data;
            error.where.file = name;
            error.message = std::move(problem);
            return report(error);
        }
    } else {
        output = conversion.raw ? (args.upper ? text::to_upper(decoded) : decoded) : convert_lines(decoded, conversion);
    }
    if (std::optional<Error> error = write_all_or_nothing({{args.output, text::to_nfc(output)}})) return report(*error);
    return 0;
}

} // namespace

Command add_convert_command(CLI::App& app) {
    auto args = std::make_shared<ConvertArgs>();
    CLI::App* convert = app.add_subcommand(
        "convert", tr(msg("cli.convert.about", "Convert a text or JSON file from TCVN3, VNI or Windows-1258 to UTF-8")));
    convert->add_option("--from", args->from, tr(msg("cli.convert.from", "The legacy encoding: tcvn3 (ABC), vni or cp1258")))
        ->required();
    convert->add_option("input", args->input,
                        tr(msg("cli.convert.input", "Text or JSON file (JSON when it ends in .json), or - for standard input")))
        ->required();
    convert->add_option("-o,--output", args->output, tr(msg("cli.convert.output", "Output file; default: standard output")));
    convert->add_flag("--upper", args->upper,
                      tr(msg("cli.convert.upper", "Upper-case the converted text (TCVN3 set in the .VnTimeH fonts); JSON "
                                                  "keys stay as they are")));
    convert->add_flag("--json", args->json, tr(msg("cli.convert.json", "Treat the input as JSON whatever its name")));
    convert->footer(tr(msg("cli.convert.footer",
                           "\nThe input may hold raw legacy bytes, or legacy text shown as Latin-1 and saved as UTF-8\n"
                           "(\"§¶ng céng s¶n\" for TCVN3, \"Ñaûng\" for VNI). Lines (or JSON strings) with characters\n"
                           "beyond Windows-1252 are already Unicode and are kept. See docs/legacy-encodings.md.\n"
                           "\nExamples:\n"
                           "  vanban convert --from tcvn3 old-plan.txt -o plan.txt\n"
                           "  vanban convert --from vni plan.json -o plan-utf8.json\n"
                           "  vanban convert --from tcvn3 --upper header.txt   # text in .VnTimeH\n")));
    return {convert, [args] { return run_convert(*args); }};
}

} // namespace vanban::cli
