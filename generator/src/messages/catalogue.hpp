// The compiled translation catalogue: GNU gettext's .mo format, made from generator/po/*.po
// by msgfmt at build time and compiled into the library (catalogue_data.cmake).
#pragma once

#include <optional>
#include <string_view>

#include "vanban/message.hpp"

namespace vanban::messages {

// The translation of a catalogue entry (msgctxt `code`, msgid `english`), or nullopt when
// the catalogue of that language has none. English has no catalogue: its text is the msgid.
// For a plural entry, `form` picks the plural form (Vietnamese has one: form 0).
std::optional<std::string_view> translate(Language language, std::string_view code, std::string_view english,
                                          unsigned form = 0);

class MoCatalogue;
// The compiled catalogue of a language; English has none (nullptr).
const MoCatalogue* catalogue(Language language);

// A .mo file read into a table; the bytes must outlive it.
class MoCatalogue {
public:
    // Throws std::runtime_error when the bytes are not a .mo file.
    explicit MoCatalogue(std::string_view bytes);
    // The msgstr of a key ("msgctxt\x04msgid", or the msgid alone), or nullopt.
    std::optional<std::string_view> find(std::string_view key) const;
    std::size_t size() const { return count_; }
    // Every entry: its key and its msgstr (for the tests that check the catalogue).
    template <class Visit>
    void for_each(Visit&& visit) const {
        for (std::size_t i = 0; i < count_; ++i) visit(string_at(originals_, i), string_at(translations_, i));
    }

private:
    std::string_view bytes_;
    std::size_t count_ = 0;
    std::uint32_t originals_ = 0;    // offset of the table of msgids
    std::uint32_t translations_ = 0; // offset of the table of msgstrs
    bool swapped_ = false;           // written on a machine of the other byte order

    std::uint32_t word(std::size_t offset) const;
    std::string_view string_at(std::uint32_t table, std::size_t index) const;
};

} // namespace vanban::messages
