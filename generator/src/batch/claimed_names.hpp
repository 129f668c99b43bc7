// The output names a batch has handed out, to refuse a second record that would write the
// same file. A run must remember every name, so each costs as little as it can: 96 bits of
// two independent hashes and the record number, 16 bytes in an open-addressing table filled
// up to three quarters (about 24 bytes a record, whatever the length of its path). Two
// different names agree on all 96 bits with a probability of about n²/2⁹⁷: for a million
// records, less than one in 10¹⁷.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vanban::batch {

class ClaimedNames {
public:
    // 0 when `name` was free (it is now `record`'s), else the record that has it.
    std::size_t claim(std::string_view name, std::size_t record);

    std::size_t size() const { return used_; }

private:
    struct Slot {
        std::uint64_t first = 0;
        std::uint32_t second = 0; // 0: the slot is empty
        std::uint32_t record = 0;
    };

    void grow();

    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    std::size_t used_ = 0;
};

} // namespace vanban::batch
