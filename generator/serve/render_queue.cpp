#include "serve/render_queue.hpp"

namespace vanban::serve {

RenderQueue::RenderQueue(std::size_t workers, std::size_t capacity) : capacity_(capacity) {
    for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i) threads_.emplace_back([this] { work(); });
}

RenderQueue::~RenderQueue() {
    stop();
    for (std::thread& thread : threads_) thread.join();
}

void RenderQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
}

RenderQueue::Outcome RenderQueue::push(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return Outcome::stopped;
        if (jobs_.size() >= capacity_) return Outcome::full;
        jobs_.push_back(std::move(job));
        ++waiting_;
    }
    ready_.notify_one();
    return Outcome::done;
}

void RenderQueue::work() {
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
