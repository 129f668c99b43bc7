// Threads taking jobs from one queue, for vanban serve's connections (any number may wait)
// and its renders (a bounded number may wait).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
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
    // Queues `job` unless `capacity` jobs wait already, or stop() was called.
    Pushed push(std::function<void()> job, std::size_t capacity = std::numeric_limits<std::size_t>::max());
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
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::atomic<std::size_t> waiting_{0};
    std::atomic<std::size_t> busy_{0};
    std::vector<std::thread> threads_;
};

} // namespace vanban::serve
