// The data fields a template reads: a walk over its syntax tree that knows which names the
// template binds itself (loop variables, set, macro parameters) and which come from data.
#include <algorithm>

#include "template/ast.hpp"
#include "template/template.hpp"
#include "text/json_path.hpp"

namespace vanban::tmpl {

namespace {

using namespace ast;

class DataPathFinder {
public:
    std::vector<std::string> take() { return std::move(paths_); }

    void block(const Block& statements) {
        const std::size_t scope = bound_.size();
        for (const StmtPtr& statement : statements) this->statement(*statement);
        bound_.resize(scope);
    }

private:
    void statement(const Stmt& stmt) {
        // Every kind is handled: a new one is a compiler warning here (-Wswitch), not a
        // field that names records without anyone noticing.
        switch (stmt.kind) {
        case StmtKind::text: return;
        case StmtKind::print: return expression(*static_cast<const Print&>(stmt).expr);
        case StmtKind::if_: {
            const auto& branches = static_cast<const If&>(stmt);
            for (const If::Branch& branch : branches.branches) {
                expression(*branch.condition);
                block(branch.body);
            }
            return block(branches.otherwise);
        }
        case StmtKind::for_: {
            const auto& loop = static_cast<const For&>(stmt);
            expression(*loop.iterable);
            const std::size_t scope = bound_.size();
            bound_.push_back(&loop.first_name);
            if (!loop.second_name.empty()) bound_.push_back(&loop.second_name);
            block(loop.body);
            bound_.resize(scope);
            return block(loop.otherwise);
        }
        case StmtKind::set: {
            const auto& set = static_cast<const Set&>(stmt);
            expression(*set.value);
            if (set.field.empty()) bound_.push_back(&set.name); // until the end of the enclosing block
            return;
        }
        case StmtKind::include: return expression(*static_cast<const Include&>(stmt).name);
        case StmtKind::macro: {
            const auto& macro = static_cast<const Macro&>(stmt);
            bound_.push_back(&macro.name);
            const std::size_t scope = bound_.size();
            for (const Macro::Param& param : macro.params) {
                if (param.default_value) expression(*param.default_value);
                bound_.push_back(&param.name);
            }
            block(macro.body);
            bound_.resize(scope);
            return;
        }
        }
    }

    void expression(const Expr& expr) {
        text::JsonPath path;
        if (data_path(expr, path)) return add(path.text());
        switch (expr.kind) {
        case ExprKind::literal: return;
        case ExprKind::name: return; // a name the template binds (data names were taken above)
        case ExprKind::list:
            for (const ExprPtr& item : static_cast<const ListLiteral&>(expr).items) expression(*item);
            return;
        case ExprKind::attribute: return expression(*static_cast<const Attribute&>(expr).object);
        case ExprKind::index: {
            const auto& index = static_cast<const Index&>(expr);
            expression(*index.object);
            return expression(*index.index);
        }
        case ExprKind::unary: return expression(*static_cast<const Unary&>(expr).operand);
        case ExprKind::binary: {
            const auto& binary = static_cast<const Binary&>(expr);
            expression(*binary.left);
            return expression(*binary.right);
        }
        case ExprKind::test: return expression(*static_cast<const Test&>(expr).operand);
        case ExprKind::filter: {
            const auto& filter = static_cast<const Filter&>(expr);
            expression(*filter.input);
            for (const ExprPtr& arg : filter.args) expression(*arg);
            return;
        }
        case ExprKind::call: {
            const auto& call = static_cast<const Call&>(expr);
            expression(*call.callee);
            for (const ExprPtr& arg : call.args) expression(*arg);
            for (const KeywordArg& arg : call.keyword_args) expression(*arg.value);
            return;
        }
        case ExprKind::make_namespace:
            for (const KeywordArg& field : static_cast<const NamespaceCall&>(expr).fields) expression(*field.value);
            return;
        }
    }

    // The path of an expression that is a plain walk into the data: a name the template does
    // not bind, then attributes and constant indexes.
    bool data_path(const Expr& expr, text::JsonPath& path) const {
        switch (expr.kind) {
        case ExprKind::name: {
            const Identifier& name = static_cast<const Name&>(expr).name;
            if (name.text == "vanban" || name.text == "loop" || is_bound(name)) return false;
            path.add_key(name.text);
            return true;
        }
        case ExprKind::attribute: {
            const auto& attribute = static_cast<const Attribute&>(expr);
            if (!data_path(*attribute.object, path)) return false;
            path.add_key(attribute.name);
            return true;
        }
        case ExprKind::index: {
            const auto& index = static_cast<const Index&>(expr);
            if (index.index->kind != ExprKind::literal || !data_path(*index.object, path)) return false;
            const Value& key = static_cast<const Literal&>(*index.index).value;
            if (key.type() == Value::Type::string) {
                path.add_key(key.as_text());
                return true;
            }
            if (key.type() != Value::Type::integer || key.as_integer() < 0) return false;
            path.add_index(static_cast<std::size_t>(key.as_integer()));
            return true;
        }
        default: return false;
        }
    }

    bool is_bound(const Identifier& name) const {
        return std::any_of(bound_.begin(), bound_.end(), [&](const Identifier* bound) { return *bound == name; });
    }

    void add(const std::string& path) {
        if (std::find(paths_.begin(), paths_.end(), path) == paths_.end()) paths_.push_back(path);
    }

    std::vector<const Identifier*> bound_; // names the template has bound where the walk is
    std::vector<std::string> paths_;
};

} // namespace

std::vector<std::string> data_paths(const Template& root) {
    DataPathFinder finder;
    finder.block(root.body());
    return finder.take();
}

} // namespace vanban::tmpl
