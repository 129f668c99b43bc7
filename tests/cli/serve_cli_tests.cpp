// vanban serve as a user starts it: what it refuses, its help in both languages, and a
// graceful stop on SIGTERM (the API itself is tested in tests/serve).
#include <catch2/catch.hpp>

#include <cstdlib>

#include "support/run_vanban.hpp"
#include "support/temp_dir.hpp"

using vanban::testing::run_vanban;
using vanban::testing::TempDir;

namespace {

// Sets an environment variable for the runs of one test.
struct ScopedEnv {
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }
    const char* name_;
};

} // namespace

TEST_CASE("serve refuses to listen beyond loopback without a token", "[cli][serve]") {
    TempDir dir;
    ScopedEnv english("VANBAN_LANG", "en");
    auto run = run_vanban("serve --listen 0.0.0.0:0", dir);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("refusing to listen on 0.0.0.0:0 without a token") != std::string::npos);
    CHECK(run.err.find("--token-file") != std::string::npos);
    ScopedEnv vietnamese("VANBAN_LANG", "vi");
    run = run_vanban("serve --listen 0.0.0.0:0", dir);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("không nghe tại 0.0.0.0:0 khi không có mã truy cập") != std::string::npos);
}

TEST_CASE("serve says what --listen wants, and reads the token file", "[cli][serve]") {
    TempDir dir;
    ScopedEnv english("VANBAN_LANG", "en");
    auto run = run_vanban("serve --listen localhost", dir);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("--listen wants HOST:PORT") != std::string::npos);
    run = run_vanban("serve --listen 127.0.0.1:0 --token-file missing.txt", dir);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot read a token from missing.txt") != std::string::npos);
}

TEST_CASE("serve --help in Vietnamese and English", "[cli][serve]") {
    TempDir dir;
    {
        ScopedEnv vietnamese("VANBAN_LANG", "vi");
        auto run = run_vanban("serve --help", dir);
        CHECK(run.exit_code == 0);
        CHECK(run.out.find("Địa chỉ và cổng để nghe") != std::string::npos);
        CHECK(run.out.find("--token-file") != std::string::npos);
    }
    ScopedEnv english("VANBAN_LANG", "en");
    auto run = run_vanban("serve --help", dir);
    CHECK(run.out.find("Address and port to listen on") != std::string::npos);
}

TEST_CASE("serve stops gracefully on SIGTERM", "[cli][serve]") {
    TempDir dir;
    ScopedEnv english("VANBAN_LANG", "en");
    // Started in the background; once it says where it listens, SIGTERM; its exit code is ours.
    // The log is named by its full path: run_vanban's `cd DIR && vanban …` goes to the
    // background whole, so the lines after `&` run in the test's own folder.
    const std::string log_path = vanban::testing::shell_quote((dir.path() / "log").string());
    const std::string script =
        "serve --listen 127.0.0.1:0 2> " + log_path + " & pid=$!; "
        "for i in $(seq 200); do grep -q 'listening on' " + log_path + " && break; sleep 0.05; done; "
        "kill -TERM $pid; wait $pid; exit $?";
    auto run = run_vanban(script, dir);
    CHECK(run.exit_code == 0);
    const std::string log = vanban::testing::read_file(dir.path() / "log");
    CHECK(log.find("vanban serve: listening on http://127.0.0.1:") != std::string::npos);
    CHECK(log.find("vanban serve: stopped") != std::string::npos);
}
