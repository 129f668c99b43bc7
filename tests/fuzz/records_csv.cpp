// Fuzz target: the batch stage's CSV record reader (header paths, quoting, rows to records)
// and its counting pass. Input: a CSV file.
#include "records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vanban::fuzz::read_all_records(vanban::fuzz::as_text(data, size), vanban::RecordsFormat::csv);
    return 0;
}
