#include "template/parser.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "template/filters.hpp"
#include "template/template.hpp"

namespace vanban::tmpl {

namespace {

using namespace ast;

// How a token is named in messages: "the end of the tag", "the string 'a'", "'x'".
Message describe(const Token& token) {
    switch (token.kind) {
    case Token::Kind::end: return msg("template.found-tag-end", "the end of the tag");
    case Token::Kind::string: return msg("template.found-string", "the string {text}", {{"text", token.text}});
    case Token::Kind::integer:
    case Token::Kind::number: return msg("template.found-number", "the number {text}", {{"text", token.text}});
    case Token::Kind::name:
    case Token::Kind::op: return Message::verbatim("'" + std::string(token.text) + "'");
    }
    return Message::verbatim("?");
}

// A part of a message made only when the message is: "a parameter name", "after the
// index". Parsing a correct template makes none of them.
using Describe = Message (*)();

// Words that are operators or constants, never names.
bool is_reserved(std::string_view word) {
    static constexpr std::array<std::string_view, 8> reserved = {"and", "or", "not", "in", "is",
                                                                  "true", "false", "none"};
    return std::find(reserved.begin(), reserved.end(), word) != reserved.end();
}

// Tags that only close or continue a block; met on their own, they are misplaced.
bool is_block_continuation(std::string_view word) {
    static constexpr std::array<std::string_view, 6> words = {"elif", "else", "endif", "endfor", "endmacro",
                                                               "endset"};
    return std::find(words.begin(), words.end(), word) != words.end();
}

[[noreturn]] void fail(Pos pos, Message message, ErrorKind kind = ErrorKind::template_syntax, Message hint = {}) {
    throw SyntaxError{pos, std::move(message), kind, std::move(hint)};
}

enum class Nested { blocks, expressions };

// Counts one level of recursion; bounds it so that "((((…" cannot exhaust the stack.
class Nesting {
public:
    Nesting(int& depth, int max, Pos pos, Nested what) : depth_(depth) {
        if (++depth_ > max) {
            --depth_;
            fail(pos,
                 what == Nested::blocks
                     ? msg("template.blocks-too-deep", "blocks are nested too deeply (more than {max} levels)",
                           {{"max", max}})
                     : msg("template.expressions-too-deep",
                           "expressions are nested too deeply (more than {max} levels)", {{"max", max}}),
                 ErrorKind::limit);
        }
    }
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

private:
    int& depth_;
};

// Sets a node's height from its children and bounds it. Long chains such as
// "a ~ b ~ c ~ …" or "x | f | f | …" are built by loops, not recursion, so the recursion
// guard alone would not see them; their height would still recurse in the evaluator.
template <class Node>
std::unique_ptr<const Node> finish(std::unique_ptr<Node> node, std::initializer_list<const Expr*> children,
                                   std::uint32_t other_height = 0) {
    std::uint32_t height = other_height;
    for (const Expr* child : children)
        if (child) height = std::max(height, child->depth);
    node->depth = height + 1;
    if (node->depth > std::uint32_t(max_expression_depth))
        fail(node->pos,
             msg("template.expression-too-deep", "this expression is nested too deeply (more than {max} levels)",
                 {{"max", max_expression_depth}}),
             ErrorKind::limit);
    return node;
}

std::uint32_t max_depth(const std::vector<ExprPtr>& items) {
    std::uint32_t height = 0;
    for (const ExprPtr& item : items) height = std::max(height, item->depth);
    return height;
}

// A block tag that is open, and the tags that may end (or continue) it.
struct Opener {
    std::string_view keyword; // "if", "for", "macro"
    Pos pos;
    std::vector<std::string_view> ends;
};

class Parser {
public:
    Parser(const std::vector<Segment>& segments, std::string_view source) : segments_(segments), source_(source) {}

    Block parse_all() { return parse_block(nullptr); }

private:
    const std::vector<Segment>& segments_;
    std::string_view source_;
    std::size_t next_segment_ = 0;
    const Segment* tag_ = nullptr; // the tag whose tokens are being read
    std::vector<Token> tokens_;    // its tokens, read again from the source (see lex)
    std::size_t token_ = 0;
    std::string_view terminator_;  // the tag that ended the last block
    int block_depth_ = 0;
    int expression_depth_ = 0;

    // ------------------------------------------------------------ tokens of the current tag

    void begin_tag(const Segment& tag) {
        tag_ = &tag;
        lex_tokens(source_, tag, tokens_);
        token_ = 0;
    }
    const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(token_ + ahead, tokens_.size() - 1)]; }
    const Token& next() {
        const Token& token = peek();
        if (token.kind != Token::Kind::end) ++token_;
        return token;
    }
    bool accept_op(std::string_view op) {
        if (!peek().is_op(op)) return false;
        next();
        return true;
    }
    bool accept_name(std::string_view word) {
        if (!peek().is_name(word)) return false;
        next();
        return true;
    }
    // `context` says where `op` belongs: "after the index".
    void expect_op(std::string_view op, Describe context) {
        if (!accept_op(op))
            fail(peek().pos, msg("template.expected-operator", "expected '{operator}' {context}, found {found}",
                                 {{"operator", op}, {"context", context()}, {"found", describe(peek())}}));
    }
    // `what` names the name expected: "a parameter name".
    const Token& expect_name(Describe what) {
        if (peek().kind != Token::Kind::name)
            fail(peek().pos,
                 msg("template.expected", "expected {what}, found {found}",
                     {{"what", what()}, {"found", describe(peek())}}));
        return next();
    }
    // A name the template may bind (set, for, macro and its parameters).
    Identifier expect_binding_name(Describe what) {
        const Token& token = expect_name(what);
        if (is_reserved(token.text) || token.text == "loop" || token.text == "namespace")
            fail(token.pos,
                 msg("template.reserved-name", "'{name}' cannot be used as a name here", {{"name", token.text}}));
        return Identifier(token.text);
    }
    void expect_tag_end() {
        if (peek().kind != Token::Kind::end) {
            std::string_view close = tag_->kind == Segment::Kind::print ? "}}" : "%}";
            fail(peek().pos, msg("template.expected-tag-end", "expected '{close}', found {found}",
                                 {{"close", close}, {"found", describe(peek())}}));
        }
    }

    // ------------------------------------------------------------ blocks and statements

    // Reads statements until one of the opener's end tags (left in terminator_, with the
    // token cursor after its keyword), or the end of the template when there is no opener.
    Block parse_block(const Opener* opener) {
        Block block;
        while (next_segment_ < segments_.size()) {
            const Segment& segment = segments_[next_segment_++];
            if (segment.kind == Segment::Kind::text) {
                auto text = std::make_unique<Text>(segment.pos);
                text->text = source_.substr(segment.begin, segment.end - segment.begin);
                block.push_back(std::move(text));
                continue;
            }
            begin_tag(segment);
            if (segment.kind == Segment::Kind::print) {
                block.push_back(parse_print(segment));
                continue;
            }
            const Token& keyword = expect_name(
                [] { return msg("template.what-tag-name", "a tag name ('if', 'for', 'set', 'include' or 'macro')"); });
            if (opener && std::find(opener->ends.begin(), opener->ends.end(), keyword.text) != opener->ends.end()) {
                terminator_ = keyword.text;
                return block;
            }
            block.push_back(parse_statement(segment, keyword, opener));
        }
        if (opener) {
            fail(opener->pos, msg("template.block-not-closed", "{% {tag} %} is never closed: expected {% {end} %}",
                                  {{"tag", opener->keyword}, {"end", opener->ends.back()}}));
        }
        return block;
    }

    StmtPtr parse_statement(const Segment& tag, const Token& keyword, const Opener* opener) {
        std::string_view word = keyword.text;
        if (word == "if") return parse_if(tag);
        if (word == "for") return parse_for(tag);
        if (word == "set") return parse_set(tag);
        if (word == "include") return parse_include(tag);
        if (word == "macro") return parse_macro(tag);
        if (is_block_continuation(word)) {
            if (!opener)
                fail(keyword.pos, msg("template.end-tag-without-opening", "{% {tag} %} without a matching opening tag",
                                      {{"tag", word}}));
            fail(keyword.pos,
                 msg("template.end-tag-misplaced",
                     "{% {tag} %} is not expected here: the {% {open} %} at line {line} needs {% {end} %} first",
                     {{"tag", word}, {"open", opener->keyword}, {"line", opener->pos.line},
                      {"end", opener->ends.back()}}));
        }
        fail(keyword.pos, msg("template.unknown-tag", "unknown tag '{name}'", {{"name", word}}),
             ErrorKind::template_syntax, msg("template.known-tags", "the tags are if, for, set, include and macro"));
    }

    StmtPtr parse_print(const Segment& tag) {
        auto print = std::make_unique<Print>(tag.pos);
        print->expr = parse_expression();
        expect_tag_end();
        return print;
    }

    StmtPtr parse_if(const Segment& tag) {
        Nesting nesting(block_depth_, max_block_nesting, tag.pos, Nested::blocks);
        auto node = std::make_unique<If>(tag.pos);
        ExprPtr condition = parse_expression();
        expect_tag_end();
        const Opener branch_opener{"if", tag.pos, {"elif", "else", "endif"}};
        for (;;) {
            Block body = parse_block(&branch_opener);
            node->branches.push_back({std::move(condition), std::move(body)});
            if (terminator_ == "elif") {
                condition = parse_expression();
                expect_tag_end();
                continue;
            }
            expect_tag_end();
            if (terminator_ == "else") {
                const Opener else_opener{"if", tag.pos, {"endif"}};
                node->otherwise = parse_block(&else_opener);
                expect_tag_end();
            }
            return node;
        }
    }

    StmtPtr parse_for(const Segment& tag) {
        Nesting nesting(block_depth_, max_block_nesting, tag.pos, Nested::blocks);
        auto node = std::make_unique<For>(tag.pos);
        node->first_name = expect_binding_name(
            [] { return msg("template.what-loop-variable", "a loop variable name after 'for'"); });
        if (accept_op(","))
            node->second_name = expect_binding_name(
                [] { return msg("template.what-second-loop-variable", "a second name after ','"); });
        if (!accept_name("in"))
            fail(peek().pos, msg("template.for-expects-in", "expected 'in' in the for loop, found {found}",
                                 {{"found", describe(peek())}}));
        node->iterable = parse_expression();
        expect_tag_end();
        const Opener body_opener{"for", tag.pos, {"else", "endfor"}};
        node->body = parse_block(&body_opener);
        expect_tag_end();
        if (terminator_ == "else") {
            const Opener else_opener{"for", tag.pos, {"endfor"}};
            node->otherwise = parse_block(&else_opener);
            expect_tag_end();
        }
        return node;
    }

    // {% set name = … %}, or {% set name.field = … %} for a field of a namespace (a
    // counter that outlives the loop iteration or macro call that changes it).
    StmtPtr parse_set(const Segment& tag) {
        auto node = std::make_unique<Set>(tag.pos);
        if (peek().kind == Token::Kind::name && peek(1).is_op(".")) {
            const Token& name = next();
            if (is_reserved(name.text))
                fail(name.pos,
                     msg("template.reserved-name", "'{name}' cannot be used as a name here", {{"name", name.text}}));
            node->name = Identifier(name.text);
            next(); // "."
            node->field_pos = peek().pos;
            node->field =
                std::string(expect_name([] { return msg("template.what-field-name", "a field name after '.'"); }).text);
        } else {
            node->name = expect_binding_name([] { return msg("template.what-set-name", "a name after 'set'"); });
        }
        expect_op("=", [] { return msg("template.where-set-equals", "after the name in {% set %}"); });
        node->value = parse_expression();
        expect_tag_end();
        return node;
    }

    StmtPtr parse_include(const Segment& tag) {
        auto node = std::make_unique<Include>(tag.pos);
        node->name = parse_expression();
        expect_tag_end();
        // A name written out is checked now; a computed one when it runs.
        if (node->name->kind == ExprKind::literal) {
            const Value& name = static_cast<const Literal&>(*node->name).value;
            if (name.type() == Value::Type::string)
                if (std::optional<NameProblem> problem = template_name_problem(name.as_text()))
                    fail(node->name->pos, problem->message, ErrorKind::template_syntax, problem->hint);
        }
        return node;
    }

    StmtPtr parse_macro(const Segment& tag) {
        Nesting nesting(block_depth_, max_block_nesting, tag.pos, Nested::blocks);
        auto node = std::make_unique<Macro>(tag.pos);
        node->name = expect_binding_name([] { return msg("template.what-macro-name", "the macro's name"); });
        expect_op("(", [] { return msg("template.where-after-macro-name", "after the macro's name"); });
        if (!accept_op(")")) {
            for (;;) {
                Pos pos = peek().pos;
                Identifier name =
                    expect_binding_name([] { return msg("template.what-parameter-name", "a parameter name"); });
                for (const Macro::Param& earlier : node->params)
                    if (earlier.name == name)
                        fail(pos, msg("template.parameter-twice", "the parameter '{name}' is listed twice",
                                      {{"name", name.text}}));
                ExprPtr default_value;
                if (accept_op("=")) default_value = parse_expression();
                else if (!node->params.empty() && node->params.back().default_value)
                    fail(pos, msg("template.parameter-needs-default",
                                  "the parameter '{name}' needs a default value, like the ones before it",
                                  {{"name", name.text}}));
                node->params.push_back({std::move(name), pos, std::move(default_value)});
                if (accept_op(")")) break;
                expect_op(",", [] { return msg("template.where-between-parameters", "between parameters"); });
            }
        }
        expect_tag_end();
        const Opener opener{"macro", tag.pos, {"endmacro"}};
        node->body = parse_block(&opener);
        expect_tag_end();
        return node;
    }

    // ------------------------------------------------------------ expressions
    // Loosest first: or; and; not; comparisons, in, is; ~; + -; * / %; unary -; filters;
    // paths and calls.

    ExprPtr parse_expression() {
        Nesting nesting(expression_depth_, max_expression_depth, peek().pos, Nested::expressions);
        return parse_or();
    }

    ExprPtr binary(BinaryOp op, Pos pos, ExprPtr left, ExprPtr right) {
        auto node = std::make_unique<Binary>(pos);
        node->op = op;
        node->left = std::move(left);
        node->right = std::move(right);
        const Expr* l = node->left.get();
        const Expr* r = node->right.get();
        return finish(std::move(node), {l, r});
    }

    ExprPtr parse_or() {
        ExprPtr left = parse_and();
        while (peek().is_name("or")) {
            Pos pos = next().pos;
            left = binary(BinaryOp::logical_or, pos, std::move(left), parse_and());
        }
        return left;
    }

    ExprPtr parse_and() {
        ExprPtr left = parse_not();
        while (peek().is_name("and")) {
            Pos pos = next().pos;
            left = binary(BinaryOp::logical_and, pos, std::move(left), parse_not());
        }
        return left;
    }

    ExprPtr parse_not() {
        if (!peek().is_name("not")) return parse_comparison();
        Pos pos = next().pos;
        Nesting nesting(expression_depth_, max_expression_depth, pos, Nested::expressions);
        auto node = std::make_unique<Unary>(pos);
        node->op = UnaryOp::logical_not;
        node->operand = parse_not();
        const Expr* operand = node->operand.get();
        return finish(std::move(node), {operand});
    }

    std::optional<BinaryOp> comparison_operator() const {
        const Token& token = peek();
        if (token.is_op("==")) return BinaryOp::equal;
        if (token.is_op("!=")) return BinaryOp::not_equal;
        if (token.is_op("<")) return BinaryOp::less;
        if (token.is_op("<=")) return BinaryOp::less_equal;
        if (token.is_op(">")) return BinaryOp::greater;
        if (token.is_op(">=")) return BinaryOp::greater_equal;
        if (token.is_name("in")) return BinaryOp::in;
        if (token.is_name("not") && peek(1).is_name("in")) return BinaryOp::not_in;
        return std::nullopt;
    }

    ExprPtr parse_comparison() {
        ExprPtr left = parse_concat();
        bool compared = false;
        for (;;) {
            std::optional<BinaryOp> op = comparison_operator();
            bool test = peek().is_name("is");
            if (!op && !test) return left;
            if (compared)
                fail(peek().pos, msg("template.chained-comparison", "comparisons cannot be chained"),
                     ErrorKind::template_syntax, msg("template.join-comparisons", "join them with 'and'"));
            compared = true;
            Pos pos = next().pos;
            if (test) {
                left = parse_test(std::move(left), pos);
                continue;
            }
            if (*op == BinaryOp::not_in) next(); // the "in" of "not in"
            left = binary(*op, pos, std::move(left), parse_concat());
        }
    }

    ExprPtr parse_test(ExprPtr operand, Pos pos) {
        auto node = std::make_unique<Test>(pos);
        node->negated = accept_name("not");
        const Token& name =
            expect_name([] { return msg("template.what-test-name", "a test name after 'is' ('defined' or 'none')"); });
        if (name.text == "defined") node->test = TestKind::defined;
        else if (name.text == "none") node->test = TestKind::none;
        else
            fail(name.pos, msg("template.unknown-test", "unknown test '{name}'", {{"name", name.text}}),
                 ErrorKind::template_syntax, msg("template.known-tests", "the tests are 'defined' and 'none'"));
        node->operand = std::move(operand);
        const Expr* child = node->operand.get();
        return finish(std::move(node), {child});
    }

    ExprPtr parse_concat() {
        ExprPtr left = parse_additive();
        while (peek().is_op("~")) {
            Pos pos = next().pos;
            left = binary(BinaryOp::concat, pos, std::move(left), parse_additive());
        }
        return left;
    }

    ExprPtr parse_additive() {
        ExprPtr left = parse_multiplicative();
        for (;;) {
            BinaryOp op;
            if (peek().is_op("+")) op = BinaryOp::add;
            else if (peek().is_op("-")) op = BinaryOp::subtract;
            else return left;
            Pos pos = next().pos;
            left = binary(op, pos, std::move(left), parse_multiplicative());
        }
    }

    ExprPtr parse_multiplicative() {
        ExprPtr left = parse_unary();
        for (;;) {
            BinaryOp op;
            if (peek().is_op("*")) op = BinaryOp::multiply;
            else if (peek().is_op("/")) op = BinaryOp::divide;
            else if (peek().is_op("%")) op = BinaryOp::remainder;
            else return left;
            Pos pos = next().pos;
            left = binary(op, pos, std::move(left), parse_unary());
        }
    }

    ExprPtr parse_unary() {
        if (!peek().is_op("-")) return parse_filtered();
        Pos pos = next().pos;
        Nesting nesting(expression_depth_, max_expression_depth, pos, Nested::expressions);
        // "-2" is a literal, so that the smallest integer can be written and no work is
        // left for evaluation.
        const Token& number = peek();
        if ((number.kind == Token::Kind::integer || number.kind == Token::Kind::number) && !peek(1).is_op("|") &&
            !peek(1).is_op(".") && !peek(1).is_op("[") && !peek(1).is_op("(")) {
            next();
            auto literal = std::make_unique<Literal>(pos);
            literal->value = number.kind == Token::Kind::integer ? Value::integer(-number.integer)
                                                                 : Value::number(-number.number);
            return literal;
        }
        auto node = std::make_unique<Unary>(pos);
        node->op = UnaryOp::negate;
        node->operand = parse_unary();
        const Expr* operand = node->operand.get();
        return finish(std::move(node), {operand});
    }

    ExprPtr parse_filtered() {
        ExprPtr input = parse_postfix();
        while (accept_op("|")) {
            const Token& name = expect_name([] { return msg("template.what-filter-name", "a filter name after '|'"); });
            auto node = std::make_unique<Filter>(name.pos);
            node->filter = find_filter(name.text);
            if (!node->filter)
                fail(name.pos, msg("template.unknown-filter", "unknown filter '{name}'", {{"name", name.text}}),
                     ErrorKind::template_eval);
            if (accept_op("(")) node->args = parse_arguments(nullptr, ")");
            check_filter_arity(*node->filter, node->args.size(), name.pos);
            node->input = std::move(input);
            const Expr* child = node->input.get();
            std::uint32_t args_height = max_depth(node->args);
            input = finish(std::move(node), {child}, args_height);
        }
        return input;
    }

    static void check_filter_arity(const FilterDef& filter, std::size_t count, Pos pos) {
        if (count >= filter.min_args && count <= filter.max_args) return;
        const std::vector<MessageArg> args{{"name", filter.name}, {"given", count}};
        if (filter.max_args == 0)
            fail(pos, msg("template.filter-takes-none", "the filter '{name}' takes no arguments, not {given}", args),
                 ErrorKind::template_eval);
        if (filter.min_args == filter.max_args)
            fail(pos,
                 msg_n("template.filter-takes-exactly", "the filter '{name}' takes {count} argument, not {given}",
                       "the filter '{name}' takes {count} arguments, not {given}", filter.min_args, args),
                 ErrorKind::template_eval);
        fail(pos,
             msg("template.filter-takes-range", "the filter '{name}' takes {min} to {max} arguments, not {given}",
                 {{"name", filter.name}, {"min", filter.min_args}, {"max", filter.max_args}, {"given", count}}),
             ErrorKind::template_eval);
    }

    // Arguments up to `close`. With `keywords`, "name=value" arguments are allowed after
    // the positional ones.
    std::vector<ExprPtr> parse_arguments(std::vector<KeywordArg>* keywords, std::string_view close) {
        std::vector<ExprPtr> args;
        while (!accept_op(close)) {
            bool keyword = peek().kind == Token::Kind::name && peek(1).is_op("=");
            if (keyword) {
                if (!keywords)
                    fail(peek().pos, msg("template.filter-argument-by-name",
                                         "filter arguments are given by position, not by name"));
                const Token& name = next();
                next(); // "="
                for (const KeywordArg& earlier : *keywords)
                    if (earlier.name == name.text)
                        fail(name.pos, msg("template.argument-twice", "the argument '{name}' is given twice",
                                           {{"name", name.text}}));
                keywords->push_back({std::string(name.text), name.pos, parse_expression()});
            } else {
                if (keywords && !keywords->empty())
                    fail(peek().pos, msg("template.positional-after-named",
                                         "arguments by position must come before arguments by name"));
                args.push_back(parse_expression());
            }
            if (accept_op(close)) break;
            expect_op(",", [] { return msg("template.where-between-arguments", "between arguments"); });
        }
        return args;
    }

    ExprPtr parse_postfix() {
        ExprPtr object = parse_primary();
        for (;;) {
            Pos start = object->pos;
            if (accept_op(".")) {
                auto node = std::make_unique<Attribute>(start);
                node->name = std::string(
                    expect_name([] { return msg("template.what-field-name", "a field name after '.'"); }).text);
                node->object = std::move(object);
                const Expr* child = node->object.get();
                object = finish(std::move(node), {child});
            } else if (accept_op("[")) {
                auto node = std::make_unique<Index>(start);
                node->object = std::move(object);
                node->index = parse_expression();
                expect_op("]", [] { return msg("template.where-after-index", "after the index"); });
                const Expr* a = node->object.get();
                const Expr* b = node->index.get();
                object = finish(std::move(node), {a, b});
            } else if (object->kind == ExprKind::name && static_cast<const Name&>(*object).name.text == "namespace" &&
                       accept_op("(")) {
                object = parse_namespace(start);
            } else if (accept_op("(")) {
                auto node = std::make_unique<Call>(start);
                node->callee = std::move(object);
                node->args = parse_arguments(&node->keyword_args, ")");
                std::uint32_t height = max_depth(node->args);
                for (const KeywordArg& arg : node->keyword_args) height = std::max(height, arg.value->depth);
                const Expr* callee = node->callee.get();
                object = finish(std::move(node), {callee}, height);
            } else {
                return object;
            }
        }
    }

    // namespace(count=0, label=""): the fields are given by name.
    ExprPtr parse_namespace(Pos start) {
        auto node = std::make_unique<NamespaceCall>(start);
        const std::vector<ExprPtr> positional = parse_arguments(&node->fields, ")");
        if (!positional.empty())
            fail(positional.front()->pos,
                 msg("template.namespace-by-name", "namespace() takes its fields by name: namespace(count=0)"));
        std::uint32_t height = 0;
        for (const KeywordArg& field : node->fields) height = std::max(height, field.value->depth);
        return finish(std::move(node), {}, height);
    }

    ExprPtr parse_primary() {
        const Token& token = peek();
        switch (token.kind) {
        case Token::Kind::integer:
        case Token::Kind::number: {
            next();
            auto literal = std::make_unique<Literal>(token.pos);
            literal->value = token.kind == Token::Kind::integer ? Value::integer(token.integer)
                                                                : Value::number(token.number);
            return literal;
        }
        case Token::Kind::string: {
            next();
            auto literal = std::make_unique<Literal>(token.pos);
            literal->text = token.string_value;
            literal->value = Value::text(literal->text);
            return literal;
        }
        case Token::Kind::name: return parse_name_or_constant();
        case Token::Kind::op:
            if (token.is_op("(")) {
                next();
                ExprPtr inner = parse_expression();
                expect_op(")", [] { return msg("template.where-closing-parenthesis", "to close '('"); });
                return inner;
            }
            if (token.is_op("[")) {
                next();
                auto list = std::make_unique<ListLiteral>(token.pos);
                while (!accept_op("]")) {
                    list->items.push_back(parse_expression());
                    if (accept_op("]")) break;
                    expect_op(",", [] { return msg("template.where-between-items", "between list items"); });
                }
                fold_constant(*list);
                std::uint32_t height = max_depth(list->items);
                return finish(std::move(list), {}, height);
            }
            break;
        case Token::Kind::end: break;
        }
        fail_expected_value(token);
    }

    // A list whose items are all constants becomes a constant itself.
    static void fold_constant(ListLiteral& list) {
        std::vector<Value> values;
        values.reserve(list.items.size());
        for (const ExprPtr& item : list.items) {
            if (item->kind == ExprKind::literal) values.push_back(static_cast<const Literal&>(*item).value);
            else if (item->kind == ExprKind::list && static_cast<const ListLiteral&>(*item).is_constant)
                values.push_back(static_cast<const ListLiteral&>(*item).constant);
            else return;
        }
        list.constant = Value::list(std::move(values));
        list.is_constant = true;
    }

    [[noreturn]] static void fail_expected_value(const Token& found) {
        fail(found.pos,
             msg("template.expected-value", "expected a value, found {found}", {{"found", describe(found)}}));
    }

    ExprPtr parse_name_or_constant() {
        const Token& token = next();
        auto constant = [&](Value value) {
            auto literal = std::make_unique<Literal>(token.pos);
            literal->value = value;
            return literal;
        };
        if (token.text == "true") return constant(Value::boolean(true));
        if (token.text == "false") return constant(Value::boolean(false));
        if (token.text == "none") return constant(Value::none());
        if (is_reserved(token.text)) fail_expected_value(token);
        auto name = std::make_unique<Name>(token.pos);
        name->name = Identifier(token.text);
        return name;
    }
};

} // namespace

const char* ast::spelling(BinaryOp op) {
    switch (op) {
    case BinaryOp::logical_or: return "or";
    case BinaryOp::logical_and: return "and";
    case BinaryOp::equal: return "==";
    case BinaryOp::not_equal: return "!=";
    case BinaryOp::less: return "<";
    case BinaryOp::less_equal: return "<=";
    case BinaryOp::greater: return ">";
    case BinaryOp::greater_equal: return ">=";
    case BinaryOp::in: return "in";
    case BinaryOp::not_in: return "not in";
    case BinaryOp::concat: return "~";
    case BinaryOp::add: return "+";
    case BinaryOp::subtract: return "-";
    case BinaryOp::multiply: return "*";
    case BinaryOp::divide: return "/";
    case BinaryOp::remainder: return "%";
    }
    return "?";
}

ast::Block parse(const std::vector<Segment>& segments, std::string_view source) {
    return Parser(segments, source).parse_all();
}

} // namespace vanban::tmpl
