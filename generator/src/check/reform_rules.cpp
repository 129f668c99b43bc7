// Names of bodies the 2025 reform of local government ended: the district level (huyện,
// quận, thị xã; their committees) and the 29 provinces merged into others, from the day it
// took effect (01/07/2025). The facts and their sources are in reform-2025.json.
#include <tuple>

#include "check/check.hpp"
#include "import/text_tools.hpp"
#include "text/utf8.hpp"

namespace vanban::check {

namespace {

bool letter_at(const std::string& s, std::size_t pos) {
    if (pos >= s.size()) return false;
    std::size_t p = pos;
    const char32_t cp = text::next_code_point(s, p);
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xC0;
}

// Where `word` (folded) stands in `folded_text` as whole words, or npos.
std::size_t find_words(const std::string& folded_text, const std::string& word, std::size_t from = 0) {
    for (std::size_t at = folded_text.find(word, from); at != std::string::npos; at = folded_text.find(word, at + 1)) {
        const bool starts = at == 0 || folded_text[at - 1] == ' ' || folded_text[at - 1] == '(' ||
                            folded_text[at - 1] == ',' || folded_text[at - 1] == '"';
        if (starts && !letter_at(folded_text, at + word.size())) return at;
    }
    return std::string::npos;
}

std::string date_text(const std::string& iso) {
    const auto d = text::parse_iso_date(iso);
    return d ? text::format_date(*d, "DD/MM/YYYY") : iso;
}

std::string sources_text(const nlohmann::json& data, const nlohmann::json& keys) {
    std::string out;
    for (const auto& key : keys) {
        std::string title = data["sources"][key.get<std::string>()]["title"];
        // "Nghị quyết số 202/2025/QH15 ngày … của Quốc hội về …" -> "Nghị quyết số 202/2025/QH15"
        const std::size_t cut = title.find(" ngày ");
        if (cut != std::string::npos) title = title.substr(0, cut);
        out += (out.empty() ? "" : "; ") + title;
    }
    return out;
}

struct Place {
    TextPlace text;
    bool header = false; // the issuer, the superior body, the signature: must be fixed
};

void check_place(const Place& place, Findings& out) {
    const nlohmann::json& data = reform_data();
    const std::string f = import::folded(place.text.text);
    const Severity severity = place.header ? Severity::error : Severity::warning;
    const nlohmann::json& provinces = data["merged_provinces"];
    for (const nlohmann::json& unit : provinces["units"]) {
        std::vector<std::string> names = {unit["name"].get<std::string>()};
        for (const auto& also : unit.value("also", nlohmann::json::array())) names.push_back(also.get<std::string>());
        for (const std::string& name : names) {
            const std::string n = import::folded(name);
            for (const std::string prefix : {"tỉnh ủy ", "tỉnh uỷ ", "tỉnh "}) {
                const std::size_t at = find_words(f, prefix + n);
                if (at == std::string::npos) continue;
                out.add(severity,
                        msg("check.reform-province", "\"{name}\": tỉnh {province} was merged into {into} from {date} ({sources})",
                            {{"name", place.text.text.substr(at, prefix.size() + n.size())},
                             {"province", unit["name"].get<std::string>()}, {"into", unit["into"].get<std::string>()},
                             {"date", date_text(provinces["merged"])}, {"sources", sources_text(data, provinces["sources"])}}),
                        place.text);
                return;
            }
        }
    }
    const nlohmann::json& district = data["district_level"];
    std::string found;
    for (const auto& body : district["bodies"]) {
        const std::size_t at = find_words(f, body.get<std::string>());
        if (at != std::string::npos) {
            found = place.text.text.substr(at, body.get<std::string>().size());
            break;
        }
    }
    // "huyện Cẩm Xuyên", "Quận 1", "thị xã Kỳ Anh": a unit followed by its name.
    for (const auto& unit : district["units"]) {
        if (!found.empty()) break;
        const std::string u = unit.get<std::string>() + " ";
        for (std::size_t at = find_words(f, unit.get<std::string>()); at != std::string::npos;
             at = find_words(f, unit.get<std::string>(), at + 1)) {
            const std::size_t next = at + u.size();
            if (next >= place.text.text.size() || f.compare(at, u.size(), u) != 0) continue;
            std::size_t p = next;
            const char32_t cp = text::next_code_point(place.text.text, p);
            const std::string first(place.text.text.substr(next, p - next));
            const bool named = (cp >= '0' && cp <= '9') || text::to_lower(first) != first;
            if (!named) continue;
            std::size_t end = place.text.text.find_first_of(",;.)", next);
            found = place.text.text.substr(at, (end == std::string::npos ? place.text.text.size() : end) - at);
            break;
        }
    }
    if (!found.empty())
        out.add(severity,
                msg("check.reform-district",
                    "\"{name}\": the district level (huyện, quận, thị xã and their committees) ended on {date} ({sources})",
                    {{"name", import::squeeze(found)}, {"date", date_text(district["ended"])},
                     {"sources", sources_text(data, district["sources"])}}),
                place.text);
}

} // namespace

void check_reform(const Subject& s, Findings& out) {
    const nlohmann::json& data = reform_data();
    const auto start = text::parse_iso_date(data["merged_provinces"]["merged"].get<std::string>());
    if (!s.as_of || !start) return;
    if (std::tie(s.as_of->year, s.as_of->month, s.as_of->day) < std::tie(start->year, start->month, start->day)) return;
    std::vector<Place> places;
    if (s.recognised) {
        const import::Header& h = s.recognised->header;
        for (const std::string& line : h.superior) places.push_back({{line, h.issuer_paragraph, ""}, true});
        for (const std::string& line : h.issuer) places.push_back({{line, h.issuer_paragraph, ""}, true});
        for (const std::string& line : s.recognised->closing.authority)
            places.push_back({{line, s.recognised->closing.signature_paragraph, ""}, true});
    } else if (s.data && s.data->contains("header")) {
        const auto& header = (*s.data)["header"];
        for (const char* field : {"superior", "issuer"})
            if (header.contains(field))
                for (std::size_t i = 0; i < header[field].size(); ++i)
                    places.push_back({{header[field][i].get<std::string>(), 0, std::string("header.") + field + "[" + std::to_string(i) + "]"}, true});
        if (s.data->contains("signature") && (*s.data)["signature"].contains("authority"))
            for (std::size_t i = 0; i < (*s.data)["signature"]["authority"].size(); ++i)
                places.push_back({{(*s.data)["signature"]["authority"][i].get<std::string>(), 0,
                                   "signature.authority[" + std::to_string(i) + "]"}, true});
    }
    for (TextPlace& place : body_texts(s)) places.push_back({std::move(place), false});
    for (const Place& place : places) check_place(place, out);
}

} // namespace vanban::check
