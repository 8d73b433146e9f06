#include "scheduler.h"
#include <algorithm>
#include <cstdio>
#include "push.h"
#include "sync_merge.h"

namespace fc::server {

namespace {
constexpr int kMaxRuleRounds = 4;
}  // namespace

RulesRun run_rules_once(ServerState& state, const std::vector<ScheduledRule>& rules) {
    RulesRun run;
    std::vector<TenantState*> tenants;
    {
        std::lock_guard<std::mutex> lock(state.tenants.mutex);
        for (auto& [id, t] : state.tenants.by_id) tenants.push_back(t.get());
    }
    for (TenantState* t : tenants) {
        for (const ScheduledRule& rule : rules) {
            // A rule may plan in steps (route, then escalate the routed leads): run it again
            // while its last batch changed something, a few rounds at most.
            for (int round = 0; round < kMaxRuleRounds; ++round) {
                std::vector<Command> commands;
                std::int64_t version_before = 0;
                {
                    std::lock_guard<std::mutex> lock(t->mutex);
                    version_before = t->version;
                    commands = rule.run(t->store, state.now());
                    // A record someone deleted is not planned back (a deleted follow-up task).
                    commands.erase(std::remove_if(commands.begin(), commands.end(),
                                                  [&](const Command& c) {
                                                      for (const RecordRef& r : command_records(c))
                                                          if (t->deleted.count(record_key(r.table, r.id)))
                                                              return true;
                                                      return false;
                                                  }),
                                   commands.end());
                }
                if (commands.empty()) break;
                Id client_id = "sys:rules:" + t->id;
                for (Command& c : commands) c.client_id = client_id;
                run.commands += int(commands.size());
                BatchResult b = apply_batch(state, *t, Actor{t->id, "", "system", ""}, client_id,
                                            std::move(commands), true);
                if (b.status != 200) {
                    ++run.failed_batches;
                    std::fprintf(stderr, "rule %s on %s failed: %s\n", rule.name.c_str(),
                                 t->id.c_str(), b.error.message.c_str());
                    break;
                }
                int applied = 0;
                for (const CommandResult& r : b.results) {
                    bool ok = r.status == "applied";
                    (ok ? run.applied : run.rejected)++;
                    applied += ok && !r.superseded;
                }
                if (applied == 0 || b.version == version_before) break;
            }
        }
    }
    return run;
}

void Scheduler::start(ServerState& state, std::vector<ScheduledRule> rules,
                      std::int64_t interval_seconds) {
    if (interval_seconds <= 0 || rules.empty()) return;
    // The first pass runs at once: what fell due while the server was down (an SLA breached
    // overnight) is escalated on start, not a whole interval later.
    wanted_ = true;
    thread_ = std::thread([this, &state, rules = std::move(rules), interval_seconds] {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            // Times out on the tick, or returns early on run_soon() or stop().
            wake_.wait_for(lock, std::chrono::seconds(interval_seconds),
                           [this] { return stopping_ || wanted_; });
            if (stopping_) break;
            wanted_ = false;
            lock.unlock();
            run_rules_once(state, rules);
            lock.lock();
        }
    });
}

void Scheduler::run_soon() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        wanted_ = true;
    }
    wake_.notify_all();
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
