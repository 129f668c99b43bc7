// The parts of vanban serve that need no server: languages, file names, the render queue.
#include <catch2/catch.hpp>

#include <future>

#include "serve/download_name.hpp"
#include "serve/problem.hpp"
#include "serve/render_queue.hpp"

using namespace vanban;
using namespace vanban::serve;
using namespace std::chrono_literals;

TEST_CASE("Accept-Language picks vi or en by weight", "[serve]") {
    CHECK(language_of("vi", Language::en) == Language::vi);
    CHECK(language_of("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", Language::en) == Language::vi);
    CHECK(language_of("en-US,en;q=0.9,vi;q=0.8", Language::vi) == Language::en);
    CHECK(language_of("fr-FR, vi;q=0.5, en;q=0.7", Language::vi) == Language::en);
    CHECK(language_of("fr-FR, de", Language::vi) == Language::vi);
    CHECK(language_of("", Language::en) == Language::en);
    CHECK(language_of("*", Language::vi) == Language::vi);
    CHECK(language_of("en;q=0, vi;q=0.1", Language::en) == Language::vi);
}

TEST_CASE("a file name for Content-Disposition, with an ASCII fallback", "[serve]") {
    CHECK(ascii_file_name("Kế hoạch Đảng uỷ số 19-KH-CB.pdf") == "Ke hoach Dang uy so 19-KH-CB.pdf");
    CHECK(ascii_file_name("a\"b\\c") == "a_b_c");
    CHECK(content_disposition("Báo cáo.docx") ==
          "attachment; filename=\"Bao cao.docx\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.docx");
    CHECK(content_disposition("a;b,c'd.pdf") == "attachment; filename=\"a;b,c'd.pdf\"; filename*=UTF-8''a%3Bb%2Cc%27d.pdf");
}

TEST_CASE("a document's file name comes from its type and number", "[serve]") {
    model::Document document;
    CHECK(document_file_stem(document, "ke-hoach") == "ke-hoach");
    document.title = model::DocTitle{"KẾ HOẠCH", {}};
    document.header = model::Header{{}, {"CHI BỘ"}, "Số 19-KH/CB", "", {}};
    CHECK(document_file_stem(document, "ke-hoach") == "Kế hoạch số 19-KH-CB");
    document.header->number_line = "Số: 15/KH-UBND";
    CHECK(document_file_stem(document, "ke-hoach") == "Kế hoạch số 15-KH-UBND");
    document.header->number_line = std::string(300, 'x') + "ệ";
    CHECK(document_file_stem(document, "x").size() <= 120);
}

TEST_CASE("the render queue runs jobs, refuses when full, and gives up at the deadline", "[serve]") {
    RenderQueue queue(1, 1);
    std::optional<int> result;
    CHECK(queue.run<int>([] { return 42; }, RenderQueue::Clock::now() + 5s, result) == RenderQueue::Outcome::done);
    CHECK(result == 42);

    // Hold the only worker, fill the one place of the queue: the next job is refused.
    std::promise<void> release, holding;
    std::shared_future<void> released = release.get_future().share();
    std::future<void> held_now = holding.get_future();
    std::thread holder([&] {
        std::optional<int> r;
        queue.run<int>([released, &holding] { holding.set_value(); released.wait(); return 1; },
                       RenderQueue::Clock::now() + 10s, r);
    });
    held_now.wait(); // the worker runs the holder's job
    std::thread waiter([&] {
        std::optional<int> r;
        queue.run<int>([] { return 2; }, RenderQueue::Clock::now() + 10s, r);
    });
    while (queue.waiting() == 0) std::this_thread::yield(); // nothing else can take it
    std::optional<int> refused;
    CHECK(queue.run<int>([] { return 3; }, RenderQueue::Clock::now() + 10s, refused) == RenderQueue::Outcome::full);
    CHECK_FALSE(refused);
    release.set_value();
    holder.join();
    waiter.join();

    // A deadline already passed: the caller stops waiting, the job is dropped unrun.
    std::atomic<bool> ran{false};
    std::optional<int> late;
    std::promise<void> hold, started;
    std::shared_future<void> held = hold.get_future().share();
    std::future<void> running = started.get_future();
    std::thread blocker([&] {
        std::optional<int> r;
        queue.run<int>([held, &started] { started.set_value(); held.wait(); return 0; }, RenderQueue::Clock::now() + 10s, r);
    });
    running.wait();
    CHECK(queue.run<int>([&] { ran = true; return 4; }, RenderQueue::Clock::now() + 10ms, late) ==
          RenderQueue::Outcome::deadline);
    CHECK(queue.waiting() == 0); // dropped off the queue at once (the next case)
    hold.set_value();
    blocker.join();
    std::optional<int> after;
    CHECK(queue.run<int>([] { return 5; }, RenderQueue::Clock::now() + 5s, after) == RenderQueue::Outcome::done);
    CHECK_FALSE(ran);

    queue.stop();
    std::optional<int> stopped;
    CHECK(queue.run<int>([] { return 6; }, RenderQueue::Clock::now() + 5s, stopped) == RenderQueue::Outcome::stopped);
}

TEST_CASE("a job dropped at its deadline frees its place in the queue at once", "[serve]") {
    RenderQueue queue(1, 1);
    // The only worker is held until the end: nothing but the queue itself can take a job off.
    std::promise<void> hold, started;
    std::shared_future<void> held = hold.get_future().share();
    std::future<void> running = started.get_future();
    std::thread blocker([&] {
        std::optional<int> r;
        queue.run<int>([held, &started] { started.set_value(); held.wait(); return 0; }, RenderQueue::Clock::now() + 60s, r);
    });
    running.wait();

    // The one place taken, then dropped at its deadline (the worker being held, it cannot run).
    std::atomic<bool> dropped_ran{false};
    std::optional<int> late;
    CHECK(queue.run<int>([&] { dropped_ran = true; return 1; }, RenderQueue::Clock::now() + 10ms, late) ==
          RenderQueue::Outcome::deadline);
    CHECK(queue.waiting() == 0);

    // The place is free for the next job while the worker is still held: queued, not refused.
    std::atomic<bool> answered{false};
    RenderQueue::Outcome next_outcome = RenderQueue::Outcome::full;
    std::optional<int> next;
    std::thread next_caller([&] {
        next_outcome = queue.run<int>([] { return 2; }, RenderQueue::Clock::now() + 60s, next);
        answered = true;
    });
    while (queue.waiting() == 0 && !answered) std::this_thread::yield();
    CHECK_FALSE(answered); // a refusal (503 full) would have answered at once
    hold.set_value();
    next_caller.join();
    blocker.join();
    CHECK(next_outcome == RenderQueue::Outcome::done);
    CHECK(next == 2);
    CHECK_FALSE(dropped_ran);
}
