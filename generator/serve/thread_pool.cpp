#include "serve/thread_pool.hpp"

#include <algorithm>

namespace vanban::serve {

ThreadPool::ThreadPool(std::size_t threads) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) threads_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
    stop();
    join();
}

ThreadPool::Pushed ThreadPool::push(std::function<void()> job, std::size_t capacity) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return Pushed::stopped;
        if (jobs_.size() >= capacity) return Pushed::full;
        jobs_.push_back(std::move(job));
        ++waiting_;
    }
    ready_.notify_one();
    return Pushed::queued;
}

void ThreadPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
}

void ThreadPool::join() {
    for (std::thread& thread : threads_)
        if (thread.joinable()) thread.join();
}

void ThreadPool::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            --waiting_;
            ++busy_;
        }
        job();
        --busy_;
    }
}

} // namespace vanban::serve
