#include "docx/docx.hpp"

#include <optional>
#include <tuple>

#include "docx/chart.hpp"
#include "docx/creation_time.hpp"
#include "docx/package.hpp"
#include "docx/numbering.hpp"
#include "docx/pictures.hpp"
#include "docx/parts.hpp"
#include "docx/styles.hpp"

namespace vanban::docx {
namespace {

std::int64_t creation_time(const model::Document& doc, const DocxOptions& options) {
    if (!options.fixed_creation_date.empty()) return parse_iso8601(options.fixed_creation_date);
    if (!doc.metadata.created.empty()) return parse_iso8601(doc.metadata.created);
    return current_unix_time();
}

// styles.xml depends only on the profile, and a batch renders many documents with one: the
// last one made on this thread is reused while the profile is equal.
std::string styles_for(const model::Profile& profile) {
    thread_local model::Profile last_profile;
    thread_local std::string last_styles;
    if (last_styles.empty() || !(profile == last_profile)) {
        last_styles = styles_xml(profile);
        last_profile = profile;
    }
    return last_styles;
}

// Each chart's part, its relationships and its workbook, numbered as the document part
// refers to them.
void add_chart_parts(std::vector<Part>& parts, const model::Document& doc, const std::vector<const model::Chart*>& charts,
                     std::int64_t zip_time) {
    for (std::size_t n = 1; n <= charts.size(); ++n) {
        const model::Chart& chart = *charts[n - 1];
        const std::string part = chart_part_name(n);
        parts.push_back({part, chart_xml(chart, doc.profile, rel_id::chart_workbook), false});
        parts.push_back({"word/charts/_rels/chart" + std::to_string(n) + ".xml.rels",
                         chart_relationships_xml(rel_id::chart_workbook, chart_workbook_name(n)), false});
        parts.push_back({"word/embeddings/" + chart_workbook_name(n), chart_workbook(chart, zip_time), false});
    }
}

// The parts made from a few facts of the package (which parts it has) and the profile are
// the same for nearly every document: each is made once per thread and made again only
// when those facts change. (A function template's thread_local is one per call site, as
// each call passes its own lambda.)
template <class Facts, class Make>
const std::string& made_for(const Facts& facts, Make make) {
    thread_local std::optional<Facts> last_facts;
    thread_local std::string last;
    if (!last_facts || !(*last_facts == facts)) {
        last = make();
        last_facts = facts;
    }
    return last;
}

} // namespace

std::string render_docx(const model::Document& doc, const DocxOptions& options) {
    const std::int64_t created = creation_time(doc, options);
    const bool headers = has_page_numbers(doc.profile);
    const bool first_page_header = needs_first_page_header(doc);
    const NumberingPlan numbering = plan_numbering(doc);
    const std::vector<const model::Chart*> charts = charts_of(doc);

    const std::vector<Picture> pictures = signature_pictures(doc);
    std::vector<std::pair<std::string, std::string>> image_relationships;
    for (const Picture& picture : pictures) image_relationships.emplace_back(picture.rel_id, picture.target);

    // [Content_Types].xml first, as Office writes it; then the parts in reading order.
    std::vector<Part> parts;
    const auto package_facts = std::make_tuple(headers, first_page_header, !numbering.empty(), charts.size());
    parts.push_back({"[Content_Types].xml", made_for(std::tuple_cat(package_facts, std::make_tuple(!pictures.empty())), [&] {
                         return content_types_xml(headers, first_page_header, !numbering.empty(), !pictures.empty(),
                                                  charts.size());
                     })});
    parts.push_back({"_rels/.rels", made_for(true, [] { return package_relationships_xml(); })});
    parts.push_back({"docProps/core.xml", core_properties_xml(doc, format_w3cdtf(created)), false});
    parts.push_back({"docProps/app.xml", made_for(true, [] { return app_properties_xml(); })});
    parts.push_back({"word/document.xml", document_xml(doc, numbering), false});
    parts.push_back({"word/_rels/document.xml.rels",
                     made_for(std::tuple_cat(package_facts, std::make_tuple(image_relationships)), [&] {
                         return document_relationships_xml(headers, first_page_header, !numbering.empty(),
                                                           image_relationships, charts.size());
                     })});
    parts.push_back({"word/styles.xml", styles_for(doc.profile)});
    parts.push_back({"word/settings.xml", made_for(doc.profile, [&] { return settings_xml(doc.profile); })});
    if (headers) parts.push_back({"word/header1.xml", made_for(true, [] { return page_number_header_xml(); })});
    if (first_page_header) parts.push_back({"word/header2.xml", made_for(true, [] { return empty_header_xml(); })});
    if (!numbering.empty()) parts.push_back({"word/numbering.xml", numbering_xml(numbering), false});
    for (const Picture& picture : pictures) parts.push_back({"word/" + picture.target, picture.image->png, false});
    add_chart_parts(parts, doc, charts, zip_time_for(created));
    return zip_parts(parts, zip_time_for(created));
}

} // namespace vanban::docx
