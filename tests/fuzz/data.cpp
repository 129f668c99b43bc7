// Fuzz target: the data input of the engine — parse_data (UTF-8 checks, JSON, NFC, the
// depth limit) and read_data (size limits, legacy encodings, the shown-as-Latin-1 warning).
// Input: a data file, read as UTF-8 and as each legacy encoding. Differential: whatever the
// fast reader (simdjson) accepts must be what nlohmann::json::parse gives, types included.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/data_reader.hpp"
#include "engine/json_reader.hpp"
#include "fuzz_support.hpp"
#include "support/json_identical.hpp"
#include "text/utf8.hpp"
#include "vanban/error.hpp"

namespace {

using namespace vanban;

// Small enough that the fuzzer reaches them.
engine::DataLimits fuzz_limits() {
    engine::DataLimits limits;
    limits.max_data_bytes = 64u << 10;
    limits.max_data_string_bytes = 4u << 10;
    limits.max_depth = 32;
    return limits;
}

// What the engine may rely on after reading data: valid UTF-8 in NFC, keys included.
void check_trusted(const nlohmann::json& data) {
    const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    fuzz::check(!text::find_invalid_utf8(text), "data read is valid UTF-8", text);
    fuzz::check(text::is_nfc(text), "data read is NFC", text);
}

void check_fast_reader(std::string_view input) {
    const std::optional<nlohmann::json> fast = engine::read_json_fast(input);
    if (!fast) return;
    nlohmann::json expected;
    try {
        expected = nlohmann::json::parse(input.begin(), input.end());
    } catch (const nlohmann::json::exception& e) {
        fuzz::check(false, "nlohmann reads what the fast reader accepts", e.what());
    }
    fuzz::check(vanban::testing::json_identical(*fast, expected), "the fast reader gives what nlohmann gives", fast->dump());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
    const std::string_view input = fuzz::as_text(bytes, size);
    static const engine::DataLimits limits = fuzz_limits();
    check_fast_reader(input);

    try {
        check_trusted(engine::parse_data(input, "data.json", limits.max_depth));
    } catch (const Failure& failure) {
        const ErrorKind kind = failure.error().kind;
        fuzz::check(kind == ErrorKind::data || kind == ErrorKind::limit, "parse_data fails with a data or limit error",
                    failure.error().message.text());
    }
    for (InputEncoding encoding : {InputEncoding::utf8, InputEncoding::tcvn3, InputEncoding::vni, InputEncoding::cp1258}) {
        std::vector<Warning> warnings;
        try {
            check_trusted(engine::read_data(input, engine::DataSource{"data.json", encoding}, limits, &warnings));
        } catch (const Failure& failure) {
            const ErrorKind kind = failure.error().kind;
            fuzz::check(kind == ErrorKind::data || kind == ErrorKind::limit, "read_data fails with a data or limit error",
                        failure.error().message.text());
        }
    }
    return 0;
}
