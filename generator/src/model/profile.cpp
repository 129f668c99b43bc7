#include "model/profile.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "text/json_path.hpp"
#include "vanban/error.hpp"

namespace vanban::model {

namespace {

using nlohmann::json;

// "#rrggbb", as CSS writes a colour (and Word's w:color without the "#").
bool is_colour(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return false;
    return text.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
}

// Reads the fields of one JSON object into a struct, remembering which keys were used so
// that the leftovers can be reported as unknown.
class ObjectReader {
public:
    ObjectReader(const json& object, text::JsonPath path, const std::string& source)
        : object_(object), path_(std::move(path)), source_(source) {
        if (!object_.is_object()) fail(path_.empty() ? std::string() : path_.text(), msg("profile.not-object", "must be an object"));
    }

    void read(const char* key, double& out) { if (auto* v = take(key)) out = number(*v, key); }
    void read(const char* key, int& out) { if (auto* v = take(key)) out = static_cast<int>(number(*v, key)); }
    void read(const char* key, bool& out) {
        if (auto* v = take(key)) {
            if (!v->is_boolean()) fail(child(key), msg("profile.not-boolean", "must be true or false"));
            out = v->get<bool>();
        }
    }
    void read(const char* key, std::string& out) {
        if (auto* v = take(key)) {
            if (!v->is_string()) fail(child(key), msg("profile.not-string", "must be a string"));
            out = v->get<std::string>();
        }
    }
    void read(const char* key, std::vector<std::string>& out) {
        if (auto* v = take(key)) {
            if (!v->is_array()) fail(child(key), msg("profile.not-string-list", "must be a list of strings"));
            out.clear();
            for (const json& item : *v) {
                if (!item.is_string()) fail(child(key), msg("profile.not-string-list", "must be a list of strings"));
                out.push_back(item.get<std::string>());
            }
        }
    }
    void read(const char* key, Align& out) {
        if (auto* v = take(key)) {
            const std::string name = v->is_string() ? v->get<std::string>() : "";
            if (name == "left") out = Align::left;
            else if (name == "center") out = Align::center;
            else if (name == "right") out = Align::right;
            else if (name == "justify") out = Align::justify;
            else fail(child(key), msg("profile.not-alignment", "must be one of \"left\", \"center\", \"right\", \"justify\""));
        }
    }
    void read(const char* key, LineBreaking& out) {
        if (auto* v = take(key)) {
            const std::string name = v->is_string() ? v->get<std::string>() : "";
            if (name == "first-fit") out = LineBreaking::first_fit;
            else if (name == "optimal-fit") out = LineBreaking::optimal_fit;
            else fail(child(key), msg("profile.not-line-breaking", "must be \"first-fit\" or \"optimal-fit\""));
        }
    }
    void read_colour(const char* key, std::string& out) {
        if (auto* v = take(key)) {
            if (!v->is_string() || !is_colour(v->get<std::string>()))
                fail(child(key), msg("profile.not-colour", "must be a colour written \"#rrggbb\", e.g. \"#ff0000\""));
            out = v->get<std::string>();
        }
    }
    template <class Struct, class Fill>
    void read_object(const char* key, Struct& out, Fill fill) {
        if (auto* v = take(key)) {
            ObjectReader inner(*v, path_.key(key), source_);
            fill(inner, out);
            inner.finish();
        }
    }
    template <class Struct, class Fill>
    void read_list(const char* key, std::vector<Struct>& out, Fill fill) {
        if (auto* v = take(key)) {
            if (!v->is_array()) fail(child(key), msg("profile.not-list", "must be a list"));
            out.clear();
            for (std::size_t i = 0; i < v->size(); ++i) {
                ObjectReader inner((*v)[i], path_.key(key).index(i), source_);
                Struct item;
                fill(inner, item);
                inner.finish();
                out.push_back(item);
            }
        }
    }
    // Keys starting with '$' are comments ("$comment").
    void finish() const {
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            if (!it.key().empty() && it.key()[0] == '$') continue;
            if (std::find(used_.begin(), used_.end(), it.key()) == used_.end())
                fail(child(it.key()), msg("profile.unknown-setting", "is not a profile setting"));
        }
    }

private:
    const json* take(const char* key) {
        auto it = object_.find(key);
        if (it == object_.end()) return nullptr;
        used_.emplace_back(key);
        return &*it;
    }
    double number(const json& v, const char* key) const {
        if (!v.is_number()) fail(child(key), msg("profile.not-number", "must be a number"));
        return v.get<double>();
    }
    std::string child(std::string_view key) const { return path_.key(key).text(); }
    // `path` empty: the profile as a whole.
    [[noreturn]] void fail(const std::string& path, Message what) const {
        Error error;
        error.kind = ErrorKind::resource;
        error.message = path.empty() ? msg("profile.whole-problem", "the profile {problem}", {{"problem", what}})
                                     : msg("profile.setting-problem", "profile setting '{setting}' {problem}",
                                           {{"setting", path}, {"problem", what}});
        error.where.file = source_;
        error.json_path = path;
        throw Failure(std::move(error));
    }

    const json& object_;
    text::JsonPath path_;
    const std::string& source_;
    std::vector<std::string> used_;
};

void read_style(ObjectReader& r, TextStyle& s) {
    r.read("size_pt", s.size_pt);
    r.read("bold", s.bold);
    r.read("italic", s.italic);
    r.read("underline", s.underline);
    r.read("align", s.align);
    r.read("first_line_indent_mm", s.first_line_indent_mm);
    r.read("left_indent_mm", s.left_indent_mm);
    r.read("space_before_pt", s.space_before_pt);
    r.read("space_after_pt", s.space_after_pt);
    r.read("line_spacing", s.line_spacing);
    r.read("keep_with_next", s.keep_with_next);
}

void read_page(ObjectReader& r, PageSetup& p) {
    r.read("width_mm", p.width_mm);
    r.read("height_mm", p.height_mm);
    r.read("margin_top_mm", p.margin_top_mm);
    r.read("margin_bottom_mm", p.margin_bottom_mm);
    r.read("margin_left_mm", p.margin_left_mm);
    r.read("margin_right_mm", p.margin_right_mm);
    r.read("page_numbers", p.page_numbers);
    r.read("page_numbers_from", p.page_numbers_from);
    r.read("page_number_top_mm", p.page_number_top_mm);
    r.read("page_number_size_pt", p.page_number_size_pt);
    r.read("mirror_margins", p.mirror_margins);
}

void read_header(ObjectReader& r, HeaderStyle& h) {
    r.read("left_column_mm", h.left_column_mm);
    r.read("national_title", h.national_title);
    r.read("motto", h.motto);
    r.read_object("national_title_style", h.national_title_style, read_style);
    r.read_object("motto_style", h.motto_style, read_style);
    r.read("rule_under_title", h.rule_under_title);
    r.read_object("superior_style", h.superior_style, read_style);
    r.read_object("issuer_style", h.issuer_style, read_style);
    r.read("issuer_mark", h.issuer_mark);
    r.read("rule_under_issuer", h.rule_under_issuer);
    r.read_object("number_style", h.number_style, read_style);
    r.read_object("place_date_style", h.place_date_style, read_style);
    r.read_object("mark_style", h.mark_style, read_style);
    r.read_colour("urgency_mark_colour", h.urgency_mark_colour);
    r.read_colour("secrecy_mark_colour", h.secrecy_mark_colour);
}

void read_signing(ObjectReader& r, Signing& s) {
    r.read("fields", s.fields);
    r.read("images", s.images);
    r.read("signer_width_mm", s.signer_width_mm);
    r.read("seal_size_mm", s.seal_size_mm);
    r.read("seal_overlap", s.seal_overlap);
    r.read("appendix_field_width_mm", s.appendix_field_width_mm);
    r.read("appendix_field_height_mm", s.appendix_field_height_mm);
    r.read("appendix_field_top_mm", s.appendix_field_top_mm);
}

void read_chart(ObjectReader& r, ChartStyle& c) {
    r.read("height_mm", c.height_mm);
    r.read("label_size_pt", c.label_size_pt);
    r.read_object("title", c.title, read_style);
    r.read("palette", c.palette);
}

void check_sane(const Profile& p, const std::string& source) {
    auto fail = [&](Message what) {
        Error error;
        error.kind = ErrorKind::resource;
        error.message = std::move(what);
        error.where.file = source;
        throw Failure(std::move(error));
    };
    const PageSetup& page = p.page;
    if (page.width_mm <= 0 || page.height_mm <= 0) fail(msg("profile.page-size", "profile page size must be positive"));
    if (page.margin_left_mm + page.margin_right_mm >= page.width_mm ||
        page.margin_top_mm + page.margin_bottom_mm >= page.height_mm)
        fail(msg("profile.margins-too-wide", "profile margins leave no room for text"));
    const Signing& signing = p.signing;
    if (!(signing.signer_width_mm > 0 && signing.seal_size_mm > 0 && signing.seal_overlap >= 0 && signing.seal_overlap <= 1))
        fail(msg("profile.signing", "profile settings signing.signer_width_mm and signing.seal_size_mm must be more "
                                    "than 0, and signing.seal_overlap from 0 to 1"));
    if (!(signing.appendix_field_width_mm > 0 && signing.appendix_field_height_mm > 0 && signing.appendix_field_top_mm >= 0))
        fail(msg("profile.appendix-field", "profile settings signing.appendix_field_width_mm and "
                                           "signing.appendix_field_height_mm must be more than 0, and "
                                           "signing.appendix_field_top_mm at least 0"));
    if (p.draft_number_blanks < 1 || p.draft_number_blanks > 40)
        fail(msg("profile.draft-number-blanks", "profile setting draft_number_blanks must be from 1 to 40"));
    if (p.headings.empty()) fail(msg("profile.no-headings", "profile must define at least one heading style"));
    if (!(p.chart.height_mm >= 20 && p.chart.height_mm <= 250))
        fail(msg("profile.chart-height", "profile setting chart.height_mm must be from 20 to 250 (millimetres)"));
    if (!(p.chart.label_size_pt >= 6 && p.chart.label_size_pt <= 20))
        fail(msg("profile.chart-label-size", "profile setting chart.label_size_pt must be from 6 to 20 (points)"));
    if (p.chart.palette.empty() || !std::all_of(p.chart.palette.begin(), p.chart.palette.end(), is_colour))
        fail(msg("profile.chart-palette",
                 "profile setting chart.palette must be a list of colours written \"#rrggbb\", at least one"));
    // The band of the rules under titles (model/furniture.hpp) must be drawable: a stroke of
    // some thickness, and room above it for the 1 pt line that carries it.
    if (!(p.rule_width_pt > 0 && p.rule_width_pt <= 6))
        fail(msg("profile.rule-width", "profile setting rule_width_pt must be more than 0 and at most 6 (points)"));
    if (!(p.rule_gap_pt >= 1 + p.rule_width_pt / 2 && p.rule_gap_pt <= 20))
        fail(msg("profile.rule-gap",
                 "profile setting rule_gap_pt must be at least 1 point plus half of rule_width_pt, and at most 20"));
}

} // namespace

Profile profile_from_json(const json& json, const std::string& source) {
    Profile p;
    ObjectReader r(json, {}, source);
    r.read("name", p.name);
    r.read("font_family", p.font_family);
    r.read("number_prefix", p.number_prefix);
    r.read("recipients_label", p.recipients_label);
    r.read("line_breaking", p.line_breaking);
    r.read_object("page", p.page, read_page);
    r.read_object("header", p.header, read_header);
    r.read_object("doc_type", p.doc_type, read_style);
    r.read_object("summary", p.summary, read_style);
    r.read("summary_separator", p.summary_separator);
    r.read_object("body", p.body, read_style);
    r.read_list("headings", p.headings, read_style);
    r.read_object("list_item", p.list_item, read_style);
    r.read("list_level_indent_mm", p.list_level_indent_mm);
    r.read_object("table_text", p.table_text, read_style);
    r.read_object("table_header", p.table_header, read_style);
    r.read_object("table_caption", p.table_caption, read_style);
    r.read_object("table_note", p.table_note, read_style);
    r.read_object("chart", p.chart, read_chart);
    r.read_object("recipients_label_style", p.recipients_label_style, read_style);
    r.read_object("recipients", p.recipients, read_style);
    r.read("recipients_column_mm", p.recipients_column_mm);
    r.read_object("signature_authority", p.signature_authority, read_style);
    r.read_object("signature_position", p.signature_position, read_style);
    r.read_object("signature_name", p.signature_name, read_style);
    r.read("signature_space_mm", p.signature_space_mm);
    r.read_object("appendix_title", p.appendix_title, read_style);
    r.read_object("appendix_subtitle", p.appendix_subtitle, read_style);
    r.read("appendix_restarts_page_numbers", p.appendix_restarts_page_numbers);
    r.read("rule_width_pt", p.rule_width_pt);
    r.read("rule_gap_pt", p.rule_gap_pt);
    r.read("draft_mark", p.draft_mark);
    r.read_object("draft_mark_style", p.draft_mark_style, read_style);
    r.read("draft_number_blanks", p.draft_number_blanks);
    r.read_object("signing", p.signing, read_signing);
    r.finish();
    check_sane(p, source);
    return p;
}

Profile load_profile_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(ErrorKind::resource, msg("profile.unreadable", "cannot read profile {file}", {{"file", path.string()}}));
    std::stringstream buffer;
    buffer << in.rdbuf();
    json parsed = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded())
        throw Failure(ErrorKind::resource,
                      msg("profile.not-json", "profile {file} is not valid JSON", {{"file", path.string()}}));
    return profile_from_json(parsed, path.string());
}

const char* align_name(Align align) {
    switch (align) {
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    case Align::justify: return "justify";
    }
    return "left";
}

const char* line_breaking_name(LineBreaking breaking) {
    return breaking == LineBreaking::optimal_fit ? "optimal-fit" : "first-fit";
}

} // namespace vanban::model
