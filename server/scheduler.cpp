#include "scheduler.h"
#include <cstdio>
#include "push.h"

namespace fc::server {

RulesRun run_rules_once(ServerState& state, const std::vector<ScheduledRule>& rules) {
    RulesRun run;
    std::vector<TenantState*> tenants;
    {
        std::lock_guard<std::mutex> lock(state.tenants.mutex);
        for (auto& [id, t] : state.tenants.by_id) tenants.push_back(t.get());
    }
    for (TenantState* t : tenants) {
        for (const ScheduledRule& rule : rules) {
            std::vector<Command> commands;
            {
                std::lock_guard<std::mutex> lock(t->mutex);
                commands = rule.run(t->store, state.now());
            }
            if (commands.empty()) continue;
            Id client_id = "sys:rules:" + t->id;
            for (Command& c : commands) c.client_id = client_id;
            run.commands += int(commands.size());
            BatchResult b = apply_batch(state, *t, Actor{t->id, "", "system", ""}, client_id,
                                        std::move(commands), true);
            if (b.status != 200) {
                ++run.failed_batches;
                std::fprintf(stderr, "rule %s on %s failed: %s\n", rule.name.c_str(),
                             t->id.c_str(), b.error.message.c_str());
                continue;
            }
            for (const json& r : b.results)
                (r.value("status", "") == "applied" ? run.applied : run.rejected)++;
        }
    }
    return run;
}

void Scheduler::start(ServerState& state, std::vector<ScheduledRule> rules,
                      std::int64_t interval_seconds) {
    if (interval_seconds <= 0 || rules.empty()) return;
    thread_ = std::thread([this, &state, rules = std::move(rules), interval_seconds] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::seconds(interval_seconds),
                               [this] { return stopping_; })) {
            lock.unlock();
            run_rules_once(state, rules);
            lock.lock();
        }
    });
}

void Scheduler::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace fc::server
