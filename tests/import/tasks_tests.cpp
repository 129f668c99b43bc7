// Tasks read from the usual wordings of a plan's text: who leads, who cooperates, by when
// (docs/import.md, "tasks"). The text prints as it was: what is read only fills the data.
#include <catch2/catch.hpp>

#include "golden/golden_support.hpp"
#include "vanban/import.hpp"

using namespace vanban;
using nlohmann::json;

namespace {

// A plan whose header columns are separated by tabs.
constexpr const char* kPlan = R"(ĐẢNG BỘ TỈNH HÀ TĨNH	ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY CẨM XUYÊN
*
Số 25-KH/HU	Cẩm Xuyên, ngày 05 tháng 02 năm 2024
KẾ HOẠCH
thực hiện Chỉ thị số 28-CT/TW
-----
Thực hiện Chỉ thị số 28-CT/TW, ngày 21/01/2019 của Ban Bí thư, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:
I- MỤC ĐÍCH, YÊU CẦU
1- Nâng cao chất lượng kết nạp đảng viên.
2- Ban Tuyên giáo Huyện ủy tuyên truyền sâu rộng Chỉ thị.
II- TỔ CHỨC THỰC HIỆN
1- Ban Tổ chức Huyện ủy chủ trì, phối hợp với Ủy ban Kiểm tra Huyện ủy, Văn phòng Huyện ủy và Ban Tuyên giáo Huyện ủy hướng dẫn thực hiện (tháng 4/2024).
2- Ban Tuyên giáo Huyện ủy: tuyên truyền sâu rộng trong cán bộ, đảng viên, hoàn thành trước ngày 19/5/2024.
3- Các chi bộ, đảng bộ cơ sở:
- Xây dựng kế hoạch cụ thể, hoàn thành trong quý II/2024;
- Báo cáo kết quả trong năm 2024.
4- Văn phòng Huyện ủy theo dõi, đôn đốc, tổng hợp tình hình.
5- Mặt trận Tổ quốc huyện phối hợp với các tổ chức chính trị - xã hội tuyên truyền trong nhân dân.
Nơi nhận:
- Ban Tổ chức Tỉnh ủy,
- Lưu Văn phòng Huyện ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An
)";

const json& plan() {
    static const json data = [] {
        const ImportResult imported = import_document(golden::repository_engine(), kPlan, {.source_name = "plan.txt"});
        INFO(imported.error.format());
        REQUIRE(imported.ok);
        // Nothing read from the text changes what it prints.
        CHECK(imported.survival.kept_words == imported.survival.input_words);
        return json::parse(imported.data_json);
    }();
    return data;
}

const json& task(std::size_t i) { return plan()["sections"][1]["children"][i]; }

} // namespace

TEST_CASE("tasks: 'X chủ trì, phối hợp với A, B và C', a deadline in brackets", "[import][tasks]") {
    CHECK(task(0)["lead"] == "Ban Tổ chức Huyện ủy"); // "Tổ chức" in capitals is part of the name
    CHECK(task(0)["cooperating"] == json::array({"Ủy ban Kiểm tra Huyện ủy", "Văn phòng Huyện ủy", "Ban Tuyên giáo Huyện ủy"}));
    CHECK(task(0)["deadline"] == "tháng 4/2024");
    CHECK(task(0)["deadline_in_text"] == true);
}

TEST_CASE("tasks: 'X: …', and 'hoàn thành trước ngày …'", "[import][tasks]") {
    CHECK(task(1)["lead"] == "Ban Tuyên giáo Huyện ủy");
    CHECK(task(1)["deadline"] == "trước ngày 19/5/2024");
    CHECK_FALSE(task(1).contains("cooperating"));
}

TEST_CASE("tasks: a group headed by an agency, its items dated by quarter and by year", "[import][tasks]") {
    CHECK(task(2)["agency"] == "Các chi bộ, đảng bộ cơ sở");
    CHECK_FALSE(task(2).contains("lead"));
    CHECK(task(2)["children"][0]["deadline"] == "trong quý II/2024");
    CHECK(task(2)["children"][1]["deadline"] == "trong năm 2024");
}

TEST_CASE("tasks: the agency ends at its verb; 'các tổ chức' is a noun, not the verb", "[import][tasks]") {
    CHECK(task(3)["lead"] == "Văn phòng Huyện ủy");
    CHECK_FALSE(task(3).contains("deadline"));
    CHECK(task(4)["lead"] == "Mặt trận Tổ quốc huyện");
    CHECK(task(4)["cooperating"] == json::array({"các tổ chức chính trị - xã hội"}));
}

TEST_CASE("tasks: outside the part that assigns them, an agency's name is only text", "[import][tasks]") {
    const json& aims = plan()["sections"][0];
    REQUIRE(aims["title"] == "MỤC ĐÍCH, YÊU CẦU");
    CHECK(aims["children"][1]["text"] == "Ban Tuyên giáo Huyện ủy tuyên truyền sâu rộng Chỉ thị.");
    CHECK_FALSE(aims["children"][1].contains("lead"));
}
