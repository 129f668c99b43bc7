#include "docx/chart.hpp"

#include <charconv>
#include <cmath>

#include "docx/package.hpp"
#include "docx/xml.hpp"
#include "model/furniture.hpp"

namespace vanban::docx {
namespace {

using model::Chart;
using model::ChartKind;

constexpr const char* ns_c = "http://schemas.openxmlformats.org/drawingml/2006/chart";
constexpr const char* ns_a = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* ns_wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* ns_sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* grid_colour = "D9D9D9";
constexpr const char* axis_colour = "7F7F7F";
constexpr const char* outline_colour = "404040"; // around bars and slices, as in the PDF
constexpr long emu_per_twip = 635;

using xml::add;

xml::Node val(xml::Node parent, const char* name, const std::string& value) {
    xml::Node node = parent.append_child(name);
    node.append_attribute("val") = value.c_str();
    return node;
}
xml::Node val(xml::Node parent, const char* name, long value) { return val(parent, name, std::to_string(value)); }

// The shortest text that reads back as the same number, as spreadsheets store figures.
std::string number_text(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}

// An Excel number format with Vietnamese separators whatever the reader's own settings:
// the locale tag [$-42A] (Vietnamese) makes Word and LibreOffice write 1.250,5.
std::string figure_format(int decimals) {
    std::string code = "[$-42A]#,##0";
    if (decimals > 0) code += "." + std::string(static_cast<std::size_t>(decimals), '0');
    return code;
}

int decimals_of_step(double step) {
    for (int d = 0; d < 6; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6) return d;
    }
    return 6;
}

std::string hex(const std::string& colour) { return colour.size() == 7 ? colour.substr(1) : "000000"; }

void solid_fill(xml::Node parent, const std::string& rgb) {
    val(add(parent, "a:solidFill"), "a:srgbClr", rgb);
}

// c:spPr: a fill and an outline (width in EMU), either may be left out.
void shape_properties(xml::Node parent, const std::string& fill, const std::string& line, long line_width = 6350) {
    xml::Node sp = add(parent, "c:spPr");
    if (fill.empty()) add(sp, "a:noFill");
    else solid_fill(sp, fill);
    xml::Node ln = add(sp, "a:ln");
    if (line.empty()) {
        add(ln, "a:noFill");
    } else {
        ln.append_attribute("w") = line_width;
        solid_fill(ln, line);
    }
}

// c:txPr: text in the document's font, at `size` points.
void text_properties(xml::Node parent, const model::Profile& profile, double size, bool bold = false,
                     const char* colour = "000000") {
    xml::Node tx = add(parent, "c:txPr");
    add(tx, "a:bodyPr");
    add(tx, "a:lstStyle");
    xml::Node p = add(tx, "a:p");
    xml::Node def = add(add(p, "a:pPr"), "a:defRPr");
    def.append_attribute("sz") = std::lround(size * 100);
    def.append_attribute("b") = bold ? 1 : 0;
    solid_fill(def, colour);
    add(def, "a:latin").append_attribute("typeface") = profile.font_family.c_str();
    add(def, "a:cs").append_attribute("typeface") = profile.font_family.c_str();
    add(p, "a:endParaRPr").append_attribute("lang") = "vi-VN";
}

void rich_title(xml::Node parent, const std::string& text, const model::Profile& profile, double size, bool bold) {
    xml::Node title = add(parent, "c:title");
    xml::Node rich = add(add(title, "c:tx"), "c:rich");
    add(rich, "a:bodyPr").append_attribute("rot") = 0;
    add(rich, "a:lstStyle");
    xml::Node p = add(rich, "a:p");
    xml::Node def = add(add(p, "a:pPr"), "a:defRPr");
    def.append_attribute("sz") = std::lround(size * 100);
    def.append_attribute("b") = bold ? 1 : 0;
    xml::Node r = add(p, "a:r");
    xml::Node rpr = add(r, "a:rPr");
    rpr.append_attribute("lang") = "vi-VN";
    rpr.append_attribute("sz") = std::lround(size * 100);
    rpr.append_attribute("b") = bold ? 1 : 0;
    solid_fill(rpr, "000000");
    add(rpr, "a:latin").append_attribute("typeface") = profile.font_family.c_str();
    add(rpr, "a:cs").append_attribute("typeface") = profile.font_family.c_str();
    add(r, "a:t").text() = xml::clean_text(text).c_str();
    val(title, "c:overlay", 0);
}

// The workbook's cells the chart reads: "Sheet1!$B$2:$B$6".
std::string column_letters(std::size_t column) {
    std::string letters;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}
std::string range(std::size_t column, std::size_t first_row, std::size_t last_row) {
    const std::string c = column_letters(column);
    return "Sheet1!$" + c + "$" + std::to_string(first_row) + (last_row > first_row ? ":$" + c + "$" + std::to_string(last_row) : "");
}

class ChartWriter {
public:
    ChartWriter(const Chart& chart, const model::Profile& profile) : chart_(chart), profile_(profile) {}

    std::string write(const char* workbook_rel_id) {
        xml::Document document;
        xml::Node space = document.append_child("c:chartSpace");
        space.append_attribute("xmlns:c") = ns_c;
        space.append_attribute("xmlns:a") = ns_a;
        space.append_attribute("xmlns:r") = xml::ns_r;
        val(space, "c:date1904", 0);
        val(space, "c:lang", "vi-VN");
        val(space, "c:roundedCorners", 0);
        xml::Node chart = add(space, "c:chart");
        if (!chart_.title.empty()) rich_title(chart, chart_.title, profile_, profile_.chart.title.size_pt, profile_.chart.title.bold);
        val(chart, "c:autoTitleDeleted", chart_.title.empty() ? 1 : 0);
        plot_area(add(chart, "c:plotArea"));
        xml::Node legend = add(chart, "c:legend");
        val(legend, "c:legendPos", "b");
        val(legend, "c:overlay", 0);
        text_properties(legend, profile_, label_size());
        val(chart, "c:plotVisOnly", 1);
        val(chart, "c:dispBlanksAs", "gap");
        shape_properties(space, "FFFFFF", "");
        text_properties(space, profile_, label_size());
        xml::Node external = add(space, "c:externalData");
        external.append_attribute("r:id") = workbook_rel_id;
        val(external, "c:autoUpdate", 0);
        return xml::serialize(document);
    }

private:
    double label_size() const { return profile_.chart.label_size_pt; }
    std::size_t categories() const { return chart_.categories.size(); }

    void plot_area(xml::Node area) {
        add(area, "c:layout");
        xml::Node group;
        switch (chart_.kind) {
        case ChartKind::bar:
        case ChartKind::stacked_bar:
            group = add(area, "c:barChart");
            val(group, "c:barDir", "col");
            val(group, "c:grouping", chart_.kind == ChartKind::bar ? "clustered" : "stacked");
            val(group, "c:varyColors", 0);
            break;
        case ChartKind::line:
            group = add(area, "c:lineChart");
            val(group, "c:grouping", "standard");
            val(group, "c:varyColors", 0);
            break;
        case ChartKind::pie:
            group = add(area, "c:pieChart");
            val(group, "c:varyColors", 1);
            break;
        }
        for (std::size_t s = 0; s < chart_.series.size(); ++s) series(group, s);
        if (chart_.kind == ChartKind::pie) {
            val(group, "c:firstSliceAng", 0);
            return;
        }
        if (chart_.kind == ChartKind::line) val(group, "c:marker", 1);
        else {
            val(group, "c:gapWidth", 150);
            if (chart_.kind == ChartKind::stacked_bar) val(group, "c:overlap", 100);
        }
        val(group, "c:axId", category_axis_id);
        val(group, "c:axId", value_axis_id);
        category_axis(add(area, "c:catAx"));
        value_axis(add(area, "c:valAx"));
    }

    void series(xml::Node group, std::size_t s) {
        const model::ChartSeries& data = chart_.series[s];
        xml::Node ser = add(group, "c:ser");
        val(ser, "c:idx", static_cast<long>(s));
        val(ser, "c:order", static_cast<long>(s));
        xml::Node tx = add(add(ser, "c:tx"), "c:strRef");
        add(tx, "c:f").text() = range(s + 1, 1, 1).c_str();
        xml::Node name_cache = add(tx, "c:strCache");
        val(name_cache, "c:ptCount", 1);
        xml::Node pt = add(name_cache, "c:pt");
        pt.append_attribute("idx") = 0;
        add(pt, "c:v").text() = xml::clean_text(data.name).c_str();

        const std::string colour = hex(model::chart_colour(profile_, s));
        switch (chart_.kind) {
        case ChartKind::line: {
            xml::Node sp = add(ser, "c:spPr");
            xml::Node ln = add(sp, "a:ln");
            ln.append_attribute("w") = 25400; // 2 pt, as the PDF
            solid_fill(ln, colour);
            xml::Node marker = add(ser, "c:marker");
            static constexpr const char* symbols[] = {"circle", "square", "diamond", "triangle"};
            val(marker, "c:symbol", symbols[s % 4]);
            val(marker, "c:size", 7);
            shape_properties(marker, colour, outline_colour);
            break;
        }
        case ChartKind::pie:
            shape_properties(ser, "", outline_colour);
            for (std::size_t c = 0; c < categories(); ++c) {
                xml::Node point = add(ser, "c:dPt");
                val(point, "c:idx", static_cast<long>(c));
                val(point, "c:bubble3D", 0);
                shape_properties(point, hex(model::chart_colour(profile_, c)), outline_colour);
            }
            break;
        default:
            shape_properties(ser, colour, outline_colour);
            val(ser, "c:invertIfNegative", 0);
            break;
        }
        if (chart_.value_labels) data_labels(ser, colour);
        categories_of(add(ser, "c:cat"));
        values_of(add(ser, "c:val"), data, s);
        if (chart_.kind == ChartKind::line) val(ser, "c:smooth", 0);
    }

    void data_labels(xml::Node ser, const std::string& fill) {
        xml::Node labels = add(ser, "c:dLbls");
        const bool pie = chart_.kind == ChartKind::pie;
        xml::Node format = add(labels, "c:numFmt");
        format.append_attribute("formatCode") = pie ? "[$-42A]0.0%" : figure_format(chart_.decimals).c_str();
        format.append_attribute("sourceLinked") = 0;
        shape_properties(labels, "", "");
        // Inside a stacked bar's segment, white on a dark one (as the PDF).
        const model::Rgb rgb = model::rgb_of("#" + fill);
        const bool dark = 0.2126 * rgb.r + 0.7152 * rgb.g + 0.0722 * rgb.b < 128;
        text_properties(labels, profile_, label_size(), false,
                        chart_.kind == ChartKind::stacked_bar && dark ? "FFFFFF" : "000000");
        val(labels, "c:dLblPos", chart_.kind == ChartKind::stacked_bar ? "ctr" : chart_.kind == ChartKind::line ? "t" : "outEnd");
        val(labels, "c:showLegendKey", 0);
        val(labels, "c:showVal", pie ? 0 : 1);
        val(labels, "c:showCatName", 0);
        val(labels, "c:showSerName", 0);
        val(labels, "c:showPercent", pie ? 1 : 0);
        val(labels, "c:showBubbleSize", 0);
        if (pie) val(labels, "c:showLeaderLines", 0);
    }

    void categories_of(xml::Node cat) {
        xml::Node ref = add(cat, "c:strRef");
        add(ref, "c:f").text() = range(0, 2, categories() + 1).c_str();
        xml::Node cache = add(ref, "c:strCache");
        val(cache, "c:ptCount", static_cast<long>(categories()));
        for (std::size_t c = 0; c < categories(); ++c) {
            xml::Node pt = add(cache, "c:pt");
            pt.append_attribute("idx") = static_cast<unsigned long>(c);
            add(pt, "c:v").text() = xml::clean_text(chart_.categories[c]).c_str();
        }
    }

    void values_of(xml::Node value, const model::ChartSeries& data, std::size_t s) {
        xml::Node ref = add(value, "c:numRef");
        add(ref, "c:f").text() = range(s + 1, 2, categories() + 1).c_str();
        xml::Node cache = add(ref, "c:numCache");
        add(cache, "c:formatCode").text() = "General";
        val(cache, "c:ptCount", static_cast<long>(categories()));
        for (std::size_t c = 0; c < categories() && c < data.values.size(); ++c) {
            if (!data.values[c]) continue; // no figure: no point, a gap
            xml::Node pt = add(cache, "c:pt");
            pt.append_attribute("idx") = static_cast<unsigned long>(c);
            add(pt, "c:v").text() = number_text(*data.values[c]).c_str();
        }
    }

    void category_axis(xml::Node axis) {
        val(axis, "c:axId", category_axis_id);
        val(add(axis, "c:scaling"), "c:orientation", "minMax");
        val(axis, "c:delete", 0);
        val(axis, "c:axPos", "b");
        xml::Node format = add(axis, "c:numFmt");
        format.append_attribute("formatCode") = "General";
        format.append_attribute("sourceLinked") = 0;
        val(axis, "c:majorTickMark", "none");
        val(axis, "c:minorTickMark", "none");
        val(axis, "c:tickLblPos", "low");
        shape_properties(axis, "", axis_colour, 9525);
        text_properties(axis, profile_, label_size());
        val(axis, "c:crossAx", value_axis_id);
        val(axis, "c:crosses", "autoZero");
        val(axis, "c:auto", 1);
        val(axis, "c:lblAlgn", "ctr");
        val(axis, "c:lblOffset", 100);
        val(axis, "c:noMultiLvlLbl", 0);
    }

    void value_axis(xml::Node axis) {
        const model::ChartScale scale = model::chart_scale(chart_);
        val(axis, "c:axId", value_axis_id);
        xml::Node scaling = add(axis, "c:scaling");
        val(scaling, "c:orientation", "minMax");
        val(scaling, "c:max", number_text(scale.max));
        val(scaling, "c:min", number_text(scale.min));
        val(axis, "c:delete", 0);
        val(axis, "c:axPos", "l");
        shape_properties(add(axis, "c:majorGridlines"), "", grid_colour);
        if (!chart_.unit.empty()) rich_title(axis, chart_.unit, profile_, label_size(), false);
        xml::Node format = add(axis, "c:numFmt");
        format.append_attribute("formatCode") = figure_format(decimals_of_step(scale.step)).c_str();
        format.append_attribute("sourceLinked") = 0;
        val(axis, "c:majorTickMark", "none");
        val(axis, "c:minorTickMark", "none");
        val(axis, "c:tickLblPos", "nextTo");
        shape_properties(axis, "", "");
        text_properties(axis, profile_, label_size());
        val(axis, "c:crossAx", category_axis_id);
        val(axis, "c:crosses", "autoZero");
        val(axis, "c:crossBetween", "between");
        val(axis, "c:majorUnit", number_text(scale.step));
    }

    static constexpr long category_axis_id = 50010001;
    static constexpr long value_axis_id = 50010002;
    const Chart& chart_;
    const model::Profile& profile_;
};

// ------------------------------------------------------------------ the workbook

std::string workbook_sheet(const Chart& chart) {
    xml::Document document;
    xml::Node sheet = document.append_child("worksheet");
    sheet.append_attribute("xmlns") = ns_sheet;
    xml::Node data = add(sheet, "sheetData");
    auto text_cell = [](xml::Node row, const std::string& ref, const std::string& text) {
        xml::Node cell = add(row, "c");
        cell.append_attribute("r") = ref.c_str();
        cell.append_attribute("t") = "inlineStr";
        add(add(cell, "is"), "t").text() = xml::clean_text(text).c_str();
    };
    xml::Node header = add(data, "row");
    header.append_attribute("r") = 1;
    for (std::size_t s = 0; s < chart.series.size(); ++s) text_cell(header, column_letters(s + 1) + "1", chart.series[s].name);
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        const std::string row_number = std::to_string(c + 2);
        xml::Node row = add(data, "row");
        row.append_attribute("r") = row_number.c_str();
        text_cell(row, "A" + row_number, chart.categories[c]);
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            if (c >= chart.series[s].values.size() || !chart.series[s].values[c]) continue;
            xml::Node cell = add(row, "c");
            cell.append_attribute("r") = (column_letters(s + 1) + row_number).c_str();
            add(cell, "v").text() = number_text(*chart.series[s].values[c]).c_str();
        }
    }
    return xml::serialize(document);
}

std::string simple_xml(const char* root, const char* ns, const std::string& inner) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<") + root + " xmlns=\"" + ns +
           "\"" + inner;
}

} // namespace

std::string chart_xml(const model::Chart& chart, const model::Profile& profile, const char* workbook_rel_id) {
    return ChartWriter(chart, profile).write(workbook_rel_id);
}

std::string chart_relationships_xml(const char* workbook_rel_id, const std::string& workbook_name) {
    return simple_xml("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships",
                      "><Relationship Id=\"" + std::string(workbook_rel_id) +
                          "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" "
                          "Target=\"../embeddings/" + workbook_name + "\"/></Relationships>");
}

// None of its parts is kept deflated between documents (package.cpp): each differs from the
// DOCX's part of the same name.
std::string chart_workbook(const model::Chart& chart, std::int64_t zip_time) {
    const std::string sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    std::vector<Part> parts;
    parts.push_back({"[Content_Types].xml",
                     simple_xml("Types", "http://schemas.openxmlformats.org/package/2006/content-types",
                                "><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                                "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + sheet_type +
                                    ".sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" +
                                    sheet_type + ".worksheet+xml\"/></Types>"),
                     false});
    parts.push_back({"_rels/.rels",
                     simple_xml("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships",
                                "><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
                     false});
    parts.push_back({"xl/workbook.xml",
                     simple_xml("workbook", ns_sheet,
                                " xmlns:r=\"" + std::string(xml::ns_r) +
                                    "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
                     false});
    parts.push_back({"xl/_rels/workbook.xml.rels",
                     simple_xml("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships",
                                "><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                                "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
                     false});
    parts.push_back({"xl/worksheets/sheet1.xml", workbook_sheet(chart), false});
    return zip_parts(parts, zip_time);
}

void add_chart_drawing(xml::Node paragraph, const std::string& rel_id, std::size_t number, long width, long height,
                       const std::string& title) {
    xml::Node inline_ = add(add(add(paragraph, "w:r"), "w:drawing"), "wp:inline");
    inline_.append_attribute("xmlns:wp") = ns_wp;
    inline_.append_attribute("xmlns:a") = ns_a;
    inline_.append_attribute("xmlns:c") = ns_c;
    for (const char* side : {"distT", "distB", "distL", "distR"}) inline_.append_attribute(side) = 0;
    xml::Node extent = add(inline_, "wp:extent");
    extent.append_attribute("cx") = width * emu_per_twip;
    extent.append_attribute("cy") = height * emu_per_twip;
    xml::Node effects = add(inline_, "wp:effectExtent");
    for (const char* side : {"l", "t", "r", "b"}) effects.append_attribute(side) = 0;
    xml::Node properties = add(inline_, "wp:docPr");
    properties.append_attribute("id") = static_cast<unsigned long>(number);
    properties.append_attribute("name") = ("Biểu đồ " + std::to_string(number)).c_str();
    if (!title.empty()) properties.append_attribute("descr") = xml::clean_text(title).c_str();
    add(inline_, "wp:cNvGraphicFramePr");
    xml::Node data = add(add(inline_, "a:graphic"), "a:graphicData");
    data.append_attribute("uri") = ns_c;
    xml::Node chart = add(data, "c:chart");
    chart.append_attribute("r:id") = rel_id.c_str();
}

} // namespace vanban::docx
