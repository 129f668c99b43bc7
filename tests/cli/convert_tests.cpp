// vanban convert: legacy Vietnamese text and JSON to UTF-8, as a user runs it.
#include <catch2/catch.hpp>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using namespace vanban::testing;

TEST_CASE("convert: JSON keeps its layout, strings are decoded, keys are never upper-cased") {
    TempDir dir;
    // TCVN3 shown as Latin-1, in UTF-8, with its own layout and an escape.
    dir.write("plan.json", "{\n  \"issuer\":   \"uû ban nh©n d©n\",\n  \"list\": [\"\\u00a7\\u00b6ng\", 3],\n"
                           "  \"real\": \"Hà Nội\"\n}\n");
    CliRun plain = run_vanban("convert --from tcvn3 plan.json", dir);
    INFO(plain.err);
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out == "{\n  \"issuer\":   \"uỷ ban nhân dân\",\n  \"list\": [\"Đảng\", 3],\n  \"real\": \"Hà Nội\"\n}\n");

    CliRun upper = run_vanban("convert --from tcvn3 --upper plan.json -o out.json", dir);
    REQUIRE(upper.exit_code == 0);
    // "Hà Nội" is real Unicode already: it is neither decoded nor upper-cased.
    CHECK(read_file(dir.path() / "out.json") ==
          "{\n  \"issuer\":   \"UỶ BAN NHÂN DÂN\",\n  \"list\": [\"ĐẢNG\", 3],\n  \"real\": \"Hà Nội\"\n}\n");
}

TEST_CASE("convert: raw legacy bytes of a text file, and standard input") {
    TempDir dir;
    dir.write("vni.txt", "Co\xE4ng ho\xF8" "a\r\nVie\xE4t Nam\n"); // VNI bytes, CRLF kept
    CliRun vni = run_vanban("convert --from vni vni.txt", dir);
    REQUIRE(vni.exit_code == 0);
    CHECK(vni.out == "Cộng hòa\r\nViệt Nam\n");

    CliRun piped = run_vanban("convert --from cp1258 -", dir, "Vi\xEA\xF2t Nam");
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.out == "Việt Nam");

    CliRun json = run_vanban("convert --from tcvn3 --json -", dir, "{\"a\": \"\xA7\xB6ng\"}");
    REQUIRE(json.exit_code == 0);
    CHECK(json.out == "{\"a\": \"Đảng\"}");
}

TEST_CASE("convert: a text file shown as Latin-1 is converted line by line") {
    TempDir dir;
    dir.write("mixed.txt", "Ñaûng coäng saûn\nĐã là Unicode\n");
    CliRun run = run_vanban("convert --from vni mixed.txt", dir);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out == "Đảng cộng sản\nĐã là Unicode\n");
}

TEST_CASE("convert: errors exit with their code and write nothing") {
    TempDir dir;
    dir.write("bad.txt", "a\x81");
    CliRun undefined = run_vanban("convert --from cp1258 bad.txt -o out.txt", dir);
    CHECK(undefined.exit_code == 5);
    CHECK_THAT(undefined.err, Catch::Contains("bad.txt: error: CP1258 has no character for the byte 0x81 at byte 1"));
    CHECK(dir.files() == std::vector<std::string>{"bad.txt"});
    CHECK(run_vanban("convert --from tcvn3 nowhere.txt", dir).exit_code == 5);
    CHECK(run_vanban("convert --from koi8 bad.txt", dir).exit_code == 2);
}
