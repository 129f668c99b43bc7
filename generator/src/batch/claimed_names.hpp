// The output names a batch has handed out, to refuse a second record that would write the
// same file. A run must remember every name, so each costs as little as it can: 128 bits of
// two independent hashes in an open-addressing table (24 bytes a record, whatever the
// length of its path). Two different names agree on all 128 bits with a probability of
// about n²/2¹²⁹ — for a million records, less than one in 10²⁶.
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
        std::uint64_t first = 0, second = 0; // second == 0: the slot is empty
        std::uint32_t record = 0;
    };

    void grow();

    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    std::size_t used_ = 0;
};

} // namespace vanban::batch
