// The parser: segments -> syntax tree, by recursive descent.
#pragma once

#include <string_view>
#include <vector>

#include "template/ast.hpp"
#include "template/lexer.hpp"

namespace vanban::tmpl {

// Bounds that keep adversarial templates from exhausting the stack, here and in the
// evaluator (which recurses along the tree). Passing one is an ErrorKind::limit error.
inline constexpr int max_block_nesting = 100;     // {% if %}/{% for %}/{% macro %} inside each other
inline constexpr int max_expression_depth = 100;  // operators, filters and brackets inside each other

// Builds the tree of a whole template. Throws SyntaxError.
ast::Block parse(const std::vector<Segment>& segments, std::string_view source);

} // namespace vanban::tmpl
