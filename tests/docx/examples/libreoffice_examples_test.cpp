// Every example document, as a user would check it: rendered by the engine to PDF and DOCX,
// the DOCX printed by LibreOffice, and the two PDFs compared. LibreOffice's PDF must hold the
// same text as vanban's own, show the same page numbers, have the same number of pages, break
// at least 98% of the lines where vanban's PDF breaks them, and put every line they share on
// the same page (docs/layout-rules.md, docs/docx.md).
//
// Charts are drawn by each program in its own way (where a label goes, in which order the
// text is written), so their text cannot be compared word for word: the comparison above is
// made on the document without its charts, and the document with its charts is checked for
// the same number of pages and for every title, category and series name of its charts in
// LibreOffice's PDF.
//
// All the DOCX files go through ONE LibreOffice run: starting LibreOffice costs a few
// seconds, each further document a fraction of one. The test therefore is one test case
// that checks every example in turn, each check naming its example.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tools.hpp"
#include "vanban/engine.hpp"

using namespace vanban;
using namespace vanban::docx_test;
namespace fs = std::filesystem;

namespace {

const fs::path source_dir = VANBAN_SOURCE_DIR;
constexpr double points_per_mm = 72.0 / 25.4;
const char* const profiles[] = {"party", "state"};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Example {
    std::string name;          // "000-quang-nam-ke-hoach-28", "ke-hoach-example"
    std::string template_name; // "ke-hoach"
    std::string data;          // the JSON text
    fs::path folder;           // where its CSV files are
};

// A table's CSV file is read beside its data.
RenderOptions options_for(const fs::path& folder) {
    RenderOptions options;
    options.data_dir = folder;
    return options;
}

std::vector<std::string> template_names() {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(source_dir / "templates"))
        if (entry.is_directory() && fs::exists(entry.path() / "main.vbt"))
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A data file names no template (data/README.md says which is which): it belongs to the one
// template whose schema accepts it.
std::string template_accepting(const Engine& engine, const fs::path& data_file, const std::string& data) {
    std::vector<std::string> accepting;
    for (const std::string& name : template_names())
        if (engine.validate(name, data, options_for(data_file.parent_path()))) accepting.push_back(name);
    INFO(data_file.string() << " is accepted by " << accepting.size() << " templates");
    REQUIRE(accepting.size() == 1);
    return accepting.front();
}

// data/*.json and templates/*/example.json.
std::vector<Example> all_examples(const Engine& engine) {
    std::vector<Example> examples;
    std::vector<fs::path> data_files;
    for (const fs::directory_entry& entry : fs::directory_iterator(source_dir / "data"))
        if (entry.path().extension() == ".json") data_files.push_back(entry.path());
    std::sort(data_files.begin(), data_files.end());
    for (const fs::path& file : data_files) {
        std::string data = read_text(file);
        examples.push_back({file.stem().string(), template_accepting(engine, file, data), data, file.parent_path()});
    }
    for (const std::string& name : template_names()) {
        fs::path file = source_dir / "templates" / name / "example.json";
        if (fs::exists(file)) examples.push_back({name + "-example", name, read_text(file), file.parent_path()});
    }
    return examples;
}

// Text compared as a reader sees it: every run of white space is one space, and a line
// break after a hyphen is no space. (LibreOffice breaks "28-CT/TW" after the hyphen where
// vanban's line breaker keeps it whole; applied to both sides, this only forgets whether a
// hyphen was followed by a space.)
std::string normalised(const std::vector<std::string>& pages) {
    std::string out;
    bool space = false;
    for (const std::string& page : pages)
        for (char c : page) {
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                space = !out.empty();
                continue;
            }
            if (space && out.back() != '-') out += ' ';
            space = false;
            out += c;
        }
    return out;
}

// A header row repeats at the top of every page its table reaches, so its text depends on
// where the pages break, and the writers may break a table at different rows. Both texts are
// compared without these rows (the DOCX tests check the rows themselves).
std::vector<std::string> header_row_texts(const model::Document& doc) {
    std::vector<std::string> texts;
    auto collect = [&](const std::vector<model::Block>& blocks) {
        for (const model::Block& block : blocks) {
            const auto* table = std::get_if<model::Table>(&block);
            if (!table) continue;
            for (const model::TableRow& row : table->rows) {
                if (!row.header) continue;
                std::string cells;
                for (const model::TableCell& cell : row.cells)
                    for (const model::Inline& paragraph : cell.paragraphs) cells += model::plain_text(paragraph) + " ";
                texts.push_back(normalised({cells}));
            }
        }
    };
    collect(doc.body);
    for (const model::Appendix& appendix : doc.appendices) collect(appendix.blocks);
    return texts;
}

// `text` without any whole-word occurrence of `rows`.
std::string without_rows(std::string text, const std::vector<std::string>& rows) {
    for (const std::string& row : rows) {
        if (row.empty()) continue;
        text = " " + text + " ";
        const std::string needle = " " + row + " ";
        for (std::size_t at; (at = text.find(needle)) != std::string::npos;) text.replace(at, needle.size(), " ");
        text = text.substr(1, text.size() - 2);
    }
    return text;
}

// One example in one profile, written by both writers.
struct Rendered {
    std::string name; // "000-quang-nam-ke-hoach-28-state"
    std::string pdf;
    std::string docx;
    model::PageSetup page;
    std::vector<std::string> header_rows; // text of each table header row, normalised
    std::string recipients_label;         // "Nơi nhận:" where the closing starts; "" if none
    bool appendices_restart = false;      // each appendix numbers its pages from 1
    std::vector<std::string> appendix_openings; // the first text of each appendix, normalised
    // With its charts (none when the document has none): both PDFs, the DOCX, the words of
    // its charts' titles, categories and series names.
    std::string charted_pdf, charted_docx;
    std::vector<std::string> chart_words;
};

// Takes the charts out of the document; returns the words they would print as labels.
std::vector<std::string> remove_charts(model::Document& doc) {
    std::vector<std::string> words;
    auto add_words = [&](const std::string& text) {
        std::istringstream in(text);
        for (std::string word; in >> word;) words.push_back(word);
    };
    auto remove = [&](std::vector<model::Block>& blocks) {
        std::erase_if(blocks, [&](const model::Block& block) {
            const auto* chart = std::get_if<model::Chart>(&block);
            if (!chart) return false;
            add_words(chart->title);
            for (const std::string& category : chart->categories) add_words(category);
            for (const model::ChartSeries& series : chart->series) add_words(series.name);
            return true;
        });
    };
    remove(doc.body);
    for (model::Appendix& appendix : doc.appendices) remove(appendix.blocks);
    return words;
}

std::string written(const Engine& engine, const model::Document& doc, Format format) {
    RenderResult result = engine.write(doc, format);
    if (!result) FAIL(result.error.format());
    return std::move(result.bytes);
}

Rendered render_both(const Engine& engine, const Example& example, const std::string& profile) {
    Rendered out;
    out.name = example.name + "-" + profile;
    INFO(out.name);
    RenderOptions options = options_for(example.folder);
    options.profile = profile;
    options.data_name = example.name + ".json";
    ModelResult model = engine.build_model(example.template_name, example.data, options);
    if (!model) FAIL(model.error.format());
    out.page = model.document.profile.page;
    out.header_rows = header_row_texts(model.document);
    out.appendices_restart = model.document.profile.appendix_restarts_page_numbers;
    for (const model::Appendix& appendix : model.document.appendices) {
        std::string opening = appendix.title.empty() ? "" : appendix.title.front();
        if (opening.empty() && !appendix.subtitle.empty()) opening = model::plain_text(appendix.subtitle.front());
        out.appendix_openings.push_back(normalised({opening}));
    }
    if (const auto& recipients = model.document.closing.recipients)
        out.recipients_label = recipients->label.empty() ? model.document.profile.recipients_label : recipients->label;
    RenderResult pdf = engine.render(example.template_name, example.data, Format::pdf, options);
    if (!pdf) FAIL(pdf.error.format());
    RenderResult docx = engine.render(example.template_name, example.data, Format::docx, options);
    if (!docx) FAIL(docx.error.format());
    out.chart_words = remove_charts(model.document);
    if (out.chart_words.empty()) {
        out.pdf = std::move(pdf.bytes);
        out.docx = std::move(docx.bytes);
        return out;
    }
    out.charted_pdf = std::move(pdf.bytes);
    out.charted_docx = std::move(docx.bytes);
    out.pdf = written(engine, model.document, Format::pdf);
    out.docx = written(engine, model.document, Format::docx);
    return out;
}

// The page number stands in the top margin, the text below it. The border between the two
// bands is halfway between the number's line and the top margin.
double band_border_pt(const model::PageSetup& page) {
    const double number_bottom = page.page_number_top_mm * points_per_mm + 1.2 * page.page_number_size_pt;
    return (number_bottom + page.margin_top_mm * points_per_mm) / 2;
}

// Where two texts part, with some context from each, for the failure message.
std::string first_difference(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    std::size_t from = i > 60 ? i - 60 : 0;
    while (from > 0 && (static_cast<unsigned char>(a[from]) & 0xC0) == 0x80) --from; // a UTF-8 start
    return "vanban:      …" + a.substr(from, 160) + "…\nLibreOffice: …" + b.substr(from, 160) + "…";
}

std::string trimmed(const std::string& text) {
    std::size_t first = text.find_first_not_of(" \n\t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \n\t\r") - first + 1);
}

// The PDF numbers its pages from the profile's page_numbers_from; the DOCX from page 2 at the
// latest, since Word can hide only the first page's number.
int first_numbered_page(const model::PageSetup& page, bool docx) {
    return docx ? std::min(page.page_numbers_from, 2) : page.page_numbers_from;
}

// Where each section starts: page 0, and, when appendices number their pages from 1, the
// page each appendix opens (found by its first text at the top of a page).
std::vector<std::size_t> section_starts(const std::vector<std::string>& pages, const Rendered& doc) {
    std::vector<std::size_t> starts = {0};
    if (!doc.appendices_restart) return starts;
    std::size_t page = 1;
    for (const std::string& opening : doc.appendix_openings) {
        while (page < pages.size() && normalised({pages[page]}).rfind(opening, 0) != 0) ++page;
        INFO("no page starts with the appendix opening '" << opening << "'");
        REQUIRE(page < pages.size());
        starts.push_back(page++);
    }
    return starts;
}

// Each page shows its number within its section in the top margin, except the pages before
// the first numbered page of the document, and the first page of an appendix.
void check_page_numbers(const std::vector<std::string>& numbers, const std::vector<std::string>& text_pages,
                        const Rendered& doc, bool docx) {
    const std::vector<std::size_t> starts = section_starts(text_pages, doc);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        std::size_t section = 0;
        while (section + 1 < starts.size() && starts[section + 1] <= i) ++section;
        const int number = static_cast<int>(i - starts[section]) + 1;
        const int first_numbered = section == 0 ? first_numbered_page(doc.page, docx) : 2;
        const bool shown = doc.page.page_numbers && number >= first_numbered;
        INFO("page " << i + 1);
        CHECK(trimmed(numbers[i]) == (shown ? std::to_string(number) : ""));
    }
}

// The recipients and signature never stand alone on a page: the page where they start also
// holds the end of the body.
void check_closing_not_alone(const std::vector<std::string>& pages, const std::string& label) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::size_t at = pages[i].find(label);
        if (at == std::string::npos) continue;
        INFO("the closing starts on page " << i + 1);
        CHECK(!trimmed(pages[i].substr(0, at)).empty());
        return;
    }
    FAIL_CHECK("'" << label << "' is not in the PDF");
}

// How many of `ours` lines LibreOffice also has, word for word (each of its lines counted
// once), and the lines the two have in common, taken in order, that are on different pages.
struct LineAgreement {
    std::size_t ours = 0, same = 0;
    std::vector<std::string> moved; // "page 2 / 3: TEXT"
    double share() const { return ours == 0 ? 1 : static_cast<double>(same) / static_cast<double>(ours); }
};

LineAgreement compare_lines(const std::vector<std::vector<std::string>>& ours,
                            const std::vector<std::vector<std::string>>& theirs) {
    std::map<std::string, std::vector<std::size_t>> their_pages; // line -> the pages it is on, in order
    for (std::size_t page = 0; page < theirs.size(); ++page)
        for (const std::string& line : theirs[page]) their_pages[line].push_back(page);
    LineAgreement agreement;
    std::map<std::string, std::size_t> used;
    for (std::size_t page = 0; page < ours.size(); ++page)
        for (const std::string& line : ours[page]) {
            ++agreement.ours;
            auto it = their_pages.find(line);
            if (it == their_pages.end() || used[line] >= it->second.size()) continue;
            ++agreement.same;
            const std::size_t their_page = it->second[used[line]++];
            if (their_page != page)
                agreement.moved.push_back("page " + std::to_string(page + 1) + " / " + std::to_string(their_page + 1) +
                                          ": " + line);
        }
    return agreement;
}

// The document with its charts: as many pages in both PDFs, and every word of the charts'
// titles, categories and series names in LibreOffice's PDF (so it drew the chart part, with
// its labels).
void check_charts(const Rendered& doc, const std::string& lo_pdf) {
    INFO("with its charts");
    REQUIRE(lo_pdf.rfind("%PDF-", 0) == 0);
    const Band whole{0, doc.page.height_mm * points_per_mm};
    const std::vector<std::string> ours = pdf_raw_text_pages(doc.charted_pdf, whole);
    const std::vector<std::string> theirs = pdf_raw_text_pages(lo_pdf, whole);
    CHECK(ours.size() == theirs.size());
    const std::string their_text = " " + normalised(theirs) + " ";
    const std::string our_text = " " + normalised(ours) + " ";
    for (const std::string& word : doc.chart_words) {
        INFO("the chart word '" << word << "'");
        CHECK(our_text.find(" " + word + " ") != std::string::npos);
        CHECK(their_text.find(" " + word + " ") != std::string::npos);
    }
}

} // namespace

TEST_CASE("LibreOffice prints every example as vanban's PDF does", "[docx][libreoffice][examples]") {
    Engine engine(EngineOptions{.template_dirs = {source_dir / "templates"},
                                .fixed_creation_date = "2019-03-25T08:00:00Z"});
    const std::vector<Example> examples = all_examples(engine);
    REQUIRE(examples.size() >= 2);

    std::vector<Rendered> documents;
    std::map<std::string, std::string> docx_by_name;
    for (const Example& example : examples)
        for (const char* profile : profiles) {
            documents.push_back(render_both(engine, example, profile));
            docx_by_name[documents.back().name] = documents.back().docx;
            if (!documents.back().charted_docx.empty())
                docx_by_name[documents.back().name + "-charts"] = documents.back().charted_docx;
        }

    const LibreOfficeBatch printed = convert_all_with_libreoffice(docx_by_name, 600);

    std::ostringstream table;
    table << "LibreOffice converted " << documents.size() << " DOCX in one run, " << printed.seconds << " s\n"
          << "vanban PDF / LibreOffice:\n";
    for (const Rendered& doc : documents) {
        INFO(doc.name);
        const std::string& lo_pdf = printed.pdf_by_name.at(doc.name);
        REQUIRE(lo_pdf.rfind("%PDF-", 0) == 0);
        const double border = band_border_pt(doc.page);
        const Band numbers{0, border};
        const Band text{border, doc.page.height_mm * points_per_mm};

        const std::vector<std::string> ours = pdf_raw_text_pages(doc.pdf, text);
        const std::vector<std::string> theirs = pdf_raw_text_pages(lo_pdf, text);
        const std::string our_text = without_rows(normalised(ours), doc.header_rows);
        const std::string their_text = without_rows(normalised(theirs), doc.header_rows);
        INFO(first_difference(our_text, their_text));
        CHECK(our_text == their_text);
        CHECK(!our_text.empty());

        const int our_pages = static_cast<int>(ours.size()), their_pages = static_cast<int>(theirs.size());
        CHECK(our_pages == their_pages);

        // The same line breaks (layout rule 12) and the same pages for every shared line.
        const LineAgreement lines = compare_lines(pdf_lines(doc.pdf), pdf_lines(lo_pdf));
        INFO(lines.same << " of " << lines.ours << " lines alike");
        CHECK(lines.share() >= 0.98);
        INFO("lines on another page: " << lines.moved.size() << (lines.moved.empty() ? "" : ", first " + lines.moved.front()));
        CHECK(lines.moved.empty());
        if (!doc.recipients_label.empty()) {
            {
                INFO("vanban's PDF");
                check_closing_not_alone(ours, doc.recipients_label);
            }
            INFO("LibreOffice's PDF");
            check_closing_not_alone(theirs, doc.recipients_label);
        }
        {
            INFO("page numbers of vanban's PDF");
            check_page_numbers(pdf_raw_text_pages(doc.pdf, numbers), ours, doc, false);
        }
        {
            INFO("page numbers of LibreOffice's PDF");
            check_page_numbers(pdf_raw_text_pages(lo_pdf, numbers), theirs, doc, true);
        }
        if (!doc.charted_docx.empty()) check_charts(doc, printed.pdf_by_name.at(doc.name + "-charts"));
        table << "  " << doc.name << ": " << our_pages << " / " << their_pages << " pages, " << lines.same << " of "
              << lines.ours << " lines alike\n";
    }
    WARN(table.str());
}
