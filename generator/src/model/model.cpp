// Functions declared next to the document model in vanban/model.hpp.
#include "vanban/model.hpp"

namespace vanban::model {

std::string plain_text(const Inline& runs) {
    std::size_t size = 0;
    for (const Run& run : runs) size += run.text.size();
    std::string text;
    text.reserve(size);
    for (const Run& run : runs) text.append(run.text);
    return text;
}

} // namespace vanban::model
