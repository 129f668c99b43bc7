#include "model/record.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "text/xml_escape.hpp"

namespace vanban::model {

namespace {

// In the decree's order (Phụ lục VI, Phần II, Mục I: 3–16; SignerInfo is Position and
// FullName, To the names of the recipients).
constexpr std::array<std::string_view, 15> field_names{
    "TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName", "Subject", "Language", "PageAmount",
    "Description", "Position", "FullName", "To", "Priority", "IssuedAmount", "DueDate"};

bool has(const Metadata& metadata, std::string_view name) {
    return std::any_of(metadata.record.begin(), metadata.record.end(),
                       [&](const auto& field) { return field.first == name; });
}

void add(Metadata& metadata, std::string_view name, const std::string& value) {
    if (!value.empty() && !has(metadata, name)) metadata.record.emplace_back(std::string(name), value);
}

std::string trimmed(std::string text) {
    const auto not_space = [](unsigned char c) { return !std::isspace(c); };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
    text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
    return text;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += (out.empty() ? "" : " ") + line;
    return out;
}

// "Số 19-KH/CB" -> "19", "KH/CB"; "Số: 15/KH-UBND" -> "15", "KH-UBND"; a draft's
// "Số:      /KH-UBND" -> "", "KH-UBND".
void add_number(Metadata& metadata, const Header& header, const std::string& prefix) {
    std::string rest = header.number_line;
    const std::string bare_prefix = trimmed(prefix);
    if (rest.rfind(bare_prefix, 0) == 0) rest = rest.substr(bare_prefix.size());
    rest = trimmed(rest);
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    add(metadata, "CodeNumber", rest.substr(0, digits));
    std::string code = trimmed(rest.substr(digits));
    if (!code.empty() && (code.front() == '-' || code.front() == '/')) code.erase(0, 1);
    add(metadata, "CodeNotation", code);
}

// "- Ban Bí thư Trung ương (b/c)," -> "Ban Bí thư Trung ương (b/c)".
std::string recipient(const Inline& line) {
    std::string text = trimmed(plain_text(line));
    if (!text.empty() && text.front() == '-') text = trimmed(text.substr(1));
    while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == '.')) text.pop_back();
    return trimmed(text);
}

std::string value_of(const Document& document, std::string_view name) {
    for (const auto& [field, value] : document.metadata.record)
        if (field == name) return value;
    return {};
}

bool all_digits(const std::string& text) {
    return !text.empty() && text.size() < 10 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

} // namespace

bool is_record_field(std::string_view name) {
    return std::find(field_names.begin(), field_names.end(), name) != field_names.end();
}

void add_derived_record(Document& document) {
    Metadata& metadata = document.metadata;
    if (document.title) add(metadata, "TypeName", document.title->type_name);
    if (document.header) add_number(metadata, *document.header, document.profile.number_prefix);
    add(metadata, "OrganName", metadata.author);
    add(metadata, "Subject", metadata.subject);
    if (const auto& signature = document.closing.signature) {
        add(metadata, "Position", joined(signature->position.empty() ? signature->authority : signature->position));
        add(metadata, "FullName", signature->name);
    }
    if (const auto& recipients = document.closing.recipients; recipients && !has(metadata, "To"))
        for (const Inline& line : recipients->lines)
            if (std::string name = recipient(line); !name.empty()) metadata.record.emplace_back("To", name);
}

nlohmann::json record_json(const Document& document, std::size_t pages) {
    nlohmann::json out = nlohmann::json::object();
    for (std::string_view name : field_names) {
        const std::string key(name);
        if (name == "PageAmount") {
            out[key] = pages;
        } else if (name == "Position" || name == "FullName") {
            const std::string value = value_of(document, name);
            if (!value.empty()) out["SignerInfo"][key] = value;
        } else if (name == "To") {
            nlohmann::json to = nlohmann::json::array();
            for (const auto& [field, value] : document.metadata.record)
                if (field == "To") to.push_back({{"OrganName", value}});
            if (!to.empty()) out[key] = std::move(to);
        } else if (const std::string value = value_of(document, name); !value.empty()) {
            if (name == "IssuedAmount" && all_digits(value)) out[key] = std::stoll(value);
            else out[key] = value;
        }
    }
    return out;
}

std::string record_xml(const Document& document, std::size_t pages) {
    const nlohmann::json fields = record_json(document, pages);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<OutgoingDocument xmlns=\"urn:vanban:nd30-record:1.0/\">\n";
    auto element = [&](const std::string& indent, const std::string& name, const nlohmann::json& value) {
        out += indent + "<" + name + ">";
        text::append_xml_escaped(out, value.is_string() ? value.get_ref<const std::string&>() : value.dump());
        out += "</" + name + ">\n";
    };
    for (std::string_view name : field_names) {
        const std::string key(name);
        if (name == "Position") {
            if (!fields.contains("SignerInfo")) continue;
            out += "  <SignerInfo>\n";
            for (const char* sub : {"Position", "FullName"}) // the decree's order
                if (fields.at("SignerInfo").contains(sub)) element("    ", sub, fields.at("SignerInfo").at(sub));
            out += "  </SignerInfo>\n";
        } else if (name == "To" && fields.contains("To")) {
            for (const nlohmann::json& to : fields.at("To")) {
                out += "  <To>\n";
                element("    ", "OrganName", to.at("OrganName"));
                out += "  </To>\n";
            }
        } else if (name != "FullName" && name != "Position" && name != "To" && fields.contains(key)) {
            element("  ", key, fields.at(key));
        }
    }
    return out + "</OutgoingDocument>\n";
}

} // namespace vanban::model
