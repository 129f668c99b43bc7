#include "model/model_json.hpp"

#include "model/profile.hpp"

namespace vanban::model {

namespace {

using nlohmann::json;

template <class T, class Convert>
json list(const std::vector<T>& items, Convert convert) {
    json out = json::array();
    for (const T& item : items) out.push_back(convert(item));
    return out;
}

json strings(const std::vector<std::string>& items) {
    return list(items, [](const std::string& s) { return json(s); });
}

json inlines(const std::vector<Inline>& lines) {
    return list(lines, [](const Inline& line) { return to_json(line); });
}

// ------------------------------------------------------------------ profile

// The keys are those of profile_from_json (src/model/profile.cpp).
json style_json(const TextStyle& s) {
    return json{{"size_pt", s.size_pt},
                {"bold", s.bold},
                {"italic", s.italic},
                {"underline", s.underline},
                {"align", align_name(s.align)},
                {"first_line_indent_mm", s.first_line_indent_mm},
                {"left_indent_mm", s.left_indent_mm},
                {"space_before_pt", s.space_before_pt},
                {"space_after_pt", s.space_after_pt},
                {"line_spacing", s.line_spacing},
                {"keep_with_next", s.keep_with_next}};
}

json page_json(const PageSetup& p) {
    return json{{"width_mm", p.width_mm},
                {"height_mm", p.height_mm},
                {"margin_top_mm", p.margin_top_mm},
                {"margin_bottom_mm", p.margin_bottom_mm},
                {"margin_left_mm", p.margin_left_mm},
                {"margin_right_mm", p.margin_right_mm},
                {"page_numbers", p.page_numbers},
                {"page_numbers_from", p.page_numbers_from},
                {"page_number_top_mm", p.page_number_top_mm},
                {"page_number_size_pt", p.page_number_size_pt},
                {"mirror_margins", p.mirror_margins}};
}

json header_style_json(const HeaderStyle& h) {
    return json{{"left_column_mm", h.left_column_mm},
                {"national_title", strings(h.national_title)},
                {"motto", strings(h.motto)},
                {"national_title_style", style_json(h.national_title_style)},
                {"motto_style", style_json(h.motto_style)},
                {"rule_under_title", h.rule_under_title},
                {"superior_style", style_json(h.superior_style)},
                {"issuer_style", style_json(h.issuer_style)},
                {"issuer_mark", h.issuer_mark},
                {"rule_under_issuer", h.rule_under_issuer},
                {"number_style", style_json(h.number_style)},
                {"place_date_style", style_json(h.place_date_style)},
                {"mark_style", style_json(h.mark_style)},
                {"urgency_mark_colour", h.urgency_mark_colour},
                {"secrecy_mark_colour", h.secrecy_mark_colour}};
}

// ------------------------------------------------------------------ blocks

const char* paragraph_kind_name(ParagraphKind kind) {
    switch (kind) {
    case ParagraphKind::body: return "body";
    case ParagraphKind::plain: return "plain";
    case ParagraphKind::center: return "center";
    case ParagraphKind::right: return "right";
    }
    return "body";
}

json cell_json(const TableCell& cell) {
    return json{{"paragraphs", inlines(cell.paragraphs)},
                {"colspan", cell.colspan},
                {"rowspan", cell.rowspan},
                {"covered", cell.covered},
                {"align", align_name(cell.align)}};
}

json row_json(const TableRow& row) {
    json out{{"header", row.header}, {"cells", list(row.cells, cell_json)}};
    if (row.group) out["group"] = true;
    if (row.total) out["total"] = true;
    return out;
}

json column_types_json(const std::vector<ColumnType>& types) {
    return list(types, [](ColumnType type) { return json(column_type_name(type)); });
}

json series_json(const ChartSeries& series) {
    json values = json::array();
    for (const std::optional<double>& value : series.values) values.push_back(value ? json(*value) : json(nullptr));
    return json{{"name", series.name}, {"values", std::move(values)}};
}

struct BlockJson {
    json operator()(const Heading& h) const {
        return json{{"type", "heading"}, {"level", h.level}, {"number", h.number}, {"text", to_json(h.text)}};
    }
    json operator()(const Paragraph& p) const {
        return json{{"type", "paragraph"}, {"kind", paragraph_kind_name(p.kind)}, {"text", to_json(p.text)}};
    }
    json operator()(const ListItem& item) const {
        return json{{"type", "list_item"},
                    {"marker", item.marker},
                    {"level", item.level},
                    {"text", to_json(item.text)}};
    }
    json operator()(const Table& table) const {
        return json{{"type", "table"},
                    {"column_weights", table.column_weights},
                    {"column_types", column_types_json(table.column_types)},
                    {"widths_from_content", table.widths_from_content},
                    {"caption", inlines(table.caption)},
                    {"rows", list(table.rows, row_json)},
                    {"notes", inlines(table.notes)},
                    {"landscape", table.landscape}};
    }
    json operator()(const Chart& chart) const {
        return json{{"type", "chart"},
                    {"kind", chart_kind_name(chart.kind)},
                    {"title", chart.title},
                    {"categories", strings(chart.categories)},
                    {"series", list(chart.series, series_json)},
                    {"unit", chart.unit},
                    {"decimals", chart.decimals},
                    {"value_labels", chart.value_labels},
                    {"height_mm", chart.height_mm},
                    {"landscape", chart.landscape}};
    }
    json operator()(const PageBreak&) const { return json{{"type", "page_break"}}; }
};

json blocks(const std::vector<Block>& items) {
    return list(items, [](const Block& b) { return to_json(b); });
}

// ------------------------------------------------------------------ the parts of a document

json header_json(const std::optional<Header>& header) {
    if (!header) return nullptr;
    return json{{"superior", strings(header->superior)},
                {"issuer", strings(header->issuer)},
                {"number_line", header->number_line},
                {"place_date_line", header->place_date_line},
                {"marks", strings(header->marks)},
                {"draft_mark", header->draft_mark}};
}

json title_json(const std::optional<DocTitle>& title) {
    if (!title) return nullptr;
    return json{{"type_name", title->type_name}, {"summary", inlines(title->summary)}};
}

// An image by its source and size; its bytes stay out of the JSON.
json image_json(const std::optional<Image>& image) {
    if (!image) return nullptr;
    return json{{"source", image->source.rfind("data:", 0) == 0 ? "data:…" : image->source},
                {"json_path", image->json_path},
                {"width_px", image->width_px},
                {"height_px", image->height_px},
                {"width_mm", image->width_mm},
                {"height_mm", image->height_mm},
                {"bytes", image->png.size()}};
}

json closing_json(const Closing& closing) {
    json recipients = nullptr;
    if (closing.recipients)
        recipients = json{{"label", closing.recipients->label}, {"lines", inlines(closing.recipients->lines)}};
    json signature = nullptr;
    if (closing.signature)
        signature = json{{"authority", strings(closing.signature->authority)},
                         {"position", strings(closing.signature->position)},
                         {"name", closing.signature->name},
                         {"note", closing.signature->note},
                         {"image", image_json(closing.signature->image)},
                         {"seal", image_json(closing.signature->seal)}};
    return json{{"recipients", recipients}, {"signature", signature}};
}

json appendix_json(const Appendix& appendix, bool with_blocks) {
    return json{{"title", strings(appendix.title)},
                {"subtitle", inlines(appendix.subtitle)},
                {"blocks", with_blocks ? blocks(appendix.blocks) : json::array()}};
}

json metadata_json(const Metadata& m) {
    return json{{"title", m.title},
                {"author", m.author},
                {"subject", m.subject},
                {"keywords", m.keywords},
                {"created", m.created},
                {"record", list(m.record, [](const std::pair<std::string, std::string>& field) {
                     return json::array({field.first, field.second});
                 })}};
}

} // namespace

json to_json(const Inline& runs) {
    json out = json::array();
    for (const Run& run : runs) {
        json item{{"text", run.text}};
        if (run.bold) item["bold"] = true;
        if (run.italic) item["italic"] = true;
        if (run.underline) item["underline"] = true;
        out.push_back(std::move(item));
    }
    return out;
}

json to_json(const Block& block) { return std::visit(BlockJson{}, block); }

json to_json(const Profile& p) {
    return json{{"name", p.name},
                {"font_family", p.font_family},
                {"number_prefix", p.number_prefix},
                {"recipients_label", p.recipients_label},
                {"line_breaking", line_breaking_name(p.line_breaking)},
                {"page", page_json(p.page)},
                {"header", header_style_json(p.header)},
                {"doc_type", style_json(p.doc_type)},
                {"summary", style_json(p.summary)},
                {"summary_separator", p.summary_separator},
                {"body", style_json(p.body)},
                {"headings", list(p.headings, style_json)},
                {"list_item", style_json(p.list_item)},
                {"table_text", style_json(p.table_text)},
                {"table_header", style_json(p.table_header)},
                {"table_caption", style_json(p.table_caption)},
                {"table_note", style_json(p.table_note)},
                {"chart", json{{"height_mm", p.chart.height_mm},
                               {"label_size_pt", p.chart.label_size_pt},
                               {"title", style_json(p.chart.title)},
                               {"palette", strings(p.chart.palette)}}},
                {"recipients_label_style", style_json(p.recipients_label_style)},
                {"recipients", style_json(p.recipients)},
                {"recipients_column_mm", p.recipients_column_mm},
                {"signature_authority", style_json(p.signature_authority)},
                {"signature_position", style_json(p.signature_position)},
                {"signature_name", style_json(p.signature_name)},
                {"signature_space_mm", p.signature_space_mm},
                {"appendix_title", style_json(p.appendix_title)},
                {"appendix_subtitle", style_json(p.appendix_subtitle)},
                {"list_level_indent_mm", p.list_level_indent_mm},
                {"appendix_restarts_page_numbers", p.appendix_restarts_page_numbers},
                {"rule_width_pt", p.rule_width_pt},
                {"rule_gap_pt", p.rule_gap_pt},
                {"draft_mark", p.draft_mark},
                {"draft_mark_style", style_json(p.draft_mark_style)},
                {"draft_number_blanks", p.draft_number_blanks},
                {"signing", json{{"fields", p.signing.fields},
                                 {"images", p.signing.images},
                                 {"signer_width_mm", p.signing.signer_width_mm},
                                 {"seal_size_mm", p.signing.seal_size_mm},
                                 {"seal_overlap", p.signing.seal_overlap},
                                 {"appendix_field_width_mm", p.signing.appendix_field_width_mm},
                                 {"appendix_field_height_mm", p.signing.appendix_field_height_mm},
                                 {"appendix_field_top_mm", p.signing.appendix_field_top_mm}}}};
}

namespace {

// A string that cannot occur in a model: where a list of blocks goes in the text.
std::string block_list_mark(std::size_t list) { return "\x01" "blocks " + std::to_string(list) + "\x01"; }

// `items` as dump(2) writes a value whose first line is indented by `depth` levels.
void append_blocks(std::string& out, const std::vector<Block>& items, int depth) {
    if (items.empty()) {
        out += "[]";
        return;
    }
    const std::string inner = "\n" + std::string(2 * (depth + 1), ' ');
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i ? "," + inner : inner;
        // Every line break of a dump is between tokens (strings escape theirs), so the
        // block is indented by putting the indent after each one.
        for (char c : to_json(items[i]).dump(2)) {
            if (c == '\n') out += inner;
            else out += c;
        }
    }
    out += '\n' + std::string(2 * depth, ' ') + ']';
}

} // namespace

std::string to_json_text(const Document& d, const json& extra) {
    json shell = to_json(d, false);
    shell.update(extra);
    shell["body"] = block_list_mark(0);
    for (std::size_t i = 0; i < d.appendices.size(); ++i) shell["appendices"][i]["blocks"] = block_list_mark(i + 1);
    const std::string text = shell.dump(2);
    // A text of the data could spell a mark (control characters and all): then the marks
    // are not where they seem, and the whole tree is made instead.
    std::size_t marks = 0;
    for (std::size_t at = text.find("\\u0001blocks "); at != std::string::npos; at = text.find("\\u0001blocks ", at + 1))
        ++marks;
    if (marks != d.appendices.size() + 1) {
        json whole = to_json(d);
        whole.update(extra);
        return whole.dump(2);
    }

    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    auto splice = [&](std::size_t list, const std::vector<Block>& items, int depth) {
        const std::string mark = json(block_list_mark(list)).dump();
        const std::size_t at = text.find(mark, copied);
        out.append(text, copied, at - copied);
        append_blocks(out, items, depth);
        copied = at + mark.size();
    };
    // In key order: "appendices" (each object's "blocks" 4 levels down) comes before "body".
    for (std::size_t i = 0; i < d.appendices.size(); ++i) splice(i + 1, d.appendices[i].blocks, 3);
    splice(0, d.body, 1);
    out.append(text, copied);
    return out;
}

json to_json(const Document& d) { return to_json(d, true); }

json to_json(const Document& d, bool with_blocks) {
    return json{{"profile", to_json(d.profile)},
                {"metadata", metadata_json(d.metadata)},
                {"header", header_json(d.header)},
                {"title", title_json(d.title)},
                {"body", with_blocks ? blocks(d.body) : json::array()},
                {"closing", closing_json(d.closing)},
                {"appendices", list(d.appendices, [&](const Appendix& a) { return appendix_json(a, with_blocks); })},
                {"issued_appendix", d.issued_appendix}};
}

} // namespace vanban::model
