// Server-side rules on a schedule: the hook where time-driven engines run without a client
// (a lead past its SLA is redirected; a follow-up falls due at night). Each rule is a function
// of core: it reads a tenant's store at `now` and returns the commands it wants applied; the
// scheduler applies them as the server's own client ("sys:rules:<tenant>") through the same
// exactly-once batch as a push, so every client pulls the results.
//
// scheduled_rules() (scheduled_rules.cpp) runs core's workflow sweep: routing, SLA escalation
// and follow-ups. A rule is run again on a tenant while its last batch changed something (up
// to a few rounds), since routing must be applied before escalation sees the new owners.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <string>
#include <thread>
#include <vector>
#include "commands.h"
#include "state.h"

namespace fc::server {

struct ScheduledRule {
    std::string name;
    std::function<std::vector<Command>(const Store& store, Time now)> run;
};

// The rules this server runs (scheduled_rules.cpp).
std::vector<ScheduledRule> scheduled_rules();

struct RulesRun {
    int commands = 0;   // commands the rules returned
    int applied = 0;
    int rejected = 0;
    int failed_batches = 0;  // storage failures: retried on the next run
};

// One pass of every rule over every tenant.
RulesRun run_rules_once(ServerState& state, const std::vector<ScheduledRule>& rules);

// Calls run_rules_once every `interval_seconds` on a thread of its own until stop(), and
// sooner when asked: a captured lead is routed at once, not at the next tick (a lead answered
// within minutes is the point of the product). Requests made while a pass runs are folded
// into one more pass.
class Scheduler {
public:
    void start(ServerState& state, std::vector<ScheduledRule> rules, std::int64_t interval_seconds);
    void run_soon();
    void stop();
    ~Scheduler() { stop(); }

private:
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool wanted_ = false;
};

}  // namespace fc::server
