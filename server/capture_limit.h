// A token bucket per key (capture key + sender address): `burst` posts at once, then
// `per_minute` more each minute. Public endpoints need one; a form spammer must not be able to
// fill a dealer's inbox or the disk.
#pragma once
#include <mutex>
#include <string>
#include <unordered_map>

namespace fc::server {

class RateLimiter {
public:
    void configure(double burst, double per_minute) {
        burst_ = burst;
        per_second_ = per_minute / 60.0;
    }
    // True when a post may go ahead now (and takes its token); otherwise `retry_after` is the
    // number of whole seconds until one will be available.
    bool take(const std::string& key, double now_seconds, int& retry_after);

private:
    struct Bucket {
        double tokens;
        double at;
    };
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    double burst_ = 20, per_second_ = 20.0 / 60.0;
};

}  // namespace fc::server
