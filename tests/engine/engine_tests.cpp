// The engine end to end, on small templates written by the tests: template + data -> model,
// profiles, error values with locations, and many threads on one engine.
#include <catch2/catch.hpp>

#include <thread>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "vanban/engine.hpp"

using namespace vanban;
using vanban::testing::TempDir;

namespace {

const std::filesystem::path repo_templates = std::filesystem::path(VANBAN_SOURCE_DIR) / "templates";

const char* const kPlan = R"(@header
@superior {{ org.superior | upper }}
@issuer {{ org.name | upper }}
@number {{ doc.number }}
@place {{ doc.place }}
@date {{ doc.date | date }}
@end
@type KẾ HOẠCH
@summary {{ doc.summary }}
{% for s in sections %}
@h1[{{ loop.index | roman }}-] {{ s.title | upper }}
{% for p in s.paragraphs %}
{{ p }}
{% endfor %}
{% endfor %}
@signature
@authority T/M CHI BỘ
@position BÍ THƯ
@name {{ signer }}
@end
)";

const char* const kData = R"({
  "org": {"superior": "Đảng bộ quận Hải Châu", "name": "Chi bộ Trường THPT Trần Phú"},
  "doc": {"number": "19-KH/CB", "place": "Đà Nẵng", "date": "2019-06-10",
          "summary": "tiếp tục đổi mới, tăng cường công tác kết nạp đảng viên"},
  "sections": [
    {"title": "Mục đích, yêu cầu", "paragraphs": ["Công tác kết nạp đảng viên là **nhiệm vụ quan trọng**."]},
    {"title": "Nội dung", "paragraphs": ["Phấn đấu hằng năm kết nạp từ 3 đến 5 đồng chí."]}
  ],
  "signer": "Nguyễn Văn A"
})";

struct Fixture {
    TempDir dir;
    Engine engine;
    explicit Fixture(const std::string& main = kPlan)
        : engine(EngineOptions{.template_dirs = {dir.path(), repo_templates}}) {
        dir.write("plan/main.vbt", main);
    }
};

nlohmann::json model_json(const Engine& engine, std::string_view data, RenderOptions options = {}) {
    RenderResult result = engine.render("plan", data, Format::model, options);
    INFO(result.error.format());
    REQUIRE(result.ok);
    return nlohmann::json::parse(result.bytes);
}

} // namespace

TEST_CASE("engine: a template and data become the document model") {
    Fixture f;
    ModelResult model = f.engine.build_model("plan", kData);
    INFO(model.error.format());
    REQUIRE(model.ok);
    const model::Document& doc = model.document;
    REQUIRE(doc.header);
    CHECK(doc.header->superior == std::vector<std::string>{"ĐẢNG BỘ QUẬN HẢI CHÂU"});
    // One line in the data, wider than the header's left column: broken at the balanced
    // place, not where the column ends ("… TRẦN / PHÚ"), with a warning (layout rule 16).
    CHECK(doc.header->issuer == std::vector<std::string>{"CHI BỘ TRƯỜNG", "THPT TRẦN PHÚ"});
    REQUIRE(model.warnings.size() == 1);
    CHECK_THAT(model.warnings[0].message.text(), Catch::Contains("\"CHI BỘ TRƯỜNG THPT TRẦN PHÚ\"") &&
                                              Catch::Contains("\"CHI BỘ TRƯỜNG / THPT TRẦN PHÚ\""));
    CHECK(doc.header->number_line == "Số 19-KH/CB");
    CHECK(doc.header->place_date_line == "Đà Nẵng, ngày 10 tháng 6 năm 2019");
    REQUIRE(doc.title);
    CHECK(doc.title->type_name == "KẾ HOẠCH");
    REQUIRE(doc.body.size() == 4);
    const auto& h1 = std::get<model::Heading>(doc.body[0]);
    CHECK(h1.number == "I-");
    CHECK(model::plain_text(h1.text) == "MỤC ĐÍCH, YÊU CẦU");
    const auto& para = std::get<model::Paragraph>(doc.body[1]);
    REQUIRE(para.text.size() == 3);
    CHECK(para.text[1].text == "nhiệm vụ quan trọng");
    CHECK(para.text[1].bold);
    CHECK(std::get<model::Heading>(doc.body[2]).number == "II-");
    REQUIRE(doc.closing.signature);
    CHECK(doc.closing.signature->name == "Nguyễn Văn A");
    CHECK(doc.profile.name == "party");
}

TEST_CASE("engine: the profile comes from the request, else the data, else Party") {
    Fixture f;
    CHECK(model_json(f.engine, kData)["profile"]["name"] == "party");

    auto data = nlohmann::json::parse(kData);
    data["profile"] = "state";
    auto state = model_json(f.engine, data.dump());
    CHECK(state["profile"]["name"] == "state");
    CHECK(state["header"]["number_line"] == "Số: 19-KH/CB");

    RenderOptions party;
    party.profile = "party";
    CHECK(model_json(f.engine, data.dump(), party)["profile"]["name"] == "party");
}

TEST_CASE("engine: errors come back as values with their location") {
    Fixture f;
    SECTION("a missing field names its JSON path") {
        auto data = nlohmann::json::parse(kData);
        data["sections"][1].erase("title");
        RenderResult r = f.engine.render("plan", data.dump(), Format::model);
        REQUIRE_FALSE(r.ok);
        CHECK(r.error.kind == ErrorKind::data);
        CHECK(r.error.json_path == "sections[1].title");
        CHECK(r.error.where.line == 11);
        CHECK_THAT(r.error.where.file, Catch::EndsWith("plan/main.vbt"));
    }
    SECTION("malformed data names the data file's line") {
        RenderOptions options;
        options.data_name = "ke-hoach.json";
        RenderResult r = f.engine.render("plan", "{\n\"org\": }", Format::model, options);
        REQUIRE_FALSE(r.ok);
        CHECK(r.error.kind == ErrorKind::data);
        CHECK(r.error.where.file == "ke-hoach.json");
        CHECK(r.error.where.line == 2);
    }
    SECTION("an unknown profile is a resource error") {
        RenderOptions options;
        options.profile = "provincial";
        RenderResult r = f.engine.render("plan", kData, Format::model, options);
        CHECK(r.error.kind == ErrorKind::resource);
        CHECK_THAT(r.error.message.text(), Catch::Contains("provincial"));
    }
    SECTION("an unknown template is a resource error") {
        RenderResult r = f.engine.render("no-such-plan", kData, Format::model);
        CHECK(r.error.kind == ErrorKind::resource);
    }
}

TEST_CASE("engine: a markup error carries the template's source line") {
    Fixture f("@header\n@isuer {{ org.name }}\n@end\n");
    RenderResult r = f.engine.render("plan", kData, Format::model);
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.kind == ErrorKind::template_syntax);
    CHECK(r.error.where.line == 2);
    CHECK(r.error.source_line == "@isuer {{ org.name }}");
    CHECK_THAT(r.error.format(), Catch::Contains("@isuer"));
}

TEST_CASE("engine: check_template reports syntax errors without data") {
    Fixture f("{% if x %}\nno end\n");
    auto error = f.engine.check_template("plan");
    REQUIRE(error);
    CHECK(error->kind == ErrorKind::template_syntax);
    CHECK_FALSE(error->source_line.empty());
    TempDir other;
    Fixture good;
    CHECK_FALSE(good.engine.check_template("plan"));
}

TEST_CASE("engine: eight threads on one engine produce what one thread produces") {
    Fixture f;
    const std::string expected = f.engine.render("plan", kData, Format::model).bytes;
    REQUIRE_FALSE(expected.empty());
    std::vector<std::string> results(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                RenderResult r = f.engine.render("plan", kData, Format::model);
                if (!r.ok || r.bytes != expected) return;
            }
            results[t] = expected;
        });
    for (auto& thread : threads) thread.join();
    for (const auto& r : results) CHECK(r == expected);
}

TEST_CASE("engine: templates see the profile in force as vanban.profile") {
    Fixture f("@type KẾ HOẠCH\n{% if vanban.profile == \"state\" %}\nNhà nước\n{% else %}\nĐảng\n{% endif %}\n");
    auto text_of = [&](const RenderOptions& options) {
        ModelResult m = f.engine.build_model("plan", "{\"profile\": \"party\"}", options);
        INFO(m.error.format());
        REQUIRE(m.ok);
        return model::plain_text(std::get<model::Paragraph>(m.document.body.at(0)).text);
    };
    CHECK(text_of({}) == "Đảng");
    RenderOptions state;
    state.profile = "state"; // the command line overrides the data, and the template follows
    CHECK(text_of(state) == "Nhà nước");
}

TEST_CASE("engine: a fixed creation date that is not a date is refused before any work, for every format") {
    TempDir dir;
    dir.write("plan/main.vbt", kPlan);
    for (const char* bad : {"2019-13-45", "tomorrow", "2019-03-25T25:00:00Z"}) {
        INFO(bad);
        EngineOptions options{.template_dirs = {dir.path(), repo_templates}};
        options.fixed_creation_date = bad;
        const std::optional<Error> problem = check_engine_options(options);
        REQUIRE(problem);
        CHECK(problem->kind == ErrorKind::usage);
        CHECK_THAT(problem->message.text(), Catch::Contains(std::string("'") + bad + "' is not a date (ISO 8601)"));
        CHECK_THAT(problem->message.text(Language::vi), Catch::Contains("không phải là một ngày"));
        // An engine made with it answers every call with that error, whatever the format.
        Engine engine(options);
        for (Format format : {Format::pdf, Format::docx, Format::model}) {
            RenderResult result = engine.render("plan", kData, format);
            CHECK_FALSE(result.ok);
            CHECK(result.error.kind == ErrorKind::usage);
            CHECK(result.bytes.empty());
        }
    }
    EngineOptions good{.template_dirs = {dir.path(), repo_templates}};
    good.fixed_creation_date = "2019-03-25";
    CHECK_FALSE(check_engine_options(good));
}

TEST_CASE("engine: one fixed creation date written in two forms gives the same bytes in every format") {
    TempDir dir;
    dir.write("plan/main.vbt", kPlan);
    auto render_with = [&](const char* date, Format format) {
        EngineOptions options{.template_dirs = {dir.path(), repo_templates}};
        options.fixed_creation_date = date;
        RenderResult result = Engine(options).render("plan", kData, format);
        INFO(result.error.format());
        REQUIRE(result.ok);
        return result.bytes;
    };
    for (Format format : {Format::pdf, Format::docx}) {
        INFO(format_name(format));
        const std::string in_hanoi = render_with("2019-03-25T08:00:00+07:00", format);
        CHECK(in_hanoi == render_with("2019-03-25T01:00:00Z", format));
        CHECK(in_hanoi != render_with("2019-03-25T08:00:00Z", format));
    }
}
