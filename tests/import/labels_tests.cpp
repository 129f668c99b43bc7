// The labels of a plan's outline, typed or shown by Word's numbering, and the numbering
// styles of the templates' schema they stand for.
#include <catch2/catch.hpp>

#include "import/labels.hpp"

using namespace vanban::import;

namespace {

Label label_of(const std::string& text, std::size_t* consumed = nullptr) {
    const std::optional<Label> label = parse_label(text, consumed);
    INFO(text);
    REQUIRE(label.has_value());
    return *label;
}

} // namespace

TEST_CASE("every numbering style of the schema is read from its label", "[import][labels]") {
    struct Case {
        const char* text;
        const char* style;
        const char* printed;
        long value;
    };
    const Case cases[] = {
        {"I- MỤC ĐÍCH", "I-", "I-", 1},       {"II. NỘI DUNG", "I.", "II.", 2},    {"IV) KINH PHÍ", "I)", "IV)", 4},
        {"A- MỤC ĐÍCH", "A-", "A-", 1},       {"B. NỘI DUNG", "A.", "B.", 2},      {"1. Mục đích", "1.", "1.", 1},
        {"12- Ban Tổ chức", "1-", "12-", 12}, {"3) Kiểm tra", "1)", "3)", 3},      {"1.1- Ban Thường vụ", "1.1-", "1.1-", 1},
        {"2.3. Tăng cường", "1.1.", "2.3.", 3}, {"2.9 - Thường xuyên", "1.1-", "2.9 -", 9},
        {"a) Ban hành", "a)", "a)", 1},       {"đ) Kiểm tra", "a)", "đ)", 5},      {"b- Rà soát", "a-", "b-", 2},
        {"- Các cấp ủy", "-", "-", 0},        {"+ Sở Nội vụ", "+", "+", 0},        {"• Thứ nhất", "•", "•", 0},
        {"– Gạch ngang", "-", "–", 0},        {"-Xây dựng kế hoạch", "-", "-", 0},
    };
    for (const Case& c : cases) {
        const Label label = label_of(c.text);
        CHECK(numbering_style(label) == c.style);
        CHECK(label.text == c.printed);
        CHECK(label.value == c.value);
    }
    std::size_t consumed = 0;
    label_of("1.1-  Nâng cao", &consumed);
    CHECK(consumed == std::string("1.1-  ").size());
    CHECK(label_of("2.3.1. Chi tiết").components == 3);
    CHECK(label_of("2.3.1. Chi tiết").prefix == "2.3");
}

TEST_CASE("words that start with a number or a dash are not labels", "[import][labels]") {
    for (const char* text : {"2019 là năm", "1.000 đảng viên", "3-5 đồng chí", "-----", "- ", "15/5/2019 họp",
                             "Số 19-KH/CB", "*", "Ban Tổ chức", "2019. Năm bản lề", "1,5 tỷ đồng", "I'm"})
        CHECK_FALSE(parse_label(text).has_value());
}

TEST_CASE("a lone letter that is also a Roman numeral can be read as a letter", "[import][labels]") {
    const Label i = label_of("I. MỤC ĐÍCH");
    CHECK(i.kind == LabelKind::roman);
    CHECK(i.letter_value == 9); // a b c d đ e g h i
    const Label letter = as_letter(i);
    CHECK(letter.kind == LabelKind::upper_letter);
    CHECK(numbering_style(letter) == "A.");
    CHECK(letter.value == 9);
    // Letters that are no Roman numeral below 50 are letters at once.
    CHECK(label_of("D- TỔ CHỨC").kind == LabelKind::upper_letter);
    // "i)" and "v)" are points, not Roman numerals.
    CHECK(label_of("i) Chín").kind == LabelKind::lower_letter);
}

TEST_CASE("the labels the template prints, as outline.vbt computes them", "[import][labels]") {
    std::string base;
    CHECK(template_label("I-", 3, "", base) == "III-");
    CHECK(base == "III");
    CHECK(template_label("A.", 5, "", base) == "Đ.");
    CHECK(template_label("a)", 6, "", base) == "e)");
    CHECK(template_label("1-", 2, "II", base) == "2-");
    CHECK(template_label("1.1-", 4, "2", base) == "2.4-");
    CHECK(base == "2.4");
    CHECK(template_label("1.1.", 4, "", base) == "4.");
    CHECK(template_label("-", 7, "2", base) == "-");
    CHECK(base == "2"); // a dash hands its parent's number down
    CHECK(template_label("", 1, "", base).empty());
}
