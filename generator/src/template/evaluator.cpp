// The evaluator: walks a template's tree over JSON data and writes Output.
//
// All state of one evaluation lives in an Evaluator on the caller's stack; templates and
// data are only read, so any number of evaluations may run at once.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "template/ast.hpp"
#include "template/filters.hpp"
#include "template/template.hpp"
#include "text/json_path.hpp"

namespace vanban::tmpl {

// A scope: the names bound by `set`, a loop, a macro's parameters or a macro definition.
// Frames live on the C++ stack and chain to their parent; the data's fields come after the
// outermost frame. Names view the syntax tree, which outlives the evaluation.
struct Frame {
    struct Binding {
        const ast::Identifier* name;
        Value value;
    };
    const Frame* parent = nullptr;
    std::vector<Binding> bindings;

    const Value* find(const ast::Identifier& name) const {
        for (const Frame* frame = this; frame; frame = frame->parent)
            for (const Binding& binding : frame->bindings)
                if (*binding.name == name) return &binding.value;
        return nullptr;
    }
    void set(const ast::Identifier& name, Value value) {
        for (Binding& binding : bindings) {
            if (*binding.name == name) {
                binding.value = std::move(value);
                return;
            }
        }
        bindings.push_back({&name, std::move(value)});
    }
};

namespace {

using json = nlohmann::json;
using namespace ast;

// How deep the evaluator may recurse (statements and expressions inside each other,
// macro bodies and included templates included). Each template is bounded by the parser;
// this bounds their combination, whatever Limits say, so the stack cannot overflow.
constexpr int max_evaluation_depth = 2000;

// The name of the loop variable; constant, shared by all evaluations.
const Identifier loop_name("loop");

// Restores a variable when a scope ends, even by an exception.
template <class T>
class Restore {
public:
    Restore(T& variable, T value) : variable_(variable), saved_(variable) { variable_ = value; }
    ~Restore() { variable_ = saved_; }
    Restore(const Restore&) = delete;
    Restore& operator=(const Restore&) = delete;

private:
    T& variable_;
    T saved_;
};

class Evaluator {
public:
    Evaluator(const json& data, const json* globals, const Library& library, const Limits& limits,
              Output& out)
        : data_(data), globals_(globals), library_(library), limits_(limits), out_(&out) {}

    void run(const Template& root) {
        template_ = &root;
        Frame top;
        exec(root.body(), top);
    }

    // ------------------------------------------------------------ errors

    Error error_at(ErrorKind kind, Pos pos, Message message, Message hint = {}) const {
        Error error;
        error.kind = kind;
        error.message = std::move(message);
        error.hint = std::move(hint);
        error.where = SourceLocation{template_->name(), pos.line, pos.column};
        error.source_line = std::string(template_->line_text(pos.line));
        return error;
    }

    [[noreturn]] void fail(ErrorKind kind, Pos pos, Message message, Message hint = {}) const {
        throw Failure(error_at(kind, pos, std::move(message), std::move(hint)));
    }

    // A value that does not suit its use (docs/errors.md: a template_eval error). When the
    // value came from the data, the error names its JSON path.
    [[noreturn]] void fail_about(const Value& value, Pos pos, Message message, Message hint = {}) const {
        throw Failure(error_about(value, pos, std::move(message), std::move(hint)));
    }

    Error error_about(const Value& value, Pos pos, Message message, Message hint = {}) const {
        Error error = error_at(ErrorKind::template_eval, pos, std::move(message), std::move(hint));
        if (value.json()) error.json_path = path_of(value);
        return error;
    }

    [[noreturn]] void fail_missing(const Value& missing, Pos pos) const {
        std::string path = path_of(missing);
        Error error =
            error_at(ErrorKind::data, pos, msg("template.missing-field", "missing field {path}", {{"path", path}}));
        error.json_path = std::move(path);
        throw Failure(std::move(error));
    }

    void require_defined(const Value& value, const Expr& from) const {
        if (!value.is_defined()) fail_missing(value, start_of(from));
    }

    // The JSON path of a data value, or of a missing field (its parent's path and its key),
    // e.g. "plan.tasks[3].deadline". Values do not carry their path (that would cost a
    // string per lookup); it is found again from the node's address, only on error.
    std::string path_of(const Value& value) const {
        text::JsonPath path;
        const json* node = value.json();
        if (node && !path_to(node, path)) path = {};
        if (value.is_defined()) return path.text();
        // A missing index is written as the template wrote it ("[-1]" included).
        if (value.missing_is_index()) return path.text() + std::string(value.missing_key());
        return path.add_key(value.missing_key()).text();
    }

    // Breadth-first search of the data for `target`; no recursion, so deep data is safe.
    bool path_to(const json* target, text::JsonPath& path) const {
        struct Step {
            const json* node;
            std::size_t parent;
            const std::string* key; // null: an array index
            std::size_t index;
        };
        std::vector<Step> steps{{&data_, 0, nullptr, 0}};
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const json* node = steps[i].node;
            if (node == target) {
                std::vector<const Step*> chain;
                for (std::size_t k = i; k != 0; k = steps[k].parent) chain.push_back(&steps[k]);
                for (auto step = chain.rbegin(); step != chain.rend(); ++step) {
                    if ((*step)->key) path.add_key(*(*step)->key);
                    else path.add_index((*step)->index);
                }
                return true;
            }
            if (node->is_object()) {
                for (auto it = node->begin(); it != node->end(); ++it) steps.push_back({&it.value(), i, &it.key(), 0});
            } else if (node->is_array()) {
                for (std::size_t k = 0; k < node->size(); ++k) steps.push_back({&(*node)[k], i, nullptr, k});
            }
        }
        return false;
    }

    // Where an expression starts in the source: binary operators, filters and tests keep
    // their own position (where an operator fails), their start is their left operand's.
    static Pos start_of(const Expr& expr) {
        const Expr* node = &expr;
        for (;;) {
            switch (node->kind) {
            case ExprKind::binary: node = static_cast<const Binary*>(node)->left.get(); break;
            case ExprKind::filter: node = static_cast<const Filter*>(node)->input.get(); break;
            case ExprKind::test: node = static_cast<const Test*>(node)->operand.get(); break;
            default: return node->pos;
            }
        }
    }

    // ------------------------------------------------------------ output

    Origin origin(Pos pos) const { return Origin{&template_->name(), pos.line, pos.column}; }

    void count_output(std::size_t bytes, Pos pos) {
        bytes_written_ += bytes;
        if (bytes_written_ > limits_.max_output_bytes)
            fail(ErrorKind::limit, pos,
                 msg("template.output-too-large", "the output grows beyond {limit} bytes (max_output_bytes)",
                     {{"limit", limits_.max_output_bytes}}));
    }

    void check_text_size(std::size_t bytes, Pos pos) const {
        if (bytes > limits_.max_output_bytes)
            fail(ErrorKind::limit, pos,
                 msg("template.text-too-large", "a text grows beyond {limit} bytes (max_output_bytes)",
                     {{"limit", limits_.max_output_bytes}}));
    }

    enum class Action { print, join };

    // The text form of a value for printing, "~" and filters: strings as they are, numbers
    // with '.', true/false. None, lists, objects and macros have none; `action` says what
    // was attempted.
    std::string_view text_of(const Value& value, std::string& buffer, Pos pos, Action action) const {
        switch (value.type()) {
        case Value::Type::string:
        case Value::Type::markup: return value.as_text();
        case Value::Type::integer:
            buffer.clear();
            append_number(buffer, value.as_integer());
            return buffer;
        case Value::Type::number:
            buffer.clear();
            append_number(buffer, value.as_double());
            return buffer;
        case Value::Type::boolean: return value.as_bool() ? "true" : "false";
        case Value::Type::undefined: fail_missing(value, pos);
        case Value::Type::none:
        case Value::Type::list:
        case Value::Type::object:
        case Value::Type::macro:
        case Value::Type::loop: fail_about(value, pos, cannot(action, value), text_hint(value.type()));
        case Value::Type::namespace_:
            fail_about(value, pos, cannot(action, value), msg("template.hint-namespace-field", "use one of its fields"));
        }
        return {};
    }

    static Message cannot(Action action, const Value& value) {
        return action == Action::print
                   ? msg("template.cannot-print", "cannot print {type}", {{"type", value.type_name()}})
                   : msg("template.cannot-join", "cannot join {type} with '~'", {{"type", value.type_name()}});
    }

    // What to write instead of a value that has no text.
    static Message text_hint(Value::Type type) {
        switch (type) {
        case Value::Type::none: return msg("template.hint-default", "use | default(\"…\")");
        case Value::Type::list: return msg("template.hint-join", "use | join(\", \")");
        case Value::Type::object: return msg("template.hint-object-field", "use one of its fields");
        case Value::Type::macro: return msg("template.hint-call-macro", "call it: name(…)");
        case Value::Type::loop: return msg("template.hint-loop-field", "use loop.index or another field");
        default: return {};
        }
    }

    // ------------------------------------------------------------ statements

    // Every statement run and every expression evaluated is one step; the steps of one
    // document are limited, which bounds the time of work that loops do not count (a macro
    // that calls itself twice per level does 2^n calls within the call depth limit).
    void count_step(Pos pos) {
        if (++steps_ <= limits_.max_evaluation_steps) return;
        Error error = error_at(ErrorKind::limit, pos,
                               msg("template.too-many-steps",
                                   "more than {limit} evaluation steps in one document (max_evaluation_steps)",
                                   {{"limit", limits_.max_evaluation_steps}}));
        error.hint = msg("template.too-many-steps-hint",
                         "a macro that calls itself more than once does twice the work at every level");
        throw Failure(std::move(error));
    }

    // Counts a step and one level of nesting while a statement or an expression runs.
    class Depth {
    public:
        // Every statement and expression passes here: the check stays inline and the
        // message is made out of line, only when the limit is passed.
        Depth(Evaluator& evaluator, Pos pos) : depth_(evaluator.depth_) {
            evaluator.count_step(pos);
            if (++depth_ > max_evaluation_depth) [[unlikely]] {
                --depth_;
                too_deep(evaluator, pos);
            }
        }
        ~Depth() { --depth_; }
        Depth(const Depth&) = delete;
        Depth& operator=(const Depth&) = delete;

    private:
        [[noreturn, gnu::cold, gnu::noinline]] static void too_deep(const Evaluator& evaluator, Pos pos) {
            evaluator.fail(ErrorKind::limit, pos,
                           msg("template.runs-too-deep",
                               "the template nests too deeply while it runs (more than {max} levels)",
                               {{"max", max_evaluation_depth}}));
        }

        int& depth_;
    };

    void exec(const Block& block, Frame& frame) {
        for (const StmtPtr& statement : block) exec(*statement, frame);
    }

    void exec(const Stmt& statement, Frame& frame) {
        Depth depth(*this, statement.pos);
        switch (statement.kind) {
        case StmtKind::text: {
            const auto& text = static_cast<const Text&>(statement);
            count_output(text.text.size(), text.pos);
            out_->append_template_text(text.text, origin(text.pos));
            return;
        }
        case StmtKind::print: return exec_print(static_cast<const Print&>(statement), frame);
        case StmtKind::if_: {
            const auto& node = static_cast<const If&>(statement);
            for (const If::Branch& branch : node.branches) {
                if (eval(*branch.condition, frame).truthy()) return exec(branch.body, frame);
            }
            return exec(node.otherwise, frame);
        }
        case StmtKind::for_: return exec_for(static_cast<const For&>(statement), frame);
        case StmtKind::set: {
            const auto& node = static_cast<const Set&>(statement);
            Value value = eval(*node.value, frame);
            require_defined(value, *node.value);
            if (node.field.empty()) frame.set(node.name, std::move(value));
            else set_field(node, frame, std::move(value));
            return;
        }
        case StmtKind::include: return exec_include(static_cast<const Include&>(statement), frame);
        case StmtKind::macro: {
            const auto& node = static_cast<const Macro&>(statement);
            frame.set(node.name, Value::macro(MacroClosure{&node, template_, &frame}));
            return;
        }
        }
    }

    void exec_print(const Print& node, const Frame& frame) {
        if (node.expr->kind == ExprKind::call) {
            // {{ m(…) }}: the macro writes straight into the output, keeping its template
            // text apart from its values.
            call_macro(static_cast<const Call&>(*node.expr), frame, *out_);
            return;
        }
        Value value = eval(*node.expr, frame);
        if (value.type() == Value::Type::markup) {
            count_output(value.as_markup().size_bytes(), node.pos);
            out_->append(value.as_markup());
            return;
        }
        if (value.type() == Value::Type::object) {
            // A table or chart of figures: the markup stage reads the object (and refuses it
            // anywhere but after @table or @chart).
            count_output(object_placeholder.size(), node.pos);
            out_->append_object(*value.json(), path_of(value), origin(node.pos));
            return;
        }
        std::string buffer;
        std::string_view text = text_of(value, buffer, start_of(*node.expr), Action::print);
        count_output(text.size(), node.pos);
        out_->append_value(text, origin(node.pos));
    }

    // {% set ns.count = … %}: changes the namespace wherever it is seen from.
    void set_field(const Set& node, const Frame& frame, Value value) {
        const Value target = lookup(node.name, frame);
        if (target.type() != Value::Type::namespace_)
            fail(ErrorKind::template_eval, node.field_pos,
                 msg("template.set-field-not-namespace",
                     "only a namespace's fields can be set: {name} is {what}; make it with {name} = namespace(…)",
                     {{"name", node.name.text}, {"what", target.type_name()}}));
        if (holds_namespace(value))
            fail(ErrorKind::template_eval, node.value->pos,
                 msg("template.namespace-in-namespace", "a namespace's field cannot hold a namespace"));
        target.set_field(node.field, std::move(value));
    }

    static bool holds_namespace(const Value& value) {
        if (value.type() == Value::Type::namespace_) return true;
        if (value.is_list() && value.owns_memory())
            for (std::size_t i = 0; i < value.size(); ++i)
                if (holds_namespace(value.item(i))) return true;
        return false;
    }

    Value make_namespace(const NamespaceCall& node, const Frame& frame) {
        std::vector<std::pair<std::string, Value>> fields;
        for (const KeywordArg& field : node.fields) {
            Value value = eval(*field.value, frame);
            require_defined(value, *field.value);
            if (holds_namespace(value))
                fail(ErrorKind::template_eval, field.pos,
                     msg("template.namespace-in-namespace", "a namespace's field cannot hold a namespace"));
            fields.emplace_back(field.name, std::move(value));
        }
        return Value::make_namespace(std::move(fields));
    }

    void count_iteration(Pos pos) {
        if (++iterations_ > limits_.max_loop_iterations)
            fail(ErrorKind::limit, pos,
                 msg("template.too-many-iterations",
                     "more than {limit} loop iterations in one document (max_loop_iterations)",
                     {{"limit", limits_.max_loop_iterations}}));
    }

    void exec_for(const For& node, Frame& frame) {
        Value sequence = eval(*node.iterable, frame);
        require_defined(sequence, *node.iterable);
        const bool pairs = !node.second_name.empty();
        if (sequence.type() == Value::Type::object) {
            if (!pairs)
                fail(ErrorKind::template_eval, start_of(*node.iterable),
                     msg("template.object-loop-needs-two-names",
                         "a loop over an object needs two names: {% for key, value in … %}"));
        } else if (sequence.is_list()) {
            if (pairs)
                fail(ErrorKind::template_eval, start_of(*node.iterable),
                     msg("template.list-loop-takes-one-name",
                         "a loop over a list takes one name: {% for item in … %}"));
        } else {
            fail_about(sequence, start_of(*node.iterable),
                       msg("template.cannot-loop", "cannot loop over {type}", {{"type", sequence.type_name()}}));
        }

        const std::size_t count = sequence.size();
        Frame scope{&frame, {}};
        if (count == 0) return exec(node.otherwise, scope);

        LoopState state{0, std::int64_t(count)};
        const Value loop = Value::loop(state);
        scope.bindings.reserve(3);
        auto run_body = [&](Value first, const Value* second) {
            count_iteration(node.pos);
            scope.bindings.clear(); // a `set` in the body lasts one iteration
            scope.bindings.push_back({&node.first_name, std::move(first)});
            if (second) scope.bindings.push_back({&node.second_name, *second});
            scope.bindings.push_back({&loop_name, loop});
            exec(node.body, scope);
            ++state.index0;
        };
        if (sequence.is_list()) {
            for (std::size_t i = 0; i < count; ++i) run_body(sequence.item(i), nullptr);
        } else {
            // nlohmann::json keeps object fields sorted by key, so this is key order.
            for (auto it = sequence.json()->begin(); it != sequence.json()->end(); ++it) {
                Value value = Value::data(it.value());
                run_body(Value::text(it.key()), &value);
            }
        }
    }

    void exec_include(const Include& node, Frame& frame) {
        Value name = eval(*node.name, frame);
        require_defined(name, *node.name);
        if (name.type() != Value::Type::string)
            fail_about(name, start_of(*node.name),
                       msg("template.include-name-not-text", "include needs a template name as text, not {type}",
                           {{"type", name.type_name()}}));
        if (std::optional<NameProblem> problem = template_name_problem(name.as_text()))
            fail(ErrorKind::template_syntax, start_of(*node.name), problem->message, problem->hint);
        if (include_depth_ >= limits_.max_include_depth)
            fail(ErrorKind::limit, node.pos,
                 msg("template.includes-too-deep",
                     "includes nest more than {limit} deep (does a template include itself?)",
                     {{"limit", limits_.max_include_depth}}));
        std::shared_ptr<const Template> included;
        try {
            included = library_.get(std::string(name.as_text()));
        } catch (Failure& failure) {
            Error& error = failure.error();
            if (!error.where.known()) { // not found: say which include asked for it
                Error located = error_at(error.kind, node.pos, error.message, error.hint);
                error.where = located.where;
                error.source_line = located.source_line;
            }
            throw;
        }
        // The included template runs in the includer's scope: it sees the same names, and
        // the macros and names it defines at its top stay visible after the include.
        Restore<const Template*> current(template_, included.get());
        Restore<int> depth(include_depth_, include_depth_ + 1);
        exec(included->body(), frame);
    }

    // ------------------------------------------------------------ macros

    void call_macro(const Call& call, const Frame& frame, Output& target) {
        Value callee = eval(*call.callee, frame);
        if (!callee.is_defined()) {
            if (call.callee->kind == ExprKind::name)
                fail(ErrorKind::template_eval, call.pos,
                     msg("template.unknown-macro", "unknown macro '{name}'",
                         {{"name", static_cast<const Name&>(*call.callee).name.text}}));
            fail_missing(callee, call.pos);
        }
        if (callee.type() != Value::Type::macro)
            fail_about(callee, call.pos,
                       msg("template.call-not-macro", "only macros can be called, not {type}",
                           {{"type", callee.type_name()}}));
        const MacroClosure& closure = callee.as_macro();
        const Macro& macro = *closure.definition;
        if (call_depth_ >= limits_.max_call_depth)
            fail(ErrorKind::limit, call.pos,
                 msg("template.calls-too-deep",
                     "macro calls nest more than {limit} deep (max_call_depth; endless recursion?)",
                     {{"limit", limits_.max_call_depth}}));

        Frame scope{closure.scope, {}};
        bind_arguments(call, macro, frame, scope);
        Restore<const Template*> current(template_, closure.owner);
        bind_defaults(macro, scope);
        Restore<Output*> output(out_, &target);
        Restore<int> depth(call_depth_, call_depth_ + 1);
        exec(macro.body, scope);
    }

    // Arguments are evaluated where the call is written.
    void bind_arguments(const Call& call, const Macro& macro, const Frame& caller, Frame& scope) {
        const std::string& name = macro.name.text;
        if (call.args.size() > macro.params.size())
            fail(ErrorKind::template_eval, call.pos,
                 msg_n("template.macro-takes", "the macro '{name}' takes {count} argument, not {given}",
                       "the macro '{name}' takes {count} arguments, not {given}", macro.params.size(),
                       {{"name", name}, {"given", call.args.size()}}));
        scope.bindings.reserve(macro.params.size());
        for (std::size_t i = 0; i < call.args.size(); ++i) {
            Value value = eval(*call.args[i], caller);
            require_defined(value, *call.args[i]);
            scope.bindings.push_back({&macro.params[i].name, std::move(value)});
        }
        for (const KeywordArg& arg : call.keyword_args) {
            auto param = std::find_if(macro.params.begin(), macro.params.end(),
                                      [&](const Macro::Param& p) { return p.name.text == arg.name; });
            if (param == macro.params.end())
                fail(ErrorKind::template_eval, arg.pos,
                     msg("template.macro-has-no-parameter", "the macro '{name}' has no parameter '{parameter}'",
                         {{"name", name}, {"parameter", arg.name}}));
            if (std::size_t(param - macro.params.begin()) < call.args.size())
                fail(ErrorKind::template_eval, arg.pos,
                     msg("template.argument-given-by-position", "the argument '{name}' is already given by position",
                         {{"name", arg.name}}));
            Value value = eval(*arg.value, caller);
            require_defined(value, *arg.value);
            scope.bindings.push_back({&param->name, std::move(value)});
        }
        for (const Macro::Param& param : macro.params) {
            if (!param.default_value && !is_bound(scope, param.name))
                fail(ErrorKind::template_eval, call.pos,
                     msg("template.macro-needs-argument", "the macro '{name}' needs the argument '{parameter}'",
                         {{"name", name}, {"parameter", param.name.text}}));
        }
    }

    // Defaults are evaluated in the macro's own scope, so they may use earlier parameters.
    // Runs with template_ set to the macro's template (the defaults are written there).
    void bind_defaults(const Macro& macro, Frame& scope) {
        for (const Macro::Param& param : macro.params) {
            if (is_bound(scope, param.name)) continue;
            Value value = eval(*param.default_value, scope);
            require_defined(value, *param.default_value);
            scope.bindings.push_back({&param.name, std::move(value)});
        }
    }

    static bool is_bound(const Frame& scope, const Identifier& name) {
        return std::any_of(scope.bindings.begin(), scope.bindings.end(),
                           [&](const Frame::Binding& binding) { return *binding.name == name; });
    }

    // ------------------------------------------------------------ expressions

    Value eval(const Expr& expr, const Frame& frame) {
        Depth depth(*this, expr.pos);
        switch (expr.kind) {
        case ExprKind::literal: return static_cast<const Literal&>(expr).value;
        case ExprKind::list: {
            const auto& list = static_cast<const ListLiteral&>(expr);
            if (list.is_constant) return list.constant;
            std::vector<Value> items;
            items.reserve(list.items.size());
            for (const ExprPtr& item : list.items) {
                items.push_back(eval(*item, frame));
                require_defined(items.back(), *item);
            }
            return Value::list(std::move(items));
        }
        case ExprKind::name: return lookup(static_cast<const Name&>(expr).name, frame);
        case ExprKind::attribute: {
            const auto& node = static_cast<const Attribute&>(expr);
            return attribute(eval(*node.object, frame), node.name, true, node.pos);
        }
        case ExprKind::index: {
            const auto& node = static_cast<const Index&>(expr);
            Value object = eval(*node.object, frame);
            Value key = eval(*node.index, frame);
            require_defined(key, *node.index);
            return index(object, key, node.pos);
        }
        case ExprKind::unary: return eval_unary(static_cast<const Unary&>(expr), frame);
        case ExprKind::binary: return eval_binary(static_cast<const Binary&>(expr), frame);
        case ExprKind::test: {
            const auto& node = static_cast<const Test&>(expr);
            Value operand = eval(*node.operand, frame);
            bool result;
            if (node.test == TestKind::defined) {
                result = operand.is_defined();
            } else {
                require_defined(operand, *node.operand);
                result = operand.type() == Value::Type::none;
            }
            return Value::boolean(result != node.negated);
        }
        case ExprKind::filter: return eval_filter(static_cast<const Filter&>(expr), frame);
        case ExprKind::call: {
            Output captured;
            call_macro(static_cast<const Call&>(expr), frame, captured);
            return Value::markup(std::move(captured));
        }
        case ExprKind::make_namespace: return make_namespace(static_cast<const NamespaceCall&>(expr), frame);
        }
        return {};
    }

    Value lookup(const Identifier& name, const Frame& frame) const {
        if (const Value* bound = frame.find(name)) return *bound;
        if (globals_) {
            if (auto global = globals_->find(name.text); global != globals_->end()) return Value::data(*global);
        }
        if (!data_.is_object()) return Value::missing(nullptr, name.text, true);
        auto found = data_.find(name.text);
        if (found == data_.end()) return Value::missing(&data_, name.text, true);
        return Value::data(*found);
    }

    Value loop_attribute(const LoopState& loop, std::string_view name, Pos pos) const {
        if (name == "index") return Value::integer(loop.index0 + 1);
        if (name == "index0") return Value::integer(loop.index0);
        if (name == "first") return Value::boolean(loop.index0 == 0);
        if (name == "last") return Value::boolean(loop.index0 + 1 == loop.length);
        if (name == "length") return Value::integer(loop.length);
        fail(ErrorKind::template_eval, pos,
             msg("template.unknown-loop-field", "loop has no field '{name}'", {{"name", name}}),
             msg("template.loop-fields", "the fields of loop are index, index0, first, last and length"));
    }

    // object.name. A missing field stays a value (see Value); reading further into it
    // keeps the first missing field, which is the one the error will name.
    Value attribute(const Value& object, std::string_view name, bool name_is_stable, Pos pos) const {
        switch (object.type()) {
        case Value::Type::undefined: return object;
        case Value::Type::object: {
            const json& fields = *object.json();
            auto found = fields.find(name);
            if (found == fields.end()) return Value::missing(&fields, name, name_is_stable);
            return Value::data(*found);
        }
        case Value::Type::loop: return loop_attribute(object.as_loop(), name, pos);
        case Value::Type::namespace_: {
            if (const Value* field = object.field(name)) return *field;
            std::string fields;
            for (const std::string& known : object.field_names()) fields += (fields.empty() ? "" : ", ") + known;
            fail(ErrorKind::template_eval, pos,
                 msg("template.namespace-no-field", "the namespace has no field '{name}'; it has {fields}",
                     {{"name", std::string(name)}, {"fields", fields.empty() ? std::string("none") : fields}}));
        }
        default:
            fail_about(object, pos,
                       msg("template.cannot-read-field", "cannot read the field '{name}' of {type}",
                           {{"name", name}, {"type", object.type_name()}}));
        }
    }

    Value index(const Value& object, const Value& key, Pos pos) const {
        switch (object.type()) {
        case Value::Type::undefined: return object;
        case Value::Type::list: {
            if (key.type() != Value::Type::integer)
                fail_about(key, pos, msg("template.index-not-whole", "a list index must be a whole number, not {type}",
                                         {{"type", key.type_name()}}));
            std::int64_t size = std::int64_t(object.size());
            std::int64_t i = key.as_integer();
            std::int64_t position = i < 0 ? i + size : i; // [-1] is the last item
            if (position < 0 || position >= size) return Value::missing_index(object.json(), i);
            return object.item(std::size_t(position));
        }
        case Value::Type::object: {
            if (key.type() != Value::Type::string)
                fail_about(key, pos, msg("template.field-name-not-text", "a field name must be text, not {type}",
                                         {{"type", key.type_name()}}));
            return attribute(object, key.as_text(), !key.owns_memory(), pos);
        }
        case Value::Type::loop:
            if (key.type() == Value::Type::string) return loop_attribute(object.as_loop(), key.as_text(), pos);
            [[fallthrough]];
        default:
            fail_about(object, pos,
                       msg("template.cannot-index", "cannot index {type} with [ ]", {{"type", object.type_name()}}));
        }
    }

    Value eval_unary(const Unary& node, const Frame& frame) {
        Value operand = eval(*node.operand, frame);
        if (node.op == UnaryOp::logical_not) return Value::boolean(!operand.truthy());
        require_defined(operand, *node.operand);
        if (operand.type() == Value::Type::integer && operand.as_integer() != std::numeric_limits<std::int64_t>::min())
            return Value::integer(-operand.as_integer());
        if (operand.is_number()) return Value::number(-operand.as_double());
        fail_about(operand, node.pos,
                   msg("template.negate-needs-number", "'-' needs a number, not {type}",
                       {{"type", operand.type_name()}}));
    }

    Value eval_binary(const Binary& node, const Frame& frame) {
        switch (node.op) {
        case BinaryOp::logical_or:
            return Value::boolean(eval(*node.left, frame).truthy() || eval(*node.right, frame).truthy());
        case BinaryOp::logical_and:
            return Value::boolean(eval(*node.left, frame).truthy() && eval(*node.right, frame).truthy());
        default: break;
        }
        Value left = eval(*node.left, frame);
        require_defined(left, *node.left);
        Value right = eval(*node.right, frame);
        require_defined(right, *node.right);
        switch (node.op) {
        case BinaryOp::equal: return Value::boolean(equal(left, right));
        case BinaryOp::not_equal: return Value::boolean(!equal(left, right));
        case BinaryOp::less: return Value::boolean(compare(left, right, node) < 0);
        case BinaryOp::less_equal: return Value::boolean(compare(left, right, node) <= 0);
        case BinaryOp::greater: return Value::boolean(compare(left, right, node) > 0);
        case BinaryOp::greater_equal: return Value::boolean(compare(left, right, node) >= 0);
        case BinaryOp::in: return Value::boolean(contains(right, left, node));
        case BinaryOp::not_in: return Value::boolean(!contains(right, left, node));
        case BinaryOp::concat: {
            std::string left_buffer, right_buffer;
            std::string_view a = text_of(left, left_buffer, node.left->pos, Action::join);
            std::string_view b = text_of(right, right_buffer, node.right->pos, Action::join);
            check_text_size(a.size() + b.size(), node.pos);
            std::string joined;
            joined.reserve(a.size() + b.size());
            joined.append(a).append(b);
            return Value::owned_text(std::move(joined));
        }
        default: return arithmetic(node, left, right);
        }
    }

    bool equal(const Value& a, const Value& b) {
        if (a.is_number() && b.is_number()) {
            if (a.type() == Value::Type::integer && b.type() == Value::Type::integer)
                return a.as_integer() == b.as_integer();
            return a.as_double() == b.as_double();
        }
        if (a.has_text() && b.has_text()) return a.as_text() == b.as_text();
        if (a.type() != b.type()) return false;
        switch (a.type()) {
        case Value::Type::none: return true;
        case Value::Type::boolean: return a.as_bool() == b.as_bool();
        case Value::Type::object: return *a.json() == *b.json();
        case Value::Type::list: {
            if (a.json() && b.json() && !a.owns_memory() && !b.owns_memory()) return *a.json() == *b.json();
            if (a.size() != b.size()) return false;
            Depth depth(*this, {});
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!equal(a.item(i), b.item(i))) return false;
            return true;
        }
        default: return false; // macros, loops: never equal
        }
    }

    int compare(const Value& a, const Value& b, const Binary& node) const {
        if (a.is_number() && b.is_number()) {
            if (a.type() == Value::Type::integer && b.type() == Value::Type::integer)
                return a.as_integer() < b.as_integer() ? -1 : a.as_integer() > b.as_integer() ? 1 : 0;
            double x = a.as_double(), y = b.as_double();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a.has_text() && b.has_text()) {
            int order = a.as_text().compare(b.as_text()); // code point order
            return order < 0 ? -1 : order > 0 ? 1 : 0;
        }
        const Value& culprit = (a.is_number() || a.has_text()) ? b : a;
        fail_about(culprit, node.pos,
                   msg("template.compare-types",
                       "'{operator}' compares numbers with numbers and text with text, not {left} with {right}",
                       {{"operator", spelling(node.op)}, {"left", a.type_name()}, {"right", b.type_name()}}));
    }

    bool contains(const Value& haystack, const Value& needle, const Binary& node) {
        if (haystack.has_text()) {
            if (!needle.has_text())
                fail_about(needle, node.left->pos,
                           msg("template.in-text-needs-text", "'{operator}' looks for text in text, not for {type}",
                               {{"operator", spelling(node.op)}, {"type", needle.type_name()}}));
            return haystack.as_text().find(needle.as_text()) != std::string_view::npos;
        }
        if (haystack.is_list()) {
            for (std::size_t i = 0; i < haystack.size(); ++i)
                if (equal(haystack.item(i), needle)) return true;
            return false;
        }
        if (haystack.type() == Value::Type::object) {
            if (!needle.has_text()) return false;
            return haystack.json()->contains(needle.as_text());
        }
        fail_about(haystack, node.right->pos,
                   msg("template.in-needs-container",
                       "'{operator}' needs a list, an object or text on its right, not {type}",
                       {{"operator", spelling(node.op)}, {"type", haystack.type_name()}}));
    }

    Value arithmetic(const Binary& node, const Value& left, const Value& right) const {
        if (!left.is_number() || !right.is_number()) {
            if (node.op == BinaryOp::add && left.has_text() && right.has_text())
                fail(ErrorKind::template_eval, node.pos, msg("template.add-text", "'+' adds numbers, not text"),
                     msg("template.hint-join-text", "join text with '~'"));
            const Value& culprit = left.is_number() ? right : left;
            fail_about(culprit, node.pos,
                       msg("template.arithmetic-needs-numbers", "'{operator}' needs numbers, not {type}",
                           {{"operator", spelling(node.op)}, {"type", culprit.type_name()}}));
        }
        const bool integers = left.type() == Value::Type::integer && right.type() == Value::Type::integer;
        const double x = left.as_double(), y = right.as_double();
        switch (node.op) {
        case BinaryOp::add:
        case BinaryOp::subtract:
        case BinaryOp::multiply: {
            if (integers) {
                std::int64_t a = left.as_integer(), b = right.as_integer(), result;
                bool overflow = node.op == BinaryOp::add        ? __builtin_add_overflow(a, b, &result)
                                : node.op == BinaryOp::subtract ? __builtin_sub_overflow(a, b, &result)
                                                                : __builtin_mul_overflow(a, b, &result);
                if (!overflow) return Value::integer(result); // else: on in floating point
            }
            return Value::number(node.op == BinaryOp::add ? x + y : node.op == BinaryOp::subtract ? x - y : x * y);
        }
        case BinaryOp::divide:
            if (y == 0) fail(ErrorKind::template_eval, node.pos, msg("template.division-by-zero", "division by zero"));
            return Value::number(x / y);
        case BinaryOp::remainder: {
            if (y == 0)
                fail(ErrorKind::template_eval, node.pos,
                     msg("template.remainder-by-zero", "remainder of a division by zero"));
            if (integers) {
                // The sign follows the divisor, as in Jinja and Python: -7 % 3 == 2.
                std::int64_t a = left.as_integer(), b = right.as_integer();
                if (b == -1) return Value::integer(0);
                std::int64_t r = a % b;
                if (r != 0 && ((r < 0) != (b < 0))) r += b;
                return Value::integer(r);
            }
            double r = std::fmod(x, y);
            if (r != 0 && ((r < 0) != (y < 0))) r += y;
            return Value::number(r);
        }
        default: break;
        }
        return {};
    }

    // ------------------------------------------------------------ filters

    class FilterRun final : public FilterCall {
    public:
        FilterRun(const Evaluator& evaluator, const Filter& node) : evaluator_(evaluator), node_(node) {}
        Error error_about(const Value& about, Message message, Message hint) const override {
            return evaluator_.error_about(about, node_.pos, std::move(message), std::move(hint));
        }
        Value field(const Value& object, std::string_view name) const override {
            Value value = evaluator_.attribute(object, name, false, node_.pos);
            if (!value.is_defined()) evaluator_.fail_missing(value, node_.pos);
            return value;
        }
        std::size_t max_text_bytes() const override { return evaluator_.limits_.max_output_bytes; }
        std::string_view filter_name() const override { return node_.filter->name; }

    private:
        const Evaluator& evaluator_;
        const Filter& node_;
    };

    Value eval_filter(const Filter& node, const Frame& frame) {
        Value input = eval(*node.input, frame);
        if (!input.is_defined() && !node.filter->accepts_missing) fail_missing(input, node.input->pos);
        std::array<Value, 4> args; // no filter takes more; the parser checked the count
        for (std::size_t i = 0; i < node.args.size(); ++i) {
            args[i] = eval(*node.args[i], frame);
            require_defined(args[i], *node.args[i]);
        }
        FilterRun run(*this, node);
        return node.filter->apply(run, input, std::span<const Value>(args.data(), node.args.size()));
    }

private:
    const json& data_;
    const json* globals_;                // names the engine provides, looked up before the data
    const Library& library_;
    const Limits& limits_;
    Output* out_;                       // where text goes: the document, or a macro's capture
    const Template* template_ = nullptr; // the template whose nodes are running (for positions)
    std::size_t bytes_written_ = 0;
    std::size_t iterations_ = 0;
    std::size_t steps_ = 0;
    int call_depth_ = 0;
    int include_depth_ = 0;
    int depth_ = 0;
};

} // namespace

void evaluate(const Template& root, const nlohmann::json& data, const Library& library, Output& out,
              const Limits& limits, const nlohmann::json* globals) {
    if (globals && !globals->is_object()) globals = nullptr;
    Evaluator(data, globals, library, limits, out).run(root);
}

} // namespace vanban::tmpl
