// vanban convert: legacy Vietnamese text and JSON to UTF-8, as a user runs it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sys/wait.h>

#include "support/temp_dir.hpp"

using vanban::testing::read_file;
using vanban::testing::TempDir;

namespace {

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

struct Run {
    int exit_code = -1;
    std::string out, err;
};

// Runs `vanban convert ARGS` in `dir`; standard streams are captured beside it.
Run convert(const std::string& args, const TempDir& dir, const std::string& stdin_text = "") {
    TempDir io;
    io.write("in", stdin_text);
    const std::string command = "cd " + quote(dir.path().string()) + " && " + quote(VANBAN_CLI_PATH) + " convert " +
                                args + " <" + quote((io.path() / "in").string()) + " >" +
                                quote((io.path() / "out").string()) + " 2>" + quote((io.path() / "err").string());
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(io.path() / "out"), read_file(io.path() / "err")};
}

} // namespace

TEST_CASE("convert: JSON keeps its layout, strings are decoded, keys are never upper-cased") {
    TempDir dir;
    // TCVN3 shown as Latin-1, in UTF-8, with its own layout and an escape.
    dir.write("plan.json", "{\n  \"issuer\":   \"uû ban nh©n d©n\",\n  \"list\": [\"\\u00a7\\u00b6ng\", 3],\n"
                           "  \"real\": \"Hà Nội\"\n}\n");
    Run plain = convert("--from tcvn3 plan.json", dir);
    INFO(plain.err);
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out == "{\n  \"issuer\":   \"uỷ ban nhân dân\",\n  \"list\": [\"Đảng\", 3],\n  \"real\": \"Hà Nội\"\n}\n");

    Run upper = convert("--from tcvn3 --upper plan.json -o out.json", dir);
    REQUIRE(upper.exit_code == 0);
    // "Hà Nội" is real Unicode already: it is neither decoded nor upper-cased.
    CHECK(read_file(dir.path() / "out.json") ==
          "{\n  \"issuer\":   \"UỶ BAN NHÂN DÂN\",\n  \"list\": [\"ĐẢNG\", 3],\n  \"real\": \"Hà Nội\"\n}\n");
}

TEST_CASE("convert: raw legacy bytes of a text file, and standard input") {
    TempDir dir;
    dir.write("vni.txt", "Co\xE4ng ho\xF8" "a\r\nVie\xE4t Nam\n"); // VNI bytes, CRLF kept
    Run vni = convert("--from vni vni.txt", dir);
    REQUIRE(vni.exit_code == 0);
    CHECK(vni.out == "Cộng hòa\r\nViệt Nam\n");

    Run piped = convert("--from cp1258 -", dir, "Vi\xEA\xF2t Nam");
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.out == "Việt Nam");

    Run json = convert("--from tcvn3 --json -", dir, "{\"a\": \"\xA7\xB6ng\"}");
    REQUIRE(json.exit_code == 0);
    CHECK(json.out == "{\"a\": \"Đảng\"}");
}

TEST_CASE("convert: a text file shown as Latin-1 is converted line by line") {
    TempDir dir;
    dir.write("mixed.txt", "Ñaûng coäng saûn\nĐã là Unicode\n");
    Run run = convert("--from vni mixed.txt", dir);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out == "Đảng cộng sản\nĐã là Unicode\n");
}

TEST_CASE("convert: errors exit with their code and write nothing") {
    TempDir dir;
    dir.write("bad.txt", "a\x81");
    Run undefined = convert("--from cp1258 bad.txt -o out.txt", dir);
    CHECK(undefined.exit_code == 5);
    CHECK_THAT(undefined.err, Catch::Contains("bad.txt: error: CP1258 has no character for the byte 0x81 at byte 1"));
    CHECK(dir.files() == std::vector<std::string>{"bad.txt"});
    CHECK(convert("--from tcvn3 nowhere.txt", dir).exit_code == 5);
    CHECK(convert("--from koi8 bad.txt", dir).exit_code == 2);
}
