// The first DOCX of a process, made on several threads at once: each thread waits at a
// barrier, then renders. Exit 0 when every thread got its package, 1 otherwise (the
// failures are printed). Run many times by the test "the first renders of a process…" in
// package_test.cpp, because what it looks for happens only at a process's first use of
// libzip (libzip 1.7.3 fills two static variables on its first zip_open_from_source, without
// a lock: see zip_parts in generator/src/docx/package.cpp).
#include <barrier>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "docx/docx.hpp"
#include "vanban/error.hpp"

int main() {
    constexpr int thread_count = 4;
    std::barrier start(thread_count);
    std::vector<std::string> failures(thread_count);
    std::vector<std::thread> threads;
    for (int i = 0; i < thread_count; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                if (vanban::docx::render_docx(vanban::model::Document{}, {"2019-03-25T08:00:00Z"}).empty())
                    failures[i] = "empty package";
            } catch (const vanban::Failure& failure) {
                failures[i] = failure.error().message.text();
            }
        });
    }
    for (std::thread& t : threads) t.join();
    int failed = 0;
    for (int i = 0; i < thread_count; ++i) {
        if (failures[i].empty()) continue;
        std::fprintf(stderr, "thread %d: %s\n", i, failures[i].c_str());
        ++failed;
    }
    return failed == 0 ? 0 : 1;
}
