#include "worker_pool.h"
#include <pthread.h>
#include <chrono>
#include <cstdio>

namespace fc::server {

WorkerPool::WorkerPool(size_t min_threads, size_t max_threads, size_t stack_bytes)
    : min_(min_threads), max_(std::max(min_threads, max_threads)), stack_(stack_bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < min_; ++i) spawn();
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::spawn() {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t id;
    bool ok = pthread_create(&id, &attr, &WorkerPool::run, this) == 0;
    pthread_attr_destroy(&attr);
    if (ok) ++threads_;
    return ok;
}

void* WorkerPool::run(void* self) {
    static_cast<WorkerPool*>(self)->work();
    return nullptr;
}

void WorkerPool::enqueue(std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(fn));
    // Queued jobs beyond the idle threads need threads of their own, or they would wait behind
    // streams that never end.
    if (jobs_.size() > idle_ && threads_ < max_ && !spawn() && threads_ == 0)
        std::fprintf(stderr, "worker pool: cannot start a thread\n");
    has_work_.notify_one();
}

void WorkerPool::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        ++idle_;
        bool got = has_work_.wait_for(lock, std::chrono::seconds(60),
                                      [this] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (!got && threads_ > min_) break;  // a spare thread without work for a minute
        if (jobs_.empty()) {
            if (stopping_) break;
            continue;
        }
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
    if (--threads_ == 0) all_done_.notify_all();
}

void WorkerPool::shutdown() {
    std::unique_lock<std::mutex> lock(mutex_);
    stopping_ = true;
    has_work_.notify_all();
    all_done_.wait(lock, [this] { return threads_ == 0; });
}

}  // namespace fc::server
