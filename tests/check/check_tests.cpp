// vanban check: each rule on a draft made in the test (text, or a DOCX written byte by byte
// with the look a rule judges), on JSON data, and on every document vanban writes (which
// must have no error in its own profile).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "golden/golden_support.hpp"
#include "import/zip_maker.hpp"
#include "vanban/check.hpp"

using namespace vanban;
using namespace vanban::golden;
using nlohmann::json;

namespace {

// A Party plan of a Huyện ủy, in the form the rules want; each test breaks one thing.
const std::string party_plan =
    "ĐẢNG BỘ TỈNH HÀ TĨNH\tĐẢNG CỘNG SẢN VIỆT NAM\n"
    "HUYỆN ỦY CẨM XUYÊN\n"
    "*\n"
    "Số 25-KH/HU\tCẩm Xuyên, ngày 05 tháng 02 năm 2024\n"
    "\n"
    "KẾ HOẠCH\n"
    "tổ chức kỷ niệm Ngày thành lập Đảng\n"
    "-----\n"
    "Thực hiện Hướng dẫn số 12-HD/BTGTU, ngày 10/01/2024 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ xây dựng kế hoạch:\n"
    "I- MỤC ĐÍCH\n"
    "1- Tuyên truyền sâu rộng.\n"
    "2- Tổ chức trang trọng.\n"
    "II- NỘI DUNG\n"
    "1- Hội nghị báo cáo viên (trước ngày 25/02/2024).\n"
    "2- Mít tinh kỷ niệm.\n"
    "Nơi nhận:\n"
    "- Ban Tuyên giáo Tỉnh ủy,\n"
    "- Các chi bộ,\n"
    "- Lưu Văn phòng Huyện ủy.\n"
    "T/M BAN THƯỜNG VỤ\n"
    "BÍ THƯ\n"
    "Nguyễn Văn An\n";

std::string with(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

CheckResult check(const std::string& bytes, CheckOptions options = {}) {
    options.source_name = "plan.txt";
    CheckResult result = check_document(repository_engine(), bytes, options);
    INFO(result.error.format());
    REQUIRE(result.ok);
    return result;
}

std::vector<const Finding*> found(const CheckResult& result, const std::string& code) {
    std::vector<const Finding*> out;
    for (const Finding& f : result.findings)
        if (f.code() == code) out.push_back(&f);
    return out;
}

std::string listing(const CheckResult& result) {
    std::string out;
    for (const Finding& f : result.findings) out += f.format("plan") + "\n";
    return out;
}

// The only finding with this code (a copy: the result is often a temporary).
Finding only(const CheckResult& result, const std::string& code) {
    const auto list = found(result, code);
    INFO(listing(result));
    REQUIRE(list.size() == 1);
    return *list.front();
}

} // namespace

TEST_CASE("a plan in the official form has nothing to fix", "[check]") {
    const CheckResult result = check(party_plan);
    INFO(listing(result));
    CHECK(result.findings.empty());
    CHECK(result.exit_code() == 0);
    CHECK(result.profile == "party");
}

TEST_CASE("number and code: Party without colon, State with, leading zeros, the type's code", "[check]") {
    const Finding colon = only(check(with(party_plan, "Số 25-KH/HU", "Số: 25-KH/HU")), "check.number-colon-party");
    CHECK(colon.severity == Severity::error);
    CHECK(colon.line);
    CHECK(colon.paragraph == 4);
    CHECK(colon.message.text().find("no colon") != std::string::npos);
    CHECK(only(check(with(party_plan, "Số 25-KH/HU", "Số 25/KH-HU")), "check.number-form-party").message.text().find("State's form") !=
          std::string::npos);
    CHECK(only(check(with(party_plan, "Số 25-KH/HU", "Số 5-KH/HU")), "check.number-zero").severity == Severity::warning);
    const Finding type = only(check(with(party_plan, "Số 25-KH/HU", "Số 25-BC/HU")), "check.number-type");
    CHECK(type.message.text() == "a KẾ HOẠCH is numbered with the code KH, not BC");
    const CheckResult result = check(with(party_plan, "Số 25-KH/HU", "Số 25-BC/HU"));
    CHECK(result.exit_code() == 11);
}

TEST_CASE("place and date: the comma and the leading zeros", "[check]") {
    const Finding zeros = only(check(with(party_plan, "ngày 05 tháng 02 năm 2024", "ngày 5 tháng 2 năm 2024")), "check.date-form");
    CHECK(zeros.severity == Severity::error);
    CHECK(zeros.message.text().find("\"ngày 05 tháng 02 năm 2024\"") != std::string::npos);
    CHECK(only(check(with(party_plan, "ngày 05 tháng 02 năm 2024", "ngày 05 tháng 03 năm 2024")), "check.date-form")
              .message.text().find("\"ngày 05 tháng 3 năm 2024\"") != std::string::npos);
    CHECK(only(check(with(party_plan, "Cẩm Xuyên, ngày", "Cẩm Xuyên ngày")), "check.place-comma").severity == Severity::warning);
    CHECK(only(check(with(party_plan, "ngày 05 tháng 02 năm 2024", "ngày      tháng      năm 2024")), "check.date-blank")
              .severity == Severity::warning);
}

TEST_CASE("header parts missing, and the summary's case", "[check]") {
    const CheckResult no_title = check(with(party_plan, "\tĐẢNG CỘNG SẢN VIỆT NAM", ""));
    CHECK(only(no_title, "check.no-party-title").message.text().find("ĐẢNG CỘNG SẢN VIỆT NAM") != std::string::npos);
    const CheckResult no_number = check(with(party_plan, "Số 25-KH/HU\t", ""));
    CHECK(only(no_number, "check.no-number").json_path == "header.number");
    // A Party plan (the profile asked) headed with the State's title.
    const Finding state_title =
        only(check(with(party_plan, "\tĐẢNG CỘNG SẢN VIỆT NAM", "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), {.profile = "party"}),
             "check.title-party");
    CHECK(state_title.severity == Severity::error);
    const Finding upper = only(check(with(party_plan, "tổ chức kỷ niệm", "Tổ chức kỷ niệm")), "check.summary-case");
    CHECK(upper.paragraph == 7);
}

TEST_CASE("numbering that skips, mixes styles, or names the wrong parent", "[check]") {
    const Finding skip = only(check(with(party_plan, "2- Tổ chức trang trọng", "3- Tổ chức trang trọng")), "check.numbering-skip");
    CHECK(skip.paragraph == 12);
    CHECK(skip.message.text() == "\"3-\" follows number 1 (skipped or repeated)");
    const Finding mixed = only(check(with(party_plan, "2- Tổ chức trang trọng", "2. Tổ chức trang trọng")), "check.numbering-goes-on");
    CHECK(mixed.paragraph == 12);
    const std::string dotted = with(party_plan, "II- NỘI DUNG\n1- Hội nghị", "II- NỘI DUNG\n1- Hội nghị\n1.1- Chuẩn bị.\n2.2- Tổ chức.\n2- X");
    const CheckResult parent = check(dotted);
    const auto wrong = found(parent, "check.numbering-parent");
    REQUIRE(wrong.size() == 1);
    CHECK(wrong[0]->message.text() == "\"2.2-\" is under number 1");
}

TEST_CASE("recipients' punctuation and the Lưu line; the signature's form", "[check]") {
    const Finding semicolons = only(check(with(with(party_plan, "Tỉnh ủy,\n", "Tỉnh ủy;\n"), "chi bộ,\n", "chi bộ;\n")),
                                     "check.recipients-party");
    CHECK(semicolons.message.text().find("\",\" in Party documents, here \";\"") != std::string::npos);
    CHECK(only(check(with(party_plan, "- Lưu Văn phòng Huyện ủy.", "- Lưu: VPHU.")), "check.luu-colon-party").message.text().find("without a colon") !=
          std::string::npos);
    CHECK(only(check(with(party_plan, "- Lưu Văn phòng Huyện ủy.", "- Văn phòng Huyện ủy.")), "check.no-luu-party").severity ==
          Severity::warning);
    CHECK(only(check(with(party_plan, "T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ")), "check.signature-party").paragraph == 20);
    CHECK(only(check(with(party_plan, "Nguyễn Văn An\n", "")), "check.no-signer").severity == Severity::error);
}

TEST_CASE("citations whose type and code disagree; cited dates; deadlines", "[check]") {
    const CheckResult wrong = check(with(party_plan, "Tuyên truyền sâu rộng.", "Tuyên truyền Nghị quyết số 21-KL/TW của Bộ Chính trị."));
    const Finding citation = only(wrong, "check.citation");
    CHECK(citation.message.text() == "\"Nghị quyết số 21-KL/TW\": a Nghị quyết is numbered NQ; KL is the code of a Kết luận");
    CHECK(citation.severity == Severity::error);
    CHECK(citation.paragraph == 11);
    // The right codes pass: Chỉ thị CT, Kết luận KL, a State decree NĐ.
    const CheckResult right = check(with(party_plan, "Tuyên truyền sâu rộng.",
                                         "Thực hiện Chỉ thị 28-CT/TW, Kết luận số 38-KL/TW và Nghị định số 30/2020/NĐ-CP."));
    CHECK(found(right, "check.citation").empty());
    CHECK(only(check(with(party_plan, "ngày 10/01/2024 của Ban", "ngày 31/02/2024 của Ban")), "check.invalid-date").severity ==
          Severity::error);
    CHECK(only(check(with(party_plan, "ngày 10/01/2024 của Ban", "ngày 10/03/2024 của Ban")), "check.cited-date")
              .message.text().find("after this document's own date 05/02/2024") != std::string::npos);
    const Finding past = only(check(with(party_plan, "(trước ngày 25/02/2024)", "(trước ngày 25/01/2024)")), "check.deadline-past");
    CHECK(past.paragraph == 14);
    CHECK(found(check(with(party_plan, "(trước ngày 25/02/2024)", "(tháng 1/2024)")), "check.deadline-past").size() == 1);
    CHECK(found(check(with(party_plan, "(trước ngày 25/02/2024)", "(tháng 2/2024)")), "check.deadline-past").empty());
}

TEST_CASE("names the 2025 reform ended, from 01/07/2025 on", "[check][reform]") {
    const std::string province = with(with(party_plan, "ĐẢNG BỘ TỈNH HÀ TĨNH", "ĐẢNG BỘ TỈNH QUẢNG NAM"), "năm 2024", "năm 2026");
    const CheckResult later = check(with(province, "ngày 10/01/2024", "ngày 10/01/2026"));
    const Finding merged = only(later, "check.reform-province");
    CHECK(merged.severity == Severity::error); // in the header
    CHECK(merged.message.text().find("merged into thành phố Đà Nẵng from 01/7/2025") != std::string::npos);
    CHECK(merged.message.text().find("Nghị quyết số 202/2025/QH15") != std::string::npos);
    // The district level: the issuer itself, and "huyện X" in the body.
    const auto district = found(later, "check.reform-district");
    REQUIRE_FALSE(district.empty());
    CHECK(district.front()->severity == Severity::error);
    const CheckResult body = check(with(with(party_plan, "Mít tinh kỷ niệm.", "Mít tinh tại huyện Cẩm Xuyên."), "ngày 05 tháng 02 năm 2024",
                                        "ngày 05 tháng 02 năm 2024"),
                                   {.as_of = "2025-07-01"});
    bool body_warning = false;
    for (const Finding* f : found(body, "check.reform-district"))
        body_warning = body_warning || (f->severity == Severity::warning && f->message.text().find("huyện Cẩm Xuyên") != std::string::npos);
    CHECK(body_warning);
    // Before the reform, the same names are right.
    CHECK(found(check(with(party_plan, "ĐẢNG BỘ TỈNH HÀ TĨNH", "ĐẢNG BỘ TỈNH QUẢNG NAM")), "check.reform-province").empty());
    CHECK(found(check(party_plan, {.as_of = "2025-06-30"}), "check.reform-district").empty());
}

TEST_CASE("the reform's data file: every fact names sources that it lists", "[check][reform]") {
    const nlohmann::json data = nlohmann::json::parse(read_source("generator/src/check/reform-2025.json"));
    const nlohmann::json& sources = data["sources"];
    for (const auto& [key, source] : sources.items()) {
        INFO(key);
        CHECK_FALSE(source.value("title", "").empty());
        CHECK_FALSE(source.value("says", "").empty());
        CHECK_FALSE(source.value("read", "").empty());
    }
    for (const char* fact : {"district_level", "merged_provinces"}) {
        INFO(fact);
        REQUIRE_FALSE(data[fact]["sources"].empty());
        for (const auto& key : data[fact]["sources"]) CHECK(sources.contains(key.get<std::string>()));
    }
    CHECK(data["district_level"]["ended"] == "2025-07-01");
    CHECK(data["merged_provinces"]["merged"] == "2025-07-01");
    // 63 provinces and cities became 34: 29 merged into another.
    const nlohmann::json& units = data["merged_provinces"]["units"];
    CHECK(units.size() == 29);
    std::set<std::string> names;
    for (const auto& unit : units) {
        INFO(unit.dump());
        CHECK_FALSE(unit.value("into", "").empty());
        CHECK(names.insert(unit["name"].get<std::string>()).second);
    }
}

TEST_CASE("JSON data: findings name the field", "[check][json]") {
    json data = json::parse(read_source("data/001-chi-bo-tran-phu-ke-hoach.json"));
    data["header"]["number"] = "5/KH-CB";
    data["recipients"].back() = "Lưu: VT CB";
    const CheckResult result = check(data.dump());
    CHECK(result.template_name == "ke-hoach");
    const Finding form = only(result, "check.number-form-party");
    CHECK(form.json_path == "header.number");
    CHECK(form.paragraph == 0);
    CHECK(form.quote.empty());
    CHECK(only(result, "check.luu-colon-party").json_path == "recipients[2]");
    // A deadline field before the plan's own date.
    data = json::parse(read_source("data/state-ke-hoach-example.json"));
    data["sections"][1]["children"][0]["children"][1]["deadline"] = "trước ngày 31/12/2025";
    const Finding past = only(check(data.dump()), "check.deadline-past");
    CHECK(past.json_path == "sections[1].children[0].children[1].deadline");
    // A deadline the text words, on a group the import gave no deadline field: still found.
    data = json::parse(read_source("data/state-ke-hoach-example.json"));
    json& group = data["sections"][1]["children"][0]["children"][0];
    group.erase("deadline");
    group["text"] = "Tổ chức hội nghị triển khai (hoàn thành trước ngày 31/12/2025):";
    group["children"] = json::array({{{"text", "Cấp tỉnh;"}}, {{"text", "Cấp xã."}}});
    const Finding in_text = only(check(data.dump()), "check.deadline-past");
    CHECK(in_text.json_path == "sections[1].children[0].children[0].text");
    // A field its text repeats (deadline_in_text) is judged once, by the field.
    json& item = data["sections"][1]["children"][0]["children"][1];
    item["text"] = "Báo cáo kết quả trước ngày 30/12/2025.";
    item["deadline"] = "trước ngày 30/12/2025";
    item["deadline_in_text"] = true;
    const CheckResult twice = check(data.dump());
    const auto both = found(twice, "check.deadline-past");
    REQUIRE(both.size() == 2);
    CHECK(both[1]->json_path == "sections[1].children[0].children[1].deadline");
}

TEST_CASE("the look of a DOCX: fonts, sizes, paper, margins", "[check][docx]") {
    const std::string page = "<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/>"
                             "<w:pgMar w:top=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:right=\"850\"/></w:sectPr>";
    auto run = [](const std::string& text, const std::string& font, int half_points) {
        return "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"" + font + "\"/><w:sz w:val=\"" + std::to_string(half_points) +
               "\"/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
    };
    std::string body;
    for (const char* line : {"ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "Số: 15/KH-UBND", "Hà Tĩnh, ngày 05 tháng 02 năm 2026", "KẾ HOẠCH", "Công tác văn thư năm 2026"})
        body += run(line, "Times New Roman", 26);
    body += run("I. MỤC ĐÍCH", "Times New Roman", 26) + run("Nâng cao chất lượng công tác văn thư.", "Arial", 24);
    body += run("Nơi nhận:", "Times New Roman", 24) + run("- Lưu: VT.", "Times New Roman", 22);
    body += run("TM. ỦY BAN NHÂN DÂN", "Times New Roman", 26) + run("CHỦ TỊCH", "Times New Roman", 26) +
            run("Lê Văn A", "Times New Roman", 26) + page;
    const CheckResult result = check(vanban::testing::make_docx(body));
    CHECK(result.profile == "state");
    const Finding font = only(result, "check.font");
    CHECK(font.paragraph == 10);
    CHECK_FALSE(font.line);
    CHECK(font.message.text().find("set in Arial") != std::string::npos);
    CHECK(only(result, "check.font-size-state").message.text().find("12 pt") != std::string::npos);
    CHECK(only(result, "check.paper").message.text().find("216 × 279 mm") != std::string::npos);
    const auto margins = found(result, "check.margin-state");
    REQUIRE(margins.size() == 1); // the left one: 20 mm, NĐ30 asks 30–35
    CHECK(margins[0]->message.text().find("left margin is 20 mm") != std::string::npos);
    CHECK(margins[0]->severity == Severity::error);
}

TEST_CASE("every document vanban writes has no error in its own profile", "[check][examples]") {
    std::vector<std::string> files = {"templates/ke-hoach/example.json", "templates/bao-cao/example.json"};
    for (const auto& entry : std::filesystem::directory_iterator(source_path("data")))
        if (entry.path().extension() == ".json") files.push_back("data/" + entry.path().filename().string());
    for (const std::string& file : files) {
        DYNAMIC_SECTION(file) {
            const std::string data = read_source(file);
            // A table may read its rows from a CSV file beside the data.
            const CheckResult as_data = check(data, {.data_dir = source_path(file).parent_path()});
            INFO(listing(as_data));
            CHECK_FALSE(as_data.must_fix());
            const std::string template_name = as_data.template_name;
            const RenderResult docx = repository_engine().render(template_name, data, Format::docx,
                                                                 {.data_dir = source_path(file).parent_path()});
            REQUIRE(docx.ok);
            const CheckResult as_docx = check(docx.bytes);
            INFO(listing(as_docx));
            CHECK_FALSE(as_docx.must_fix());
            CHECK(found(as_docx, "check.font").empty());
            CHECK(found(as_docx, "check.margin-party").empty());
            CHECK(found(as_docx, "check.margin-state").empty());
        }
    }
}
