#include "fixture.hpp"

#include <fstream>
#include <stdexcept>

#include "model/profile.hpp"

namespace vanban::docx_fixture {

using namespace model;

std::filesystem::path source_dir() { return VANBAN_SOURCE_DIR; }

Profile party_profile() { return load_profile_file(source_dir() / "templates/_profiles/party.json"); }
Profile state_profile() { return load_profile_file(source_dir() / "templates/_profiles/state.json"); }

std::string inline_text(const Inline& line) {
    std::string text;
    for (const Run& run : line) text += run.text;
    return text;
}

namespace {

// "a *b* _c_" -> runs "a ", "b" (bold), " ", "c" (italic).
Inline parse_inline(const std::string& text) {
    Inline runs;
    Run current;
    auto flush = [&] {
        if (!current.text.empty()) runs.push_back(current);
        current.text.clear();
    };
    for (char c : text) {
        if (c == '*' || c == '_') {
            flush();
            (c == '*' ? current.bold : current.italic) ^= true;
        } else {
            current.text += c;
        }
    }
    flush();
    return runs;
}

Block parse_block(const std::string& line) {
    std::size_t space = line.find(' ');
    std::string tag = line.substr(0, space);
    std::string rest = line.substr(space + 1);
    if (tag == "p") return Paragraph{ParagraphKind::body, parse_inline(rest)};
    std::size_t bar = rest.find('|');
    if (bar == std::string::npos) throw std::runtime_error("plan_000.txt: no '|' in: " + line);
    std::string number = rest.substr(0, bar);
    Inline text = parse_inline(rest.substr(bar + 1));
    if (tag == "li") return ListItem{number, 1, text};
    if (tag.size() == 2 && tag[0] == 'h') return Heading{tag[1] - '0', number, text};
    throw std::runtime_error("plan_000.txt: unknown tag in: " + line);
}

TableCell cell(std::string text, Align align = Align::left) {
    TableCell c;
    c.paragraphs.push_back({Run{std::move(text)}});
    c.align = align;
    return c;
}

TableCell covered() {
    TableCell c;
    c.covered = true;
    return c;
}

// Task assignments: a header row, a "Chủ trì" cell spanning two rows, a "Phối hợp" cell
// spanning two columns.
Table task_table() {
    Table t;
    t.column_weights = {8, 40, 20, 20, 12};
    TableRow header;
    header.header = true;
    for (const char* title : {"STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"})
        header.cells.push_back(cell(title, Align::center));
    t.rows.push_back(header);

    TableRow r1;
    r1.cells = {cell("1", Align::center), cell("Hội nghị quán triệt Chỉ thị 28-CT/TW"),
                cell("Ban Tổ chức Tỉnh ủy"), cell("Văn phòng Tỉnh ủy"), cell("Tháng 4/2019", Align::center)};
    r1.cells[2].rowspan = 2;
    t.rows.push_back(r1);
    TableRow r2;
    r2.cells = {cell("2", Align::center), cell("Tổng điều tra tình hình đội ngũ đảng viên"), covered(),
                cell("Các huyện, thị, thành ủy"), cell("Năm 2019", Align::center)};
    t.rows.push_back(r2);
    TableRow r3;
    r3.cells = {cell("3", Align::center), cell("Tuyên truyền về công tác phát triển đảng viên"),
                cell("Ban Tuyên giáo Tỉnh ủy"), cell("Các cơ quan báo chí của tỉnh"), covered()};
    r3.cells[3].colspan = 2;
    t.rows.push_back(r3);
    TableRow r4;
    r4.cells = {cell("4", Align::center), cell("Rà soát, sàng lọc đảng viên"), cell("Các cấp ủy cơ sở"),
                cell("Ban Tổ chức Tỉnh ủy"), cell("Trước 19/5/2019", Align::center)};
    r4.cells[1].paragraphs.push_back({Run{"Báo cáo kết quả "}, Run{"trước 19/5/2019", true}});
    t.rows.push_back(r4);
    return t;
}

Recipients plan_000_recipients() {
    Recipients r;
    for (const char* line :
         {"- Ban Bí thư Trung ương (b/c),", "- Ban Tổ chức Trung ương,", "- Vụ địa phương II, BTC Trung ương,",
          "- Các đồng chí Tỉnh ủy viên,", "- Các cơ quan tham mưu, giúp việc Tỉnh ủy,",
          "- UBMT TQVN và các đoàn thể CT-XH tỉnh,", "- Các BCS Đảng, Đảng đoàn,",
          "- BTV, BTC các huyện, thị, thành ủy, đảng ủy trực thuộc,", "- Lưu Văn phòng Tỉnh ủy."})
        r.lines.push_back({Run{line}});
    return r;
}

} // namespace

std::vector<Block> plan_000_body() {
    std::ifstream in(source_dir() / "tests/docx/data/plan_000.txt");
    if (!in) throw std::runtime_error("cannot read tests/docx/data/plan_000.txt");
    std::vector<Block> blocks;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') blocks.push_back(parse_block(line));
    return blocks;
}

Document plan_000_party() {
    Document doc;
    doc.profile = party_profile();
    doc.metadata.title = "Kế hoạch thực hiện Chỉ thị số 28-CT/TW";
    doc.metadata.author = "Tỉnh ủy Quảng Nam";
    Header h;
    h.issuer = {"TỈNH ỦY QUẢNG NAM"};
    h.number_line = "Số 19-KH/TU";
    h.place_date_line = "Quảng Nam, ngày 25 tháng 3 năm 2019";
    doc.header = h;
    DocTitle title;
    title.type_name = "KẾ HOẠCH";
    title.summary = {{Run{"thực hiện Chỉ thị số 28-CT/TW, ngày 21/01/2019 của Ban Bí thư"}},
                     {Run{"Trung ương Đảng khóa XII về “Nâng cao chất lượng kết nạp đảng viên và"}},
                     {Run{"rà soát, sàng lọc đưa những đảng viên không còn đủ tư cách ra khỏi Đảng”"}}};
    doc.title = title;
    doc.body = plan_000_body();
    doc.closing.recipients = plan_000_recipients();
    Signature s;
    s.authority = {"T/M BAN THƯỜNG VỤ"};
    s.position = {"PHÓ BÍ THƯ"};
    s.name = "Nguyễn Văn A";
    doc.closing.signature = s;

    Appendix a;
    a.title = {"PHỤ LỤC", "PHÂN CÔNG NHIỆM VỤ"};
    a.subtitle = {{Run{"(Kèm theo Kế hoạch số 19-KH/TU, ngày 25/3/2019 của Ban Thường vụ Tỉnh ủy)"}}};
    a.blocks.push_back(Heading{3, "1.1-", {Run{"Các nhiệm vụ trọng tâm năm 2019"}}});
    a.blocks.push_back(task_table());
    a.blocks.push_back(Paragraph{ParagraphKind::plain, {Run{"Ghi chú: "}, Run{"các cơ quan chủ trì báo cáo kết quả về Ban Tổ chức Tỉnh ủy.", false, true}}});
    a.blocks.push_back(Paragraph{ParagraphKind::center, {Run{"(Hết phụ lục)"}}});
    doc.appendices.push_back(a);
    return doc;
}

Document plan_state() {
    Document doc;
    doc.profile = state_profile();
    doc.metadata.title = "Kế hoạch công tác văn thư, lưu trữ năm 2026";
    Header h;
    h.superior = {"UBND TỈNH QUẢNG NAM"};
    h.issuer = {"SỞ NỘI VỤ"};
    h.number_line = "Số: 15/KH-SNV";
    h.place_date_line = "Quảng Nam, ngày 05 tháng 02 năm 2026";
    h.marks = {"KHẨN"};
    doc.header = h;
    DocTitle title;
    title.type_name = "KẾ HOẠCH";
    title.summary = {{Run{"Triển khai công tác văn thư, lưu trữ năm 2026"}}};
    doc.title = title;
    std::vector<Block> body = plan_000_body();
    body.resize(std::min<std::size_t>(body.size(), 14));
    doc.body = body;
    Recipients r;
    r.label = "Nơi nhận:";
    r.lines = {{Run{"- UBND tỉnh (để b/c);"}}, {Run{"- Các phòng, đơn vị thuộc Sở;"}}, {Run{"- Lưu: VT, VP."}}};
    doc.closing.recipients = r;
    Signature s;
    s.authority = {"KT. GIÁM ĐỐC"};
    s.position = {"PHÓ GIÁM ĐỐC"};
    s.note = "(Đã ký)";
    s.name = "Trần Văn B";
    doc.closing.signature = s;
    return doc;
}

} // namespace vanban::docx_fixture
