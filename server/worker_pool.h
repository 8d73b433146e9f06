// The HTTP worker threads. cpp-httplib serves each connection on one thread for as long as it
// is open, so an idle event stream holds a thread. A fixed pool would let a few thousand
// streams starve every other request; this pool keeps `min_threads` ready, starts one more
// whenever a connection arrives and none is idle (up to `max_threads`), and lets the extra
// ones end after a minute without work. Threads get a small stack (`stack_bytes`, reserved
// address space; only touched pages use memory), so thousands of idle streams cost little.
#pragma once
#include <httplib.h>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace fc::server {

class WorkerPool : public httplib::TaskQueue {
public:
    WorkerPool(size_t min_threads, size_t max_threads, size_t stack_bytes);
    ~WorkerPool() override;
    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

private:
    static void* run(void* self);
    void work();
    bool spawn();  // with mutex_ held

    size_t min_, max_, stack_;
    std::mutex mutex_;
    std::condition_variable has_work_, all_done_;
    std::deque<std::function<void()>> jobs_;
    size_t threads_ = 0, idle_ = 0;
    bool stopping_ = false;
};

}  // namespace fc::server
