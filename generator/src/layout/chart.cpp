#include "layout/chart.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "layout/paragraph.hpp"
#include "model/furniture.hpp"
#include "text/vietnamese.hpp"

namespace vanban::layout {
namespace {

using model::ChartKind;

constexpr Colour grid_colour{0xd9, 0xd9, 0xd9};
constexpr Colour axis_colour{0x7f, 0x7f, 0x7f};
constexpr Colour outline_colour{0x40, 0x40, 0x40}; // around bars and slices: they stay apart in grey

// Text on a dark fill is white.
Colour text_on(Colour fill) {
    const double luminance = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;
    return luminance < 128 ? Colour{0xff, 0xff, 0xff} : Colour{};
}

// The decimals a tick step needs: 2.5 -> 1, 0.25 -> 2, 50 -> 0.
int decimals_of_step(double step) {
    for (int d = 0; d < 6; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6) return d;
    }
    return 6;
}

enum class Anchor { left, centre, right };

class ChartPainter {
public:
    ChartPainter(const model::Chart& chart, const model::Profile& profile, const FontFamily& family, double left,
                 double width, TextStore& texts)
        : chart_(chart), profile_(profile), family_(family), texts_(texts), face_(family.face(Face::regular)),
          size_(profile.chart.label_size_pt), line_(face_.line_height() * size_), left_(left), width_(width) {
        out_.height = model::chart_height_mm(chart, profile) * model::points_per_mm;
    }

    ChartDrawing draw() {
        double top = title();
        const double legend_top = out_.height - legend_height();
        legend(legend_top);
        if (chart_.kind == ChartKind::pie) pie(top, legend_top);
        else axes_and_figures(top, legend_top);
        return std::move(out_);
    }

private:
    // ------------------------------------------------------------ text

    double width_of(const std::string& text) const { return text_width(face_, text) * size_; }

    void label(const std::string& text, double x, double baseline, Anchor anchor, Colour colour = {}) {
        const double w = width_of(text);
        const double at = anchor == Anchor::left ? x : anchor == Anchor::centre ? x - w / 2 : x - w;
        out_.texts.push_back(TextItem{at, baseline, Face::regular, size_, texts_.keep(text), w, false, colour});
    }

    // Lines of `text` no wider than `width`, broken between words.
    std::vector<std::string> wrapped(const std::string& text, double width) const {
        std::vector<std::string> lines;
        std::string line;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t space = std::min(text.find(' ', pos), text.size());
            const std::string word = text.substr(pos, space - pos);
            const std::string longer = line.empty() ? word : line + " " + word;
            if (!line.empty() && width_of(longer) > width) {
                lines.push_back(line);
                line = word;
            } else {
                line = longer;
            }
            pos = space + 1;
        }
        if (!line.empty()) lines.push_back(line);
        return lines;
    }

    std::string figure(double value, int decimals) const { return text::format_number(value, decimals); }

    // The title, in the profile's chart title style; returns where the plot may start.
    double title() {
        if (chart_.title.empty()) return 0;
        const model::TextStyle& style = profile_.chart.title;
        const model::Inline runs{model::Run{chart_.title}};
        const std::vector<SetLine> lines = set_paragraph(runs, format_of(style, width_), family_);
        double y = style.space_before_pt;
        for (const SetLine& line : lines) {
            const double baseline = y + line.height - line.descent;
            for (const Fragment& f : line.fragments)
                out_.texts.push_back(TextItem{left_ + f.x, baseline, f.face, f.size, texts_.keep(f.text), f.width, false, {}});
            y += line.height;
        }
        return y + style.space_after_pt;
    }

    // ------------------------------------------------------------ legend

    std::vector<std::string> legend_entries() const {
        std::vector<std::string> entries;
        if (chart_.kind == ChartKind::pie) entries = chart_.categories;
        else
            for (const model::ChartSeries& series : chart_.series) entries.push_back(series.name);
        return entries;
    }

    double swatch() const { return 0.7 * size_; }
    double entry_width(const std::string& text) const { return swatch() + 0.3 * size_ + width_of(text); }

    // The entries in rows across the width, each row centred.
    std::vector<std::vector<std::size_t>> legend_rows() const {
        const std::vector<std::string> entries = legend_entries();
        std::vector<std::vector<std::size_t>> rows;
        double used = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const double w = entry_width(entries[i]) + 1.2 * size_;
            if (rows.empty() || used + w > width_) {
                rows.emplace_back();
                used = 0;
            }
            rows.back().push_back(i);
            used += w;
        }
        return rows;
    }

    double legend_height() const {
        const std::size_t rows = legend_rows().size();
        return rows == 0 ? 0 : static_cast<double>(rows) * line_ + 0.4 * size_;
    }

    void legend(double top) {
        const std::vector<std::string> entries = legend_entries();
        double y = top + 0.4 * size_;
        for (const std::vector<std::size_t>& row : legend_rows()) {
            double total = 0;
            for (std::size_t i : row) total += entry_width(entries[i]);
            total += 1.2 * size_ * static_cast<double>(row.size() - 1);
            double x = left_ + (width_ - total) / 2;
            const double baseline = y + line_ - face_.descent() * size_;
            for (std::size_t i : row) {
                const double box_top = baseline - swatch() * 0.9;
                ShapeItem box;
                box.move_to(x, box_top).line_to(x + swatch(), box_top).line_to(x + swatch(), box_top + swatch())
                    .line_to(x, box_top + swatch()).close();
                box.fill = colour_of(model::chart_colour(profile_, i));
                box.stroke = outline_colour;
                out_.shapes.push_back(std::move(box));
                label(entries[i], x + swatch() + 0.3 * size_, baseline, Anchor::left);
                x += entry_width(entries[i]) + 1.2 * size_;
            }
            y += line_;
        }
    }

    // ------------------------------------------------------------ bars and lines

    void axes_and_figures(double top, double bottom) {
        const model::ChartScale scale = model::chart_scale(chart_);
        const int tick_decimals = decimals_of_step(scale.step);
        double axis = 0;
        for (double v = scale.min; v <= scale.max + scale.step / 2; v += scale.step)
            axis = std::max(axis, width_of(figure(v, tick_decimals)));
        // The unit, left of the axis' figures, level with the middle of the plot (where
        // Word and LibreOffice put the value axis' title).
        const double unit = chart_.unit.empty() ? 0 : width_of(chart_.unit) + 0.6 * size_;
        top += 0.5 * line_; // room for the top tick's figure
        plot_left_ = left_ + unit + axis + 0.4 * size_;
        const double plot_right = left_ + width_ - 0.2 * size_;
        const std::size_t count = std::max<std::size_t>(chart_.categories.size(), 1);
        band_ = (plot_right - plot_left_) / static_cast<double>(count);
        std::vector<std::vector<std::string>> names;
        std::size_t name_lines = 1;
        for (const std::string& category : chart_.categories) {
            names.push_back(wrapped(category, band_ - 0.8 * size_)); // a gap between neighbours' names
            name_lines = std::max(name_lines, names.back().size());
        }
        plot_top_ = top;
        plot_bottom_ = bottom - static_cast<double>(name_lines) * line_ - 0.3 * size_;
        scale_ = scale;
        if (!chart_.unit.empty()) label(chart_.unit, left_, (plot_top_ + plot_bottom_) / 2 + 0.35 * size_, Anchor::left);

        for (double v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) {
            const double y = y_of(v);
            stroke_line(plot_left_, y, plot_right, y, v == 0 ? axis_colour : grid_colour, v == 0 ? 0.75 : 0.5);
            label(figure(v, tick_decimals), plot_left_ - 0.3 * size_, y + 0.35 * size_, Anchor::right);
        }
        for (std::size_t c = 0; c < names.size(); ++c) {
            double baseline = plot_bottom_ + 0.3 * size_ + line_ - face_.descent() * size_;
            for (const std::string& line : names[c]) {
                label(line, plot_left_ + (static_cast<double>(c) + 0.5) * band_, baseline, Anchor::centre);
                baseline += line_;
            }
        }
        if (chart_.kind == ChartKind::line) lines();
        else bars();
    }

    double y_of(double value) const {
        return plot_bottom_ - (value - scale_.min) / (scale_.max - scale_.min) * (plot_bottom_ - plot_top_);
    }

    void stroke_line(double x1, double y1, double x2, double y2, Colour colour, double width) {
        ShapeItem line;
        line.move_to(x1, y1).line_to(x2, y2);
        line.stroke = colour;
        line.stroke_width = width;
        out_.shapes.push_back(std::move(line));
    }

    void rectangle(double x, double y1, double w, double y2, Colour fill) {
        ShapeItem bar;
        bar.move_to(x, y1).line_to(x + w, y1).line_to(x + w, y2).line_to(x, y2).close();
        bar.fill = fill;
        bar.stroke = outline_colour;
        out_.shapes.push_back(std::move(bar));
    }

    // Bars side by side as Word draws them with a gap of 150% of a bar between categories;
    // stacked bars one on another.
    void bars() {
        const bool stacked = chart_.kind == ChartKind::stacked_bar;
        const double slots = stacked ? 1 : static_cast<double>(chart_.series.size());
        const double bar = band_ / (slots + 1.5);
        for (std::size_t c = 0; c < chart_.categories.size(); ++c) {
            double stack = 0;
            const double band_left = plot_left_ + static_cast<double>(c) * band_ + 0.75 * bar;
            for (std::size_t s = 0; s < chart_.series.size(); ++s) {
                const std::optional<double> value = chart_.series[s].values[c];
                if (!value) continue;
                const Colour fill = colour_of(model::chart_colour(profile_, s));
                const double x = band_left + (stacked ? 0 : static_cast<double>(s) * bar);
                const double from = stacked ? stack : 0, to = from + *value;
                rectangle(x, y_of(from), bar, y_of(to), fill);
                if (chart_.value_labels) {
                    const std::string text = figure(*value, chart_.decimals);
                    if (stacked) {
                        if (y_of(from) - y_of(to) >= line_)
                            label(text, x + bar / 2, (y_of(from) + y_of(to)) / 2 + 0.35 * size_, Anchor::centre, text_on(fill));
                    } else {
                        const double baseline = *value >= 0 ? y_of(to) - 0.25 * size_ : y_of(to) + size_;
                        label(text, x + bar / 2, baseline, Anchor::centre);
                    }
                }
                stack = to;
            }
        }
    }

    // A line per series through the middle of each category, with a marker of its own shape
    // (circle, square, diamond, triangle…): told apart in grey too.
    void lines() {
        for (std::size_t s = 0; s < chart_.series.size(); ++s) {
            const Colour colour = colour_of(model::chart_colour(profile_, s));
            ShapeItem path;
            bool drawing = false;
            for (std::size_t c = 0; c < chart_.categories.size(); ++c) {
                const std::optional<double> value = chart_.series[s].values[c];
                if (!value) {
                    drawing = false; // a gap where there is no figure
                    continue;
                }
                const double x = plot_left_ + (static_cast<double>(c) + 0.5) * band_, y = y_of(*value);
                if (drawing) path.line_to(x, y);
                else path.move_to(x, y);
                drawing = true;
            }
            path.stroke = colour;
            path.stroke_width = 2;
            out_.shapes.push_back(std::move(path));
            for (std::size_t c = 0; c < chart_.categories.size(); ++c) {
                const std::optional<double> value = chart_.series[s].values[c];
                if (!value) continue;
                const double x = plot_left_ + (static_cast<double>(c) + 0.5) * band_, y = y_of(*value);
                marker(s, x, y, colour);
                if (chart_.value_labels) label(figure(*value, chart_.decimals), x, y - 0.45 * size_, Anchor::centre);
            }
        }
    }

    void marker(std::size_t series, double x, double y, Colour colour) {
        const double r = 0.3 * size_;
        ShapeItem shape;
        switch (series % 4) {
        case 0: circle(shape, x, y, r); break;
        case 1: shape.move_to(x - r, y - r).line_to(x + r, y - r).line_to(x + r, y + r).line_to(x - r, y + r).close(); break;
        case 2: shape.move_to(x, y - 1.3 * r).line_to(x + 1.3 * r, y).line_to(x, y + 1.3 * r).line_to(x - 1.3 * r, y).close(); break;
        default: shape.move_to(x, y - 1.2 * r).line_to(x + 1.2 * r, y + r).line_to(x - 1.2 * r, y + r).close(); break;
        }
        shape.fill = colour;
        shape.stroke = outline_colour;
        out_.shapes.push_back(std::move(shape));
    }

    // ------------------------------------------------------------ pie

    // A circular arc from angle a1 to a2 (radians, counter-clockwise from 3 o'clock; y down),
    // as Bézier curves of at most a quarter turn each.
    static void arc(ShapeItem& shape, double cx, double cy, double r, double a1, double a2) {
        const int pieces = std::max(1, static_cast<int>(std::ceil(std::abs(a2 - a1) / (std::numbers::pi / 2) - 1e-9)));
        const double sweep = (a2 - a1) / pieces;
        const double k = 4.0 / 3.0 * std::tan(sweep / 4);
        for (int i = 0; i < pieces; ++i) {
            const double b1 = a1 + sweep * i, b2 = b1 + sweep;
            const double x0 = cx + r * std::cos(b1), y0 = cy - r * std::sin(b1);
            const double x3 = cx + r * std::cos(b2), y3 = cy - r * std::sin(b2);
            shape.curve_to(x0 - k * r * std::sin(b1), y0 - k * r * std::cos(b1), x3 + k * r * std::sin(b2),
                           y3 + k * r * std::cos(b2), x3, y3);
        }
    }

    static void circle(ShapeItem& shape, double cx, double cy, double r) {
        shape.move_to(cx + r, cy);
        arc(shape, cx, cy, r, 0, 2 * std::numbers::pi);
        shape.close();
    }

    // Slices clockwise from twelve o'clock, as Word and LibreOffice start them; each slice's
    // share printed outside it.
    void pie(double top, double bottom) {
        const model::ChartSeries& series = chart_.series.front();
        double whole = 0;
        for (const std::optional<double>& v : series.values) whole += v.value_or(0);
        const double room = line_ + 0.4 * size_;
        const double r = std::max(size_, std::min(width_ / 2 - 4 * room, (bottom - top) / 2 - room));
        const double cx = left_ + width_ / 2, cy = (top + bottom) / 2;
        double angle = std::numbers::pi / 2;
        for (std::size_t c = 0; c < series.values.size(); ++c) {
            const double value = series.values[c].value_or(0);
            if (value <= 0) continue;
            const double sweep = 2 * std::numbers::pi * value / whole;
            ShapeItem slice;
            if (sweep >= 2 * std::numbers::pi - 1e-9) {
                circle(slice, cx, cy, r);
            } else {
                slice.move_to(cx, cy).line_to(cx + r * std::cos(angle), cy - r * std::sin(angle));
                arc(slice, cx, cy, r, angle, angle - sweep);
                slice.close();
            }
            slice.fill = colour_of(model::chart_colour(profile_, c));
            slice.stroke = outline_colour;
            out_.shapes.push_back(std::move(slice));
            if (chart_.value_labels) share_label(100 * value / whole, angle - sweep / 2, cx, cy, r);
            angle -= sweep;
        }
    }

    // A slice's share just outside it, on the line from the centre through the slice's
    // middle; moved further out while it would cover an earlier share (thin slices side by side).
    void share_label(double percent, double middle, double cx, double cy, double r) {
        const std::string text = text::format_number(percent, 1) + "%";
        const double w = width_of(text);
        const double c = std::cos(middle), s = std::sin(middle);
        for (double distance = r + 0.4 * size_;; distance += 0.5 * size_) {
            const double lx = cx + distance * c, ly = cy - distance * s;
            const double x0 = c >= 0 ? lx : lx - w; // on the right half to the right, as LibreOffice places them
            const double baseline = s > 0.2 ? ly : s < -0.2 ? ly + size_ : ly + 0.35 * size_;
            const Box box{x0, baseline - size_, x0 + w, baseline + 0.25 * size_};
            const bool clear = std::none_of(share_boxes_.begin(), share_boxes_.end(), [&](const Box& other) {
                return box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1;
            });
            if (clear || distance > r + 6 * size_) {
                share_boxes_.push_back(box);
                label(text, x0, baseline, Anchor::left);
                return;
            }
        }
    }

    struct Box {
        double x0, y0, x1, y1;
    };
    std::vector<Box> share_boxes_;

    const model::Chart& chart_;
    const model::Profile& profile_;
    const FontFamily& family_;
    TextStore& texts_;
    const TrueTypeFace& face_;
    const double size_, line_, left_, width_;
    ChartDrawing out_;
    model::ChartScale scale_;
    double plot_left_ = 0, plot_top_ = 0, plot_bottom_ = 0, band_ = 0;
};

} // namespace

ChartDrawing draw_chart(const model::Chart& chart, const model::Profile& profile, const FontFamily& family, double left,
                        double width, TextStore& texts) {
    return ChartPainter(chart, profile, family, left, width, texts).draw();
}

} // namespace vanban::layout
