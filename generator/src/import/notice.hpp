// What the import tells the user about one place of the input: a paragraph it could not
// place, a field it had to fill, emphasis it could not keep.
#pragma once

#include <string>

#include "vanban/message.hpp"

namespace vanban::import {

struct Notice {
    int paragraph = 0;       // the paragraph (DOCX) or line (text) it is about; 0 the whole input
    std::string quote;       // the start of that paragraph's text
    Message message;         // one line, without the place; its code is the notice's stable code
    std::string json_path;   // the field of the data it concerns, when there is one
};

} // namespace vanban::import
