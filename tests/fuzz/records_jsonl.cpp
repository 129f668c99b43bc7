// Fuzz target: the batch stage's JSON Lines record reader and its counting pass.
// Input: a JSON Lines file.
#include "records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vanban::fuzz::read_all_records(vanban::fuzz::as_text(data, size), vanban::RecordsFormat::json_lines);
    return 0;
}
