// The syntax tree of a parsed template, and the Template that owns it.
//
// The tree is built once by the parser and never changed: every evaluation, from any
// thread, walks the same nodes. Nodes are small structs with a kind tag; the evaluator
// switches on the kind and static_casts (no RTTI, no visitor boilerplate).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "template/value.hpp"

namespace vanban::tmpl {

struct FilterDef; // template/filters.hpp

// A position in a template: 1-based line, and 1-based column counted in code points.
struct Pos {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

namespace ast {

// A name the template binds or reads (variables, loop names, macros, parameters), with its
// hash computed once when parsing: scope lookups compare one integer before any text.
struct Identifier {
    Identifier() = default;
    explicit Identifier(std::string_view name) : text(name), hash(hash_of(name)) {}
    std::string text;
    std::uint32_t hash = 0;

    bool empty() const { return text.empty(); }
    bool operator==(const Identifier& other) const { return hash == other.hash && text == other.text; }
    static constexpr std::uint32_t hash_of(std::string_view name) { // FNV-1a
        std::uint32_t h = 2166136261u;
        for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        return h;
    }
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : std::uint8_t {
    literal, list, name, attribute, index, unary, binary, test, filter, call, make_namespace,
};

struct Expr {
    Expr(ExprKind kind, Pos pos) : kind(kind), pos(pos) {}
    virtual ~Expr() = default;
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;

    const ExprKind kind;
    const Pos pos;          // where the expression starts (an operator's own position for binaries)
    std::uint32_t depth = 1; // height of the subtree; the parser bounds it
};
using ExprPtr = std::unique_ptr<const Expr>;

// A constant written in the template. A string literal's Value views `text`, which lives
// as long as the node.
struct Literal : Expr {
    explicit Literal(Pos pos) : Expr(ExprKind::literal, pos) {}
    std::string text;
    Value value;
};

struct ListLiteral : Expr {
    explicit ListLiteral(Pos pos) : Expr(ExprKind::list, pos) {}
    std::vector<ExprPtr> items;
    // A list of constants (["I-", "I.", "I)"]) is made once, by the parser, and evaluated as
    // one step: templates test such lists for every node they print. Its text items view
    // the items' Literal nodes, which the list keeps.
    bool is_constant = false;
    Value constant;
};

struct Name : Expr {
    explicit Name(Pos pos) : Expr(ExprKind::name, pos) {}
    Identifier name;
};

// object.name
struct Attribute : Expr {
    explicit Attribute(Pos pos) : Expr(ExprKind::attribute, pos) {}
    ExprPtr object;
    std::string name;
};

// object[index]
struct Index : Expr {
    explicit Index(Pos pos) : Expr(ExprKind::index, pos) {}
    ExprPtr object;
    ExprPtr index;
};

enum class UnaryOp : std::uint8_t { negate, logical_not };

struct Unary : Expr {
    explicit Unary(Pos pos) : Expr(ExprKind::unary, pos) {}
    UnaryOp op = UnaryOp::negate;
    ExprPtr operand;
};

enum class BinaryOp : std::uint8_t {
    logical_or, logical_and,
    equal, not_equal, less, less_equal, greater, greater_equal,
    in, not_in,
    concat,
    add, subtract, multiply, divide, remainder,
};
const char* spelling(BinaryOp op);

struct Binary : Expr {
    explicit Binary(Pos pos) : Expr(ExprKind::binary, pos) {}
    BinaryOp op = BinaryOp::add;
    ExprPtr left;
    ExprPtr right;
};

enum class TestKind : std::uint8_t { defined, none };

// operand is [not] defined / none
struct Test : Expr {
    explicit Test(Pos pos) : Expr(ExprKind::test, pos) {}
    ExprPtr operand;
    TestKind test = TestKind::defined;
    bool negated = false;
};

// input | name(args); the filter is looked up once, when parsing.
struct Filter : Expr {
    explicit Filter(Pos pos) : Expr(ExprKind::filter, pos) {}
    ExprPtr input;
    const FilterDef* filter = nullptr;
    std::vector<ExprPtr> args;
};

struct KeywordArg {
    std::string name;
    Pos pos;
    ExprPtr value;
};

// callee(args, name=value); only macros can be called.
struct Call : Expr {
    explicit Call(Pos pos) : Expr(ExprKind::call, pos) {}
    ExprPtr callee;
    std::vector<ExprPtr> args;
    std::vector<KeywordArg> keyword_args;
};

// namespace(name=value, …): a namespace holding these fields.
struct NamespaceCall : Expr {
    explicit NamespaceCall(Pos pos) : Expr(ExprKind::make_namespace, pos) {}
    std::vector<KeywordArg> fields;
};

// ---------------------------------------------------------------- statements

enum class StmtKind : std::uint8_t { text, print, if_, for_, set, include, macro };

struct Stmt {
    Stmt(StmtKind kind, Pos pos) : kind(kind), pos(pos) {}
    virtual ~Stmt() = default;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    const StmtKind kind;
    const Pos pos; // the first character of the text, or the tag's "{{" / "{%"
};
using StmtPtr = std::unique_ptr<const Stmt>;
using Block = std::vector<StmtPtr>;

// Literal template text, white space control already applied.
struct Text : Stmt {
    explicit Text(Pos pos) : Stmt(StmtKind::text, pos) {}
    std::string text;
};

// {{ expr }}
struct Print : Stmt {
    explicit Print(Pos pos) : Stmt(StmtKind::print, pos) {}
    ExprPtr expr;
};

// {% if %} {% elif %}… {% else %} {% endif %}
struct If : Stmt {
    explicit If(Pos pos) : Stmt(StmtKind::if_, pos) {}
    struct Branch {
        ExprPtr condition;
        Block body;
    };
    std::vector<Branch> branches;
    Block otherwise;
};

// {% for x in xs %} / {% for key, value in object %} … {% else %} … {% endfor %}
struct For : Stmt {
    explicit For(Pos pos) : Stmt(StmtKind::for_, pos) {}
    Identifier first_name;  // the item, or the key
    Identifier second_name; // the value; empty for a one-name loop
    ExprPtr iterable;
    Block body;
    Block otherwise; // runs when there is nothing to loop over
};

// {% set name = expr %}, or {% set name.field = expr %} for a field of a namespace.
struct Set : Stmt {
    explicit Set(Pos pos) : Stmt(StmtKind::set, pos) {}
    Identifier name;
    std::string field; // empty: the name itself is set
    Pos field_pos;
    ExprPtr value;
};

// {% include "name" %}
struct Include : Stmt {
    explicit Include(Pos pos) : Stmt(StmtKind::include, pos) {}
    ExprPtr name;
};

// {% macro name(a, b="x") %} … {% endmacro %}
struct Macro : Stmt {
    explicit Macro(Pos pos) : Stmt(StmtKind::macro, pos) {}
    struct Param {
        Identifier name;
        Pos pos;
        ExprPtr default_value; // null: the argument is required
    };
    Identifier name;
    std::vector<Param> params;
    Block body;
};

} // namespace ast

// A parsed template: its name, its normalised source (for error lines) and its tree.
// Immutable; shared between evaluations and threads through shared_ptr<const Template>.
class Template {
public:
    Template(std::string name, std::string source, ast::Block body);
    Template(const Template&) = delete;
    Template& operator=(const Template&) = delete;

    // The name it was loaded under; Output origins point at this string.
    const std::string& name() const { return name_; }
    const ast::Block& body() const { return body_; }
    // The text of line `line` (1-based) without its line end; empty when out of range.
    std::string_view line_text(std::uint32_t line) const;

private:
    std::string name_;
    std::string source_;
    std::vector<std::uint32_t> line_starts_;
    ast::Block body_;
};

// Validates (invalid UTF-8 is reported with its byte offset), drops a BOM, turns CRLF and
// CR into LF, normalises to NFC and parses. Throws vanban::Failure (template_syntax, or
// limit when the nesting is too deep).
std::shared_ptr<const Template> parse_template(std::string name, std::string_view raw_source);

// The source as the parser reads it (the steps above but parsing). `name` is for errors.
std::string normalise_source(std::string_view name, std::string_view raw_source);

} // namespace vanban::tmpl
