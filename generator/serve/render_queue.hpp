// The renders of vanban serve: a fixed number of worker threads sharing the one engine, and
// a bounded queue in front of them. A request that finds the queue full is answered 503 at
// once; one whose render has not finished by its deadline is answered 503 too, and its job,
// if it has not started, is dropped and its place freed at once (a render that has started
// runs to its end: the engine's own limits bound it). The HTTP threads only wait.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "serve/thread_pool.hpp"

namespace vanban::serve {

class RenderQueue {
public:
    using Clock = std::chrono::steady_clock;
    enum class Outcome { done, full, deadline, stopped };

    RenderQueue(std::size_t workers, std::size_t capacity) : pool_(workers), capacity_(capacity) {}

    // Runs `job` on a worker and waits for its result until `deadline`. The job owns what it
    // uses: it may outlive this call.
    template <class Result>
    Outcome run(std::function<Result()> job, Clock::time_point deadline, std::optional<Result>& result) {
        auto task = std::make_shared<std::packaged_task<Result()>>(std::move(job));
        std::future<Result> future = task->get_future();
        auto abandoned = std::make_shared<std::atomic<bool>>(false);
        // A job still waiting at its deadline is dropped: its caller has stopped waiting.
        ThreadPool::Ticket ticket = 0;
        const ThreadPool::Pushed pushed = pool_.push(
            [task, abandoned, deadline] {
                if (!*abandoned && Clock::now() < deadline) (*task)();
            },
            capacity_, &ticket);
        if (pushed == ThreadPool::Pushed::full) return Outcome::full;
        if (pushed == ThreadPool::Pushed::stopped) return Outcome::stopped;
        if (future.wait_until(deadline) != std::future_status::ready) {
            *abandoned = true; // a worker that took it meanwhile skips it
            // Off the queue at once: a dropped job keeping its place until a worker came to
            // it would make the queue refuse jobs (503 full) while it has room.
            pool_.withdraw(ticket);
            return Outcome::deadline;
        }
        try {
            result.emplace(future.get());
        } catch (const std::future_error&) { // dropped unrun
            return Outcome::deadline;
        }
        return Outcome::done;
    }

    // Refuses new jobs; the queued ones still run (the destructor waits for them).
    void stop() { pool_.stop(); }

    std::size_t waiting() const { return pool_.waiting(); }
    std::size_t busy() const { return pool_.busy(); }
    std::size_t workers() const { return pool_.size(); }
    std::size_t capacity() const { return capacity_; }

private:
    ThreadPool pool_;
    const std::size_t capacity_;
};

} // namespace vanban::serve
