#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vanban::layout {
namespace {

using Kind = BreakItem::Kind;

// TeX's constants: \linepenalty 10, \adjdemerits 10000 for lines whose tightness classes
// (tight, decent, loose, very loose) are not neighbours.
constexpr double line_penalty = 10;
constexpr double adjacent_demerits = 10000;

struct Totals {
    double width = 0, stretch = 0, shrink = 0;
};

struct Node {
    std::size_t position = 0; // index of the break item (0 for the paragraph start)
    std::size_t line = 0;     // number of lines before this break
    int fitness = 1;
    Totals totals;            // sums from the paragraph start to just after this break
    double demerits = 0;
    int previous = -1;        // index in the node store
};

int fitness_class(double ratio) {
    if (ratio < -0.5) return 0;
    if (ratio <= 0.5) return 1;
    if (ratio <= 1) return 2;
    return 3;
}

bool is_legal_break(const std::vector<BreakItem>& items, std::size_t i) {
    const BreakItem& item = items[i];
    if (item.kind == Kind::penalty) return item.penalty < forced_break;
    if (item.kind == Kind::glue) return i > 0 && items[i - 1].kind == Kind::box;
    return false;
}

// Sums up to item i, skipping the glue and penalties that vanish at a break at i.
Totals totals_after_break(const std::vector<BreakItem>& items, std::size_t i, Totals sum) {
    for (std::size_t j = i; j < items.size(); ++j) {
        const BreakItem& item = items[j];
        if (item.kind == Kind::box) break;
        if (item.kind == Kind::penalty && item.penalty <= -forced_break && j > i) break;
        if (item.kind == Kind::glue) {
            sum.width += item.width;
            sum.stretch += item.stretch;
            sum.shrink += item.shrink;
        }
    }
    return sum;
}

// One pass with a limit on the adjustment ratio of every line. Returns an empty list when
// the limit cannot be met (unless allow_overflow, which keeps the best overfull candidate).
// The vectors a pass works in, kept from one pass to the next.
struct Workspace {
    std::vector<Node> nodes;
    std::vector<int> active, still_active;
};

std::vector<std::size_t> run_pass(const std::vector<BreakItem>& items, const LineWidths& line_width,
                                  double max_ratio, bool allow_overflow, Workspace& work) {
    std::vector<Node>& nodes = work.nodes;
    std::vector<int>& active = work.active;
    std::vector<int>& still_active = work.still_active;
    nodes.clear();
    nodes.push_back(Node{});
    active.assign(1, 0);
    Totals sum;

    for (std::size_t i = 0; i < items.size(); ++i) {
        const BreakItem& item = items[i];
        if (is_legal_break(items, i)) {
            const double penalty = item.kind == Kind::penalty ? item.penalty : 0;
            const double break_width = item.kind == Kind::penalty ? item.width : 0;
            const bool forced = penalty <= -forced_break;

            struct Candidate { double demerits = std::numeric_limits<double>::infinity(); int from = -1; double ratio = 0; };
            Candidate best[4];
            still_active.clear();
            int last_dropped = -1;
            double last_dropped_ratio = 0;

            for (int a : active) {
                const Node& node = nodes[a];
                const double width = sum.width - node.totals.width + break_width;
                const double target = line_width(node.line);
                double ratio = 0;
                if (width < target) {
                    const double stretch = sum.stretch - node.totals.stretch;
                    ratio = stretch > 0 ? (target - width) / stretch : std::numeric_limits<double>::infinity();
                } else if (width > target) {
                    const double shrink = sum.shrink - node.totals.shrink;
                    ratio = shrink > 0 ? (target - width) / shrink : -std::numeric_limits<double>::infinity();
                }
                const bool too_tight = ratio < -1;
                if (!too_tight && !forced) still_active.push_back(a);
                if (too_tight) { last_dropped = a; last_dropped_ratio = ratio; }
                if (too_tight || ratio > max_ratio) continue;

                // A line with no glue to stretch has an infinite ratio; in the last pass it is merely bad.
                const double r = std::abs(ratio);
                const double badness = std::min(100 * r * r * r, 1e7);
                double demerits = (line_penalty + badness) * (line_penalty + badness);
                if (penalty > 0) demerits += penalty * penalty;
                else if (penalty > -forced_break) demerits -= penalty * penalty;
                const int fitness = fitness_class(ratio);
                if (std::abs(fitness - node.fitness) > 1) demerits += adjacent_demerits;
                demerits += node.demerits;
                if (demerits < best[fitness].demerits) best[fitness] = {demerits, a, ratio};
            }

            bool added = false;
            const Totals after = totals_after_break(items, i, sum);
            for (int f = 0; f < 4; ++f) {
                if (best[f].from < 0) continue;
                Node node;
                node.position = i;
                node.line = nodes[best[f].from].line + 1;
                node.fitness = f;
                node.totals = after;
                node.demerits = best[f].demerits;
                node.previous = best[f].from;
                nodes.push_back(node);
                still_active.push_back(static_cast<int>(nodes.size()) - 1);
                added = true;
            }
            // Nothing fits any more: in the last pass, break here anyway (an overfull line)
            // rather than lose the paragraph.
            if (!added && still_active.empty() && allow_overflow && last_dropped >= 0) {
                Node node;
                node.position = i;
                node.line = nodes[last_dropped].line + 1;
                node.fitness = 0;
                node.totals = after;
                node.demerits = nodes[last_dropped].demerits + 1e12 * (1 - last_dropped_ratio);
                node.previous = last_dropped;
                nodes.push_back(node);
                still_active.push_back(static_cast<int>(nodes.size()) - 1);
            }
            active.swap(still_active);
            if (active.empty()) return {};
        }
        if (item.kind == Kind::box) sum.width += item.width;
        else if (item.kind == Kind::glue) {
            sum.width += item.width;
            sum.stretch += item.stretch;
            sum.shrink += item.shrink;
        }
    }

    int best = -1;
    for (int a : active)
        if (nodes[a].position == items.size() - 1 && (best < 0 || nodes[a].demerits < nodes[best].demerits))
            best = a;
    if (best < 0) return {};
    std::vector<std::size_t> breaks;
    for (int n = best; n > 0; n = nodes[n].previous) breaks.push_back(nodes[n].position);
    return {breaks.rbegin(), breaks.rend()};
}

} // namespace

std::vector<std::size_t> break_lines(const std::vector<BreakItem>& items, const LineWidths& line_width) {
    if (items.empty()) return {};
    Workspace work;
    work.nodes.reserve(items.size() / 2 + 8);
    // TeX's \tolerance 200 is a ratio of about 1.26; then looser, then anything.
    for (double max_ratio : {1.26, 3.0, 10.0}) {
        auto breaks = run_pass(items, line_width, max_ratio, false, work);
        if (!breaks.empty()) return breaks;
    }
    auto breaks = run_pass(items, line_width, std::numeric_limits<double>::infinity(), true, work);
    if (!breaks.empty()) return breaks;
    return {items.size() - 1};
}

std::vector<std::size_t> break_lines_first_fit(const std::vector<BreakItem>& items, const LineWidths& line_width) {
    std::vector<std::size_t> breaks;
    if (items.empty()) return breaks;
    const std::size_t none = items.size();
    double width = 0;                      // of the current line, from its first box
    bool line_has_box = false;
    std::size_t last_break = none;         // the current line's last legal break
    auto start_line_after = [&](std::size_t b) {
        breaks.push_back(b);
        width = 0;
        line_has_box = false;
        last_break = none;
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const BreakItem& item = items[i];
        if (item.kind == Kind::penalty && item.penalty <= -forced_break) {
            start_line_after(i);
            continue;
        }
        if (line_has_box && is_legal_break(items, i)) last_break = i;
        if (item.kind == Kind::glue) {
            if (line_has_box) width += item.width; // glue at a line's start vanishes
            continue;
        }
        if (item.kind != Kind::box) continue;
        if (line_has_box && last_break != none && width + item.width > line_width(breaks.size()) - line_room_pt) {
            // The box does not fit: the line ends at its last break and the next one starts
            // right after it (the loop takes the items after the break again).
            i = last_break;
            start_line_after(i);
            continue;
        }
        width += item.width;
        line_has_box = true;
    }
    if (breaks.empty() || breaks.back() != items.size() - 1) breaks.push_back(items.size() - 1);
    return breaks;
}

} // namespace vanban::layout
