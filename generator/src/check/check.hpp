// The check stage (docs/check.md): rules over a draft's look (fonts, sizes, margins), the
// parts the import found in it (header, numbering, recipients, signature), the data and the
// text (citations, dates, deadlines, names of bodies the 2025 reform ended). Each finding
// names its place: a paragraph of the draft with a quote of it, or a JSON path of the data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/draft.hpp"
#include "import/recognise.hpp"
#include "text/vietnamese.hpp"
#include "vanban/finding.hpp"
#include "vanban/model.hpp"

namespace vanban::check {

struct Subject {
    const import::Draft* draft = nullptr;           // a DOCX or text draft; null for JSON data
    const import::Recognised* recognised = nullptr; // what the import made of the draft
    const nlohmann::ordered_json* data = nullptr;   // the data: imported, or given
    const model::Document* document = nullptr;      // what the data renders
    std::string profile = "party";                  // "party" or "state"
    std::optional<text::Date> as_of;                // the day to judge the reform's names on
};

// Every finding, errors first, then warnings, each in the document's order.
std::vector<Finding> run_checks(const Subject& subject);

// ------------------------------------------------------------ for the rule files

// A place of the document and its text.
struct TextPlace {
    std::string text;
    int paragraph = 0;
    std::string json_path;
};

class Findings {
public:
    explicit Findings(bool lines) : lines_(lines) {}
    void add(Severity severity, Message message, const TextPlace& where);
    void add(Severity severity, Message message, int paragraph, const std::string& quote, std::string json_path = "");
    std::vector<Finding> take();

private:
    bool lines_;
    std::vector<Finding> all_;
};

// The body's texts: paragraphs of the draft, or strings of the data with their paths.
std::vector<TextPlace> body_texts(const Subject& subject);
// The document's own date, when it has one.
std::optional<text::Date> document_date(const Subject& subject);

void check_format(const Subject& subject, Findings& out);  // format_rules.cpp
void check_content(const Subject& subject, Findings& out); // content_rules.cpp
void check_reform(const Subject& subject, Findings& out);  // reform_rules.cpp

// A number and code split into its parts: "19-KH/CB" (Party: number-code/issuer),
// "15/KH-UBND", "05/2024/QĐ-UBND" (State: number[/year]/code-issuer).
struct NumberParts {
    bool party_form = false, state_form = false;
    std::string digits, code;
};
NumberParts split_number(const std::string& number);

// The reform data (reform-2025.json), built into the program.
const nlohmann::json& reform_data();

} // namespace vanban::check
