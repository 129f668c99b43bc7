// Threads taking jobs from one queue, for vanban serve's connections (any number may wait)
// and its renders (a bounded number may wait).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace vanban::serve {

class ThreadPool {
public:
    explicit ThreadPool(std::size_t threads);
    ~ThreadPool(); // runs the jobs already queued, then joins the threads
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    enum class Pushed { queued, full, stopped };
    // Which queued job withdraw() takes back; push() gives it.
    using Ticket = std::uint64_t;
    // Queues `job` unless `capacity` jobs wait already, or stop() was called; `ticket`, when
    // given, is set to the job's.
    Pushed push(std::function<void()> job, std::size_t capacity = std::numeric_limits<std::size_t>::max(),
                Ticket* ticket = nullptr);
    // Takes a job that no thread has started off the queue, unrun: its place is free at once
    // (and what it holds released). False when a thread took it already.
    bool withdraw(Ticket ticket);
    // Refuses new jobs; the queued ones still run. join() then waits for them.
    void stop();
    void join();

    std::size_t waiting() const { return waiting_.load(); }
    std::size_t busy() const { return busy_.load(); }
    std::size_t size() const { return threads_.size(); }

private:
    void work();

    std::mutex mutex_;
    std::condition_variable ready_;
    struct Job {
        Ticket ticket;
        std::function<void()> run;
    };
    std::deque<Job> jobs_;
    Ticket next_ticket_ = 0;
    bool stopping_ = false;
    std::atomic<std::size_t> waiting_{0};
    std::atomic<std::size_t> busy_{0};
    std::vector<std::thread> threads_;
};

} // namespace vanban::serve
