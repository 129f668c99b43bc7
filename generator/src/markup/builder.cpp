#include "markup/builder.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "markup/failure.hpp"
#include "markup/inline.hpp"
#include "markup/line.hpp"
#include "markup/table.hpp"
#include "model/record.hpp"

namespace vanban::markup {

namespace {

using model::Inline;

// ------------------------------------------------------------------ the directives

enum class Container { body, header, recipients, signature, table, appendix };

// Where a directive may be written.
enum class Home {
    top,        // the document itself, outside any block
    content,    // the document or an appendix (body blocks)
    header,
    recipients,
    signature,
    appendix,
    any_block,  // inside any open block (@end)
};

enum class Kind {
    header, superior, issuer, number, place, date, mark, draft, type, summary,
    heading, item, noindent, center, right, pagebreak, table, chart,
    recipients, label, signature, authority, position, name, note, image, seal,
    appendix, title, subtitle, record, end,
};

enum class Bracket { none, optional, required };

struct DirectiveSpec {
    std::string_view name;
    Kind kind;
    Home home;
    Bracket bracket = Bracket::none;
    bool takes_text = true;
    int level = 0; // headings and list items
};

constexpr std::array<DirectiveSpec, 37> directive_specs{{
    {"header", Kind::header, Home::top, Bracket::none, false},
    {"superior", Kind::superior, Home::header},
    {"issuer", Kind::issuer, Home::header},
    {"number", Kind::number, Home::header},
    {"place", Kind::place, Home::header},
    {"date", Kind::date, Home::header},
    {"mark", Kind::mark, Home::header},
    {"draft", Kind::draft, Home::header},
    {"type", Kind::type, Home::top},
    {"summary", Kind::summary, Home::top},
    {"h1", Kind::heading, Home::content, Bracket::optional, true, 1},
    {"h2", Kind::heading, Home::content, Bracket::optional, true, 2},
    {"h3", Kind::heading, Home::content, Bracket::optional, true, 3},
    {"h4", Kind::heading, Home::content, Bracket::optional, true, 4},
    {"item", Kind::item, Home::content, Bracket::required, true, 1},
    {"item2", Kind::item, Home::content, Bracket::required, true, 2},
    {"item3", Kind::item, Home::content, Bracket::required, true, 3},
    {"item4", Kind::item, Home::content, Bracket::required, true, 4},
    {"noindent", Kind::noindent, Home::content},
    {"center", Kind::center, Home::content},
    {"right", Kind::right, Home::content},
    {"pagebreak", Kind::pagebreak, Home::content, Bracket::none, false},
    {"table", Kind::table, Home::content, Bracket::optional},
    {"chart", Kind::chart, Home::content},
    {"recipients", Kind::recipients, Home::top, Bracket::none, false},
    {"label", Kind::label, Home::recipients},
    {"signature", Kind::signature, Home::top, Bracket::none, false},
    {"authority", Kind::authority, Home::signature},
    {"position", Kind::position, Home::signature},
    {"name", Kind::name, Home::signature},
    {"note", Kind::note, Home::signature},
    {"image", Kind::image, Home::signature},
    {"seal", Kind::seal, Home::signature},
    {"appendix", Kind::appendix, Home::top, Bracket::none, false},
    {"title", Kind::title, Home::appendix},
    {"subtitle", Kind::subtitle, Home::appendix},
    {"record", Kind::record, Home::top, Bracket::required},
}};
constexpr DirectiveSpec end_spec{"end", Kind::end, Home::any_block, Bracket::none, false};

const DirectiveSpec* find_directive(std::string_view name) {
    if (name == end_spec.name) return &end_spec;
    for (const DirectiveSpec& spec : directive_specs)
        if (spec.name == name) return &spec;
    return nullptr;
}

// The directive that opens a block ("header" for '@header'); the body has none.
std::string_view container_name(Container container) {
    switch (container) {
    case Container::body: return "";
    case Container::header: return "header";
    case Container::recipients: return "recipients";
    case Container::signature: return "signature";
    case Container::table: return "table";
    case Container::appendix: return "appendix";
    }
    return "";
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// One directive line, taken apart.
struct Directive {
    const DirectiveSpec* spec = nullptr;
    tmpl::Origin origin;   // the '@'
    std::string marker;    // the text in brackets, e.g. "I-" in "@h1[I-]"
    Range text;            // what follows, trimmed
    MessageArg name() const { return {"directive", spec->name}; } // for "'@{directive}'"
};

// Refuses a second '@header' (…) in the document.
[[noreturn]] void fail_second(const Directive& d) {
    fail_at(d.origin, msg("markup.second", "a second '@{directive}'", {d.name()}));
}

// "@h{{ level }}", "@item{{ level }}": the level is a value, a whole number from 1 to 4 (the
// whole value, nothing else). Returns the directive's name ("h2", "item3"; level 1 of an item
// is "item") and moves `name_end` past the value.
std::string computed_level_name(const Line& line, Range range, const std::string& name, std::size_t& name_end) {
    const std::uint32_t value = line.segment_at(name_end).source;
    std::size_t end = name_end;
    while (end < range.end && !line.from_template(end) && line.segment_at(end).source == value) ++end;
    const std::string level = line.text.substr(name_end, end - name_end);
    if (level.size() != 1 || level[0] < '1' || level[0] > '4')
        fail_at(line.origin_at(name_end),
                msg("markup.computed-level", "the level after '@{name}' must be a whole number from 1 to 4, not '{level}'",
                    {{"name", name}, {"level", level}}));
    name_end = end;
    return name == "item" && level == "1" ? name : name + level;
}

// The object a directive's text is, when it is exactly one object of the data ("@table {{ t }}").
const tmpl::Fragment* object_of(const Line& line, Range range, const std::vector<tmpl::Fragment>& fragments) {
    if (range.empty() || line.from_template(range.begin)) return nullptr;
    const Segment& segment = line.segment_at(range.begin);
    const tmpl::Fragment& fragment = fragments[segment.source];
    if (!fragment.object || segment.begin != range.begin || range.end - range.begin != fragment.text.size())
        return nullptr;
    return &fragment;
}

// A directive is a template '@' followed by a template letter at the start of the line.
bool starts_directive(const Line& line, Range range) {
    return line.template_char(range.begin, '@') && range.begin + 1 < range.end &&
           is_ascii_letter(line.text[range.begin + 1]) && line.from_template(range.begin + 1);
}

Directive read_directive(const Line& line, Range range) {
    const std::string& text = line.text;
    Directive d;
    d.origin = line.origin_at(range.begin);
    std::size_t name_end = range.begin + 1;
    while (name_end < range.end && line.from_template(name_end) && !is_space(text[name_end]) &&
           text[name_end] != '[')
        ++name_end;
    std::string name = text.substr(range.begin + 1, name_end - range.begin - 1);
    if ((name == "h" || name == "item") && name_end < range.end && !line.from_template(name_end))
        name = computed_level_name(line, range, name, name_end);
    d.spec = find_directive(name);
    if (!d.spec) fail_at(d.origin, msg("markup.unknown-directive", "unknown directive '@{name}'", {{"name", name}}));

    std::size_t after = name_end;
    if (line.template_char(name_end, '[')) {
        if (d.spec->bracket == Bracket::none)
            fail_at(line.origin_at(name_end), msg("markup.no-brackets", "'@{directive}' takes no '[…]'", {d.name()}));
        std::size_t close = name_end + 1;
        while (close < range.end && !line.template_char(close, ']')) ++close;
        if (close >= range.end)
            fail_at(line.origin_at(name_end),
                    msg("markup.bracket-not-closed", "'[' after '@{directive}' is not closed by ']'", {d.name()}));
        const Range marker = trim(text, Range{name_end + 1, close});
        d.marker = text.substr(marker.begin, marker.end - marker.begin);
        after = close + 1;
    } else if (d.spec->bracket == Bracket::required) {
        fail_at(d.origin, msg("markup.needs-marker", "'@{directive}' needs its marker in brackets", {d.name()}),
                msg("markup.marker-example", "write it like '@{directive}[a)] …'", {d.name()}));
    }
    d.text = trim(text, Range{after, range.end});
    if (!d.spec->takes_text && !d.text.empty())
        fail_at(line.origin_at(d.text.begin),
                msg("markup.no-text", "'@{directive}' takes no text after it", {d.name()}));
    return d;
}

// ------------------------------------------------------------------ small text helpers

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out.append(separator);
        out.append(part);
    }
    return out;
}

std::string trimmed(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

// Splits at the line breaks that data brought in ("\n" inside runs), dropping empty lines.
std::vector<Inline> split_at_breaks(const Inline& runs) {
    std::vector<Inline> lines(1);
    for (const model::Run& run : runs) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t stop = run.text.find('\n', start);
            model::Run piece = run;
            piece.text = run.text.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
            if (!piece.text.empty()) lines.back().push_back(std::move(piece));
            if (stop == std::string::npos) break;
            lines.emplace_back();
            start = stop + 1;
        }
    }
    std::vector<Inline> kept;
    for (Inline& line : lines)
        if (!trimmed(model::plain_text(line)).empty()) kept.push_back(std::move(line));
    return kept;
}

// ------------------------------------------------------------------ the builder

class Builder {
public:
    Builder(const model::Profile& profile, const std::vector<tmpl::Fragment>& fragments, const BuildOptions& options)
        : profile_(profile), fragments_(fragments), options_(options) {
        doc_.profile = profile;
    }

    void add(const Line& line);
    model::Document finish();

private:
    struct Open {
        Container container;
        tmpl::Origin origin;
    };
    // Fields a block may set only once; cleared when a block opens.
    struct Seen {
        bool number = false, place = false, date = false, draft = false, label = false, name = false, note = false,
             image = false, seal = false;
    };

    Container here() const { return open_.empty() ? Container::body : open_.back().container; }
    std::vector<model::Block>& blocks() {
        for (auto it = open_.rbegin(); it != open_.rend(); ++it)
            if (it->container == Container::appendix) return doc_.appendices.back().blocks;
        return doc_.body;
    }

    void add_text_line(const Line& line, Range range);
    void add_content_line(const Line& line, Range range);
    void check_place(const Directive& d) const;
    void apply(const Line& line, const Directive& d);
    void open(Container container, const Directive& d);
    void close(const Directive& d);
    // Refuses a second '@number' (…) in the block that is open.
    void once(bool& seen, const Directive& d);
    std::string number_line() const;

    Inline inline_text(const Line& line, Range range) { return inlines_.parse(line, range); }
    // The directive's text as one plain string: emphasis markers are read and dropped, a
    // line break from data becomes a space.
    std::string single_value(const Line& line, Range range);
    // The directive's text as printed lines: one per line break from data.
    void add_value_lines(std::vector<std::string>& out, const Line& line, Range range);
    void add_inline_lines(std::vector<Inline>& out, const Line& line, Range range);
    model::DocTitle& title() {
        if (!doc_.title) doc_.title.emplace();
        return *doc_.title;
    }

    void check_objects(const Line& line, const tmpl::Fragment* allowed) const;
    bool landscape_option(const Directive& d) const;
    void add_table_of_figures(const tmpl::Fragment& object, bool landscape);
    void add_chart(const Line& line, const Directive& d);
    figures::Settings figures_settings() const;

    const model::Profile& profile_;
    const std::vector<tmpl::Fragment>& fragments_;
    const BuildOptions& options_;
    model::Document doc_;
    InlineParser inlines_;
    std::vector<Open> open_;          // open blocks, innermost last (at most two deep)
    std::optional<TableBuilder> table_;
    bool table_landscape_ = false;
    Seen seen_;
    bool type_seen_ = false;
    std::string place_, date_;        // joined into the place-date line at the header's @end
    std::string number_;              // the number line is made at the header's @end too
};

void Builder::add(const Line& line) {
    const Range range = trim(line.text, Range{0, line.text.size()});
    if (range.empty()) return;
    if (starts_directive(line, range)) {
        const Directive d = read_directive(line, range);
        const bool takes_object = d.spec->kind == Kind::table || d.spec->kind == Kind::chart;
        check_objects(line, takes_object ? object_of(line, d.text, fragments_) : nullptr);
        check_place(d);
        apply(line, d);
        return;
    }
    check_objects(line, nullptr);
    add_text_line(line, range);
}

// An object of the data is a table's or a chart's figures: anywhere else it has no text.
void Builder::check_objects(const Line& line, const tmpl::Fragment* allowed) const {
    for (const Segment& segment : line.segments) {
        const tmpl::Fragment& fragment = fragments_[segment.source];
        if (segment.from_template || !fragment.object || &fragment == allowed) continue;
        Error error;
        error.kind = ErrorKind::template_eval;
        error.message = msg("markup.object-printed",
                            "cannot print the object {path}: print one of its fields, or give the whole object to "
                            "@table or @chart",
                            {{"path", fragment.object_path.empty() ? std::string("the data") : fragment.object_path}});
        error.json_path = fragment.object_path;
        if (segment.origin.file) error.where = SourceLocation{*segment.origin.file, segment.origin.line, segment.origin.column};
        throw Failure(std::move(error));
    }
}

// "@table[landscape]": the table goes on landscape pages of its own.
bool Builder::landscape_option(const Directive& d) const {
    if (d.marker.empty()) return false;
    if (d.marker == "landscape") return true;
    fail_at(d.origin, msg("markup.table-option", "unknown option '[{option}]' of '@table'; it knows '[landscape]'",
                          {{"option", d.marker}}));
}

figures::Settings Builder::figures_settings() const {
    figures::Settings settings;
    settings.files = options_.files;
    settings.max_rows = options_.max_table_rows;
    settings.max_columns = options_.max_table_columns;
    settings.parse_inline = [](std::string_view text) { return parse_inline(std::vector<Piece>{{text, false}}); };
    return settings;
}

void Builder::add_table_of_figures(const tmpl::Fragment& object, bool landscape) {
    for (model::Block& block : figures::table_blocks(*object.object, object.object_path, figures_settings())) {
        if (landscape) {
            if (auto* table = std::get_if<model::Table>(&block)) table->landscape = true;
            if (auto* chart = std::get_if<model::Chart>(&block)) chart->landscape = true;
        }
        blocks().push_back(std::move(block));
    }
}

void Builder::add_chart(const Line& line, const Directive& d) {
    const tmpl::Fragment* object = object_of(line, d.text, fragments_);
    if (!object)
        fail_at(d.origin, msg("markup.chart-needs-object",
                              "'@chart' takes an object of the data with the chart's figures: @chart {{ c }}"));
    blocks().emplace_back(figures::chart_block(*object->object, object->object_path, figures_settings()));
}

void Builder::add_text_line(const Line& line, Range range) {
    const tmpl::Origin where = line.origin_at(range.begin);
    switch (here()) {
    case Container::table:
        if (!line.template_char(range.begin, '|'))
            fail_at(where, msg("markup.table-line-not-row", "a line inside '@table' must be a row starting with '|'"));
        table_->add_row(line, range, inlines_);
        return;
    case Container::header:
        fail_at(where, msg("markup.text-in-header", "text is not allowed inside '@header'"),
                msg("markup.header-directives", "use @superior, @issuer, @number, @place, @date or @mark"));
    case Container::signature:
        fail_at(where, msg("markup.text-in-signature", "text is not allowed inside '@signature'"),
                msg("markup.signature-directives", "use @authority, @position, @name or @note"));
    case Container::recipients:
        doc_.closing.recipients->lines.push_back(inline_text(line, range));
        return;
    case Container::body:
    case Container::appendix:
        add_content_line(line, range);
        return;
    }
}

void Builder::add_content_line(const Line& line, Range range) {
    if (line.template_char(range.begin, '|'))
        fail_at(line.origin_at(range.begin), msg("markup.row-outside-table", "table row outside '@table'"));
    const char first = line.text[range.begin];
    const bool list_marker = (first == '-' || first == '+') && line.from_template(range.begin) &&
                             range.begin + 1 < range.end && (line.template_char(range.begin + 1, ' ') ||
                                                             line.template_char(range.begin + 1, '\t'));
    if (list_marker) {
        model::ListItem item;
        item.marker = std::string(1, first);
        item.level = first == '-' ? 1 : 2;
        item.text = inline_text(line, trim(line.text, Range{range.begin + 1, range.end}));
        blocks().emplace_back(std::move(item));
        return;
    }
    model::Paragraph paragraph;
    paragraph.text = inline_text(line, range);
    blocks().emplace_back(std::move(paragraph));
}

// Refuses a directive written outside the block it belongs to.
void Builder::check_place(const Directive& d) const {
    const Container container = here();
    // Only block directives refuse a place here, and the body is where they belong: the
    // container is a block.
    auto refuse = [&]() {
        fail_at(d.origin, msg("markup.not-allowed-inside", "'@{directive}' is not allowed inside '@{block}'",
                              {d.name(), {"block", container_name(container)}}));
    };
    auto outside = [&](Container block) {
        if (container != block)
            fail_at(d.origin, msg("markup.outside-block", "'@{directive}' outside '@{block}'",
                                  {d.name(), {"block", container_name(block)}}));
    };
    switch (d.spec->home) {
    case Home::any_block:
        if (open_.empty()) fail_at(d.origin, msg("markup.end-without-block", "'@end' without an open block"));
        return;
    case Home::top:
        if (container != Container::body) refuse();
        return;
    case Home::content:
        if (container != Container::body && container != Container::appendix) refuse();
        return;
    case Home::header: return outside(Container::header);
    case Home::recipients: return outside(Container::recipients);
    case Home::signature: return outside(Container::signature);
    case Home::appendix: return outside(Container::appendix);
    }
}

void Builder::once(bool& seen, const Directive& d) {
    if (seen)
        fail_at(d.origin, msg("markup.second-in-block", "a second '@{directive}' in '@{block}'",
                              {d.name(), {"block", container_name(here())}}));
    seen = true;
}

void Builder::apply(const Line& line, const Directive& d) {
    const Range text = d.text;
    switch (d.spec->kind) {
    case Kind::header:
        if (doc_.header) fail_second(d);
        doc_.header.emplace();
        open(Container::header, d);
        return;
    case Kind::superior: add_value_lines(doc_.header->superior, line, text); return;
    case Kind::issuer: add_value_lines(doc_.header->issuer, line, text); return;
    case Kind::mark: add_value_lines(doc_.header->marks, line, text); return;
    case Kind::number: once(seen_.number, d); number_ = single_value(line, text); return;
    case Kind::draft: {
        once(seen_.draft, d);
        const std::string mark = single_value(line, text);
        doc_.header->draft_mark = mark.empty() ? profile_.draft_mark : mark;
        return;
    }
    case Kind::place: once(seen_.place, d); place_ = single_value(line, text); return;
    case Kind::date: once(seen_.date, d); date_ = single_value(line, text); return;
    case Kind::type:
        if (type_seen_) fail_second(d);
        type_seen_ = true;
        title().type_name = single_value(line, text);
        return;
    case Kind::summary: add_inline_lines(title().summary, line, text); return;
    case Kind::heading: {
        const auto levels = profile_.headings.size();
        if (levels != 0 && static_cast<std::size_t>(d.spec->level) > levels)
            fail_at(d.origin,
                    msg_n("markup.no-heading-style",
                          "'@{directive}' has no heading style: the profile '{profile}' defines {count} heading level",
                          "'@{directive}' has no heading style: the profile '{profile}' defines {count} heading levels",
                          levels, {d.name(), {"profile", profile_.name}}));
        model::Heading heading{d.spec->level, d.marker, inline_text(line, text)};
        if (!heading.number.empty() || !heading.text.empty()) blocks().emplace_back(std::move(heading));
        return;
    }
    case Kind::item:
        blocks().emplace_back(model::ListItem{d.marker, d.spec->level, inline_text(line, text)});
        return;
    case Kind::noindent:
    case Kind::center:
    case Kind::right: {
        const model::ParagraphKind kind = d.spec->kind == Kind::noindent ? model::ParagraphKind::plain
                                          : d.spec->kind == Kind::center ? model::ParagraphKind::center
                                                                         : model::ParagraphKind::right;
        model::Paragraph paragraph{kind, inline_text(line, text)};
        if (!paragraph.text.empty()) blocks().emplace_back(std::move(paragraph));
        return;
    }
    case Kind::pagebreak: blocks().emplace_back(model::PageBreak{}); return;
    case Kind::table:
        if (const tmpl::Fragment* object = object_of(line, text, fragments_)) {
            add_table_of_figures(*object, landscape_option(d));
            return;
        }
        table_.emplace(parse_column_weights(line, text), d.origin, profile_, options_.max_table_rows);
        table_landscape_ = landscape_option(d);
        open(Container::table, d);
        return;
    case Kind::chart: add_chart(line, d); return;
    case Kind::recipients:
        if (doc_.closing.recipients) fail_second(d);
        doc_.closing.recipients.emplace().label = profile_.recipients_label;
        open(Container::recipients, d);
        return;
    case Kind::label: {
        once(seen_.label, d);
        std::string label = single_value(line, text);
        if (!label.empty()) doc_.closing.recipients->label = std::move(label);
        return;
    }
    case Kind::signature:
        if (doc_.closing.signature) fail_second(d);
        doc_.closing.signature.emplace();
        open(Container::signature, d);
        return;
    case Kind::authority: add_value_lines(doc_.closing.signature->authority, line, text); return;
    case Kind::position: add_value_lines(doc_.closing.signature->position, line, text); return;
    case Kind::name:
        once(seen_.name, d);
        doc_.closing.signature->name = single_value(line, text);
        return;
    case Kind::note:
        once(seen_.note, d);
        doc_.closing.signature->note = single_value(line, text);
        return;
    case Kind::image:
    case Kind::seal: {
        const bool seal = d.spec->kind == Kind::seal;
        once(seal ? seen_.seal : seen_.image, d);
        // The file name or data: URI as written; the engine reads and checks the PNG.
        std::string source = single_value(line, text);
        if (source.empty()) return;
        model::Image image;
        image.source = std::move(source);
        (seal ? doc_.closing.signature->seal : doc_.closing.signature->image) = std::move(image);
        return;
    }
    case Kind::appendix:
        doc_.appendices.emplace_back();
        open(Container::appendix, d);
        return;
    case Kind::title: add_value_lines(doc_.appendices.back().title, line, text); return;
    case Kind::subtitle: add_inline_lines(doc_.appendices.back().subtitle, line, text); return;
    case Kind::record: {
        // NĐ30 Phụ lục VI metadata the model does not hold: @record[IssuedDate] 2026-03-05.
        const std::string value = single_value(line, text);
        if (!model::is_record_field(d.marker))
            fail_at(d.origin, msg("markup.unknown-record-field", "unknown metadata field '{name}' in '@record[…]'",
                                  {{"name", d.marker}}));
        if (!value.empty()) doc_.metadata.record.emplace_back(d.marker, value);
        return;
    }
    case Kind::end: close(d); return;
    }
}

void Builder::open(Container container, const Directive& d) {
    open_.push_back(Open{container, d.origin});
    seen_ = Seen{};
}

void Builder::close(const Directive&) {
    const Container closing = open_.back().container;
    open_.pop_back();
    if (closing == Container::table) {
        model::Table table = table_->take();
        table.landscape = table_landscape_;
        table_.reset();
        // A table whose rows all came from an empty loop prints nothing.
        if (!table.rows.empty()) blocks().emplace_back(std::move(table));
    } else if (closing == Container::header) {
        doc_.header->number_line = number_line();
        doc_.header->place_date_line = place_.empty() || date_.empty() ? place_ + date_
                                                                        : place_ + ", " + date_;
    }
}

// "Số 19-KH/CB", "Số: 15/KH-UBND". A draft has no number yet (NĐ30 Điều 15.3): its @number
// is the code alone, printed after a blank for the number ("Số:      /KH-UBND").
std::string Builder::number_line() const {
    if (number_.empty()) return {};
    if (doc_.header->draft_mark.empty()) return profile_.number_prefix + number_;
    std::string prefix = profile_.number_prefix;
    while (!prefix.empty() && is_space(prefix.back())) prefix.pop_back();
    return prefix + std::string(static_cast<std::size_t>(std::max(profile_.draft_number_blanks, 1)), ' ') + number_;
}

std::string Builder::single_value(const Line& line, Range range) {
    std::string value = model::plain_text(inline_text(line, range));
    for (char& c : value)
        if (c == '\n') c = ' ';
    return trimmed(value);
}

void Builder::add_value_lines(std::vector<std::string>& out, const Line& line, Range range) {
    const std::string value = model::plain_text(inline_text(line, range));
    std::size_t start = 0;
    for (;;) {
        const std::size_t stop = value.find('\n', start);
        std::string piece = trimmed(std::string_view(value).substr(start, stop == std::string::npos ? std::string::npos : stop - start));
        if (!piece.empty()) out.push_back(std::move(piece));
        if (stop == std::string::npos) return;
        start = stop + 1;
    }
}

void Builder::add_inline_lines(std::vector<Inline>& out, const Line& line, Range range) {
    for (Inline& printed : split_at_breaks(inline_text(line, range))) out.push_back(std::move(printed));
}

model::Document Builder::finish() {
    if (!open_.empty()) {
        const Open& innermost = open_.back();
        fail_at(innermost.origin, msg("markup.block-not-closed", "'@{block}' is not closed by '@end'",
                                      {{"block", container_name(innermost.container)}}));
    }
    std::vector<std::string> summary;
    if (doc_.title)
        for (const Inline& line : doc_.title->summary) summary.push_back(trimmed(model::plain_text(line)));
    doc_.metadata.subject = join(summary, " ");
    doc_.metadata.title = join({doc_.title ? doc_.title->type_name : "", doc_.metadata.subject}, " ");
    if (doc_.header) doc_.metadata.author = join(doc_.header->issuer, " ");
    model::add_derived_record(doc_);
    return std::move(doc_);
}

} // namespace

model::Document build_document(const std::vector<tmpl::Fragment>& fragments, const model::Profile& profile,
                               const BuildOptions& options) {
    Builder builder(profile, fragments, options);
    LineReader reader(fragments);
    Line line;
    while (reader.next(line)) builder.add(line);
    return builder.finish();
}

} // namespace vanban::markup
