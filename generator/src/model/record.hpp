// The metadata of an outgoing document (NĐ30 Phụ lục VI, Phần II, Mục I; docs/electronic.md):
// the fields by the decree's own names, gathered in model::Metadata::record, and written into
// the PDF's XMP and the --metadata sidecar (JSON or XML).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "vanban/model.hpp"

namespace vanban::model {

// TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName, Subject, Language, PageAmount,
// Description, Position, FullName, To, Priority, IssuedAmount, DueDate.
bool is_record_field(std::string_view name);

// The fields the model itself says, added after what the template gave (@record): the number
// and code from the number line, the issuing body, the summary, the signer's position and
// name, the recipients. A field the template gave is left as it is.
void add_derived_record(Document& document);

// The sidecar (--metadata): JSON shaped as docs/schemas/nd30-record.schema.json says, and the
// same as XML in the namespace urn:vanban:nd30-record:1.0/. `pages`: the laid-out page count.
nlohmann::json record_json(const Document& document, std::size_t pages);
std::string record_xml(const Document& document, std::size_t pages);

} // namespace vanban::model
