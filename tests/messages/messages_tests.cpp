// Messages in two languages: the catalogue compiled from generator/po/vi.po, arguments,
// plural forms, the choice of language, and the one error format.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <regex>
#include <set>
#include <string>

#include "messages/catalogue.hpp"
#include "vanban/error.hpp"
#include "vanban/message.hpp"

using namespace vanban;

namespace {

// The {name} arguments a text uses.
std::multiset<std::string> arguments_of(std::string_view text) {
    std::multiset<std::string> names;
    static const std::regex argument(R"(\{([A-Za-z0-9_]+)\})");
    const std::string copy(text);
    for (auto it = std::sregex_iterator(copy.begin(), copy.end(), argument); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

// Sets an environment variable for one test and puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) setenv(name_, old_->c_str(), 1);
        else unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

} // namespace

TEST_CASE("a message is its English text in English and the catalogue's in Vietnamese") {
    const Message error = msg("format.error", "error");
    CHECK(error.code() == "format.error");
    CHECK(error.text() == "error");
    CHECK(error.text(Language::vi) == "lỗi");
}

TEST_CASE("arguments fill {name}; other braces are text") {
    const Message m = msg("test.args", "{% for %} in {file} at {{ x }} and {missing}", {{"file", "a.json"}});
    CHECK(m.text() == "{% for %} in a.json at {{ x }} and {missing}");
    CHECK(m.arg("file") == "a.json");
    CHECK(m.arg("missing").empty());
}

TEST_CASE("a message as an argument is translated with the one that holds it") {
    const Message inner = msg("format.error", "error");
    const Message outer = msg("format.record", "record {number}", {{"number", inner}});
    CHECK(outer.text() == "record error");
    CHECK(outer.text(Language::vi) == "bản ghi lỗi");
}

TEST_CASE("msg_n chooses the English form by its count; Vietnamese has one") {
    const auto more = [](unsigned long long n) {
        return msg_n("validation.more-problems", "and {count} more problem: run 'vanban validate' to see all",
                     "and {count} more problems: run 'vanban validate' to see all", n);
    };
    CHECK(more(1).text() == "and 1 more problem: run 'vanban validate' to see all");
    CHECK(more(3).text() == "and 3 more problems: run 'vanban validate' to see all");
    CHECK(more(3).text(Language::vi) == "còn 3 lỗi khác: chạy 'vanban validate' để xem hết");
}

TEST_CASE("a message the catalogue lacks, and a verbatim one, stay English") {
    CHECK(msg("test.not-in-catalogue", "nothing {x}", {{"x", 1}}).text(Language::vi) == "nothing 1");
    const Message outside = Message::verbatim("No space left on device");
    CHECK(outside.code() == "verbatim");
    CHECK(outside.text(Language::vi) == "No space left on device");
}

TEST_CASE("a template's text in both languages is shown as written in each") {
    const Message both = Message::in_both_languages("only the code {x}", "chỉ ghi ký hiệu {x}");
    CHECK(both.code() == "template-text");
    CHECK(both.text() == "only the code {x}");
    CHECK(both.text(Language::vi) == "chỉ ghi ký hiệu {x}");
    const Message held = msg("schema.pattern-mismatch-explained", "{value} does not have the expected form: {meaning}",
                             {{"value", "\"19\""}, {"meaning", both}});
    CHECK(held.text(Language::vi) == "\"19\" không đúng dạng yêu cầu: chỉ ghi ký hiệu {x}");
    CHECK_FALSE(both == Message::in_both_languages("only the code {x}", "khác"));
}

TEST_CASE("every Vietnamese text uses exactly the arguments of its English text") {
    const messages::MoCatalogue* vi = messages::catalogue(Language::vi);
    REQUIRE(vi != nullptr);
    REQUIRE(vi->size() > 1);
    std::size_t checked = 0;
    vi->for_each([&](std::string_view key, std::string_view translation) {
        if (key.empty()) return; // the header
        const std::string_view english = key.substr(key.find('\x04') + 1);
        const std::string_view singular = english.substr(0, english.find('\0'));
        INFO(std::string(key.substr(0, key.find('\x04'))) << ": " << std::string(singular));
        CHECK_FALSE(translation.empty());
        // Plural entries: every form, and the English plural, use the singular's arguments
        // (with {count}).
        std::multiset<std::string> expected = arguments_of(singular);
        if (english.find('\0') != std::string_view::npos) {
            expected = arguments_of(english.substr(english.find('\0') + 1));
        }
        CHECK(arguments_of(translation.substr(0, translation.find('\0'))) == expected);
        ++checked;
    });
    CHECK(checked + 1 == vi->size());
}

TEST_CASE("language names as people and locales write them") {
    CHECK(parse_language("vi") == Language::vi);
    CHECK(parse_language("vi_VN.UTF-8") == Language::vi);
    CHECK(parse_language("VI-vn") == Language::vi);
    CHECK(parse_language("vie") == Language::vi);
    CHECK(parse_language("en_GB.UTF-8@euro") == Language::en);
    CHECK(parse_language("C") == Language::en);
    CHECK(parse_language("C.UTF-8") == Language::en);
    CHECK(parse_language("POSIX") == Language::en);
    CHECK_FALSE(parse_language("fr_FR.UTF-8"));
    CHECK_FALSE(parse_language("view"));
    CHECK_FALSE(parse_language(""));
}

TEST_CASE("the language from the environment: VANBAN_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG") {
    ScopedEnv vanban("VANBAN_LANG", nullptr), language("LANGUAGE", nullptr), all("LC_ALL", nullptr),
        messages("LC_MESSAGES", nullptr), lang("LANG", nullptr);
    CHECK(language_from_environment() == Language::en);
    {
        ScopedEnv set("LANG", "vi_VN.UTF-8");
        CHECK(language_from_environment() == Language::vi);
        ScopedEnv over("LC_MESSAGES", "en_US.UTF-8");
        CHECK(language_from_environment() == Language::en);
        ScopedEnv first("LC_ALL", "vi_VN");
        CHECK(language_from_environment() == Language::vi);
    }
    {
        ScopedEnv set("LANG", "fr_FR.UTF-8");
        CHECK(language_from_environment() == Language::en);
        ScopedEnv list("LANGUAGE", "fr:vi:en");
        CHECK(language_from_environment() == Language::vi);
        ScopedEnv chosen("VANBAN_LANG", "en");
        CHECK(language_from_environment() == Language::en);
    }
    {
        ScopedEnv empty("LC_ALL", "");
        ScopedEnv set("LANG", "vi");
        CHECK(language_from_environment() == Language::vi);
    }
}

TEST_CASE("one error format in both languages, with the hint on its own line") {
    Error error;
    error.kind = ErrorKind::validation;
    error.message = msg("validation.at-path", "{path}: {problem}", {{"path", "header.number"}, {"problem", "x"}});
    error.hint = msg_n("validation.more-problems", "and {count} more problem: run 'vanban validate' to see all",
                       "and {count} more problems: run 'vanban validate' to see all", 2);
    error.where = {"ke-hoach.json", 3, 5};
    error.json_path = "header.number";
    error.record = 7;
    CHECK(error.format() == "record 7: ke-hoach.json:3:5: error: header.number: x\n"
                            "hint: and 2 more problems: run 'vanban validate' to see all");
    CHECK(error.format(Language::vi) == "bản ghi 7: ke-hoach.json:3:5: lỗi: header.number: x\n"
                                        "gợi ý: còn 2 lỗi khác: chạy 'vanban validate' để xem hết");
    const std::string coloured = error.format(Language::en, true);
    CHECK(coloured.find("\033[1;31merror\033[0m") != std::string::npos);
}

TEST_CASE("the .mo reader refuses what is not a catalogue") {
    CHECK_THROWS(messages::MoCatalogue(std::string_view("short")));
    CHECK_THROWS(messages::MoCatalogue(std::string_view("not a .mo file at all, long enough")));
    // A header that points past the end.
    std::string bytes(28, '\0');
    const std::uint32_t magic = 0x950412de, count = 5, originals = 28, translations = 68;
    std::memcpy(bytes.data(), &magic, 4);
    std::memcpy(bytes.data() + 8, &count, 4);
    std::memcpy(bytes.data() + 12, &originals, 4);
    std::memcpy(bytes.data() + 16, &translations, 4);
    CHECK_THROWS(messages::MoCatalogue(bytes));
}
