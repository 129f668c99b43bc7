#include "model/furniture.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vanban::model {

long mm_to_twips(double mm) { return std::lround(mm * 1440.0 / 25.4); }

TextBlock text_block(const PageSetup& page) {
    TextBlock block;
    block.page_width = mm_on_grid_pt(page.width_mm);
    block.page_height = mm_on_grid_pt(page.height_mm);
    block.left = mm_on_grid_pt(page.margin_left_mm);
    block.right = block.left + twips_to_pt(text_block_width_twips(page));
    block.top = mm_on_grid_pt(page.margin_top_mm);
    block.bottom = block.page_height - mm_on_grid_pt(page.margin_bottom_mm);
    return block;
}

long text_block_width_twips(const PageSetup& page) {
    return std::max(1L, mm_to_twips(page.width_mm) - mm_to_twips(page.margin_left_mm) -
                            mm_to_twips(page.margin_right_mm));
}

ChartScale chart_scale(const Chart& chart) {
    double low = 0, high = 0;
    const std::size_t categories = chart.categories.size();
    for (std::size_t c = 0; c < categories; ++c) {
        double stack = 0;
        for (const ChartSeries& series : chart.series) {
            const double value = c < series.values.size() ? series.values[c].value_or(0) : 0;
            low = std::min(low, value);
            high = std::max(high, value);
            stack += value;
        }
        if (chart.kind == ChartKind::stacked_bar) high = std::max(high, stack);
    }
    if (high <= low) high = low + 1;
    const double rough = (high - low) / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10 * magnitude;
    for (double factor : {1.0, 2.0, 2.5, 5.0})
        if (factor * magnitude >= rough) {
            step = factor * magnitude;
            break;
        }
    if (chart.decimals == 0) step = std::max(step, 1.0); // whole figures: whole ticks
    ChartScale scale;
    scale.step = step;
    scale.min = std::floor(low / step) * step;
    scale.max = std::ceil(high / step) * step;
    if (chart.value_labels && scale.max - high < 0.15 * step) scale.max += step; // room for the top figure
    if (scale.max <= scale.min) scale.max = scale.min + step;
    return scale;
}

Rgb rgb_of(const std::string& colour) {
    auto hex = [&](std::size_t at) {
        return static_cast<unsigned char>(std::stoi(colour.substr(at, 2), nullptr, 16));
    };
    if (colour.size() != 7 || colour[0] != '#') return {};
    return Rgb{hex(1), hex(3), hex(5)};
}

const std::string& chart_colour(const Profile& profile, std::size_t index) {
    static const std::string black = "#000000";
    if (profile.chart.palette.empty()) return black;
    return profile.chart.palette[index % profile.chart.palette.size()];
}

PageSetup landscape_page(const PageSetup& page) {
    PageSetup turned = page;
    if (page.width_mm < page.height_mm) std::swap(turned.width_mm, turned.height_mm);
    return turned;
}

namespace {

Columns split(long width, double left_mm, long most) {
    const long left = std::clamp(mm_to_twips(left_mm), 0L, std::max(0L, most));
    return Columns{left, width - left};
}

} // namespace

Columns header_columns(const Profile& profile) {
    const long width = text_block_width_twips(profile.page);
    return split(width, profile.header.left_column_mm, width * 6 / 10);
}

Columns closing_columns(const Profile& profile) {
    const long width = text_block_width_twips(profile.page);
    return split(width, profile.recipients_column_mm, width / 2);
}

std::vector<long> table_columns_twips(const std::vector<double>& weights, std::size_t columns, long width_twips) {
    if (columns == 0) return {};
    std::vector<double> used = weights;
    bool usable = used.size() == columns;
    for (double w : used)
        if (!(w > 0)) usable = false;
    if (!usable) used.assign(columns, 1.0);
    double sum = 0;
    for (double w : used) sum += w;
    std::vector<long> widths;
    long taken = 0;
    for (std::size_t i = 0; i + 1 < columns; ++i) {
        widths.push_back(std::lround(static_cast<double>(width_twips) * used[i] / sum));
        taken += widths.back();
    }
    widths.push_back(width_twips - taken);
    return widths;
}

RuleBand rule_band(const Profile& profile) {
    RuleBand band;
    band.thickness = profile.rule_width_pt;
    // On the twip grid, as the DOCX writes the space before the rule's paragraph.
    const double before = profile.rule_gap_pt - RuleBand::line - band.thickness / 2;
    band.space_before = std::max(0.0, std::round(before * 20) / 20);
    return band;
}

PageNumberPlace page_number_place(const PageSetup& page) {
    const TextBlock block = text_block(page);
    return PageNumberPlace{(block.left + block.right) / 2, mm_on_grid_pt(page.page_number_top_mm)};
}

namespace {

bool ends_with_colon(const Inline& text) {
    for (auto run = text.rbegin(); run != text.rend(); ++run) {
        const std::size_t last = run->text.find_last_not_of(" \t\n");
        if (last != std::string::npos) return run->text[last] == ':';
    }
    return false;
}

} // namespace

bool introduces_next(const Block& block, const Block& next) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
        if (p->kind == ParagraphKind::center && std::holds_alternative<Table>(next)) return true;
        return ends_with_colon(p->text);
    }
    if (const auto* item = std::get_if<ListItem>(&block)) return ends_with_colon(item->text);
    if (const auto* heading = std::get_if<Heading>(&block)) return ends_with_colon(heading->text);
    return false;
}

} // namespace vanban::model
