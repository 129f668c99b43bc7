// The template language: parse once, evaluate many times, from many threads.
// The language itself is described in docs/template-language.md.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "template/output.hpp"
#include "vanban/error.hpp"

namespace vanban::tmpl {

// Safety limits; passing one is an ErrorKind::limit failure with a location, never a crash.
struct Limits {
    int max_include_depth = 32;          // nested includes
    int max_call_depth = 64;             // nested macro calls (recursion included)
    std::size_t max_loop_iterations = 1'000'000; // per evaluation, all loops together
    std::size_t max_output_bytes = 64u << 20;    // evaluated text
    std::size_t max_evaluation_steps = 50'000'000; // statements run and expressions evaluated
};

// Where template sources come from. A directory loader confines names to its roots
// (no "..", no absolute paths); tests use an in-memory one.
class SourceLoader {
public:
    virtual ~SourceLoader() = default;
    // The source text of `name` ("ke-hoach/main.vbt", "_shared/header.vbt"), or nullopt.
    virtual std::optional<std::string> read(const std::string& name) const = 0;
};

class Template; // parsed, immutable; defined in template/ast.hpp

// Why a name cannot name a template, and what to do about it.
struct NameProblem {
    Message message;
    Message hint;
    // The error of a refused name, of `kind`, with no location.
    Error error(ErrorKind kind) const;
};

// Why `name` cannot name a template (empty, absolute, a ".." component, a backslash), or
// nullopt when it can. Library::get and DirectoryLoader refuse such names.
std::optional<NameProblem> template_name_problem(std::string_view name);

// Parses each template once and keeps it; safe to use from several threads at once.
class Library {
public:
    explicit Library(std::shared_ptr<const SourceLoader> loader);
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

    // The parsed template; throws vanban::Failure (template_syntax with file:line:column,
    // or resource when it cannot be found).
    std::shared_ptr<const Template> get(const std::string& name) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Evaluates `root` over `data` (the JSON document, already NFC), appending to `out`.
// `globals`, when given, is an object whose fields are names known to the template before
// the data's own (the engine passes {"vanban": {"profile": …}}).
// Throws vanban::Failure: template_eval (with the template location and, for data
// problems, the JSON path), data, or limit.
void evaluate(const Template& root, const nlohmann::json& data, const Library& library,
              Output& out, const Limits& limits = {}, const nlohmann::json* globals = nullptr);

// The data fields `root`'s own text reads (not those of templates it includes), as JSON
// paths in the order they first appear: a name the template does not bind itself, then
// attributes and constant indexes ("branch.code", x["a-b"], "header.issuer[0]"). Names it
// binds (loop variables, set, macro parameters) and `vanban`, `loop` are not data.
std::vector<std::string> data_paths(const Template& root);

} // namespace vanban::tmpl
