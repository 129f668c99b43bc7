// The style sheet of the DOCX (word/styles.xml), built from the profile. Every element of
// the document has a named style, so a clerk changes, say, the body size in one place: the
// body variants, headings and list items are based on "Body Text" and write only what differs
// from it.
#pragma once

#include <string>

#include "vanban/model.hpp"

namespace vanban::docx {

// Style ids, shared by the style sheet and the document part.
namespace style_id {
inline constexpr const char* body = "BodyText";
inline constexpr const char* body_no_indent = "BodyTextNoIndent";
inline constexpr const char* body_center = "BodyTextCenter";
inline constexpr const char* body_right = "BodyTextRight";
inline constexpr const char* list_item = "ListItem";
inline constexpr const char* doc_type = "DocumentType";
inline constexpr const char* summary = "Summary";
inline constexpr const char* summary_separator = "SummarySeparator";
inline constexpr const char* rule = "Rule";
inline constexpr const char* national_title = "NationalTitle";
inline constexpr const char* motto = "Motto";
inline constexpr const char* superior = "SuperiorBody";
inline constexpr const char* issuer = "IssuingBody";
inline constexpr const char* issuer_mark = "IssuerMark";
inline constexpr const char* number = "DocumentNumber";
inline constexpr const char* place_date = "PlaceDate";
inline constexpr const char* mark = "UrgencyMark";
inline constexpr const char* draft_mark = "DraftMark";
inline constexpr const char* table_text = "TableText";
inline constexpr const char* table_header = "TableHeader";
inline constexpr const char* table_caption = "TableCaption";
inline constexpr const char* table_note = "TableNote";
inline constexpr const char* chart = "Chart"; // the paragraph that holds a chart's drawing
inline constexpr const char* recipients_label = "RecipientsLabel";
inline constexpr const char* recipients = "Recipients";
inline constexpr const char* signature_authority = "SignatureAuthority";
inline constexpr const char* signature_position = "SignaturePosition";
inline constexpr const char* signature_note = "SignatureNote";
inline constexpr const char* signature_name = "SignatureName";
inline constexpr const char* appendix_title = "AppendixTitle";
inline constexpr const char* appendix_subtitle = "AppendixSubtitle";
inline constexpr const char* page_header = "Header";
inline constexpr const char* page_number = "PageNumber"; // character style
inline constexpr const char* section_break = "SectionBreak"; // the paragraph that ends a section after a table
inline constexpr const char* table_grid = "TableGrid";
inline constexpr const char* layout_table = "LayoutTable";
// "Heading1".."HeadingN"; Word shows these in its navigation pane.
std::string heading(int level);
// "ListItem" for level 1, "ListItem2".."ListItem4" below it (levels are clamped to 1..4).
std::string list_level(int level);
} // namespace style_id

// List levels with a style of their own (the template language's @item .. @item4).
inline constexpr int list_level_count = 4;

// The style of a list level: the profile's list_item, whose first line levels 2-4 indent
// further by list_level_indent_mm per level below the first (docs/docx.md, "Lists").
model::TextStyle list_item_style(const model::Profile& profile, int level);

// The profile's style of a heading level, clamped to the levels the profile defines (a profile
// without headings gets bold body text).
model::TextStyle heading_style(const model::Profile& profile, int level);
int heading_level_count(const model::Profile& profile);

// Styles that the profile does not spell out but that the DOCX needs as named styles.
model::TextStyle summary_separator_style(const model::Profile& profile);
model::TextStyle signature_note_style(const model::Profile& profile);
model::TextStyle signature_name_style(const model::Profile& profile); // includes the signing space
model::TextStyle page_number_style(const model::Profile& profile);
model::TextStyle chart_paragraph_style(const model::Profile& profile); // centred, the body's space around

// The w:jc value of an alignment, for paragraph styles and paragraphs ("both" for justify).
const char* jc_value(model::Align align);

std::string styles_xml(const model::Profile& profile);

} // namespace vanban::docx
