// The word survival figure that `vanban import` prints: the draft's words against the
// rendered document's, the body in order, the header and closing blocks as bags of words.
#include <catch2/catch.hpp>

#include <string>

#include "golden/golden_support.hpp"
#include "import/survival.hpp"
#include "vanban/import.hpp"

using namespace vanban::import;

namespace {

// One zone's words, each line a paragraph numbered from `first`.
Words words_of(std::initializer_list<const char*> lines, int first = 1) {
    Words words;
    int number = first;
    for (const char* line : lines) words.add(line, number++);
    return words;
}

Zones body_only(Words body) {
    Zones zones;
    zones.body = std::move(body);
    return zones;
}

} // namespace

TEST_CASE("survival: the same words are all kept", "[import][survival]") {
    const Zones draft = body_only(words_of({"Thực hiện Chỉ thị số 28-CT/TW,", "I- MỤC ĐÍCH"}));
    const Survival s = compare_words(draft, draft);
    CHECK(s.input_words == 9);
    CHECK(s.kept_words == 9);
    CHECK(s.lost.empty());
    CHECK(s.ratio() == 1.0);
}

TEST_CASE("survival: words split at any blank, non-breaking spaces included", "[import][survival]") {
    Words words;
    words.add("  Hà\tTĩnh,\xC2\xA0ngày\n05  ", 3);
    CHECK(words.words == std::vector<std::string>{"Hà", "Tĩnh,", "ngày", "05"});
    CHECK(words.paragraphs == std::vector<int>{3, 3, 3, 3});
}

TEST_CASE("survival: room left to write in (…, ...., ____) is no word; a lone full stop is", "[import][survival]") {
    Words words;
    words.add("ngày … tháng .... năm ____ 2026 .", 1);
    CHECK(words.words == std::vector<std::string>{"ngày", "tháng", "năm", "2026", "."});
}

TEST_CASE("survival: a word the document lost is counted and its paragraph named", "[import][survival]") {
    const Zones draft = body_only(words_of({"Mở đầu kế hoạch.", "[bookmark: _GoBack]Thực hiện Chỉ thị", "Kết thúc."}));
    const Zones rendered = body_only(words_of({"Mở đầu kế hoạch.", "Thực hiện Chỉ thị", "Kết thúc."}));
    const Survival s = compare_words(draft, rendered);
    CHECK(s.input_words == 11); // "[bookmark:" and "_GoBack]Thực" are two words
    CHECK(s.kept_words == 9);
    REQUIRE(s.lost.size() == 1);
    CHECK(s.lost[0].paragraph == 2);
    CHECK(s.lost[0].text == "[bookmark: _GoBack]Thực");
}

TEST_CASE("survival: the body counts in order, so words moved out of place are lost", "[import][survival]") {
    const Zones draft = body_only(words_of({"một hai ba bốn", "năm sáu"}));
    const Zones moved = body_only(words_of({"năm sáu", "một hai ba bốn"}));
    const Survival s = compare_words(draft, moved);
    CHECK(s.input_words == 6);
    CHECK(s.kept_words == 4); // the longest run in order: "một hai ba bốn"
    REQUIRE(s.lost.size() == 1);
    CHECK(s.lost[0].paragraph == 2);
    CHECK(s.lost[0].text == "năm sáu");
}

TEST_CASE("survival: header and closing are bags of words, in any order", "[import][survival]") {
    Zones draft;
    draft.header = words_of({"ĐẢNG BỘ TỈNH\tĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY"});
    draft.closing = words_of({"Nơi nhận:\tT/M BAN THƯỜNG VỤ", "- Lưu VP.\tBÍ THƯ"}, 40);
    Zones rendered;
    rendered.header = words_of({"ĐẢNG BỘ TỈNH", "HUYỆN ỦY", "ĐẢNG CỘNG SẢN VIỆT NAM"});
    rendered.closing = words_of({"T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nơi nhận:", "- Lưu VP."});
    const Survival s = compare_words(draft, rendered);
    CHECK(s.input_words == s.kept_words);
    // A word appears as often as the document has it, no more: "ĐẢNG" twice in both.
    rendered.header = words_of({"ĐẢNG BỘ TỈNH", "HUYỆN ỦY", "CỘNG SẢN VIỆT NAM"});
    const Survival fewer = compare_words(draft, rendered);
    CHECK(fewer.kept_words == s.kept_words - 1);
    REQUIRE(fewer.lost.size() == 1);
    CHECK(fewer.lost[0].paragraph == 1);
}

TEST_CASE("survival: a word is kept only in its own zone", "[import][survival]") {
    Zones draft;
    draft.body = words_of({"Nội dung chính."});
    Zones rendered;
    rendered.closing = words_of({"Nội dung chính."});
    const Survival s = compare_words(draft, rendered);
    CHECK(s.input_words == 3);
    CHECK(s.kept_words == 0);
}

TEST_CASE("survival: words the document adds do not count; an empty draft survives whole", "[import][survival]") {
    const Zones draft = body_only(words_of({"Kế hoạch"}));
    const Zones rendered = body_only(words_of({"KẾ HOẠCH", "Kế hoạch", "thêm vào"}));
    const Survival s = compare_words(draft, rendered);
    CHECK(s.input_words == 2);
    CHECK(s.kept_words == 2);
    const Survival empty = compare_words(Zones{}, rendered);
    CHECK(empty.input_words == 0);
    CHECK(empty.ratio() == 1.0);
}

TEST_CASE("survival: at most max_passages places are named, the count stays exact", "[import][survival]") {
    Zones draft = body_only(words_of({"a1", "b2", "c3", "d4", "e5", "f6", "g7"}));
    const Zones rendered = body_only(words_of({"x"}));
    const Survival s = compare_words(draft, rendered, 3);
    CHECK(s.input_words == 7);
    CHECK(s.kept_words == 0);
    CHECK(s.lost.size() == 3);
    CHECK(s.lost[2].paragraph == 3);
}

// A header line and a closing line that fit no part: kept where the document prints them (an
// opening paragraph, a closing paragraph of the body), each named in a warning, and counted
// as kept where they print. The header's columns are separated by tabs.
TEST_CASE("survival: text the import moved is kept, warned about, and counted where it prints", "[import][survival]") {
    constexpr const char* draft = R"(ĐẢNG BỘ TỈNH HÀ TĨNH	ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY CẨM XUYÊN
Bản dự thảo lần 2 - xin ý kiến
*
Số 25-KH/HU	Cẩm Xuyên, ngày 05 tháng 02 năm 2024
KẾ HOẠCH
tổ chức kỷ niệm Ngày thành lập Đảng
-----
Thực hiện Hướng dẫn số 12-HD/BTGTU, ngày 10/01/2024 của Ban Tuyên giáo Tỉnh ủy, Ban Thường vụ xây dựng kế hoạch:
I- MỤC ĐÍCH
1- Tuyên truyền sâu rộng.
II- NỘI DUNG
1- Hội nghị báo cáo viên (trước ngày 25/02/2024).
Nơi nhận:
- Ban Tuyên giáo Tỉnh ủy,
Ghi chú của người soạn: gửi bản giấy kèm theo
- Lưu Văn phòng Huyện ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An
Người soạn thảo: Trần Thị Bình, điện thoại 0912 345 678
)";
    const vanban::ImportResult imported =
        vanban::import_document(vanban::golden::repository_engine(), draft, {.source_name = "k.txt"});
    INFO(imported.error.format());
    REQUIRE(imported.ok);
    std::vector<std::pair<std::string, int>> warnings;
    for (const vanban::Finding& w : imported.warnings) warnings.emplace_back(w.code(), w.paragraph);
    CHECK(warnings == std::vector<std::pair<std::string, int>>{{"import.header-line", 3}, {"import.kept-in-closing", 21}});
    const nlohmann::json data = nlohmann::json::parse(imported.data_json);
    CHECK(data["intro"][0] == "Bản dự thảo lần 2 - xin ý kiến");
    CHECK(data["closing"].back() == "Người soạn thảo: Trần Thị Bình, điện thoại 0912 345 678");
    CHECK(imported.survival.input_words == 130);
    CHECK(imported.survival.kept_words == 130);
    CHECK(imported.survival.lost.empty());
}
