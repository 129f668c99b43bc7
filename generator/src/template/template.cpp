// Template construction (source normalisation, parsing) and the Library cache.
#include "template/template.hpp"

#include <mutex>
#include <unordered_map>

#include "template/ast.hpp"
#include "template/lexer.hpp"
#include "template/parser.hpp"
#include "text/utf8.hpp"

namespace vanban::tmpl {

namespace {

std::vector<std::uint32_t> find_line_starts(std::string_view source) {
    std::vector<std::uint32_t> starts{0};
    for (std::size_t i = 0; i < source.size(); ++i)
        if (source[i] == '\n') starts.push_back(std::uint32_t(i + 1));
    return starts;
}

std::string_view line_of(std::string_view source, const std::vector<std::uint32_t>& starts, std::uint32_t line) {
    if (line == 0 || line > starts.size()) return {};
    std::size_t begin = starts[line - 1];
    std::size_t end = line < starts.size() ? starts[line] - 1 : source.size();
    return source.substr(begin, end - begin);
}

// The line and column of byte `offset` in text that is valid UTF-8 up to there.
SourceLocation locate_byte(std::string_view name, std::string_view text, std::size_t offset) {
    SourceLocation where{std::string(name), 1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++where.line;
            where.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++where.column;
        }
    }
    return where;
}

std::string lf_line_ends(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            result += text[i];
        } else {
            result += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        }
    }
    return result;
}

} // namespace

Template::Template(std::string name, std::string source, ast::Block body)
    : name_(std::move(name)), source_(std::move(source)), line_starts_(find_line_starts(source_)),
      body_(std::move(body)) {}

std::string_view Template::line_text(std::uint32_t line) const { return line_of(source_, line_starts_, line); }

std::string normalise_source(std::string_view name, std::string_view raw_source) {
    if (std::optional<std::size_t> bad = text::find_invalid_utf8(raw_source)) {
        Error error;
        error.kind = ErrorKind::template_syntax;
        error.message = msg("template.invalid-utf8", "the template is not valid UTF-8");
        error.where = locate_byte(name, raw_source, *bad);
        error.byte_offset = std::int64_t(*bad);
        throw Failure(std::move(error));
    }
    std::string source = lf_line_ends(text::strip_bom(raw_source));
    if (text::is_nfc(source)) return source;
    return text::to_nfc(source);
}

std::shared_ptr<const Template> parse_template(std::string name, std::string_view raw_source) {
    std::string source = normalise_source(name, raw_source);
    try {
        ast::Block body = parse(lex(source), source);
        return std::make_shared<const Template>(std::move(name), std::move(source), std::move(body));
    } catch (const SyntaxError& problem) {
        Error error;
        error.kind = problem.kind;
        error.message = problem.message;
        error.hint = problem.hint;
        error.where = SourceLocation{name, problem.pos.line, problem.pos.column};
        error.source_line = std::string(line_of(source, find_line_starts(source), problem.pos.line));
        throw Failure(std::move(error));
    }
}

Error NameProblem::error(ErrorKind kind) const {
    Error error;
    error.kind = kind;
    error.message = message;
    error.hint = hint;
    return error;
}

std::optional<NameProblem> template_name_problem(std::string_view name) {
    if (name.empty()) return NameProblem{msg("template.name-empty", "a template name cannot be empty"), {}};
    if (name.front() == '/' || (name.size() >= 2 && name[1] == ':'))
        return NameProblem{msg("template.name-absolute", "the template name '{name}' is absolute", {{"name", name}}),
                           msg("template.name-relative", "write it relative to the template folders")};
    if (name.find('\\') != std::string_view::npos)
        return NameProblem{
            msg("template.name-backslash", "the template name '{name}' contains '\\'", {{"name", name}}),
            msg("template.name-slash", "separate folders with '/'")};
    if (name.find('\0') != std::string_view::npos)
        return NameProblem{msg("template.name-nul", "a template name cannot contain a NUL character"), {}};
    for (std::size_t begin = 0; begin <= name.size();) {
        std::size_t end = name.find('/', begin);
        if (end == std::string_view::npos) end = name.size();
        if (name.substr(begin, end - begin) == "..")
            return NameProblem{msg("template.name-climbs-out",
                                   "the template name '{name}' is refused: '..' may not leave the template folders",
                                   {{"name", name}}),
                               {}};
        begin = end + 1;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------- Library

struct Library::State {
    std::shared_ptr<const SourceLoader> loader;
    std::mutex mutex; // guards `parsed`; parsing itself runs outside the lock
    std::unordered_map<std::string, std::shared_ptr<const Template>> parsed;
};

Library::Library(std::shared_ptr<const SourceLoader> loader) : state_(std::make_unique<State>()) {
    state_->loader = std::move(loader);
}

Library::~Library() = default;

std::shared_ptr<const Template> Library::get(const std::string& name) const {
    if (std::optional<NameProblem> problem = template_name_problem(name))
        throw Failure(problem->error(ErrorKind::resource));
    {
        std::lock_guard lock(state_->mutex);
        auto found = state_->parsed.find(name);
        if (found != state_->parsed.end()) return found->second;
    }
    // Two threads may parse the same template at once; the first one stored wins and the
    // other copy is dropped. That costs a parse, never a wrong result, and keeps slow
    // parsing out of the lock.
    std::optional<std::string> source = state_->loader ? state_->loader->read(name) : std::nullopt;
    if (!source)
        throw Failure(ErrorKind::resource, msg("template.not-found", "no template '{name}'", {{"name", name}}));
    std::shared_ptr<const Template> parsed = parse_template(name, *source);
    std::lock_guard lock(state_->mutex);
    return state_->parsed.emplace(name, std::move(parsed)).first->second;
}

} // namespace vanban::tmpl
