// The repository's templates against the requirements of the plan and report issue:
// numbering styles are data ("I-", "I.", "A-", "1-", "1.", "1.1-", "a)", "-", "+"), the task
// appendix is switched on by the data and lists the tasks by the documented rule, and the
// State format is the same templates under the State profile, whether the data or the
// caller (`--profile`) chooses it.
#include <catch2/catch.hpp>

#include "golden/golden_support.hpp"

using namespace vanban;
using namespace vanban::golden;
using nlohmann::json;

namespace {

// The lines of a subtitle as one text, as the template wrote it before its lines were fitted.
std::string joined(const std::vector<model::Inline>& lines) {
    std::string text;
    for (const model::Inline& line : lines) text += (text.empty() ? "" : " ") + model::plain_text(line);
    return text;
}


model::Document model_of(const std::string& template_name, const json& data, const std::string& profile = "") {
    RenderOptions options;
    options.profile = profile;
    const ModelResult result = repository_engine().build_model(template_name, data.dump(), options);
    INFO(result.error.format());
    REQUIRE(result.ok);
    return result.document;
}

// The labels of the body in order: heading numbers and list item markers.
std::vector<std::string> labels(const model::Document& document) {
    std::vector<std::string> out;
    for (const model::Block& block : document.body) {
        if (const auto* heading = std::get_if<model::Heading>(&block)) out.push_back(heading->number);
        if (const auto* item = std::get_if<model::ListItem>(&block)) out.push_back(item->marker);
    }
    return out;
}

std::vector<std::string> recipient_lines(const model::Document& document) {
    std::vector<std::string> out;
    REQUIRE(document.closing.recipients.has_value());
    for (const model::Inline& line : document.closing.recipients->lines) out.push_back(model::plain_text(line));
    return out;
}

// A plan five levels deep: three levels of headings, then items with items under them.
json five_level_plan() {
    return json::parse(R"({
      "header": {"issuer": ["CHI BỘ THỬ NGHIỆM"], "number": "1-KH/CB", "place": "Đà Nẵng", "date": "2019-06-10"},
      "summary": ["về thử đánh số"],
      "sections": [
        {"title": "MỘT"},
        {"title": "HAI", "children": [
          {"title": "Hai một"},
          {"title": "Hai hai", "children": [
            {"title": "Hai hai một"},
            {"title": "Hai hai hai", "children": [
              {"text": "Điểm một."},
              {"text": "Điểm hai.", "children": [{"text": "Ý một."}, {"text": "Ý hai."}]}
            ]}
          ]}
        ]}
      ],
      "recipients": ["Như trên", "Lưu VT"],
      "signature": {"authority": ["T/M CHI BỘ"], "position": ["BÍ THƯ"], "name": "Nguyễn Văn A"}
    })");
}

using Labels = std::vector<std::string>;

// One row of the appendix table, as templates/README.md defines it.
struct TaskRow {
    std::string task, lead, cooperating, deadline;
};

std::string joined(const json& list, const std::string& separator) {
    std::string out;
    for (const json& item : list) out += (out.empty() ? "" : separator) + item.get<std::string>();
    return out;
}

// The documented rule ("Which nodes are rows of the appendix table"), written again here: a
// node is a task when it has a lead or a deadline, when its group has an agency, or when it
// is a group with an agency and no children.
void expected_tasks(const json& nodes, const std::string& group_agency, std::vector<TaskRow>& rows) {
    for (const json& n : nodes) {
        const bool is_task = n.contains("lead") || n.contains("deadline") || !group_agency.empty() ||
                             (n.contains("agency") && !n.contains("children"));
        if (is_task) {
            TaskRow row;
            row.task = n.contains("summary") ? n["summary"].get<std::string>()
                       : n.contains("text")  ? n["text"].get<std::string>()
                                             : joined(n.value("paragraphs", json::array()), " ");
            row.lead = n.contains("lead") ? n["lead"].get<std::string>() : n.value("agency", group_agency);
            row.cooperating = joined(n.value("cooperating", json::array()), ", ");
            row.deadline = n.value("deadline", "");
            rows.push_back(row);
        }
        if (n.contains("children")) expected_tasks(n["children"], n.value("agency", ""), rows);
    }
}

std::string cell_text(const model::TableCell& cell) {
    std::string out;
    for (const model::Inline& paragraph : cell.paragraphs) out += (out.empty() ? "" : " ") + model::plain_text(paragraph);
    return out;
}

const model::Table& only_table(const model::Appendix& appendix) {
    const model::Table* table = nullptr;
    for (const model::Block& block : appendix.blocks)
        if (const auto* t = std::get_if<model::Table>(&block)) {
            REQUIRE(table == nullptr);
            table = t;
        }
    REQUIRE(table != nullptr);
    return *table;
}

} // namespace

TEST_CASE("templates: every numbering style of the issue is data") {
    json plan = five_level_plan();
    const std::vector<std::pair<Labels, Labels>> cases = {
        // the Party default of 000
        {{"I-", "1-", "1.1-", "-", "+"}, {"I-", "II-", "1-", "2-", "2.1-", "2.2-", "-", "-", "+", "+"}},
        // 002: parts, then sections, then numbered items
        {{"A-", "I-", "1.", "-", "+"}, {"A-", "B-", "I-", "II-", "1.", "2.", "-", "-", "+", "+"}},
        // the State default: points a), b) under 1., 2.
        {{"I.", "1.", "a)", "-", "+"}, {"I.", "II.", "1.", "2.", "a)", "b)", "-", "-", "+", "+"}},
        // points as items, "+" under them
        {{"I-", "1-", "1.1-", "a)", "+"}, {"I-", "II-", "1-", "2-", "2.1-", "2.2-", "a)", "b)", "+", "+"}},
        // the other punctuations, and a mark printed as it is
        {{"1.", "1.1.", "1.1)", "a-", "•"}, {"1.", "2.", "2.1.", "2.2.", "2.2.1)", "2.2.2)", "a-", "b-", "•", "•"}},
        {{"A.", "I)", "1)", "A)", "a."}, {"A.", "B.", "I)", "II)", "1)", "2)", "A)", "B)", "a.", "b."}},
        // levels deeper than the list use "-"
        {{"I-", "1-", "1.1-"}, {"I-", "II-", "1-", "2-", "2.1-", "2.2-", "-", "-", "-", "-"}},
    };
    for (const auto& [scheme, expected] : cases) {
        plan["numbering"] = scheme;
        INFO("numbering " << json(scheme).dump());
        CHECK(labels(model_of("ke-hoach", plan)) == expected);
    }
}

TEST_CASE("templates: a node's own numbering and label override the inherited ones") {
    json plan = five_level_plan();
    plan["numbering"] = {"I-", "1-", "1.1-", "-", "+"};
    plan["sections"][1]["children"][1]["numbering"] = {"a)", "+"};
    plan["sections"][1]["children"][0]["number"] = "1 -";
    CHECK(labels(model_of("ke-hoach", plan)) == Labels{"I-", "II-", "1 -", "2-", "a)", "b)", "+", "+", "-", "-"});
}

TEST_CASE("templates: the task appendix is switched on by the data and lists the tasks") {
    json data = read_source_json("data/000-quang-nam-ke-hoach-28.json");
    REQUIRE(data["appendix"]["tasks"] == false);
    CHECK(model_of("ke-hoach", data).appendices.empty());
    data.erase("appendix");
    CHECK(model_of("ke-hoach", data).appendices.empty());

    data["appendix"] = {{"tasks", true}};
    const model::Document document = model_of("ke-hoach", data);
    REQUIRE(document.appendices.size() == 1);
    const model::Appendix& appendix = document.appendices.front();
    CHECK(appendix.title == std::vector<std::string>{"Phụ lục", "PHÂN CÔNG NHIỆM VỤ"});
    // One sentence, broken into balanced lines wider than the text block (layout rule 16).
    CHECK(joined(appendix.subtitle) ==
          "(Kèm theo Kế hoạch số 146-KH/TU, ngày 25/3/2019 của Ban Thường vụ Tỉnh ủy Quảng Nam)");

    std::vector<TaskRow> tasks;
    expected_tasks(data["sections"], "", tasks);
    REQUIRE(tasks.size() > 10); // 000 assigns many tasks to its agencies
    const model::Table& table = only_table(appendix);
    REQUIRE(table.rows.size() == tasks.size() + 1);
    CHECK(table.rows.front().header);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const auto& cells = table.rows[i + 1].cells;
        REQUIRE(cells.size() == 5);
        INFO("task " << i + 1 << ": " << tasks[i].task);
        CHECK(cell_text(cells[0]) == std::to_string(i + 1));
        CHECK(cell_text(cells[1]) == tasks[i].task);
        CHECK(cell_text(cells[2]) == tasks[i].lead);
        CHECK(cell_text(cells[3]) == tasks[i].cooperating);
        CHECK(cell_text(cells[4]) == tasks[i].deadline);
    }
}

TEST_CASE("templates: the State format is the same template under the State profile") {
    json plan = five_level_plan(); // no "profile", no "numbering", no "recipients_separator"

    const model::Document party = model_of("ke-hoach", plan);
    CHECK(party.profile.name == "party");
    CHECK(party.header->number_line == "Số 1-KH/CB");
    CHECK(labels(party) == Labels{"I-", "II-", "1-", "2-", "2.1-", "2.2-", "-", "-", "+", "+"});
    CHECK(recipient_lines(party) == std::vector<std::string>{"- Như trên,", "- Lưu VT."});

    // Chosen by the caller (vanban render --profile state): style sheet and template defaults.
    const model::Document by_caller = model_of("ke-hoach", plan, "state");
    CHECK(by_caller.profile.name == "state");
    CHECK(by_caller.profile.header.national_title == std::vector<std::string>{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"});
    CHECK(by_caller.header->number_line == "Số: 1-KH/CB");
    CHECK(labels(by_caller) == Labels{"I.", "II.", "1.", "2.", "a)", "b)", "-", "-", "+", "+"});
    CHECK(recipient_lines(by_caller) == std::vector<std::string>{"- Như trên;", "- Lưu VT."});

    // Chosen by the data: the same document.
    plan["profile"] = "state";
    const model::Document by_data = model_of("ke-hoach", plan);
    CHECK(labels(by_data) == labels(by_caller));
    CHECK(recipient_lines(by_data) == recipient_lines(by_caller));

    // The caller wins over the data.
    CHECK(recipient_lines(model_of("ke-hoach", plan, "party")) == recipient_lines(party));
}

TEST_CASE("templates: a Party seed rendered with --profile state takes the State punctuation") {
    const json data = read_source_json("data/001-chi-bo-tran-phu-ke-hoach.json");
    REQUIRE(data["profile"] == "party");
    const model::Document document = model_of("ke-hoach", data, "state");
    CHECK(document.profile.name == "state");
    CHECK(recipient_lines(document) ==
          std::vector<std::string>{"- BTC, BTG, UBKTGS Quận ủy (để báo cáo);", "- Đăng web Chi bộ;", "- Lưu VT CB."});
    // The data's own numbering is kept.
    CHECK(labels(document).front() == "I.");
}

TEST_CASE("templates: the State example has the State header and appendix citation") {
    const json data = read_source_json("data/state-ke-hoach-example.json");
    const model::Document document = model_of("ke-hoach", data);
    CHECK(document.profile.name == "state");
    CHECK(document.profile.header.motto == std::vector<std::string>{"Độc lập - Tự do - Hạnh phúc"});
    CHECK(document.header->number_line == "Số: " + data["header"]["number"].get<std::string>());
    REQUIRE(document.closing.signature.has_value());
    CHECK(document.closing.signature->authority.front().rfind("TM. ", 0) == 0);
    const auto recipients = recipient_lines(document);
    for (std::size_t i = 0; i + 1 < recipients.size(); ++i) CHECK(recipients[i].back() == ';');
    REQUIRE(document.appendices.size() == 1);
    // State citations have no comma before "ngày".
    const std::string subtitle = joined(document.appendices.front().subtitle);
    CHECK_THAT(subtitle, Catch::StartsWith("(Kèm theo Kế hoạch số " + data["header"]["number"].get<std::string>() + " ngày "));
}

TEST_CASE("templates: the report numbers its parts by the profile in force") {
    json data = read_source_json("data/bao-cao-so-ket-example.json");
    data.erase("numbering");
    std::vector<std::string> party_parts, state_parts;
    for (const auto& [profile, parts] : {std::pair{std::string("party"), &party_parts}, std::pair{std::string("state"), &state_parts}})
        for (const model::Block& block : model_of("bao-cao", data, profile).body)
            if (const auto* heading = std::get_if<model::Heading>(&block); heading && heading->level == 1)
                parts->push_back(heading->number);
    CHECK(party_parts == std::vector<std::string>{"I-", "II-", "III-", "IV-", "V-"});
    CHECK(state_parts == std::vector<std::string>{"I.", "II.", "III.", "IV.", "V."});
}
