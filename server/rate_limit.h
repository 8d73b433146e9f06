// A token bucket per key: `burst` at once, then `per_minute` more each minute. Public endpoints
// need one: per capture key + sender address, a form spammer must not be able to fill a
// dealer's inbox or the disk; per account and per address, a password guesser must not get
// more than a handful of tries (failed sign-ins take tokens, a success resets the account).
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
    // Whether `take` would succeed now, without taking (sign-in checks before it hashes).
    bool allows(const std::string& key, double now_seconds, int& retry_after);
    // Forgets the key: a full bucket again (a successful sign-in).
    void reset(const std::string& key);

private:
    struct Bucket {
        double tokens;
        double at;
    };
    // Refills the key's bucket to `now`; the caller holds mutex_.
    Bucket& refill(const std::string& key, double now);
    int wait_for_one(const Bucket& b) const;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    double burst_ = 20, per_second_ = 20.0 / 60.0;
};

}  // namespace fc::server
