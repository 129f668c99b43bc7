#include <catch2/catch.hpp>

#include <thread>

#include "fragments.hpp"
#include "show.hpp"

using namespace vanban;
using namespace vanban::markup::test;

namespace {

template <class T>
const T& block(const std::vector<model::Block>& blocks, std::size_t index) {
    REQUIRE(index < blocks.size());
    REQUIRE(std::holds_alternative<T>(blocks[index]));
    return std::get<T>(blocks[index]);
}

const char* const full_header =
    "@header\n"
    "@superior ĐẢNG BỘ TỈNH QUẢNG NAM\n"
    "@issuer TỈNH UỶ QUẢNG NAM\n"
    "@number 19-KH/TU\n"
    "@place Quảng Nam\n"
    "@date ngày 25 tháng 3 năm 2019\n"
    "@mark KHẨN\n"
    "@end\n";

} // namespace

TEST_CASE("plain lines are body paragraphs and blank lines are dropped", "[builder]") {
    const auto doc = build("\n  \nThực hiện Chỉ thị số 28-CT/TW;   \n\n\t\nBan Thường vụ xây dựng kế hoạch.\n\n");
    REQUIRE(doc.body.size() == 2);
    const auto& first = block<model::Paragraph>(doc.body, 0);
    CHECK(first.kind == model::ParagraphKind::body);
    CHECK(show(first.text) == "Thực hiện Chỉ thị số 28-CT/TW;");
    CHECK(show(block<model::Paragraph>(doc.body, 1).text) == "Ban Thường vụ xây dựng kế hoạch.");
    CHECK_FALSE(doc.header);
    CHECK_FALSE(doc.title);
}

TEST_CASE("a line made blank by an empty or white value is dropped", "[builder]") {
    const auto doc = build({Piece{"Đầu\n"}, data("  "), Piece{"\n"}, data("\n"), Piece{"\nCuối\n"}});
    REQUIRE(doc.body.size() == 2);
    CHECK(show(block<model::Paragraph>(doc.body, 1).text) == "Cuối");
}

TEST_CASE("the header block", "[builder]") {
    const auto doc = build(full_header);
    REQUIRE(doc.header);
    CHECK(doc.header->superior == std::vector<std::string>{"ĐẢNG BỘ TỈNH QUẢNG NAM"});
    CHECK(doc.header->issuer == std::vector<std::string>{"TỈNH UỶ QUẢNG NAM"});
    CHECK(doc.header->number_line == "Số 19-KH/TU");
    CHECK(doc.header->place_date_line == "Quảng Nam, ngày 25 tháng 3 năm 2019");
    CHECK(doc.header->marks == std::vector<std::string>{"KHẨN"});
    CHECK(doc.body.empty());
}

TEST_CASE("the number prefix and the recipients label come from the profile", "[builder]") {
    model::Profile state = party_profile();
    state.name = "state";
    state.number_prefix = "Số: ";
    state.recipients_label = "Nơi nhận (state):";
    const auto doc = build("@header\n@issuer UBND\n@number 15/KH-UBND\n@end\n@recipients\n- Như trên;\n@end\n", state);
    CHECK(doc.header->number_line == "Số: 15/KH-UBND");
    REQUIRE(doc.closing.recipients);
    CHECK(doc.closing.recipients->label == "Nơi nhận (state):");
    CHECK(doc.profile.name == "state");
}

TEST_CASE("header lines repeat; place or date alone; values from data", "[builder]") {
    const auto doc = build({Piece{"@header\n@superior ĐẢNG BỘ QUẬN HẢI CHÂU\n@issuer "},
                            data("CHI BỘ TRƯỜNG\nTHPT TRẦN PHÚ"),
                            Piece{"\n@issuer (dòng hai)\n@date "}, data("ngày 10 tháng 6 năm 2019"),
                            Piece{"\n@number "}, data("19-KH/CB"), Piece{"\n@end\n"}});
    CHECK(doc.header->issuer == std::vector<std::string>{"CHI BỘ TRƯỜNG", "THPT TRẦN PHÚ", "(dòng hai)"});
    CHECK(doc.header->place_date_line == "ngày 10 tháng 6 năm 2019");
    CHECK(doc.header->number_line == "Số 19-KH/CB");
    CHECK(doc.metadata.author == "CHI BỘ TRƯỜNG THPT TRẦN PHÚ (dòng hai)");
}

TEST_CASE("type, summary and the metadata", "[builder]") {
    const auto doc = build(std::string(full_header) +
                           "@type KẾ HOẠCH\n"
                           "@summary thực hiện Chỉ thị số 28-CT/TW, ngày 21/01/2019 của Ban Bí thư\n"
                           "@summary Trung ương Đảng khóa XII\n");
    REQUIRE(doc.title);
    CHECK(doc.title->type_name == "KẾ HOẠCH");
    REQUIRE(doc.title->summary.size() == 2);
    CHECK(show(doc.title->summary[1]) == "Trung ương Đảng khóa XII");
    CHECK(doc.metadata.subject ==
          "thực hiện Chỉ thị số 28-CT/TW, ngày 21/01/2019 của Ban Bí thư Trung ương Đảng khóa XII");
    CHECK(doc.metadata.title == "KẾ HOẠCH " + doc.metadata.subject);
    CHECK(doc.metadata.author == "TỈNH UỶ QUẢNG NAM");
}

TEST_CASE("a summary value with line breaks makes several summary lines", "[builder]") {
    const auto doc = build({Piece{"@summary "}, data("dòng một\ndòng *hai*"), Piece{"\n"}});
    REQUIRE(doc.title->summary.size() == 2);
    CHECK(show(doc.title->summary[1]) == "dòng |<i>hai</i>");
    CHECK(doc.title->type_name.empty());
    CHECK(doc.metadata.title == "dòng một dòng hai");
}

TEST_CASE("headings with and without numbers", "[builder]") {
    const auto doc = build("@h1[I-] MỤC ĐÍCH, YÊU CẦU\n@h2[1-]Tổ chức **học tập**\n@h3 Không số\n@h4[a)]\n");
    REQUIRE(doc.body.size() == 4);
    const auto& h1 = block<model::Heading>(doc.body, 0);
    CHECK(h1.level == 1);
    CHECK(h1.number == "I-");
    CHECK(show(h1.text) == "MỤC ĐÍCH, YÊU CẦU");
    const auto& h2 = block<model::Heading>(doc.body, 1);
    CHECK(h2.level == 2);
    CHECK(show(h2.text) == "Tổ chức |<b>học tập</b>");
    CHECK(block<model::Heading>(doc.body, 2).number.empty());
    CHECK(block<model::Heading>(doc.body, 3).level == 4);
    CHECK(block<model::Heading>(doc.body, 3).text.empty());
}

TEST_CASE("heading numbers may come from data, even with brackets", "[builder]") {
    const auto doc = build({Piece{"@h2["}, data("1]"), Piece{"-] "}, data("Nội dung")});
    const auto& h = block<model::Heading>(doc.body, 0);
    CHECK(h.number == "1]-");
    CHECK(show(h.text) == "Nội dung");
}

TEST_CASE("paragraph variants", "[builder]") {
    const auto doc = build("@noindent Căn cứ Điều lệ Đảng;\n@center (Kèm theo …)\n@right Hà Nội, ngày 1\n");
    CHECK(block<model::Paragraph>(doc.body, 0).kind == model::ParagraphKind::plain);
    CHECK(show(block<model::Paragraph>(doc.body, 0).text) == "Căn cứ Điều lệ Đảng;");
    CHECK(block<model::Paragraph>(doc.body, 1).kind == model::ParagraphKind::center);
    CHECK(block<model::Paragraph>(doc.body, 2).kind == model::ParagraphKind::right);
}

TEST_CASE("list items", "[builder]") {
    const auto doc = build("- Các cấp ủy, tổ chức đảng;\n+ Điểm con;\n@item[1.1-] Ban Thường vụ\n@item2[a)] điểm a\n-không phải\n");
    const auto& dash = block<model::ListItem>(doc.body, 0);
    CHECK(dash.marker == "-");
    CHECK(dash.level == 1);
    CHECK(show(dash.text) == "Các cấp ủy, tổ chức đảng;");
    CHECK(block<model::ListItem>(doc.body, 1).marker == "+");
    CHECK(block<model::ListItem>(doc.body, 1).level == 2);
    const auto& numbered = block<model::ListItem>(doc.body, 2);
    CHECK(numbered.marker == "1.1-");
    CHECK(numbered.level == 1);
    CHECK(show(numbered.text) == "Ban Thường vụ");
    CHECK(block<model::ListItem>(doc.body, 3).level == 2);
    CHECK(block<model::ListItem>(doc.body, 3).marker == "a)");
    CHECK(show(block<model::Paragraph>(doc.body, 4).text) == "-không phải");
}

TEST_CASE("list item markers from a loop", "[builder]") {
    const auto doc = build({Piece{"@item["}, data("2"), Piece{".] "}, data("Nhiệm vụ"), Piece{" (*"},
                            data("tháng 4/2019"), Piece{"*)\n"}});
    const auto& item = block<model::ListItem>(doc.body, 0);
    CHECK(item.marker == "2.");
    CHECK(show(item.text) == "Nhiệm vụ (|<i>tháng 4/2019</i>|)");
}

TEST_CASE("data never makes structure", "[builder]") {
    const auto doc = build({data("@h1[I-] không phải tiêu đề"), Piece{"\n"},
                            data("| không | phải bảng |"), Piece{"\n"},
                            data("- không phải mục"), Piece{"\n"},
                            data("@end"), Piece{"\n@table\n| "}, data("a | b"), Piece{" |\n@end\n"}});
    REQUIRE(doc.body.size() == 5);
    CHECK(show(block<model::Paragraph>(doc.body, 0).text) == "@h1[I-] không phải tiêu đề");
    CHECK(show(block<model::Paragraph>(doc.body, 1).text) == "| không | phải bảng |");
    CHECK(show(block<model::Paragraph>(doc.body, 2).text) == "- không phải mục");
    CHECK(show(block<model::Paragraph>(doc.body, 3).text) == "@end");
    const auto& table = block<model::Table>(doc.body, 4);
    REQUIRE(table.rows.size() == 1);
    REQUIRE(table.rows[0].cells.size() == 1);
    CHECK(show(table.rows[0].cells[0].paragraphs.at(0)) == "a | b");
}

TEST_CASE("a line break inside data stays inside the paragraph", "[builder]") {
    const auto doc = build({Piece{"Địa chỉ: "}, data("số 1\n@h1 đường 2"), Piece{" — hết\nSau"}});
    REQUIRE(doc.body.size() == 2);
    CHECK(show(block<model::Paragraph>(doc.body, 0).text) == "Địa chỉ: số 1\n@h1 đường 2 — hết");
}

TEST_CASE("a line ending with a backslash continues on the next", "[builder]") {
    const auto doc = build("- BTV, BTC các huyện, thị, thành ủy,\\\n    đảng ủy trực thuộc,\n"
                           "@summary thực hiện Chỉ thị \\\n  số 28 \\   \nkhóa XII\n"
                           "hai gạch \\\\\nmới\n");
    REQUIRE(doc.body.size() == 3);
    CHECK(show(block<model::ListItem>(doc.body, 0).text) == "BTV, BTC các huyện, thị, thành ủy, đảng ủy trực thuộc,");
    REQUIRE(doc.title->summary.size() == 1);
    CHECK(show(doc.title->summary[0]) == "thực hiện Chỉ thị số 28 khóa XII");
    CHECK(show(block<model::Paragraph>(doc.body, 1).text) == "hai gạch \\");
    CHECK(show(block<model::Paragraph>(doc.body, 2).text) == "mới");
}

TEST_CASE("a backslash from data does not continue the line", "[builder]") {
    const auto doc = build({Piece{"Đường dẫn "}, data("C:\\"), Piece{"\nTiếp"}});
    REQUIRE(doc.body.size() == 2);
    CHECK(show(block<model::Paragraph>(doc.body, 0).text) == "Đường dẫn C:\\");
}

TEST_CASE("indented directives and Windows line ends", "[builder]") {
    const auto doc = build("  @h1[I-] A\r\n\t- b\r\n");
    CHECK(block<model::Heading>(doc.body, 0).number == "I-");
    CHECK(show(block<model::Heading>(doc.body, 0).text) == "A");
    CHECK(show(block<model::ListItem>(doc.body, 1).text) == "b");
}

TEST_CASE("recipients", "[builder]") {
    const auto doc = build("@recipients\n@label __Nơi nhận__:\n- Ban Bí thư Trung ương (b/c),\n"
                           "- Lưu Văn phòng Tỉnh uỷ.\n@end\n");
    REQUIRE(doc.closing.recipients);
    CHECK(doc.closing.recipients->label == "Nơi nhận:");
    REQUIRE(doc.closing.recipients->lines.size() == 2);
    CHECK(show(doc.closing.recipients->lines[0]) == "- Ban Bí thư Trung ương (b/c),");
    CHECK(doc.body.empty());
}

TEST_CASE("signature", "[builder]") {
    const auto doc = build("@signature\n@authority T/M BAN THƯỜNG VỤ\n@position K/T BÍ THƯ\n"
                           "@position PHÓ BÍ THƯ\n@name Đỗ Xuân Tuyên\n@note (Đã ký)\n@end\n");
    REQUIRE(doc.closing.signature);
    const auto& s = *doc.closing.signature;
    CHECK(s.authority == std::vector<std::string>{"T/M BAN THƯỜNG VỤ"});
    CHECK(s.position == std::vector<std::string>{"K/T BÍ THƯ", "PHÓ BÍ THƯ"});
    CHECK(s.name == "Đỗ Xuân Tuyên");
    CHECK(s.note == "(Đã ký)");
    CHECK_FALSE(doc.closing.recipients);
}

TEST_CASE("page breaks and appendices", "[builder]") {
    const auto doc = build("Thân.\n@pagebreak\n@appendix\n@title PHỤ LỤC\n@title PHÂN CÔNG NHIỆM VỤ\n"
                           "@subtitle (*Kèm theo Kế hoạch số 19-KH/CB*)\n@h1[I-] Phần một\n"
                           "@table 45 55\n| a | b |\n@end\n- mục\n@end\n@appendix\nHai\n@end\n");
    REQUIRE(doc.body.size() == 2);
    CHECK(std::holds_alternative<model::PageBreak>(doc.body[1]));
    REQUIRE(doc.appendices.size() == 2);
    const auto& a = doc.appendices[0];
    CHECK(a.title == std::vector<std::string>{"PHỤ LỤC", "PHÂN CÔNG NHIỆM VỤ"});
    REQUIRE(a.subtitle.size() == 1);
    CHECK(show(a.subtitle[0]) == "(|<i>Kèm theo Kế hoạch số 19-KH/CB</i>|)");
    REQUIRE(a.blocks.size() == 3);
    CHECK(block<model::Heading>(a.blocks, 0).number == "I-");
    CHECK(block<model::Table>(a.blocks, 1).column_weights == std::vector<double>{45, 55});
    CHECK(block<model::ListItem>(a.blocks, 2).marker == "-");
    CHECK(show(block<model::Paragraph>(doc.appendices[1].blocks, 0).text) == "Hai");
}

TEST_CASE("empty values leave nothing behind", "[builder]") {
    const auto doc = build({Piece{"@header\n@superior "}, data(""), Piece{"\n@issuer X\n@mark "}, data(" "),
                            Piece{"\n@end\n@center "}, data(""), Piece{"\n@summary \n"}});
    CHECK(doc.header->superior.empty());
    CHECK(doc.header->marks.empty());
    CHECK(doc.body.empty());
    CHECK(doc.title->summary.empty());
}

TEST_CASE("a complete plan in order", "[builder]") {
    const auto doc = build(std::string(full_header) +
                           "@type KẾ HOẠCH\n@summary tiếp tục đổi mới\n"
                           "Thực hiện Kế hoạch số 104-KH/QU;\n@h1[I.] MỤC ĐÍCH, YÊU CẦU\n"
                           "1. Công tác kết nạp đảng viên\n@recipients\n- Lưu.\n@end\n"
                           "@signature\n@authority T/M CHI BỘ\n@position BÍ THƯ\n@name Lê Văn A\n@end\n");
    CHECK(doc.body.size() == 3);
    CHECK(doc.closing.recipients->lines.size() == 1);
    CHECK(doc.closing.signature->name == "Lê Văn A");
    CHECK(doc.metadata.title == "KẾ HOẠCH tiếp tục đổi mới");
}

TEST_CASE("building is safe from several threads at once", "[builder]") {
    const auto input = fragments({Piece{std::string(full_header) + "@type KẾ HOẠCH\n@summary "}, data("**a** b"),
                                  Piece{"\n@table\n|= x |= y |\n| 1 | < |\n@end\n"}});
    const model::Profile profile = party_profile();
    const auto expected = markup::build_document(input, profile);
    std::vector<std::thread> threads;
    std::vector<int> same(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const auto doc = markup::build_document(input, profile);
                same[t] += doc.title->summary == expected.title->summary &&
                           doc.header->number_line == expected.header->number_line &&
                           std::get<model::Table>(doc.body[0]).rows[1].cells[0].colspan == 2;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(same == std::vector<int>(4, 200));
}
