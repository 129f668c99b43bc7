#include "vanban/message.hpp"

#include <cctype>
#include <cstdlib>

#include "messages/catalogue.hpp"

namespace vanban {

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const MessageArg* find_arg(const std::vector<MessageArg>& args, std::string_view name) {
    for (const MessageArg& arg : args)
        if (arg.name == name) return &arg;
    return nullptr;
}

// Replaces each "{name}" that names an argument; every other brace is text (templates'
// "{% if %}" and "{{ x }}" appear in messages as they are).
std::string fill(std::string_view pattern, const std::vector<MessageArg>& args, Language language) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern[i] == '{') {
            std::size_t end = i + 1;
            while (end < pattern.size() && is_name_char(pattern[end])) ++end;
            if (end > i + 1 && end < pattern.size() && pattern[end] == '}') {
                if (const MessageArg* arg = find_arg(args, pattern.substr(i + 1, end - i - 1))) {
                    out += arg->message ? arg->message->text(language) : arg->value;
                    i = end + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

} // namespace

const char* language_code(Language language) { return language == Language::vi ? "vi" : "en"; }

std::optional<Language> parse_language(std::string_view name) {
    // "vi_VN.UTF-8@euro" -> "vi": the language before the territory, codeset and modifier.
    const std::string value = lower(name.substr(0, name.find_first_of(".@")));
    const std::string language = value.substr(0, value.find_first_of("_-"));
    if (language == "vi" || language == "vie" || language == "vietnamese") return Language::vi;
    if (language == "en" || language == "eng" || language == "english" || language == "c" || language == "posix")
        return Language::en;
    return std::nullopt;
}

Language language_from_environment() {
    const auto variable = [](const char* name) -> std::string_view {
        const char* value = std::getenv(name);
        return value ? std::string_view(value) : std::string_view();
    };
    if (auto chosen = variable("VANBAN_LANG"); !chosen.empty())
        return parse_language(chosen).value_or(Language::en);
    // LANGUAGE is GNU's list of preferences, e.g. "vi:en": the first one we speak.
    for (std::string_view list = variable("LANGUAGE"); !list.empty();) {
        const auto colon = list.find(':');
        if (auto language = parse_language(list.substr(0, colon))) return *language;
        list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
    }
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (auto value = variable(name); !value.empty()) return parse_language(value).value_or(Language::en);
    return Language::en;
}

MessageArg::MessageArg(std::string name_, std::string value_) : name(std::move(name_)), value(std::move(value_)) {}
MessageArg::MessageArg(std::string name_, const char* value_) : name(std::move(name_)), value(value_ ? value_ : "") {}
MessageArg::MessageArg(std::string name_, std::string_view value_) : name(std::move(name_)), value(value_) {}
MessageArg::MessageArg(std::string name_, long long value_) : name(std::move(name_)), value(std::to_string(value_)) {}
MessageArg::MessageArg(std::string name_, unsigned long long value_)
    : name(std::move(name_)), value(std::to_string(value_)) {}
MessageArg::MessageArg(std::string name_, Message value_)
    : name(std::move(name_)), message(std::make_shared<const Message>(std::move(value_))) {}

Message Message::verbatim(std::string text) {
    Message message;
    message.code_ = "verbatim";
    message.english_ = "{text}";
    message.args_.emplace_back("text", std::move(text));
    return message;
}

Message Message::in_both_languages(std::string english, std::string vietnamese) {
    Message message = verbatim(std::move(english));
    message.code_ = "template-text";
    message.vietnamese_ = std::move(vietnamese);
    return message;
}

std::string Message::text(Language language) const {
    if (code_.empty()) return {};
    if (language == Language::vi && vietnamese_) return *vietnamese_;
    const bool plural_english = count_ && *count_ != 1 && !english_plural_.empty();
    std::string_view pattern = plural_english ? english_plural_ : english_;
    if (language != Language::en && code_ != "verbatim" && !vietnamese_)
        if (auto translated = messages::translate(language, code_, english_)) pattern = *translated;
    return fill(pattern, args_, language);
}

std::string Message::arg(std::string_view name) const {
    const MessageArg* found = find_arg(args_, name);
    if (!found) return {};
    return found->message ? found->message->text() : found->value;
}

Message& Message::with(MessageArg arg) {
    args_.push_back(std::move(arg));
    return *this;
}

bool Message::operator==(const Message& other) const {
    return code_ == other.code_ && english_ == other.english_ && text() == other.text() &&
           vietnamese_ == other.vietnamese_;
}

Message msg(const char* code, const char* english, std::vector<MessageArg> args) {
    Message message;
    message.code_ = code;
    message.english_ = english;
    message.args_ = std::move(args);
    return message;
}

Message msg_n(const char* code, const char* singular, const char* plural, unsigned long long count,
              std::vector<MessageArg> args) {
    Message message = msg(code, singular, std::move(args));
    message.english_plural_ = plural;
    message.count_ = count;
    message.args_.emplace_back("count", count);
    return message;
}

} // namespace vanban
