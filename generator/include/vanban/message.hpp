// Messages in Vietnamese and English (docs/messages.md).
//
//   throw Failure(ErrorKind::data, msg("data.missing-field", "missing field {path}",
//                                      {{"path", path}}));
//   std::cerr << error.message.text(Language::vi);   // "thiếu trường header.number"
//
// Every message a user reads is made by msg() or msg_n(): a stable code (for programs: it
// never changes when the wording does), the English text with {named} arguments, and the
// arguments. The English text is the msgid of the translation catalogue
// (generator/po/vi.po, GNU gettext's format); the code is its msgctxt. The catalogue is
// compiled into the library at build time, so a translation never depends on the locales a
// machine has generated, and each call may ask for either language.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

enum class Language { en, vi };

// "en", "vi".
const char* language_code(Language language);
// "vi", "vi_VN", "vi_VN.UTF-8", "vie", "Vietnamese" → vi; "en…", "C", "POSIX" → en; any other
// value → nullopt (the caller decides). Case does not matter.
std::optional<Language> parse_language(std::string_view name);
// The language a program should speak when not told: VANBAN_LANG, then LANGUAGE (a
// ':'-separated list: its first vi or en), then LC_ALL, LC_MESSAGES, LANG — the first that is
// set and not empty decides (vi… → Vietnamese); English otherwise.
Language language_from_environment();

class Message;

// One argument of a message: "{name}" in the text is replaced by the value, which is either
// text (a file name, a JSON path, a number — the same in both languages) or a message of its
// own (translated with the message that holds it).
struct MessageArg {
    MessageArg(std::string name, std::string value);
    MessageArg(std::string name, const char* value);
    MessageArg(std::string name, std::string_view value);
    MessageArg(std::string name, long long value);
    MessageArg(std::string name, unsigned long long value);
    MessageArg(std::string name, int value) : MessageArg(std::move(name), static_cast<long long>(value)) {}
    MessageArg(std::string name, long value) : MessageArg(std::move(name), static_cast<long long>(value)) {}
    MessageArg(std::string name, unsigned value) : MessageArg(std::move(name), static_cast<unsigned long long>(value)) {}
    MessageArg(std::string name, unsigned long value)
        : MessageArg(std::move(name), static_cast<unsigned long long>(value)) {}
    MessageArg(std::string name, Message value);

    std::string name;
    std::string value;                    // when `message` is null
    std::shared_ptr<const Message> message;
};

class Message {
public:
    Message() = default;

    // Text from outside vanban (an operating system's reason, a library's own message), shown
    // as it is in every language. Its code is "verbatim".
    static Message verbatim(std::string text);
    // Text a template's author wrote in both languages (a schema's "x-vanban-pattern-message",
    // docs/schema.md), shown as written in each. Its code is "template-text".
    static Message in_both_languages(std::string english, std::string vietnamese);

    // The stable code, e.g. "template.unknown-filter"; empty for an empty message.
    const std::string& code() const { return code_; }
    // The text in a language, arguments filled in. A message the catalogue lacks in a
    // language is shown in English (a test keeps the catalogue complete).
    std::string text(Language language = Language::en) const;
    // The English text before its arguments are filled in (the catalogue's msgid).
    const std::string& english() const { return english_; }
    const std::vector<MessageArg>& args() const { return args_; }
    // The value of an argument, "" when there is none by that name.
    std::string arg(std::string_view name) const;
    bool empty() const { return code_.empty(); }

    // Adds an argument (for arguments known only after the message was made).
    Message& with(MessageArg arg);

    bool operator==(const Message& other) const;

private:
    friend Message msg(const char*, const char*, std::vector<MessageArg>);
    friend Message msg_n(const char*, const char*, const char*, unsigned long long, std::vector<MessageArg>);

    std::string code_;
    std::string english_;
    std::string english_plural_; // msg_n only
    std::optional<unsigned long long> count_;
    std::vector<MessageArg> args_;
    std::optional<std::string> vietnamese_; // in_both_languages only
};

// A message of the catalogue. `code` and `english` must be string literals: the catalogue is
// made from the sources by xgettext (scripts/update-po), which reads them there.
Message msg(const char* code, const char* english, std::vector<MessageArg> args = {});
// A message whose English form depends on a count: `singular` when count is 1, else `plural`
// (Vietnamese has one form). {count} is an argument of it.
Message msg_n(const char* code, const char* singular, const char* plural, unsigned long long count,
              std::vector<MessageArg> args = {});

} // namespace vanban
