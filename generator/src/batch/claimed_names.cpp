#include "batch/claimed_names.hpp"

#include <functional>

namespace vanban::batch {

namespace {

std::uint32_t fnv1a_32(std::string_view text) {
    std::uint32_t hash = 2166136261u;
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash;
}

} // namespace

std::size_t ClaimedNames::claim(std::string_view name, std::size_t record) {
    if (4 * (used_ + 1) > 3 * slots_.size()) grow();
    const std::uint64_t first = std::hash<std::string_view>{}(name);
    const std::uint32_t second = fnv1a_32(name) | 1; // never 0, which marks an empty slot
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = first & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.second == 0) {
            slot = Slot{first, second, static_cast<std::uint32_t>(record)};
            ++used_;
            return 0;
        }
        if (slot.first == first && slot.second == second) return slot.record;
    }
}

void ClaimedNames::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.second == 0) continue;
        std::size_t i = slot.first & mask;
        while (slots_[i].second != 0) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

} // namespace vanban::batch
