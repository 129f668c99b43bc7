// The package: its parts, their content types and relationships, well-formed XML, fixed
// dates and identical bytes for identical input.
#include <cstdlib>
#include <future>
#include <set>

#include <catch2/catch.hpp>
#include <zip.h>
#include <zlib.h>

#include "docx/docx.hpp"
#include "fixture.hpp"
#include "support.hpp"
#include "vanban/error.hpp"

using namespace vanban;
using namespace vanban::docx_test;

namespace {

const docx::DocxOptions fixed{"2019-03-25T08:00:00Z"};

std::set<std::string> names_of(const std::vector<Entry>& entries) {
    std::set<std::string> names;
    for (const Entry& e : entries) names.insert(e.name);
    return names;
}

} // namespace

TEST_CASE("the package holds the parts Word needs, each well-formed XML", "[docx][package]") {
    for (const model::Document& doc : {docx_fixture::plan_000_party(), docx_fixture::plan_state()}) {
        std::vector<Entry> entries = unzip(docx::render_docx(doc, fixed));
        REQUIRE(!entries.empty());
        CHECK(entries.front().name == "[Content_Types].xml");
        std::set<std::string> names = names_of(entries);
        for (const char* required : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                     "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                                     "word/header1.xml", "word/header2.xml", "docProps/core.xml",
                                     "docProps/app.xml"})
            CHECK(names.count(required) == 1);
        for (const Entry& e : entries) {
            pugi::xml_document part;
            parse_part(part, e.data, e.name);
        }
    }
}

TEST_CASE("every part has a content type and every relationship a target", "[docx][package]") {
    std::vector<Entry> entries = unzip(docx::render_docx(docx_fixture::plan_000_party(), fixed));
    std::set<std::string> names = names_of(entries);

    pugi::xml_document types;
    parse_part(types, find_entry(entries, "[Content_Types].xml")->data, "[Content_Types].xml");
    std::set<std::string> overridden;
    for (pugi::xml_node o : types.child("Types").children("Override"))
        overridden.insert(std::string(o.attribute("PartName").value()).substr(1));
    for (const std::string& name : names) {
        // .rels parts have the Default for their extension; the content types are no part.
        if (name == "[Content_Types].xml" || (name.size() > 5 && name.substr(name.size() - 5) == ".rels")) continue;
        INFO(name);
        CHECK(overridden.count(name) == 1);
    }
    for (const std::string& part : overridden) CHECK(names.count(part) == 1);

    pugi::xml_document rels;
    parse_part(rels, find_entry(entries, "word/_rels/document.xml.rels")->data, "document.xml.rels");
    std::set<std::string> ids;
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
        CHECK(names.count(std::string("word/") + r.attribute("Target").value()) == 1);
        ids.insert(r.attribute("Id").value());
    }
    pugi::xml_document document;
    parse_part(document, find_entry(entries, "word/document.xml")->data, "document.xml");
    for (const pugi::xpath_node& ref : document.select_nodes("//w:headerReference"))
        CHECK(ids.count(ref.node().attribute("r:id").value()) == 1);

    pugi::xml_document package_rels;
    parse_part(package_rels, find_entry(entries, "_rels/.rels")->data, "_rels/.rels");
    for (pugi::xml_node r : package_rels.child("Relationships").children("Relationship"))
        CHECK(names.count(r.attribute("Target").value()) == 1);
}

TEST_CASE("same input and fixed date give the same bytes", "[docx][package]") {
    model::Document doc = docx_fixture::plan_000_party();
    std::string first = docx::render_docx(doc, fixed);
    std::string second = docx::render_docx(doc, fixed);
    CHECK(first == second);
    std::string other_day = docx::render_docx(doc, {"2020-01-02"});
    CHECK(first != other_day);
}

TEST_CASE("every part is deflated, with the CRC-32 and size of its text", "[docx][package]") {
    // The parts are deflated by libdeflate before libzip sees them; what the directory says
    // must still be true of the text a reader gets back.
    for (const model::Document& doc : {docx_fixture::plan_000_party(), docx_fixture::plan_state(), model::Document{}}) {
        for (const Entry& e : unzip(docx::render_docx(doc, fixed))) {
            INFO(e.name);
            const auto* text = reinterpret_cast<const Bytef*>(e.data.data());
            CHECK(e.crc == crc32(crc32(0, nullptr, 0), text, static_cast<uInt>(e.data.size())));
            if (e.method == ZIP_CM_DEFLATE) CHECK(e.compressed_size < e.data.size());
            else CHECK(e.method == ZIP_CM_STORE);
        }
    }
    const std::vector<Entry> plan = unzip(docx::render_docx(docx_fixture::plan_000_party(), fixed));
    CHECK(find_entry(plan, "word/document.xml")->method == ZIP_CM_DEFLATE);
    CHECK(find_entry(plan, "word/styles.xml")->method == ZIP_CM_DEFLATE);
}

TEST_CASE("parts reused from the last render change with the document", "[docx][package]") {
    // The deflated form of each part is kept per thread while its text is unchanged: a Party
    // and a State document in turn must each get their own styles and properties.
    const model::Document party = docx_fixture::plan_000_party();
    const model::Document state = docx_fixture::plan_state();
    const std::string party_first = docx::render_docx(party, fixed);
    const std::string state_bytes = docx::render_docx(state, fixed);
    CHECK(docx::render_docx(party, fixed) == party_first);
    const std::string state_fresh_thread =
        std::async(std::launch::async, [&state] { return docx::render_docx(state, fixed); }).get();
    CHECK(state_bytes == state_fresh_thread);
    const std::vector<Entry> a = unzip(party_first), b = unzip(state_bytes);
    for (const char* part : {"word/styles.xml", "word/document.xml", "docProps/core.xml"}) {
        INFO(part);
        CHECK(find_entry(a, part)->data != find_entry(b, part)->data);
    }
}

TEST_CASE("the first renders of a process, on several threads at once, all succeed", "[docx][package]") {
    // Only a fresh process can show it (see first_use/first_use_main.cpp): without the fix in
    // zip_parts, about 2 runs in 100 lost a document, so 600 runs miss it with odds of 1 in 10^4.
    constexpr int runs = 600;
    int failed = 0;
    for (int i = 0; i < runs; ++i)
        if (std::system(VANBAN_DOCX_FIRST_USE_PATH " 2>/dev/null") != 0) ++failed;
    CHECK(failed == 0);
}

TEST_CASE("the creation date goes into docProps and the zip entries", "[docx][package]") {
    model::Document doc = docx_fixture::plan_000_party();
    SECTION("a date-time with a zone is written in UTC") {
        std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2019-03-25T15:00:00+07:00"}));
        pugi::xml_document core;
        parse_part(core, find_entry(entries, "docProps/core.xml")->data, "core.xml");
        pugi::xml_node props = core.child("cp:coreProperties");
        CHECK(std::string(props.child_value("dcterms:created")) == "2019-03-25T08:00:00Z");
        CHECK(std::string(props.child_value("dcterms:modified")) == "2019-03-25T08:00:00Z");
        CHECK(std::string(props.child_value("dc:title")) == doc.metadata.title);
        CHECK(std::string(props.child_value("dc:creator")) == doc.metadata.author);
        // libzip reads DOS time as local time; the writer compensates, so every entry reads
        // back as the creation instant whatever the time zone.
        for (const Entry& e : entries) CHECK(e.mtime == 1553500800);
    }
    SECTION("a date alone is midnight UTC") {
        std::vector<Entry> entries = unzip(docx::render_docx(doc, {"2026-02-05"}));
        pugi::xml_document core;
        parse_part(core, find_entry(entries, "docProps/core.xml")->data, "core.xml");
        CHECK(std::string(core.child("cp:coreProperties").child_value("dcterms:created")) == "2026-02-05T00:00:00Z");
    }
    SECTION("the model's date is used when the options give none") {
        doc.metadata.created = "2021-06-10T10:20:30Z";
        std::vector<Entry> entries = unzip(docx::render_docx(doc, {}));
        pugi::xml_document core;
        parse_part(core, find_entry(entries, "docProps/core.xml")->data, "core.xml");
        CHECK(std::string(core.child("cp:coreProperties").child_value("dcterms:created")) == "2021-06-10T10:20:30Z");
    }
    SECTION("without a fixed date the time is now") {
        std::vector<Entry> entries = unzip(docx::render_docx(doc, {}));
        pugi::xml_document core;
        parse_part(core, find_entry(entries, "docProps/core.xml")->data, "core.xml");
        std::string created = core.child("cp:coreProperties").child_value("dcterms:created");
        CHECK(created.size() == 20);
        CHECK(created.substr(0, 2) == "20");
        CHECK(created.back() == 'Z');
    }
}

TEST_CASE("a creation date that is not ISO 8601 is a usage error naming it", "[docx][package]") {
    model::Document doc = docx_fixture::plan_000_party();
    for (const char* bad : {"25/03/2019", "2019-13-01", "2019-02-30", "2019-03-25T25:00", "2019-03-25Tx",
                            "2019-03-25T08:00:00+7", "tomorrow"}) {
        INFO(bad);
        try {
            docx::render_docx(doc, {bad});
            FAIL("no error");
        } catch (const Failure& failure) {
            CHECK(failure.error().kind == ErrorKind::usage);
            CHECK(failure.error().message.text().find(bad) != std::string::npos);
        }
    }
}

TEST_CASE("the seed-000 plan stays small", "[docx][package]") {
    std::string bytes = docx::render_docx(docx_fixture::plan_000_party(), fixed);
    INFO("size " << bytes.size());
    CHECK(bytes.size() <= 20 * 1024);
}

TEST_CASE("without page numbers there are no header parts", "[docx][package]") {
    model::Document doc = docx_fixture::plan_state();
    doc.profile.page.page_numbers = false;
    std::vector<Entry> entries = unzip(docx::render_docx(doc, fixed));
    CHECK(find_entry(entries, "word/header1.xml") == nullptr);
    CHECK(find_entry(entries, "word/header2.xml") == nullptr);
    pugi::xml_document types;
    parse_part(types, find_entry(entries, "[Content_Types].xml")->data, "types");
    CHECK(!types.select_node("//Override[@PartName='/word/header1.xml']"));
}

TEST_CASE("an empty document is still a valid package", "[docx][package]") {
    model::Document doc;
    std::vector<Entry> entries = unzip(docx::render_docx(doc, fixed));
    pugi::xml_document document;
    parse_part(document, find_entry(entries, "word/document.xml")->data, "document.xml");
    CHECK(document.select_node("/w:document/w:body/w:sectPr"));
}

TEST_CASE("renders of one shared document on several threads agree", "[docx][package]") {
    const model::Document doc = docx_fixture::plan_000_party();
    const std::string expected = docx::render_docx(doc, fixed);
    std::vector<std::future<std::string>> renders;
    for (int i = 0; i < 4; ++i)
        renders.push_back(std::async(std::launch::async, [&doc] {
            std::string last;
            for (int k = 0; k < 25; ++k) last = docx::render_docx(doc, fixed);
            return last;
        }));
    for (auto& r : renders) CHECK(r.get() == expected);
}
