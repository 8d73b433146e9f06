// Timeline, Now queue and reports over the network-sized demo (100k accounts, 1M activities).
// All benches here have "timeline" in their name so `fc_core_bench timeline` runs them; they
// share one generated store. WASM figures keep their target names, native ones add _native.
#include <algorithm>
#include <cstdio>
#include "bench.h"
#include "demo_data.h"
#include "commands.h"
#include "follow_up_rules.h"
#include "now_queue.h"
#include "reports.h"
#include "timeline.h"

namespace {

constexpr fc::Time kNow = 1790000000;
constexpr size_t kQueueLeads = 5000;
constexpr size_t kTimelineEntries = 5000;

struct World {
    fc::Store store;
    fc::Indexes idx;
    fc::Calendars cals;
    fc::Id busy_account;
    fc::Id queue_user = "D1-R1";
};

// The generator's busiest account has ~3k activities; top it up to 5k timeline entries (with
// some follow-up tasks) so the page bench sees the size the target names.
void grow_busy_account(World& w) {
    size_t best = 0;
    for (size_t a = 1; a < w.idx.activities_of_account.size(); ++a)
        if (w.idx.activities_of_account[a].size() > w.idx.activities_of_account[best].size()) best = a;
    const fc::Account& acc = w.store.accounts.rows[best];
    w.busy_account = acc.id;
    size_t have = w.idx.activities_of_account[best].size() + w.idx.tasks_of_account[best].size();
    for (size_t i = 0; i < 100; ++i) {
        fc::Task t;
        t.id = "BENCH-T" + std::to_string(i);
        t.account_id = acc.id;
        t.assignee = acc.dealer_id + "-R1";
        t.title = "Bench follow-up";
        t.created_at = kNow - fc::Time(i) * 7200;
        t.due = t.created_at + 86400;
        w.store.tasks.put(std::move(t));
        ++have;
    }
    for (size_t i = 0; have < kTimelineEntries; ++i, ++have) {
        fc::Activity a;
        a.id = "BENCH-E" + std::to_string(i);
        a.account_id = acc.id;
        a.contact_id = acc.id + "-C1";
        a.type = i % 3 ? fc::ActivityType::outbound_call : fc::ActivityType::inbound_email;
        a.at = kNow - fc::Time(i) * 1800;
        a.product_category = i % 2 ? "new-cars" : "service";
        a.author = i % 3 ? acc.dealer_id + "-R1" : "";
        w.store.activities.put(std::move(a));
    }
}

// One rep holding 5k leads (and their tasks), as in a dealer group's busiest inbox.
void load_queue_user(World& w) {
    size_t n = std::min(kQueueLeads, w.store.leads.size());
    std::vector<char> mine(w.store.leads.size(), 0);
    for (size_t i = 0; i < n; ++i) {
        w.store.leads.rows[i].owner = w.queue_user;
        mine[i] = 1;
    }
    for (fc::Task& t : w.store.tasks.rows) {
        std::uint32_t row = w.store.leads.row_of(t.lead_id);
        if (row != fc::kNoRow && mine[row]) t.assignee = w.queue_user;
    }
}

World& world(fc::bench::Context& ctx) {
    static World* w = nullptr;
    if (w) return *w;
    w = new World;
    double t0 = fc::bench::now_ms();
    w->store = fc::generate_demo(fc::demo_size_network(), 1, kNow);
    double t1 = fc::bench::now_ms();
    std::fprintf(stderr, "bench: generated %zu activities, %zu leads, %zu tasks in %.0f ms\n",
                 w->store.activities.size(), w->store.leads.size(), w->store.tasks.size(), t1 - t0);
    w->idx = fc::build_indexes(w->store);
    grow_busy_account(*w);
    load_queue_user(*w);
    double t2 = fc::bench::now_ms();
    w->idx = fc::build_indexes(w->store);
    double t3 = fc::bench::now_ms();
    ctx.report(ctx.wasm ? "timeline_index_build_wasm_ms" : "timeline_index_build_native_ms", t3 - t2);
    (void)fc::build_calendars(w->store, nullptr, w->cals);
    return *w;
}

double median_us(int runs, const std::function<void()>& fn) {
    return fc::bench::median_ms(runs, fn) * 1000.0;
}

}  // namespace

FC_BENCH("timeline_account") {
    World& w = world(ctx);
    fc::TimelinePage first;
    double us = median_us(51, [&] { first = fc::account_timeline(w.store, w.idx, w.busy_account); });
    ctx.report(ctx.wasm ? "timeline_account_us" : "timeline_account_native_us", us);

    // Deep in the history: the page after 60 pages of cursor.
    fc::TimelineCursor cursor;
    for (int i = 0; i < 60; ++i) cursor = fc::account_timeline(w.store, w.idx, w.busy_account, {}, cursor).next;
    double deep = median_us(51, [&] { fc::account_timeline(w.store, w.idx, w.busy_account, {}, cursor); });
    ctx.report(ctx.wasm ? "timeline_account_deep_page_us" : "timeline_account_deep_page_native_us", deep);

    // A narrow filter walks further back for one page: the worst realistic case.
    fc::TimelineFilter f;
    f.activity_types = 1u << unsigned(fc::ActivityType::purchase);
    f.product_category = "new-cars";
    double filtered = median_us(51, [&] { fc::account_timeline(w.store, w.idx, w.busy_account, f); });
    ctx.report(ctx.wasm ? "timeline_account_filtered_us" : "timeline_account_filtered_native_us", filtered);
    std::fprintf(stderr, "bench: account %s, first page %zu entries\n", w.busy_account.c_str(),
                 first.entries.size());
}

FC_BENCH("timeline_now_queue") {
    World& w = world(ctx);
    fc::SlaPolicy policy;
    fc::BandOf bands = fc::score_threshold_bands();
    size_t items = 0;
    double us = median_us(21, [&] {
        items = fc::build_now_queue(w.store, w.idx, w.cals, policy, bands, w.queue_user, kNow).size();
    });
    ctx.report(ctx.wasm ? "now_queue_5k_us" : "now_queue_5k_native_us", us);
    std::fprintf(stderr, "bench: Now queue over %zu leads: %zu items\n",
                 w.idx.leads_of_owner[w.queue_user].size(), items);
}

FC_BENCH("timeline_reports") {
    World& w = world(ctx);
    double ms = fc::bench::median_ms(3, [&] { fc::compute_reports(w.store, w.idx, kNow); });
    ctx.report(ctx.wasm ? "reports_1m_wasm_ms" : "reports_1m_native_ms", ms);
}

FC_BENCH("timeline_follow_ups") {
    World& w = world(ctx);
    fc::FollowUpRules rules = fc::default_follow_up_rules();
    size_t n = 0;
    double ms = fc::bench::median_ms(3, [&] { n = fc::plan_follow_ups(w.store, w.idx, rules, kNow).size(); });
    ctx.report(ctx.wasm ? "follow_ups_plan_1m_wasm_ms" : "follow_ups_plan_1m_native_ms", ms);
    std::fprintf(stderr, "bench: follow-up plan: %zu tasks\n", n);

    // Steady state: the tasks exist, so a timer-driven re-run should find almost nothing.
    // (Runs last: it adds the planned tasks to the shared store.)
    for (const fc::Command& c : fc::plan_follow_ups(w.store, w.idx, rules, kNow)) (void)fc::apply_command(w.store, c);
    fc::refresh_indexes(w.idx, w.store);
    double again = fc::bench::median_ms(3, [&] { n = fc::plan_follow_ups(w.store, w.idx, rules, kNow).size(); });
    ctx.report(ctx.wasm ? "follow_ups_replan_1m_wasm_ms" : "follow_ups_replan_1m_native_ms", again);
    std::fprintf(stderr, "bench: follow-up re-plan: %zu tasks\n", n);
}
