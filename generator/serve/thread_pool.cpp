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

ThreadPool::Pushed ThreadPool::push(std::function<void()> job, std::size_t capacity, Ticket* ticket) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return Pushed::stopped;
        if (jobs_.size() >= capacity) return Pushed::full;
        jobs_.push_back({next_ticket_, std::move(job)});
        if (ticket) *ticket = next_ticket_;
        ++next_ticket_;
        ++waiting_;
    }
    ready_.notify_one();
    return Pushed::queued;
}

bool ThreadPool::withdraw(Ticket ticket) {
    std::function<void()> withdrawn; // destroyed outside the lock: it may hold much
    {
        std::lock_guard lock(mutex_);
        const auto found = std::find_if(jobs_.begin(), jobs_.end(), [ticket](const Job& job) { return job.ticket == ticket; });
        if (found == jobs_.end()) return false;
        withdrawn = std::move(found->run);
        jobs_.erase(found);
        --waiting_;
    }
    return true;
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
            job = std::move(jobs_.front().run);
            jobs_.pop_front();
            --waiting_;
            ++busy_;
        }
        job();
        --busy_;
    }
}

} // namespace vanban::serve
