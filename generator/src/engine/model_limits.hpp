// Limits on the document model, checked before a writer sees it: things the template and
// data can make that no page holds, and that would cost the writers time without end.
#pragma once

#include <cstddef>

#include "vanban/model.hpp"

namespace vanban::engine {

struct ModelLimits {
    std::size_t max_table_rows = 10'000;  // rows of one table
    std::size_t max_table_columns = 64;   // columns of one table
};

// Throws vanban::Failure (ErrorKind::limit) naming the table ("table 2 of the body",
// "table 1 of appendix 3") and the limit passed.
void check_model_limits(const model::Document& document, const ModelLimits& limits);

} // namespace vanban::engine
