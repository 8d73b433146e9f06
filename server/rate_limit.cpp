#include "rate_limit.h"
#include <cmath>

namespace fc::server {

RateLimiter::Bucket& RateLimiter::refill(const std::string& key, double now) {
    // Full buckets carry no information: drop them when the map grows, so a flood of sender
    // addresses cannot grow it without bound.
    if (buckets_.size() > 100000) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            double full_at = it->second.at + (burst_ - it->second.tokens) / per_second_;
            it = full_at <= now ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!fresh) {
        b.tokens = std::min(burst_, b.tokens + (now - b.at) * per_second_);
        b.at = now;
    }
    return b;
}

int RateLimiter::wait_for_one(const Bucket& b) const {
    return int(std::ceil((1 - b.tokens) / per_second_));
}

bool RateLimiter::take(const std::string& key, double now, int& retry_after) {
    std::lock_guard<std::mutex> lock(mutex_);
    Bucket& b = refill(key, now);
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
    }
    retry_after = wait_for_one(b);
    return false;
}

bool RateLimiter::allows(const std::string& key, double now, int& retry_after) {
    std::lock_guard<std::mutex> lock(mutex_);
    Bucket& b = refill(key, now);
    if (b.tokens >= 1) return true;
    retry_after = wait_for_one(b);
    return false;
}

void RateLimiter::reset(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    buckets_.erase(key);
}

}  // namespace fc::server
