#include "model/furniture.hpp"

#include <algorithm>
#include <cmath>

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
