#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "fixtures/layout_helpers.hpp"
#include "fixtures/seed000_plan.hpp"
#include "layout/fit_lines.hpp"
#include "layout/layout.hpp"
#include "layout/linebreak.hpp"
#include "layout/mirror.hpp"
#include "layout/paragraph.hpp"
#include "model/furniture.hpp"
#include "support/temp_dir.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using fixtures::pt_per_mm;

namespace {

const std::string long_text =
    "Tăng cường công tác quản lý, giáo dục đảng viên; đổi mới và nâng cao chất lượng học tập lý "
    "luận chính trị, học tập nghị quyết của Đảng đối với đảng viên; thực hiện nghiêm túc quy định "
    "về quản lý sinh hoạt đảng và chuyển sinh hoạt đảng; chi bộ thực hiện tốt việc quản lý, phân "
    "công công tác cho đảng viên, đảm bảo mọi đảng viên trong chi bộ đều được phân công công tác "
    "phù hợp. Tăng cường kiểm tra việc thực hiện quy định về chế độ sinh hoạt đảng theo định kỳ.";

// Adjustment ratio of each line for given breaks (the last line is not counted: it is set at
// its natural width).
std::vector<double> ratios(const std::vector<layout::BreakItem>& items, const std::vector<std::size_t>& breaks, double width) {
    std::vector<double> out;
    std::size_t start = 0;
    for (std::size_t k = 0; k + 1 < breaks.size(); ++k) {
        double natural = 0, stretch = 0, shrink = 0;
        std::size_t i = start;
        while (i < breaks[k] && items[i].kind != layout::BreakItem::Kind::box) ++i;
        for (; i < breaks[k]; ++i) {
            natural += items[i].width;
            stretch += items[i].stretch;
            shrink += items[i].shrink;
        }
        out.push_back(natural < width ? (width - natural) / stretch : (width - natural) / shrink);
        start = breaks[k] + 1;
    }
    return out;
}

// First-fit breaking, the way a word processor fills lines.
std::vector<std::size_t> greedy(const std::vector<layout::BreakItem>& items, double width) {
    std::vector<std::size_t> breaks;
    double line = 0;
    std::size_t last_glue = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].kind == layout::BreakItem::Kind::penalty) break;
        if (items[i].kind == layout::BreakItem::Kind::glue) last_glue = i;
        if (items[i].kind == layout::BreakItem::Kind::box && line + items[i].width > width && line > 0) {
            breaks.push_back(last_glue);
            line = 0;
            for (std::size_t j = last_glue + 1; j <= i; ++j) line += items[j].width;
            continue;
        }
        line += items[i].width;
    }
    breaks.push_back(items.size() - 1);
    return breaks;
}

std::vector<layout::BreakItem> words_items(const std::vector<double>& widths) {
    std::vector<layout::BreakItem> items;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i > 0) items.push_back({layout::BreakItem::Kind::glue, 4, 2, 4.0 / 3, 0});
        items.push_back({layout::BreakItem::Kind::box, widths[i], 0, 0, 0});
    }
    items.push_back({layout::BreakItem::Kind::glue, 0, 1e6, 0, 0});
    items.push_back({layout::BreakItem::Kind::penalty, 0, 0, 0, -layout::forced_break});
    return items;
}

} // namespace

TEST_CASE("total fit keeps every line closer to its natural spacing than first fit") {
    // Word widths of a pseudo-random paragraph; the test compares the worst stretched line.
    std::vector<double> widths;
    for (int i = 0; i < 120; ++i) widths.push_back(10 + (i * 37 % 23));
    const auto items = words_items(widths);
    const double width = 200;
    const auto best = layout::break_lines(items, layout::LineWidths{width, width});
    const auto first_fit = greedy(items, width);
    REQUIRE(best.back() == items.size() - 1);

    auto worst = [](const std::vector<double>& r) {
        double w = 0;
        for (double x : r) w = std::max(w, std::abs(x));
        return w;
    };
    auto sum_squares = [](const std::vector<double>& r) {
        double s = 0;
        for (double x : r) s += x * x * x * x * x * x;
        return s;
    };
    const auto kp = ratios(items, best, width);
    const auto ff = ratios(items, first_fit, width);
    for (double r : kp) CHECK(r >= -1.0);
    CHECK(worst(kp) <= worst(ff));
    CHECK(sum_squares(kp) < sum_squares(ff));
}

TEST_CASE("a word wider than the line is split rather than overflowing") {
    const auto fonts = fixtures::repo_fonts();
    const auto& family = fonts->families().front();
    layout::ParagraphFormat format;
    format.width = 60;
    format.size = 12;
    const auto lines = layout::set_paragraph({model::Run{"https://vanban.example/rat-dai-khong-co-dau-cach-nao-ca"}}, format, family);
    REQUIRE(lines.size() > 1);
    for (const auto& line : lines)
        for (const auto& f : line.fragments) CHECK(f.x + f.width <= format.width + 0.01);
}

TEST_CASE("a text store keeps every text where it was made, as it grows and when it moves") {
    // Text items view their texts in the layout's store (pages.hpp): what was kept must stay
    // put while thousands more are added, a text made piece by piece may outgrow the room it
    // asked for, and a store moved into a PageLayout keeps the views valid.
    layout::TextStore store;
    std::vector<std::pair<std::string_view, std::string>> kept;
    for (int i = 0; i < 3000; ++i) {
        const std::string text = "Thôn " + std::to_string(i) + " xã Tân Lập";
        kept.emplace_back(store.keep(text), text);
    }
    store.begin(4); // less room than the text will take
    std::string long_text_made;
    for (int i = 0; i < 2000; ++i) {
        store.append("Nhiệm vụ");
        store.append(2, ' ');
        long_text_made += "Nhiệm vụ  ";
    }
    const std::string_view made = store.made();
    CHECK(made == long_text_made);
    CHECK(store.keep("").empty());
    layout::TextStore moved = std::move(store);
    CHECK(moved.keep("sau") == "sau");
    CHECK(made == long_text_made);
    for (const auto& [view, text] : kept) CHECK(view == text);
}

TEST_CASE("lines set into a reused pool are the lines of the paragraph set alone") {
    // A table sets its cells one group of rows at a time into one pool (layout.cpp): a line
    // reused from a longer paragraph before must carry nothing of it.
    const auto fonts = fixtures::repo_fonts();
    const auto& family = fonts->families().front();
    const auto profile = fixtures::repo_profile("party");
    auto format = layout::format_of(profile.body, 200);
    const model::Inline long_runs{model::Run{long_text}};
    const model::Inline underlined_runs{model::Run{long_text, true, false, true}};
    const model::Inline short_runs{model::Run{"Thôn 12 "}, model::Run{"xã Tân Lập", false, false, true}};
    const model::Inline empty_runs;
    layout::LinePool pool;
    layout::set_paragraph(underlined_runs, format, family, pool);
    REQUIRE(pool.size() > 3);
    REQUIRE(!pool[1].underlines.empty());
    pool.clear();
    auto same = [](const layout::SetLine& a, const layout::SetLine& b) {
        bool fragments = a.fragments.size() == b.fragments.size();
        for (std::size_t i = 0; fragments && i < a.fragments.size(); ++i)
            fragments = a.fragments[i].text == b.fragments[i].text && a.fragments[i].x == b.fragments[i].x &&
                        a.fragments[i].width == b.fragments[i].width &&
                        a.fragments[i].spaces_before == b.fragments[i].spaces_before;
        return fragments && a.underlines == b.underlines && a.ascent == b.ascent && a.descent == b.descent &&
               a.height == b.height && a.justified == b.justified && a.natural_right == b.natural_right;
    };
    std::size_t at = 0;
    for (const model::Inline* runs : {&short_runs, &empty_runs, &long_runs}) {
        layout::set_paragraph(*runs, format, family, pool);
        const auto alone = layout::set_paragraph(*runs, format, family);
        REQUIRE(pool.size() - at == alone.size());
        for (std::size_t i = 0; i < alone.size(); ++i) CHECK(same(pool[at + i], alone[i]));
        at = pool.size();
    }
    CHECK(!pool[0].underlines.empty()); // the short paragraph's underlined words
}

TEST_CASE("justified lines are flush at both edges; the last line and forced breaks are not stretched") {
    const auto fonts = fixtures::repo_fonts();
    const auto& family = fonts->families().front();
    const auto profile = fixtures::repo_profile("party");
    const double width = 165 * pt_per_mm;
    const auto format = layout::format_of(profile.body, width);
    const auto lines = layout::set_paragraph({model::Run{long_text + "\n" + long_text}}, format, family);
    REQUIRE(lines.size() >= 6);

    const double space = family.face(layout::Face::regular).advance(U' ') * format.size;
    int justified = 0, natural = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        REQUIRE(!line.fragments.empty());
        const auto& last = line.fragments.back();
        CHECK(last.x + last.width <= width + 0.01);
        CHECK(line.fragments.front().x == Approx(i == 0 ? 10 * pt_per_mm : 0).margin(0.01));
        if (line.justified) {
            ++justified;
            CHECK(last.x + last.width == Approx(width).margin(0.01));
        } else {
            ++natural;
            for (std::size_t k = 1; k < line.fragments.size(); ++k) {
                const auto& a = line.fragments[k - 1];
                CHECK(line.fragments[k].x - (a.x + a.width) == Approx(space).margin(0.01));
            }
        }
    }
    CHECK(natural == 2); // the line before "\n" and the last line
    CHECK(justified == static_cast<int>(lines.size()) - 2);
}

namespace {

struct Checked {
    layout::PageLayout pages;
    model::Profile profile;
};

Checked lay_out(const model::Document& doc) {
    return {layout::layout_document(doc, *fixtures::repo_fonts()), doc.profile};
}

bool is_page_number(const fixtures::PageLine& line, double page_height) {
    return line.y > page_height - 20 * pt_per_mm;
}

} // namespace

TEST_CASE("the seed plan fits the margins and numbers its pages from page 2") {
    const auto profile = fixtures::repo_profile("party");
    const auto [pages, p] = lay_out(fixtures::seed000_document(profile));
    REQUIRE(pages.pages.size() >= 4);
    // The text block on the twip grid both writers share (docs/layout-rules.md, rule 17).
    const model::TextBlock block = model::text_block(p.page);
    const double left = block.left, right = block.right;
    for (std::size_t n = 0; n < pages.pages.size(); ++n) {
        const auto lines = fixtures::page_lines(pages, pages.pages[n]);
        bool numbered = false;
        for (const auto& line : lines) {
            if (is_page_number(line, pages.height)) {
                CHECK(line.text == std::to_string(n + 1));
                // Centred over the text block, as Word centres a header paragraph (rule 15).
                CHECK((line.x_min + line.x_max) / 2 == Approx((left + right) / 2).margin(0.01));
                numbered = true;
                continue;
            }
            CHECK(line.x_min >= left - 0.01);
            INFO(line.text);
            CHECK(line.x_max <= right + 0.01);
            CHECK(line.y >= p.page.margin_bottom_mm * pt_per_mm);
        }
        CHECK(numbered == (n > 0));
    }
}

TEST_CASE("no heading ends a page, no orphan or widow line, and the closing keeps body lines") {
    const auto profile = fixtures::repo_profile("party");
    model::Document doc = fixtures::seed000_document(profile);
    // More paragraphs of different lengths, so that many page breaks fall inside them.
    for (int i = 0; i < 30; ++i) {
        fixtures::heading(doc, 2, std::to_string(i + 7) + "-", "Mục bổ sung số " + std::to_string(i + 1));
        std::string text;
        for (int k = 0; k <= i % 5; ++k) text += long_text + " ";
        fixtures::paragraph(doc, text);
    }
    const auto [pages, p] = lay_out(doc);
    const double left = p.page.margin_left_mm * pt_per_mm;
    const double indent = left + p.body.first_line_indent_mm * pt_per_mm;

    for (const auto& mark : pages.bookmarks) {
        const auto lines = fixtures::page_lines(pages, pages.pages[mark.page]);
        int below = 0;
        for (const auto& line : lines)
            if (line.y < mark.y - 20 && !is_page_number(line, pages.height)) ++below;
        CHECK(below >= 2); // the heading line itself, and at least one line after it
    }
    for (std::size_t n = 1; n + 1 < pages.pages.size(); ++n) {
        std::vector<fixtures::PageLine> body;
        for (const auto& line : fixtures::page_lines(pages, pages.pages[n]))
            if (!is_page_number(line, pages.height)) body.push_back(line);
        REQUIRE(body.size() >= 2);
        // A page starting inside a paragraph (a continuation line, at the left margin)
        // carries at least two of its lines: the second one is not a new paragraph.
        const bool starts_inside = std::abs(body[0].x_min - left) < 0.01;
        if (starts_inside) CHECK(std::abs(body[1].x_min - indent) > 0.01);
        // Its last line is not the first line of a paragraph that goes on: either it is a
        // continuation line or the next page starts a new paragraph.
        std::vector<fixtures::PageLine> next;
        for (const auto& line : fixtures::page_lines(pages, pages.pages[n + 1]))
            if (!is_page_number(line, pages.height)) next.push_back(line);
        const bool ends_with_first_line = std::abs(body.back().x_min - indent) < 0.01;
        if (ends_with_first_line && !next.empty()) CHECK(std::abs(next[0].x_min - left) > 0.01);
    }
    // The closing (Nơi nhận + signature) shares its page with at least two body lines.
    const auto& last = pages.pages.back();
    const auto lines = fixtures::page_lines(pages, last);
    std::size_t label = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].text.rfind("Nơi nhận:", 0) == 0) label = i;
    REQUIRE(label < lines.size());
    CHECK(label >= 3); // page number + two body lines before it
}

TEST_CASE("a table's header row is repeated on every page it spans") {
    const auto profile = fixtures::repo_profile("party");
    model::Document doc;
    doc.profile = profile;
    fixtures::paragraph(doc, long_text);
    doc.body.push_back(fixtures::assignment_table(60));
    const auto [pages, p] = lay_out(doc);
    REQUIRE(pages.pages.size() >= 3);
    for (std::size_t n = 0; n < pages.pages.size(); ++n) {
        int headers = 0;
        double header_y = 0, highest_row = 0;
        for (const auto& t : pages.pages[n].texts) {
            if (t.text == "Nội dung công việc") {
                ++headers;
                header_y = t.y;
            }
            if (t.text.find("Thường") == 0 || t.text.find("Tháng") == 0) highest_row = std::max(highest_row, t.y);
        }
        CHECK(headers == 1);
        CHECK(header_y > highest_row); // above every row of the page
    }
}

TEST_CASE("first fit breaks where a word processor does, leaving 0.06 pt to spare") {
    std::vector<double> widths;
    for (int i = 0; i < 120; ++i) widths.push_back(10 + (i * 37 % 23));
    const auto items = words_items(widths);
    const double width = 200;
    // The greedy reference with the line's width less the room the breaker leaves.
    CHECK(layout::break_lines_first_fit(items, layout::LineWidths{width, width}) ==
          greedy(items, width - layout::line_room_pt));
    // A line exactly as wide as its two words does not fit; 0.06 pt more and it does.
    const auto two = words_items({98, 98});
    CHECK(layout::break_lines_first_fit(two, layout::LineWidths{200, 200}).size() == 2);
    CHECK(layout::break_lines_first_fit(two, layout::LineWidths{200.06, 200.06}).size() == 1);
}

TEST_CASE("a word is never broken after its hyphen: \"28-CT/TW\" goes whole to the next line") {
    const auto family = fixtures::repo_fonts()->family("Times New Roman");
    const auto profile = fixtures::repo_profile("party");
    const layout::TrueTypeFace& face = family.face(layout::Face::regular);
    const std::string first = "thực hiện Chỉ thị số";
    // Room for the first words and "28-", not for "28-CT/TW".
    const double width = (layout::text_width(face, first + " 28-") + 0.5 * layout::text_width(face, "CT/TW")) * 14;
    auto format = layout::format_of(profile.body, width);
    format.first_indent = 0;
    const model::Inline runs{model::Run{first + " 28-CT/TW trong tháng 5/2019."}}; // the lines point into it
    const auto lines = layout::set_paragraph(runs, format, family);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].fragments.back().text == "số");
    CHECK(lines[1].fragments.front().text == "28-CT/TW");
}

TEST_CASE("spaces of a justified line stretch but never shrink, in both kinds of breaking") {
    const auto family = fixtures::repo_fonts()->family("Times New Roman");
    const auto profile = fixtures::repo_profile("party");
    for (model::LineBreaking breaking : {model::LineBreaking::first_fit, model::LineBreaking::optimal_fit}) {
        const auto format = layout::format_of(profile.body, 300, breaking);
        const model::Inline runs{model::Run{long_text}};
        const auto lines = layout::set_paragraph(runs, format, family);
        REQUIRE(lines.size() > 3);
        const double space = family.face(layout::Face::regular).advance(U' ') * format.size;
        for (const auto& line : lines)
            for (std::size_t k = 1; k < line.fragments.size(); ++k) {
                const auto& before = line.fragments[k - 1];
                CHECK(line.fragments[k].x - (before.x + before.width) >= space - 1e-9);
            }
    }
}

TEST_CASE("a header line wider than its column breaks at the balanced place") {
    const auto family = fixtures::repo_fonts()->family("Times New Roman");
    const auto profile = fixtures::repo_profile("party");
    const model::TextStyle& issuer = profile.header.issuer_style;
    const double column = model::twips_to_pt(model::header_columns(profile).left);
    // Filling the first line would leave "PHÚ" alone on the second.
    CHECK(layout::balanced_lines("CHI BỘ TRƯỜNG THPT TRẦN PHÚ", issuer, family, column) ==
          std::vector<std::string>{"CHI BỘ TRƯỜNG", "THPT TRẦN PHÚ"});
    CHECK(layout::balanced_lines("CHI BỘ", issuer, family, column) == std::vector<std::string>{"CHI BỘ"});
    CHECK(layout::balanced_lines("ĐẢNGBỘTỈNHQUẢNGNAMĐẢNGBỘTỈNHQUẢNGNAM", issuer, family, column).size() == 1);
    // Three lines when two cannot hold it, each as long as the others can be.
    const auto three = layout::balanced_lines(
        "BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ CỦA ĐẢNG BỘ KHỐI", issuer, family, column);
    REQUIRE(three.size() == 3);
    for (const std::string& line : three) CHECK(line.find(' ') != std::string::npos); // no word alone
}

TEST_CASE("the model's header and signature lines are fitted, with a warning for each one broken") {
    const auto family = fixtures::repo_fonts()->family("Times New Roman");
    model::Document doc = fixtures::seed000_document(fixtures::repo_profile("party"));
    doc.header->issuer = {"CHI BỘ", "TRƯỜNG THPT TRẦN PHÚ"};         // the data's own lines stay
    doc.closing.signature->position = {"PHÓ BÍ THƯ THƯỜNG TRỰC TỈNH ỦY QUẢNG NAM"};
    const auto warnings = layout::fit_furniture_lines(doc, family);
    CHECK(doc.header->issuer == std::vector<std::string>{"CHI BỘ", "TRƯỜNG THPT TRẦN PHÚ"});
    REQUIRE(doc.closing.signature->position.size() == 2);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0].text(), Catch::Contains("position") && Catch::Contains("PHÓ BÍ THƯ THƯỜNG TRỰC TỈNH ỦY QUẢNG NAM"));
    CHECK(warnings[0].code() == std::string("layout.line-broken"));
}

TEST_CASE("the Party header puts the date on the number's row and the page numbers over the text block") {
    const auto profile = fixtures::repo_profile("party");
    const auto [pages, p] = lay_out(fixtures::seed000_document(profile));
    const layout::TextItem* number = nullptr;
    const layout::TextItem* date = nullptr;
    for (const auto& t : pages.pages[0].texts) {
        if (t.text.rfind("Số ", 0) == 0) number = &t;
        if (t.text.rfind("Quảng Nam, ngày", 0) == 0) date = &t;
    }
    REQUIRE(number);
    REQUIRE(date);
    CHECK(number->y == Approx(date->y)); // HD36 draws the date on the row of "Số" (rule 13)
    // The rule under the title: 0.5 pt, its centre 1.5 pt below the title's line box (rule 14).
    REQUIRE(!pages.pages[0].rules.empty());
    CHECK(pages.pages[0].rules.front().width == Approx(0.5));
}

TEST_CASE("the State header puts the number and the date on one row") {
    const auto profile = fixtures::repo_profile("state");
    const auto [pages, p] = lay_out(fixtures::seed000_document(profile));
    const layout::TextItem* number = nullptr;
    const layout::TextItem* date = nullptr;
    const layout::TextItem* title = nullptr;
    for (const auto& t : pages.pages[0].texts) {
        if (t.text.rfind("Số: 25/KH-UBND", 0) == 0) number = &t;
        if (t.text.rfind("Quảng Nam, ngày", 0) == 0) date = &t;
        if (t.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") title = &t;
    }
    REQUIRE(number);
    REQUIRE(date);
    REQUIRE(title); // on one line
    CHECK(number->y == Approx(date->y));
    CHECK(title->x >= (p.page.margin_left_mm + p.header.left_column_mm) * pt_per_mm - 0.01);
}

TEST_CASE("a missing font is an error naming the files and the folders searched") {
    const testing::TempDir scratch;
    const auto& dir = scratch.path();
    const auto config_file = scratch.write(
        "fonts.json", R"({"families": {"Times New Roman": {"regular": ["NoSuchFont.ttf"]}}, "system_dirs": []})");
    layout::FontConfig config;
    config.config_file = config_file;
    config.font_dirs = {dir / "extra"};
    try {
        layout::load_font_set(config);
        FAIL("no error");
    } catch (const Failure& failure) {
        CHECK(failure.error().kind == ErrorKind::resource);
        const std::string message = failure.what();
        CHECK(message.find("NoSuchFont.ttf") != std::string::npos);
        CHECK(message.find((dir / "extra").string()) != std::string::npos);
        CHECK(message.find("regular") != std::string::npos);
    }
}

TEST_CASE("the built-in font settings find the same files as fonts/fonts.json") {
    const auto from_file = fixtures::repo_fonts();
    const auto builtin = layout::load_font_set({});
    for (std::size_t f = 0; f < layout::face_count; ++f) {
        const auto face = static_cast<layout::Face>(f);
        CHECK(std::filesystem::path(builtin->families().front().face(face).source()).filename() ==
              std::filesystem::path(from_file->families().front().face(face).source()).filename());
    }
}

namespace {

// The page (0-based) and the item of the first text that starts with `start`.
std::pair<std::size_t, const layout::TextItem*> find_text(const layout::PageLayout& pages, const std::string& start) {
    for (std::size_t p = 0; p < pages.pages.size(); ++p)
        for (const auto& t : pages.pages[p].texts)
            if (t.text.rfind(start, 0) == 0) return {p, &t};
    return {0, nullptr};
}

} // namespace

TEST_CASE("list items of levels 2 to 4 indent their first line by the profile's step") {
    auto profile = fixtures::repo_profile("party");
    REQUIRE(profile.list_level_indent_mm > 0);
    model::Document doc;
    doc.profile = profile;
    for (int level = 1; level <= 4; ++level)
        doc.body.push_back(model::ListItem{std::string(static_cast<std::size_t>(level), '+'), level, fixtures::runs("Mục cấp " + std::to_string(level))});
    const auto [pages, p] = lay_out(doc);
    const double left = model::text_block(p.page).left;
    for (int level = 1; level <= 4; ++level) {
        const auto [page, item] = find_text(pages, std::string(static_cast<std::size_t>(level), '+') + " Mục cấp");
        REQUIRE(item);
        const double expected =
            left + model::mm_on_grid_pt(p.list_item.first_line_indent_mm + (level - 1) * p.list_level_indent_mm);
        CHECK(item->x == Approx(expected).margin(0.01));
    }
}

TEST_CASE("an appendix starts a page; in the State profile it numbers its own pages") {
    for (const char* name : {"party", "state"}) {
        INFO(name);
        const auto profile = fixtures::repo_profile(name);
        model::Document doc = fixtures::seed000_document(profile);
        model::Appendix appendix;
        appendix.title = {"Phụ lục", "PHÂN CÔNG NHIỆM VỤ"};
        appendix.blocks.push_back(fixtures::assignment_table(70)); // more than one page
        doc.appendices.push_back(appendix);
        const auto [pages, p] = lay_out(doc);
        const auto [first, title] = find_text(pages, "Phụ lục");
        REQUIRE(title);
        REQUIRE(first + 2 < pages.pages.size());
        // Nothing of the body above the appendix title on its page.
        for (const auto& t : pages.pages[first].texts) CHECK((t.y <= title->y || t.y > pages.height - 20 * pt_per_mm));
        auto number_of = [&](std::size_t page) -> std::string {
            for (const auto& t : pages.pages[page].texts)
                if (t.y > pages.height - 20 * pt_per_mm) return std::string(t.text);
            return "";
        };
        if (p.appendix_restarts_page_numbers) {
            CHECK(number_of(first).empty());
            CHECK(number_of(first + 1) == "2");
        } else {
            CHECK(number_of(first) == std::to_string(first + 1));
            CHECK(number_of(first + 1) == std::to_string(first + 2));
        }
    }
}

TEST_CASE("a table row taller than a page is cut between lines and stays within the margins") {
    const auto profile = fixtures::repo_profile("party");
    model::Document doc;
    doc.profile = profile;
    model::Table table = fixtures::assignment_table(2);
    std::string tall;
    for (int i = 0; i < 12; ++i) tall += long_text + " ";
    table.rows.back().cells[1].paragraphs = {fixtures::runs(tall)};
    doc.body.push_back(table);
    const auto [pages, p] = lay_out(doc);
    REQUIRE(pages.pages.size() >= 2);
    const double bottom = p.page.margin_bottom_mm * pt_per_mm;
    std::size_t lines = 0;
    for (const auto& page : pages.pages) {
        for (const auto& t : page.texts) {
            CHECK(t.y >= bottom - 0.01);
            if (t.text.find("Tăng cường") != std::string::npos) ++lines;
        }
        for (const auto& r : page.rules) {
            CHECK(std::min(r.y1, r.y2) >= bottom - 0.01);
            CHECK(std::max(r.y1, r.y2) <= pages.height - p.page.margin_top_mm * pt_per_mm + 0.01);
        }
    }
    CHECK(lines >= 12); // every line of the tall cell is somewhere
}

TEST_CASE("a table's last row never starts a page alone, and a line ending with ':' stays with its table") {
    const auto profile = fixtures::repo_profile("party");
    for (int filler = 0; filler < 45; ++filler) {
        INFO(filler);
        model::Document doc;
        doc.profile = profile;
        for (int i = 0; i < filler; ++i) fixtures::paragraph(doc, "Đoạn " + std::to_string(i) + ".");
        fixtures::paragraph(doc, "Bảng phân công như sau:");
        model::Table table = fixtures::assignment_table(8);
        table.rows.back().cells[1].paragraphs = {fixtures::runs("Tổng cộng")};
        doc.body.push_back(table);
        const auto [pages, p] = lay_out(doc);
        const auto [intro_page, intro] = find_text(pages, "Bảng phân công như sau:");
        const auto [header_page, header] = find_text(pages, "Nội dung công việc");
        REQUIRE(intro);
        REQUIRE(header);
        CHECK(intro_page == header_page);
        const auto [total_page, total] = find_text(pages, "Tổng cộng");
        REQUIRE(total);
        // Another body row (its TT number, 1 to 7) shares the totals row's page.
        int rows_on_page = 0;
        for (const auto& t : pages.pages[total_page].texts)
            if (t.y < pages.height - 20 * pt_per_mm && t.text.size() == 1 && t.text[0] >= '1' && t.text[0] <= '7')
                ++rows_on_page;
        CHECK(rows_on_page >= 1);
    }
}

TEST_CASE("mirrored margins move everything on a back page, a chart's shapes too") {
    model::PageSetup setup;
    setup.margin_left_mm = 30;
    setup.margin_right_mm = 15;
    setup.mirror_margins = true;
    layout::PageLayout pages;
    for (int i = 0; i < 2; ++i) {
        layout::Page page;
        page.texts.push_back(layout::TextItem{.x = 100});
        layout::ShapeItem bar;
        bar.move_to(100, 10).line_to(150, 10).curve_to(150, 20, 140, 30, 100, 30).close();
        page.shapes.push_back(bar);
        pages.pages.push_back(page);
    }
    layout::mirror_back_pages(pages, setup);
    const double shift = model::mm_on_grid_pt(15) - model::mm_on_grid_pt(30);
    CHECK(pages.pages[0].texts[0].x == 100);
    CHECK(pages.pages[0].shapes[0].steps[0].x[0] == 100);
    CHECK(pages.pages[1].texts[0].x == Approx(100 + shift));
    const layout::ShapeItem& moved = pages.pages[1].shapes[0];
    CHECK(moved.steps[0].x[0] == Approx(100 + shift));
    CHECK(moved.steps[1].x[0] == Approx(150 + shift));
    CHECK(moved.steps[2].x[0] == Approx(150 + shift)); // a curve's three points
    CHECK(moved.steps[2].x[1] == Approx(140 + shift));
    CHECK(moved.steps[2].x[2] == Approx(100 + shift));
    CHECK(moved.steps[0].y[0] == 10);
}
