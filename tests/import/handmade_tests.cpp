// Drafts made the way people make them, written by the test itself: with python-docx
// (tests/import/make_drafts.py: Arial 13 pt, numbers typed, spaces for indents, a header
// table with borders, Word's automatic numbering, tabs between columns) and by LibreOffice
// (an HTML draft saved as DOCX, so its numbering.xml is LibreOffice's own).
#include <catch2/catch.hpp>

#include <map>

#include "golden/golden_support.hpp"
#include "import/libreoffice.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using namespace vanban::testing;
using nlohmann::json;

namespace {

struct Draft {
    ImportResult result;
    json data;
};

Draft import_file(const std::filesystem::path& file) {
    Draft d;
    d.result = import_document(golden::repository_engine(), read_file(file), {.source_name = file.filename().string()});
    INFO(d.result.error.format());
    REQUIRE(d.result.ok);
    d.data = json::parse(d.result.data_json);
    return d;
}

// The python-docx drafts, made once for every test of this file.
const std::map<std::string, Draft>& python_drafts() {
    static TempDir dir;
    static const std::map<std::string, Draft> drafts = [] {
        const std::string script = golden::source_path("tests/import/make_drafts.py").string();
        const CommandResult made = read_command("/usr/bin/python3 " + shell_quote(script) + " " +
                                                shell_quote(dir.path().string()) + " 2>&1");
        INFO(made.output << "\n(python3-docx is installed by scripts/install-deps --test)");
        REQUIRE(made.exit_code == 0);
        std::map<std::string, Draft> out;
        for (const char* name : {"typed", "automatic", "tabs", "grouped"})
            out[name] = import_file(dir.path() / (std::string(name) + ".docx"));
        return out;
    }();
    return drafts;
}

bool warned(const ImportResult& r, const std::string& code) {
    for (const Finding& w : r.warnings)
        if (w.code() == code) return true;
    return false;
}

} // namespace

TEST_CASE("a draft typed in Word: header table with borders, typed numbers, space indents", "[import][handmade]") {
    const Draft& draft = python_drafts().at("typed");
    const json& d = draft.data;
    CHECK(d["profile"] == "party");
    CHECK(d["header"]["superior"] == json::array({"ĐẢNG BỘ TỈNH HÀ TĨNH"}));
    CHECK(d["header"]["issuer"] == json::array({"HUYỆN ỦY CẨM XUYÊN"}));
    CHECK(d["header"]["number"] == "25-KH/HU");
    CHECK(d["header"]["date"] == "2024-02-05");
    CHECK(d["summary"] == json::array({"tổ chức các hoạt động kỷ niệm 94 năm Ngày thành lập Đảng"}));
    CHECK(d["numbering"] == json::array({"I.", "1.", "-", "+"}));
    const json& content = d["sections"][1];
    CHECK(content["title"] == "NỘI DUNG");
    // Inline emphasis kept as the data's markup; the heading's own bold is the profile's.
    CHECK(content["children"][0]["title"] == "Tuyên truyền");
    CHECK(content["children"][0]["paragraphs"][0] ==
          "Tuyên truyền trên hệ thống truyền thanh **từ ngày 20/01/2024** đến ngày 05/02/2024; *chú ý* các chủ đề __trọng tâm__.");
    // Indents made of spaces do not decide the depth: the labels do.
    const json& items = content["children"][0]["children"];
    CHECK(items.size() == 2);
    CHECK(items[1]["children"] == json::array({{{"text", "Cấp huyện;"}}, {{"text", "Cấp xã."}}}));
    // The table of figures keeps the counts; the template computes the total row again.
    const json& figures = content["children"][1]["table"];
    CHECK(figures["columns"][0]["label"] == "Chỉ tiêu");
    CHECK(figures["rows"][1] == json({{"name", "Đảng bộ xã Cẩm Bình"}, {"chi_tieu", 8}, {"da_ket_nap", 7}}));
    // A table that is no table of figures stays as paragraphs, and says so.
    CHECK(content["children"][2]["paragraphs"][1] == "03/02/2024 | Mít tinh kỷ niệm | Hội trường huyện");
    CHECK(warned(draft.result, "import.table-as-paragraphs"));
    CHECK(d["sections"][2]["children"][0]["lead"] == "Ban Tuyên giáo Huyện ủy");
    CHECK(d["sections"][2]["children"][0]["cooperating"] == json::array({"Văn phòng Huyện ủy"}));
    CHECK(d["recipients"] == json::array({"Ban Tuyên giáo Tỉnh ủy", "Các chi bộ, đảng bộ cơ sở", "Lưu Văn phòng Huyện ủy"}));
    CHECK(d["signature"] == json({{"authority", {"T/M BAN THƯỜNG VỤ"}}, {"position", {"PHÓ BÍ THƯ"}}, {"name", "Nguyễn Văn An"}}));
    CHECK(draft.result.survival.kept_words == draft.result.survival.input_words);
}

TEST_CASE("Word's automatic numbering is read through numbering.xml", "[import][handmade]") {
    const Draft& draft = python_drafts().at("automatic");
    const json& d = draft.data;
    CHECK(draft.result.template_name == "bao-cao"); // BÁO CÁO, with its parts found
    CHECK(d["numbering"] == json::array({"I.", "1.", "a)", "-"}));
    CHECK(d["summary"] == json::array({"tổng kết công tác xây dựng Đảng năm 2023", "và phương hướng, nhiệm vụ năm 2024"}));
    CHECK(d["intro"] == json::array({"Thực hiện Quy chế làm việc, Đảng ủy báo cáo như sau:"}));
    const json& results = d["results"];
    CHECK(results["title"] == "KẾT QUẢ THỰC HIỆN");
    CHECK(results["children"][0]["children"][1]["children"][0]["text"] == "Tổ chức 12 buổi sinh hoạt chuyên đề;");
    // A second list (Symbol bullets) under the next part.
    CHECK(d["shortcomings"]["numbering"] == json::array({"•"}));
    CHECK(d["shortcomings"]["children"].size() == 2);
    CHECK(d["directions"]["paragraphs"][0] == "Tiếp tục nâng cao chất lượng sinh hoạt chi bộ.");
    // Header and closing laid out with tabs.
    CHECK(d["header"]["superior"] == json::array({"ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"}));
    CHECK(d["header"]["number"] == "07-BC/ĐU");
    CHECK(d["signature"]["name"] == "Trần Thị Bình");
    CHECK(d["recipients"] == json::array({"Đảng ủy Khối", "Lưu VP"}));
    CHECK(draft.result.survival.kept_words == draft.result.survival.input_words);
}

TEST_CASE("a State plan laid out with tabs, recipients with sub-items", "[import][handmade]") {
    const Draft& draft = python_drafts().at("tabs");
    const json& d = draft.data;
    CHECK(d["profile"] == "state");
    CHECK(d["header"]["issuer"] == json::array({"ỦY BAN NHÂN DÂN", "XÃ CẨM HÀ"}));
    CHECK(d["header"]["number"] == "05/KH-UBND");
    CHECK(d["intro"][0] == "*Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;*");
    CHECK(d["recipients"] == json::array({"UBND huyện", "Các ban, ngành:\n+ Công an xã;\n+ Ban Chỉ huy quân sự xã", "Lưu: VT"}));
    CHECK_FALSE(d.contains("recipients_separator")); // ";" is the State's own
    CHECK(d["signature"] == json({{"authority", {"TM. ỦY BAN NHÂN DÂN"}}, {"position", {"CHỦ TỊCH"}}, {"name", "Lê Văn Cường"}}));
    // The rendered recipients print the sub-items on lines of their own.
    const ModelResult model = golden::repository_engine().build_model("ke-hoach", draft.result.data_json);
    REQUIRE(model.ok);
    REQUIRE(model.document.closing.recipients);
    CHECK(model::plain_text(model.document.closing.recipients->lines[1]) == "- Các ban, ngành:\n+ Công an xã;\n+ Ban Chỉ huy quân sự xã;");
    CHECK(draft.result.survival.kept_words == draft.result.survival.input_words);
}

TEST_CASE("a draft saved by LibreOffice, with LibreOffice's own numbering.xml", "[import][handmade][libreoffice]") {
    TempDir dir;
    dir.write("draft.html",
              "<html><head><meta charset=\"utf-8\"><style>body{font-family:Arial;font-size:13pt}</style></head><body>"
              "<table border=\"1\"><tr><td><p align=\"center\">TỈNH ỦY QUẢNG TRỊ</p><p align=\"center\">*</p></td>"
              "<td><p align=\"center\"><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></p></td></tr>"
              "<tr><td><p align=\"center\">Số 310-KH/TU</p></td><td><p align=\"center\"><i>Quảng Trị, ngày 15 tháng 8 năm 2025</i></p></td></tr></table>"
              "<p align=\"center\"><b>KẾ HOẠCH</b></p><p align=\"center\"><b>học tập, quán triệt Nghị quyết Đại hội</b></p>"
              "<p>Thực hiện Kết luận số 150-KL/TW, ngày 10/7/2025 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:</p>"
              "<ol type=\"I\"><li><b>MỤC ĐÍCH, YÊU CẦU</b><ol><li>Quán triệt đầy đủ nội dung Nghị quyết.</li>"
              "<li>Gắn học tập với hành động.</li></ol></li><li><b>TỔ CHỨC THỰC HIỆN</b><ol><li>Ban Tuyên giáo và Dân vận "
              "Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy hướng dẫn (trước ngày 30/9/2025).</li></ol></li></ol>"
              "<p>Nơi nhận:</p><p>- Các đảng bộ trực thuộc,</p><p>- Lưu Văn phòng Tỉnh ủy.</p>"
              "<p align=\"right\"><b>T/M BAN THƯỜNG VỤ</b></p><p align=\"right\"><b>BÍ THƯ</b></p><p align=\"right\"><b>Lê Quang Tùng</b></p>"
              "</body></html>");
    save_as_docx_with_libreoffice(dir, "draft.html");
    const Draft draft = import_file(dir.path() / "draft.docx");
    const json& d = draft.data;
    CHECK(d["header"]["issuer"] == json::array({"TỈNH ỦY QUẢNG TRỊ"}));
    CHECK(d["header"]["number"] == "310-KH/TU");
    CHECK(d["sections"].size() == 2);
    CHECK(d["sections"][0]["title"] == "MỤC ĐÍCH, YÊU CẦU");
    CHECK(d["sections"][0]["children"].size() == 2);
    CHECK(d["sections"][1]["children"][0]["deadline"] == "trước ngày 30/9/2025");
    CHECK(d["signature"]["name"] == "Lê Quang Tùng");
    CHECK(draft.result.survival.kept_words == draft.result.survival.input_words);
}

// The way most drafts reach Word: text pasted in (or a .txt opened) and saved. Nothing in such
// a DOCX is bold or centred, so its look cannot tell titles from items: it is read as the
// text it holds, and must give the same data as that text.
TEST_CASE("each seed opened in LibreOffice and saved as DOCX imports as its text does", "[import][handmade][libreoffice]") {
    const std::vector<std::string> seeds = {"000_31207cd5fccca516", "001_332b50477ca74014", "002_4fef3326de584c68"};
    TempDir dir;
    std::string files;
    for (const std::string& seed : seeds) {
        dir.write(seed + ".txt", read_file(golden::source_path("tests/golden/seeds/" + seed + ".txt")));
        files += " " + shell_quote(seed + ".txt");
    }
    save_as_docx_with_libreoffice(dir, files, true);
    for (const std::string& seed : seeds) {
        INFO(seed);
        const Draft from_text = import_file(dir.path() / (seed + ".txt"));
        const Draft from_docx = import_file(dir.path() / (seed + ".docx"));
        CHECK(from_docx.data == from_text.data);
        CHECK(from_docx.result.survival.kept_words == from_text.result.survival.kept_words);
        CHECK(from_docx.result.survival.input_words == from_text.result.survival.input_words);
        // The Markdown marks the seeds carry are read, not kept as text.
        CHECK(from_docx.result.data_json.find("**") == std::string::npos);
        CHECK(from_docx.result.data_json.find("## ") == std::string::npos);
    }
}

// A person merges the header cells and types the group rows: the table is read as one of
// vanban's, its ratio as vanban's arithmetic (not data); a table whose figures vanban would
// not compute the same stays as paragraphs, and says so.
TEST_CASE("a table merged by hand: two header rows, group rows, a typed ratio and total", "[import][handmade]") {
    const Draft& draft = python_drafts().at("grouped");
    const json& parts = draft.data["results"]["children"];
    const json& admitted = parts[0]["table"];
    CHECK(admitted["name_label"] == "Chi bộ");
    CHECK(admitted["columns"] ==
          json::parse(R"J([{"key": "chi_tieu", "label": "Chỉ tiêu", "heading": "Kết nạp đảng viên"},
                          {"key": "da_ket_nap", "label": "Đã kết nạp", "heading": "Kết nạp đảng viên"},
                          {"label": "Tỷ lệ (%)", "ratio": ["da_ket_nap", "chi_tieu"], "sign": false}])J"));
    REQUIRE(admitted["groups"].size() == 2);
    CHECK(admitted["groups"][0]["label"] == "Các chi bộ thôn");
    CHECK(admitted["groups"][1]["rows"] == json::parse(R"J([{"name": "Chi bộ Trường Tiểu học", "chi_tieu": 4, "da_ket_nap": 3}])J"));
    CHECK_FALSE(admitted.contains("total")); // the total row is the default one, computed again
    // Percentages that are no ratio or share of its columns are the person's own figures.
    const json& checked = parts[1]["table"];
    CHECK(checked["columns"][1] == json::parse(R"J({"key": "ty_le", "label": "Tỷ lệ", "heading": "Kiểm tra", "type": "percent"})J"));
    CHECK(checked["total"] == false);
    // A subtotal that does not add up (25 households, 12 + 12 below) is not silently recomputed.
    CHECK_FALSE(parts[2].contains("table"));
    CHECK(parts[2]["paragraphs"][1] == "I | Khối thôn | 25 | 90");
    bool said_where = false;
    for (const Finding& w : draft.result.warnings)
        said_where = said_where || (w.code() == "import.table-as-paragraphs" &&
                                    w.format("grouped.docx").find("row 2, column 3: vanban would print \"24\" where the table has \"25\"") !=
                                        std::string::npos);
    CHECK(said_where);
    CHECK(draft.result.survival.kept_words == draft.result.survival.input_words);
}
