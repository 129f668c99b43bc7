#include "import/docx_chart.hpp"

#include <charconv>
#include <cstring>

#include "import/ooxml.hpp"

namespace vanban::import {

namespace {

std::string_view local_name(pugi::xml_node node) {
    const std::string_view name = node.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node c : node.children())
        if (c.type() == pugi::node_element && local_name(c) == local) return c;
    return {};
}

pugi::xml_node descendant(pugi::xml_node node, std::string_view local) {
    return node.find_node([&](pugi::xml_node n) { return n.type() == pugi::node_element && local_name(n) == local; });
}

std::string_view val(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_attribute a : child(node, local).attributes())
        if (std::string_view(a.name()) == "val" || std::string_view(a.name()).ends_with(":val")) return a.value();
    return {};
}

// The text of a title (c:title/c:tx/c:rich): its runs, paragraphs joined by a space.
std::string title_text(pugi::xml_node title) {
    std::string text;
    const pugi::xml_node rich = descendant(child(title, "tx"), "rich");
    for (pugi::xml_node p : rich.children()) {
        if (local_name(p) != "p") continue;
        std::string line;
        for (pugi::xml_node r : p.children())
            if (local_name(r) == "r" || local_name(r) == "fld") line += child(r, "t").text().get();
        if (!line.empty()) text += (text.empty() ? "" : " ") + line;
    }
    return text;
}

// The cached points of a reference or literal (c:strRef, c:numRef, c:strLit, c:numLit):
// text by index, ptCount long.
std::vector<std::optional<std::string>> cached_points(pugi::xml_node holder) {
    pugi::xml_node cache;
    for (const char* name : {"strCache", "numCache", "strLit", "numLit", "multiLvlStrCache"})
        if ((cache = descendant(holder, name))) break;
    std::vector<std::optional<std::string>> points;
    if (!cache) return points;
    std::size_t count = 0;
    std::from_chars(val(cache, "ptCount").data(), val(cache, "ptCount").data() + val(cache, "ptCount").size(), count);
    constexpr std::size_t max_points = 10'000; // a chart of more is no chart a page can show
    points.resize(std::min(count, max_points));
    for (pugi::xml_node pt : cache.children()) {
        if (local_name(pt) != "pt") continue;
        const std::size_t index = pt.attribute("idx").as_ullong(max_points);
        if (index >= max_points) continue;
        if (index >= points.size()) points.resize(index + 1);
        points[index] = child(pt, "v").text().get();
    }
    return points;
}

std::optional<double> number_of(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    double value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

// The decimals an Excel number format shows ("#,##0.0" -> 1); nullopt for a percentage.
std::optional<int> decimals_of_format(std::string_view code) {
    if (code.empty() || code.find('%') != std::string_view::npos) return std::nullopt;
    const std::size_t point = code.find('.');
    if (point == std::string_view::npos) return 0;
    int decimals = 0;
    for (std::size_t i = point + 1; i < code.size() && (code[i] == '0' || code[i] == '#'); ++i) ++decimals;
    return decimals;
}

std::string kind_of(pugi::xml_node group) {
    const std::string_view name = local_name(group);
    if (name == "barChart" || name == "bar3DChart") {
        const std::string_view grouping = val(group, "grouping");
        return grouping == "stacked" ? "stacked-bar" : grouping == "percentStacked" ? "" : "bar";
    }
    if (name == "lineChart" || name == "line3DChart") return val(group, "grouping") == "standard" || val(group, "grouping").empty() ? "line" : "";
    if (name == "pieChart" || name == "pie3DChart") return "pie";
    return "";
}

bool shows_values(pugi::xml_node labels) {
    return labels && (val(labels, "showVal") == "1" || val(labels, "showVal") == "true" ||
                      val(labels, "showPercent") == "1" || val(labels, "showPercent") == "true");
}

void read_series(pugi::xml_node ser, DrawnChart& chart, pugi::xml_node group_labels) {
    DrawnChart::Series& series = chart.series.emplace_back();
    const pugi::xml_node tx = child(ser, "tx");
    if (const std::vector<std::optional<std::string>> name = cached_points(tx); !name.empty() && name[0])
        series.name = *name[0];
    else
        series.name = child(tx, "v").text().get();
    if (chart.categories.empty())
        for (const std::optional<std::string>& category : cached_points(child(ser, "cat")))
            chart.categories.push_back(category.value_or(""));
    for (const std::optional<std::string>& point : cached_points(child(ser, "val"))) series.values.push_back(number_of(point));
    pugi::xml_node labels = child(ser, "dLbls");
    if (!labels) labels = group_labels;
    if (shows_values(labels)) {
        chart.value_labels = true;
        if (!chart.decimals) chart.decimals = decimals_of_format(child(labels, "numFmt").attribute("formatCode").value());
    }
}

} // namespace

std::string chart_reference(pugi::xml_node drawing, double& height_mm) {
    const pugi::xml_node chart = descendant(drawing, "chart");
    if (!chart) return {};
    for (pugi::xml_attribute a : chart.attributes())
        if (std::string_view(a.name()).ends_with(":id")) {
            const pugi::xml_node extent = descendant(drawing, "extent");
            height_mm = extent.attribute("cy").as_double() / 36'000.0; // EMU
            return a.value();
        }
    return {};
}

DrawnChart read_chart_part(const std::string& bytes, const std::string& source, const std::string& part) {
    pugi::xml_document document;
    ooxml::parse(document, bytes, source, part);
    DrawnChart chart;
    const pugi::xml_node root = child(document.document_element(), "chart");
    if (const pugi::xml_node title = child(root, "title")) chart.title = title_text(title);
    const pugi::xml_node plot = child(root, "plotArea");
    int groups = 0;
    for (pugi::xml_node group : plot.children()) {
        const std::string_view name = local_name(group);
        if (!name.ends_with("Chart")) {
            if (name == "valAx")
                if (const pugi::xml_node title = child(group, "title")) chart.unit = title_text(title);
            continue;
        }
        if (++groups > 1) {
            chart.kind.clear(); // a combination of kinds: vanban draws one kind a chart
            continue;
        }
        chart.kind = kind_of(group);
        const pugi::xml_node labels = child(group, "dLbls");
        for (pugi::xml_node ser : group.children())
            if (local_name(ser) == "ser") read_series(ser, chart, labels);
    }
    return chart;
}

} // namespace vanban::import
