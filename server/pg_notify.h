// Scale-out: several server processes behind one PostgreSQL. Each commit queues a NOTIFY on
// kChangeChannel inside its transaction (pokes.h, describe_change); every process keeps one
// extra connection that LISTENs and pokes its own streams for commits made by other processes.
// A lost LISTEN connection is reopened with backoff; since notifications sent meanwhile are
// gone, every stream is then poked once (a spare pull is cheap, a missed lead is not).
#pragma once
#include <atomic>
#include <string>
#include <thread>
#include "pokes.h"

namespace fc::server {

class ChangeListener {
public:
    // Starts listening on `url` (a postgresql:// URL); commits whose origin is `self` are
    // skipped (this process has poked its streams itself).
    void start(const std::string& url, const std::string& self, PokeHub& hub);
    void stop();
    ~ChangeListener() { stop(); }

private:
    std::thread thread_;
    std::atomic<bool> stopping_{false};
};

}  // namespace fc::server
