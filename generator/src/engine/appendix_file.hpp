// One appendix issued as a file of its own (NĐ30 Phụ lục I, II.8.b and III.1.d;
// RenderOptions::appendix, `vanban render --appendix N`; docs/electronic.md).
#pragma once

#include <cstddef>

#include "vanban/model.hpp"

namespace vanban::engine {

// Leaves in `document` its appendix `number` (from 1) alone, marked issued on its own (the
// layout gives it the agency's field; its pages are numbered from 1). A document without
// that appendix is an ErrorKind::usage failure saying how many it has.
void keep_appendix_alone(model::Document& document, std::size_t number);

} // namespace vanban::engine
