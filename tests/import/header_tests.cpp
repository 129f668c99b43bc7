// The header block and the closing block in their usual forms.
#include <catch2/catch.hpp>

#include "import/closing.hpp"
#include "import/header.hpp"

using namespace vanban::import;

TEST_CASE("place and date in the usual forms", "[import][header]") {
    const auto plain = parse_place_date("Đà Nẵng, ngày 10  tháng 6 năm 2019");
    REQUIRE(plain);
    CHECK(plain->place == "Đà Nẵng");
    REQUIRE(plain->date);
    CHECK(plain->date->day == 10);
    CHECK(plain->date_text.empty()); // the template prints it the same
    // Without the leading zero the official form wants: kept as written, beside the date.
    const auto no_zero = parse_place_date("Hà Nội, ngày 5 tháng 3 năm 2024");
    REQUIRE(no_zero);
    CHECK(no_zero->date_text == "ngày 5 tháng 3 năm 2024");
    const auto slashes = parse_place_date("TP. Hồ Chí Minh, ngày 05/01/2024");
    REQUIRE(slashes);
    CHECK(slashes->place == "TP. Hồ Chí Minh");
    CHECK(slashes->date->month == 1);
    // A draft leaves day and month blank.
    const auto draft = parse_place_date("Hà Tĩnh, ngày      tháng      năm 2026");
    REQUIRE(draft);
    CHECK_FALSE(draft->date);
    CHECK(draft->date_text == "ngày     tháng     năm 2026");
    // Room left with dots, an ellipsis or underscores, spaced or not, is room as spaces are.
    for (const char* room : {"Hà Tĩnh, ngày ... tháng ... năm 2026", "Hà Tĩnh, ngày … tháng … năm 2026",
                             "Hà Tĩnh, ngày…tháng…năm 2026", "Hà Tĩnh, ngày ___ tháng ___ năm 2026",
                             "Hà Tĩnh, ngày ......tháng.......năm 2026"}) {
        INFO(room);
        const auto blank = parse_place_date(room);
        REQUIRE(blank);
        CHECK(blank->place == "Hà Tĩnh");
        CHECK_FALSE(blank->date);
        CHECK(blank->date_text == "ngày     tháng     năm 2026");
    }
    // A single dot is the date's own separator.
    const auto dots = parse_place_date("Hà Tĩnh, ngày 05.01.2026");
    REQUIRE(dots);
    REQUIRE(dots->date);
    CHECK(dots->date->month == 1);
    const auto invalid = parse_place_date("Huế, ngày 31 tháng 02 năm 2025");
    REQUIRE(invalid);
    CHECK_FALSE(invalid->date);
    CHECK_FALSE(parse_place_date("Thực hiện Kế hoạch số 104-KH/QU ngày 03/6/2019 của Ban Thường vụ Quận ủy Hải Châu về thực hiện Chỉ thị"));
}

TEST_CASE("number and code, Party and State", "[import][header]") {
    const auto party = parse_number_line("Số  19-KH/CB");
    REQUIRE(party);
    CHECK(party->number == "19-KH/CB");
    CHECK_FALSE(party->colon);
    const auto state = parse_number_line("Số: 15/KH-UBND");
    REQUIRE(state);
    CHECK(state->number == "15/KH-UBND");
    CHECK(state->colon);
    const auto draft = parse_number_line("Số      -KH/TU");
    REQUIRE(draft);
    CHECK(draft->number == "-KH/TU");
    for (const char* room : {"Số: …/KH-UBND", "Số: ..../KH-UBND", "Số: ____/KH-UBND", "Số: … /KH-UBND"}) {
        INFO(room);
        const auto blank = parse_number_line(room);
        REQUIRE(blank);
        CHECK(blank->number == "/KH-UBND");
        CHECK(blank->line == room);
    }
    CHECK(parse_number_line("Số ....-KH/TU")->number == "-KH/TU");
    // Spaces that leave room also split a text line's columns: "Số:" stays with its number.
    CHECK(header_columns("Số:      /KH-UBND\t\tCẩm Hà, ngày      tháng      năm 2026") ==
          std::vector<std::string>{"Số: /KH-UBND", "Cẩm Hà, ngày tháng năm 2026"});
    CHECK(header_columns("Số      -KH/TU") == std::vector<std::string>{"Số -KH/TU"});
    CHECK(valid_number("19-KH/CB"));
    CHECK(valid_number("15/KH-UBND"));
    CHECK(valid_number("-KH/TU"));
    CHECK_FALSE(valid_number("19 KH CB"));
    CHECK_FALSE(parse_number_line("Số liệu tính đến ngày 31/12/2019"));
    CHECK_FALSE(parse_number_line("Sống, chiến đấu"));
}

TEST_CASE("each header line is told by what it says", "[import][header]") {
    CHECK(classify_header_line("ĐẢNG CỘNG SẢN VIỆT NAM") == HeaderPart::national_title);
    CHECK(classify_header_line("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM") == HeaderPart::national_title);
    CHECK(classify_header_line("Độc lập - Tự do - Hạnh phúc") == HeaderPart::motto);
    CHECK(classify_header_line("*") == HeaderPart::rule);
    CHECK(classify_header_line("_______") == HeaderPart::rule);
    CHECK(classify_header_line("Số 19-KH/CB") == HeaderPart::number);
    CHECK(classify_header_line("Quảng Nam, ngày 25 tháng 3 năm 2019") == HeaderPart::place_date);
    CHECK(classify_header_line("KHẨN") == HeaderPart::mark);
    CHECK(classify_header_line("V/v triển khai kế hoạch") == HeaderPart::summary_vv);
    CHECK(classify_header_line("TỈNH ỦY QUẢNG NAM") == HeaderPart::body);
    CHECK(classify_header_line("Kính gửi các chi bộ") == HeaderPart::none);
}

TEST_CASE("superior body and issuer: by weight, else by how names run on", "[import][header]") {
    SECTION("bold issuer, plain superior") {
        const Header h = read_header_lines({{"ĐẢNG BỘ TỈNH THÁI NGUYÊN", 1, 0, false},
                                            {"HUYỆN ỦY ĐỊNH HÓA", 2, 0, true},
                                            {"ĐẢNG CỘNG SẢN VIỆT NAM", 3, 1, true}});
        CHECK(h.superior == std::vector<std::string>{"ĐẢNG BỘ TỈNH THÁI NGUYÊN"});
        CHECK(h.issuer == std::vector<std::string>{"HUYỆN ỦY ĐỊNH HÓA"});
        CHECK(h.party_title);
    }
    SECTION("no weight: a name that runs on to the next line") {
        const Header h = read_header_lines({{"ĐẢNG BỘ QUẬN HẢI CHÂU", 1, 0}, {"CHI BỘ", 2, 0}, {"TRƯỜNG THPT TRẦN PHÚ", 3, 0}});
        CHECK(h.superior == std::vector<std::string>{"ĐẢNG BỘ QUẬN HẢI CHÂU"});
        CHECK(h.issuer == std::vector<std::string>{"CHI BỘ", "TRƯỜNG THPT TRẦN PHÚ"});
    }
    SECTION("State: one body in two lines, the motto, the colon") {
        const Header h = read_header_lines({{"ỦY BAN NHÂN DÂN", 1, 0},
                                            {"TỈNH HÀ TĨNH", 2, 0},
                                            {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3, 1},
                                            {"Độc lập - Tự do - Hạnh phúc", 4, 1},
                                            {"Số: 15/KH-UBND", 5, 0},
                                            {"Hà Tĩnh, ngày 05 tháng 02 năm 2026", 6, 1}});
        CHECK(h.superior.empty());
        CHECK(h.issuer == std::vector<std::string>{"ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"});
        CHECK(h.state_title);
        REQUIRE(h.number);
        CHECK(h.number->colon);
        REQUIRE(h.place_date);
        CHECK(h.place_date->place == "Hà Tĩnh");
    }
}

TEST_CASE("recipients with sub-items, broken lines, and each signature form", "[import][closing]") {
    const Closing c = read_closing_lines({
        {"Nơi nhận:", 1, 0},
        {"- Ban Bí thư Trung ương (b/c),", 2, 0},
        {"- Các sở, ban, ngành:", 3, 0},
        {"+ Sở Nội vụ,", 4, 0},
        {"+ Sở Tài chính,", 5, 0},
        {"- BTV, BTC các huyện, thị, thành ủy,", 6, 0},
        {"đảng ủy trực thuộc,", 7, 0},
        {"- Lưu Văn phòng Tỉnh ủy.", 8, 0},
        {"T/M BAN THƯỜNG VỤ", 9, -1},
        {"PHÓ BÍ THƯ THƯỜNG TRỰC", 10, -1},
        {"(Đã ký)", 11, -1},
        {"Đỗ Xuân Tuyên", 12, -1},
    });
    REQUIRE(c.recipients.size() == 4);
    CHECK(c.recipients[0].text == "Ban Bí thư Trung ương (b/c)");
    CHECK(c.recipients[1].text == "Các sở, ban, ngành");
    CHECK(c.recipients[1].items == std::vector<std::string>{"Sở Nội vụ", "Sở Tài chính"});
    CHECK(c.recipients[2].text == "BTV, BTC các huyện, thị, thành ủy, đảng ủy trực thuộc");
    CHECK(c.recipients[3].text == "Lưu Văn phòng Tỉnh ủy");
    CHECK(c.separator == ",");
    CHECK(c.last_ending == ".");
    CHECK(c.authority == std::vector<std::string>{"T/M BAN THƯỜNG VỤ"});
    CHECK(c.position == std::vector<std::string>{"PHÓ BÍ THƯ THƯỜNG TRỰC"});
    CHECK(c.note == "(Đã ký)");
    CHECK(c.name == "Đỗ Xuân Tuyên");
    CHECK(c.unplaced.empty());
    for (const char* authority : {"T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN",
                                  "KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH", "Q. CHỦ TỊCH"})
        CHECK(is_authority_line(authority));
    CHECK_FALSE(is_authority_line("TỔ CHỨC THỰC HIỆN"));
}
