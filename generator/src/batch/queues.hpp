// The hand-overs between the threads of a batch run (batch.cpp): the bounded queue from the
// reader to the workers, and the slots that bound the merged records in memory at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "vanban/batch.hpp"

namespace vanban::batch {

// One record on its way from the reader to the collector.
struct Job {
    std::size_t sequence = 0;  // its place among the records of this run
    RecordReport report;       // number, keys, and the output paths (sizes come later)
    nlohmann::json record;     // the record's own fields, merged over the shared data when rendered
    std::string input_sha256;  // of the record and everything else the output depends on
};

// A queue of jobs that makes the reader wait when the workers are behind: the batch holds
// only the records in flight, whatever their number.
class JobQueue {
public:
    explicit JobQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(Job job) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return jobs_.size() < capacity_; });
        jobs_.push_back(std::move(job));
        not_empty_.notify_one();
    }

    // False when the queue is closed and empty: the worker is done.
    bool pop(Job& job) {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !jobs_.empty() || closed_; });
        if (jobs_.empty()) return false;
        job = std::move(jobs_.front());
        jobs_.pop_front();
        not_full_.notify_one();
        return true;
    }

    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_full_, not_empty_;
    std::deque<Job> jobs_;
    std::size_t capacity_;
    bool closed_ = false;
};

// Lets at most `count` workers hold a merged record at once: each is a copy of the shared
// data, and shared data near its limits takes a hundred megabytes or more in memory.
class DataSlots {
public:
    explicit DataSlots(std::size_t count) : free_(count) {}

    class Taken {
    public:
        explicit Taken(DataSlots& slots) : slots_(&slots) {
            std::unique_lock lock(slots_->mutex_);
            slots_->freed_.wait(lock, [&] { return slots_->free_ > 0; });
            --slots_->free_;
        }
        ~Taken() { release(); }
        Taken(const Taken&) = delete;
        Taken& operator=(const Taken&) = delete;

        void release() {
            if (!slots_) return;
            {
                std::lock_guard lock(slots_->mutex_);
                ++slots_->free_;
            }
            slots_->freed_.notify_one();
            slots_ = nullptr;
        }

    private:
        DataSlots* slots_;
    };

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    std::size_t free_;
};

} // namespace vanban::batch
