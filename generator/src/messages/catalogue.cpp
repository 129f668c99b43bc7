#include "messages/catalogue.hpp"

#include <cstring>
#include <stdexcept>

namespace vanban::messages {

// The bytes of the compiled catalogues (generated from generator/po at build time).
extern const unsigned char vi_mo[];
extern const std::size_t vi_mo_size;

namespace {

constexpr std::uint32_t mo_magic = 0x950412de;

std::uint32_t swap_bytes(std::uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

const MoCatalogue& vietnamese() {
    static const MoCatalogue catalogue(std::string_view(reinterpret_cast<const char*>(vi_mo), vi_mo_size));
    return catalogue;
}

} // namespace

// The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a header of 32-bit
// words — magic, revision, N, offset of the msgid table, offset of the msgstr table — then
// two tables of N (length, offset) pairs, the msgids sorted by byte value.
MoCatalogue::MoCatalogue(std::string_view bytes) : bytes_(bytes) {
    if (bytes_.size() < 20) throw std::runtime_error("translation catalogue: too short");
    std::uint32_t magic;
    std::memcpy(&magic, bytes_.data(), 4);
    if (magic == swap_bytes(mo_magic)) swapped_ = true;
    else if (magic != mo_magic) throw std::runtime_error("translation catalogue: not a .mo file");
    count_ = word(8);
    originals_ = word(12);
    translations_ = word(16);
    const std::size_t tables_end = std::max<std::size_t>(originals_, translations_) + 8 * count_;
    if (tables_end > bytes_.size()) throw std::runtime_error("translation catalogue: truncated");
    for (std::size_t i = 0; i < count_; ++i) {
        string_at(originals_, i); // throws when out of bounds, so that find() never does
        string_at(translations_, i);
    }
}

std::uint32_t MoCatalogue::word(std::size_t offset) const {
    std::uint32_t v;
    std::memcpy(&v, bytes_.data() + offset, 4);
    return swapped_ ? swap_bytes(v) : v;
}

std::string_view MoCatalogue::string_at(std::uint32_t table, std::size_t index) const {
    const std::uint32_t length = word(table + 8 * index);
    const std::uint32_t offset = word(table + 8 * index + 4);
    if (std::size_t(offset) + length > bytes_.size()) throw std::runtime_error("translation catalogue: truncated");
    return bytes_.substr(offset, length);
}

std::optional<std::string_view> MoCatalogue::find(std::string_view key) const {
    // Binary search over the sorted msgids. A plural entry's msgid is "singular\0plural":
    // the key (the singular) matches its first part.
    std::size_t low = 0, high = count_;
    while (low < high) {
        const std::size_t middle = (low + high) / 2;
        std::string_view original = string_at(originals_, middle);
        const std::string_view first = original.substr(0, original.find('\0'));
        const int order = first.compare(key);
        if (order == 0) return string_at(translations_, middle);
        if (order < 0) low = middle + 1;
        else high = middle;
    }
    return std::nullopt;
}

const MoCatalogue* catalogue(Language language) { return language == Language::vi ? &vietnamese() : nullptr; }

std::optional<std::string_view> translate(Language language, std::string_view code, std::string_view english,
                                          unsigned form) {
    if (language != Language::vi) return std::nullopt;
    std::string key;
    key.reserve(code.size() + 1 + english.size());
    key.append(code).push_back('\x04');
    key.append(english);
    std::optional<std::string_view> found = vietnamese().find(key);
    if (!found || found->empty()) return std::nullopt;
    // Plural forms are separated by NUL bytes.
    std::string_view forms = *found;
    for (unsigned i = 0; i < form; ++i) {
        const auto end = forms.find('\0');
        if (end == std::string_view::npos) break;
        forms.remove_prefix(end + 1);
    }
    return forms.substr(0, forms.find('\0'));
}

} // namespace vanban::messages
