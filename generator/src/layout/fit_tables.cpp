#include "layout/fit_tables.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <variant>

#include "layout/paragraph.hpp"
#include "model/furniture.hpp"

namespace vanban::layout {
namespace {

using model::ColumnType;

// Room kept beyond the measured text: LibreOffice and Word measure the same glyphs a few
// hundredths of a point apart, and a figure must not wrap in either.
constexpr long spare_twips = 20;
const long padding_twips = 2 * model::table_cell_padding_twips;

long to_twips(double points) { return static_cast<long>(std::ceil(points * 20)); }

// The widths of a paragraph's words and of its lines (split at forced breaks), in points.
struct Measure {
    double widest_word = 0;
    double widest_line = 0;
};

Measure measure(const model::Inline& paragraph, const model::TextStyle& style, const FontFamily& family) {
    Measure m;
    double word = 0, line = 0, space = 0;
    auto end_word = [&] {
        m.widest_word = std::max(m.widest_word, word);
        word = 0;
    };
    auto end_line = [&] {
        end_word();
        m.widest_line = std::max(m.widest_line, line);
        line = 0;
    };
    for (const model::Run& run : paragraph) {
        const TrueTypeFace& face = family.face(face_of(run.bold || style.bold, run.italic || style.italic));
        space = text_width(face, " ") * style.size_pt;
        std::size_t pos = 0;
        while (pos < run.text.size()) {
            const std::size_t stop = std::min(run.text.find_first_of(" \n", pos), run.text.size());
            const double width = text_width(face, std::string_view(run.text).substr(pos, stop - pos)) * style.size_pt;
            word += width;
            line += width;
            if (stop == run.text.size()) break;
            if (run.text[stop] == '\n') {
                end_line();
            } else {
                end_word();
                line += space;
            }
            pos = stop + 1;
        }
    }
    end_line();
    return m;
}

bool is_figure(const model::Table& table, std::size_t column) {
    return column < table.column_types.size() && model::holds_numbers(table.column_types[column]);
}

// Raises the needs of the columns [first, first + span) so that together they have `need`,
// shared out evenly.
void spread(std::vector<long>& needs, std::size_t first, std::size_t span, long need) {
    const long have = std::accumulate(needs.begin() + first, needs.begin() + first + span, 0L);
    if (need <= have) return;
    const long extra = need - have;
    for (std::size_t k = 0; k < span; ++k)
        needs[first + k] += extra / static_cast<long>(span) + (static_cast<long>(k) < extra % static_cast<long>(span));
}

// Shares `room` out over `columns` in proportion to `by` (all if they are all zero); the last
// one takes the rounding.
void share_out(std::vector<long>& widths, const std::vector<std::size_t>& columns, const std::vector<long>& by,
               long room) {
    if (columns.empty() || room <= 0) return;
    long total = 0;
    for (std::size_t c : columns) total += std::max(0L, by[c]);
    long given = 0;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const std::size_t c = columns[k];
        const long part = k + 1 == columns.size() ? room - given
                          : total > 0             ? room * std::max(0L, by[c]) / total
                                                  : room / static_cast<long>(columns.size());
        widths[c] += part;
        given += part;
    }
}

std::vector<long> from_content(const model::Table& table, const ColumnNeeds& needs, long width) {
    const std::size_t n = needs.least.size();
    const long least = std::accumulate(needs.least.begin(), needs.least.end(), 0L);
    const long most = std::accumulate(needs.most.begin(), needs.most.end(), 0L);
    std::vector<std::size_t> all(n), text;
    std::iota(all.begin(), all.end(), 0);
    for (std::size_t c = 0; c < n; ++c)
        if (!is_figure(table, c)) text.push_back(c);
    if (most <= width) {
        // Everything fits on one line: the rest of the width goes to the columns of text.
        std::vector<long> widths = needs.most;
        share_out(widths, text.empty() ? all : text, needs.most, width - most);
        return widths;
    }
    // Each column gets its least, and of the rest a share of what it lacks to its most.
    std::vector<long> widths = needs.least, lack(n);
    for (std::size_t c = 0; c < n; ++c) lack[c] = needs.most[c] - needs.least[c];
    share_out(widths, all, lack, width - least);
    return widths;
}

std::vector<long> from_weights(const model::Table& table, const ColumnNeeds& needs, long width) {
    const std::size_t n = needs.least.size();
    std::vector<long> widths = model::table_columns_twips(table.column_weights, n, width);
    // Columns below their least get it, taken from those above theirs, in proportion to
    // what they have to spare.
    long missing = 0;
    std::vector<std::size_t> givers;
    std::vector<long> spare(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
        if (widths[c] < needs.least[c]) {
            missing += needs.least[c] - widths[c];
            widths[c] = needs.least[c];
        } else {
            spare[c] = widths[c] - needs.least[c];
            givers.push_back(c);
        }
    }
    long given = 0;
    const long total_spare = std::accumulate(spare.begin(), spare.end(), 0L);
    for (std::size_t k = 0; k < givers.size() && total_spare > 0; ++k) {
        const std::size_t c = givers[k];
        const long part = k + 1 == givers.size() ? missing - given : missing * spare[c] / total_spare;
        widths[c] -= part;
        given += part;
    }
    return widths;
}

// Sums to `width` exactly: the last column takes the rounding.
void close_to(std::vector<long>& widths, long width) {
    const long sum = std::accumulate(widths.begin(), widths.end(), 0L);
    widths.back() += width - sum;
}

void fit(model::Table& table, const model::Profile& profile, const FontFamily& family, int number,
         std::vector<Message>& warnings) {
    const std::size_t n = std::max(table.column_weights.size(), table.rows.empty() ? 0 : table.rows.front().cells.size());
    if (n == 0 || table.rows.empty()) return;
    const long width = model::text_block_width_twips(model::page_of(profile.page, table.landscape));
    const ColumnNeeds needs = column_needs(table, profile, family);
    const long least = std::accumulate(needs.least.begin(), needs.least.end(), 0L);
    std::vector<long> widths;
    if (least > width) {
        // Too wide for its page: shrink every column alike; some words will break.
        warnings.push_back(msg("layout.table-too-wide",
                               "table {number} needs {need} mm for its widest words and figures, its page has "
                               "{have} mm: some will break inside; put it on a landscape page or shorten its headings",
                               {{"number", number}, {"need", static_cast<long>(std::lround(least / 56.693))},
                                {"have", static_cast<long>(std::lround(width / 56.693))}}));
        widths = needs.least;
        for (long& w : widths) w = w * width / least;
        close_to(widths, width);
    } else {
        widths = column_widths(table, needs, width);
    }
    table.column_weights.assign(widths.begin(), widths.end());
}

void fit_blocks(std::vector<model::Block>& blocks, const model::Profile& profile, const FontFamily& family,
                int& number, std::vector<Message>& warnings) {
    for (model::Block& block : blocks)
        if (auto* table = std::get_if<model::Table>(&block)) fit(*table, profile, family, ++number, warnings);
}

} // namespace

ColumnNeeds column_needs(const model::Table& table, const model::Profile& profile, const FontFamily& family) {
    const std::size_t n = std::max(table.column_weights.size(), table.rows.empty() ? 0 : table.rows.front().cells.size());
    ColumnNeeds needs{std::vector<long>(n, padding_twips), std::vector<long>(n, padding_twips)};
    struct Spanning {
        std::size_t column, span;
        long least;
    };
    std::vector<Spanning> spanning;
    for (const model::TableRow& row : table.rows) {
        const model::TextStyle& style = row.header ? profile.table_header : profile.table_text;
        for (std::size_t c = 0; c < std::min(n, row.cells.size()); ++c) {
            const model::TableCell& cell = row.cells[c];
            if (cell.covered || cell.paragraphs.empty()) continue;
            Measure m;
            for (const model::Inline& paragraph : cell.paragraphs) {
                const Measure p = measure(paragraph, style, family);
                m.widest_word = std::max(m.widest_word, p.widest_word);
                m.widest_line = std::max(m.widest_line, p.widest_line);
            }
            // A figure is kept on one line; headings wrap between words.
            const bool figure = is_figure(table, c) && !row.header;
            const long least = to_twips(figure ? m.widest_line : m.widest_word) + padding_twips + spare_twips;
            const std::size_t span = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(cell.colspan, 1)), 1, n - c);
            if (span > 1) {
                spanning.push_back({c, span, least});
                continue;
            }
            needs.least[c] = std::max(needs.least[c], least);
            if (!row.header) needs.most[c] = std::max(needs.most[c], to_twips(m.widest_line) + padding_twips + spare_twips);
        }
    }
    for (const Spanning& cell : spanning) spread(needs.least, cell.column, cell.span, cell.least);
    for (std::size_t c = 0; c < n; ++c) needs.most[c] = std::max(needs.most[c], needs.least[c]);
    return needs;
}

std::vector<long> column_widths(const model::Table& table, const ColumnNeeds& needs, long width) {
    std::vector<long> widths =
        table.widths_from_content ? from_content(table, needs, width) : from_weights(table, needs, width);
    close_to(widths, width);
    return widths;
}

std::vector<Message> fit_table_columns(model::Document& doc, const FontFamily& family) {
    std::vector<Message> warnings;
    int number = 0;
    fit_blocks(doc.body, doc.profile, family, number, warnings);
    for (model::Appendix& appendix : doc.appendices) fit_blocks(appendix.blocks, doc.profile, family, number, warnings);
    return warnings;
}

} // namespace vanban::layout
