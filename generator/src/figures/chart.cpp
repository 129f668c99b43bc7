#include <algorithm>
#include <charconv>
#include <cmath>

#include "figures/chart_data.hpp"
#include "text/vietnamese.hpp"

namespace vanban::figures {

namespace {

using nlohmann::json;

constexpr std::size_t max_categories = 100; // more would not be read on a page
constexpr std::size_t max_series = 12;

std::optional<model::ChartKind> kind_named(const std::string& name) {
    for (model::ChartKind kind :
         {model::ChartKind::bar, model::ChartKind::stacked_bar, model::ChartKind::line, model::ChartKind::pie})
        if (name == model::chart_kind_name(kind)) return kind;
    return std::nullopt;
}

int decimals_of(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t point = text.find('.');
    return point == std::string_view::npos ? 0 : static_cast<int>(std::min<std::size_t>(text.size() - point - 1, 6));
}

std::string shortest(double value) {
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, written.ptr);
}

class ChartReader {
public:
    ChartReader(const json& spec, const text::JsonPath& path, const TableSeries* table)
        : fields_(spec, path, msg("figures.a-chart", "a chart")), table_(table) {}

    model::Chart read() {
        read_settings();
        if (table_) read_from_table();
        else read_own_figures();
        fields_.finish();
        check();
        return std::move(chart_);
    }

private:
    void read_settings() {
        if (auto type = fields_.text("type")) {
            const std::optional<model::ChartKind> kind = kind_named(*type);
            if (!kind)
                fail(fields_.path("type"), msg("figures.unknown-chart-type",
                                               "{path}: unknown chart type \"{type}\"; the types are bar, "
                                               "stacked-bar, line and pie",
                                               {{"path", fields_.path("type").text()}, {"type", *type}}));
            chart_.kind = *kind;
        }
        chart_.title = fields_.text("title").value_or("");
        chart_.unit = fields_.text("unit").value_or("");
        decimals_ = fields_.whole("decimals", 0, 6);
        chart_.value_labels = fields_.flag("value_labels").value_or(true);
        if (auto height = fields_.number("height_mm")) {
            if (!(*height >= 20 && *height <= 250))
                fail(fields_.path("height_mm"), msg("figures.chart-height", "{path} must be from 20 to 250 (millimetres)",
                                                    {{"path", fields_.path("height_mm").text()}}));
            chart_.height_mm = *height;
        }
    }

    const json& series_list() {
        const json* series = fields_.find("series");
        const text::JsonPath path = fields_.path("series");
        if (!series || !series->is_array() || series->empty())
            fail(path, msg("figures.chart-no-series", "{path}: a chart needs at least one series of figures",
                           {{"path", path.text()}}),
                 table_ ? msg("figures.chart-no-series-table-hint",
                              "name the table's columns to draw: \"series\": [\"done\", \"plan\"]")
                        : msg("figures.chart-no-series-hint",
                              "\"series\": [{\"name\": \"Thực hiện\", \"values\": [12, 15.5]}]"));
        if (series->size() > max_series)
            fail(path, msg("figures.chart-too-many-series", "{path}: a chart shows at most {max} series",
                           {{"path", path.text()}, {"max", max_series}}));
        return *series;
    }

    // ------------------------------------------------------------ a chart of its table

    void read_from_table() {
        const TableData& data = *table_->table;
        const json& series = series_list();
        std::vector<const Column*> columns;
        for (std::size_t i = 0; i < series.size(); ++i) columns.push_back(&series_column(series[i], fields_.path("series").index(i)));
        const std::vector<const Row*> rows = chosen_rows(data);
        for (const Row* row : rows) chart_.categories.push_back(row_name(*row));
        int decimals = 0;
        bool percent = true;
        for (const Column* column : columns) {
            model::ChartSeries& out = chart_.series.emplace_back();
            out.name = column->label;
            for (const Row* row : rows) {
                out.values.push_back(table_->value(*column, *row));
                if (out.values.back() && *out.values.back() < 0) refuse_negative(*out.values.back(), data.where(*row, column->field));
            }
            decimals = std::max(decimals, column->decimals >= 0 ? column->decimals : column->written_decimals);
            percent = percent && column->type == model::ColumnType::percent;
        }
        chart_.decimals = decimals_.value_or(decimals);
        if (chart_.unit.empty() && percent && !fields_.find("unit")) chart_.unit.assign(1, '%');
    }

    const Column& series_column(const json& name, const text::JsonPath& path) const {
        const TableData& data = *table_->table;
        if (name.is_string())
            for (const Column& column : data.columns) {
                const bool named = column.label == name.get<std::string>() ||
                                   (column.source == Source::key && data.fields[column.field] == name.get<std::string>());
                if (named && model::holds_numbers(column.type)) return column;
            }
        fail(path, msg("figures.chart-unknown-series",
                       "{path}: a series of a table's chart names one of its columns of figures, by key or label",
                       {{"path", path.text()}}));
    }

    // The rows "rows" names, or every row of the table.
    std::vector<const Row*> chosen_rows(const TableData& data) {
        std::vector<const Row*> rows;
        const json* names = fields_.find("rows");
        if (!names) {
            for (const Row& row : data.rows) rows.push_back(&row);
            return rows;
        }
        const text::JsonPath path = fields_.path("rows");
        if (!names->is_array() || names->empty())
            fail(path, msg("figures.chart-rows-list", "{path} must list the names of the rows to draw",
                           {{"path", path.text()}}));
        for (std::size_t i = 0; i < names->size(); ++i) {
            const json& name = (*names)[i];
            const auto found = std::find_if(data.rows.begin(), data.rows.end(), [&](const Row& row) {
                return name.is_string() && row_name(row) == name.get<std::string>();
            });
            if (found == data.rows.end())
                fail(path.index(i), msg("figures.chart-unknown-row", "{path}: the table has no row named {name}",
                                        {{"path", path.index(i).text()}, {"name", name.dump()}}));
            rows.push_back(&*found);
        }
        return rows;
    }

    static std::string row_name(const Row& row) {
        const Cell& name = row.cells[0];
        if (name.kind == Cell::Kind::number) return shortest(name.number);
        return name.text;
    }

    // ------------------------------------------------------------ a chart with its own figures

    void read_own_figures() {
        const json* categories = fields_.find("categories");
        const text::JsonPath path = fields_.path("categories");
        if (!categories || !categories->is_array() || categories->empty())
            fail(path, msg("figures.chart-no-categories",
                           "{path} must list the chart's categories (the names under the bars, or of the slices)",
                           {{"path", path.text()}}));
        for (std::size_t i = 0; i < categories->size(); ++i) {
            if (!(*categories)[i].is_string())
                fail(path.index(i), msg("figures.not-text", "{path} must be text, in quotes", {{"path", path.index(i).text()}}));
            chart_.categories.push_back((*categories)[i].get<std::string>());
        }
        const json& series = series_list();
        int decimals = 0;
        for (std::size_t i = 0; i < series.size(); ++i) decimals = std::max(decimals, read_series(series[i], fields_.path("series").index(i)));
        chart_.decimals = decimals_.value_or(decimals);
    }

    int read_series(const json& object, const text::JsonPath& path) {
        Fields f(object, path, msg("figures.a-series", "a series of a chart"));
        model::ChartSeries& out = chart_.series.emplace_back();
        out.name = f.text("name").value_or("");
        const json* values = f.find("values");
        if (!values || !values->is_array())
            fail(f.path("values"), msg("figures.series-values", "{path} must list the series' figures, one per category",
                                       {{"path", f.path("values").text()}}));
        if (values->size() != chart_.categories.size())
            fail(f.path("values"), msg_n("figures.series-value-count",
                                         "{path}: the series has {count} figure; the chart has {categories} categories",
                                         "{path}: the series has {count} figures; the chart has {categories} categories",
                                         values->size(),
                                         {{"path", f.path("values").text()}, {"categories", chart_.categories.size()}}));
        int decimals = 0;
        for (std::size_t i = 0; i < values->size(); ++i) {
            const json& value = (*values)[i];
            if (value.is_null()) {
                out.values.emplace_back();
                continue;
            }
            if (!value.is_number())
                fail(f.path("values").index(i), msg("figures.not-number", "{path} must be a number",
                                                    {{"path", f.path("values").index(i).text()}}));
            const double number = value.get<double>();
            if (number < 0) refuse_negative(number, Where{f.path("values").index(i).text()});
            out.values.push_back(number);
            if (value.is_number_float()) decimals = std::max(decimals, decimals_of(number));
        }
        f.finish();
        return decimals;
    }

    // ------------------------------------------------------------ checks

    // Slices and stacks are parts of a whole: a negative part has no drawing.
    void refuse_negative(double value, const Where& where) const {
        if (chart_.kind == model::ChartKind::pie)
            fail(where, msg("figures.pie-negative", "{path}: a pie chart cannot show the negative figure {value}",
                            {{"path", where.json_path.empty() ? where.file : where.json_path},
                             {"value", text::format_number(value)}}));
        if (chart_.kind == model::ChartKind::stacked_bar)
            fail(where, msg("figures.stack-negative", "{path}: a stacked bar chart cannot show the negative figure {value}",
                            {{"path", where.json_path.empty() ? where.file : where.json_path},
                             {"value", text::format_number(value)}}));
    }

    void check() const {
        const text::JsonPath& path = fields_.path();
        if (chart_.categories.size() > max_categories)
            fail(path, msg("figures.chart-too-many-categories",
                           "{path}: the chart has {count} categories; at most {max} can be read on a page",
                           {{"path", path.text()}, {"count", chart_.categories.size()}, {"max", max_categories}}));
        if (chart_.kind != model::ChartKind::pie) return;
        if (chart_.series.size() != 1)
            fail(fields_.path("series"), msg("figures.pie-one-series", "{path}: a pie chart shows one series, not {count}",
                                             {{"path", fields_.path("series").text()}, {"count", chart_.series.size()}}));
        double whole = 0;
        for (const std::optional<double>& value : chart_.series.front().values) whole += value.value_or(0);
        if (!(whole > 0))
            fail(fields_.path("series"), msg("figures.pie-empty", "{path}: the slices of the pie chart add up to nothing",
                                             {{"path", fields_.path("series").text()}}));
    }

    Fields fields_;
    const TableSeries* table_;
    model::Chart chart_;
    std::optional<int> decimals_;
};

} // namespace

model::Chart chart_of(const nlohmann::json& spec, const text::JsonPath& path, const TableSeries* table) {
    return ChartReader(spec, path, table).read();
}

} // namespace vanban::figures
