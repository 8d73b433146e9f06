// The lead engine on a manufacturer's network (100k accounts, 1M activities): a full re-score
// after a rule change, a rules preview, one new activity through the command path, and the heap
// the whole data set takes. The same file builds native and WASM; metric names say which.
#include <malloc.h>
#include <algorithm>
#include <string>
#include <vector>
#include "bench.h"
#include "commands.h"
#include "demo_data.h"
#include "lead_engine.h"
#include "rng.h"

namespace {

constexpr fc::Time kNow = 1790000000;

// Bytes the allocator has handed out and not taken back (dlmalloc in WASM, glibc natively).
double heap_in_use_mb() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    return double(mallinfo2().uordblks) / (1024.0 * 1024.0);
#else
    return double(mallinfo().uordblks) / (1024.0 * 1024.0);
#endif
}

// New activities drawn like the generator's: a few accounts are much busier than most, so
// the busiest buckets (a thousand activities) are hit often.
std::vector<fc::Command> new_activities(const fc::Store& s, int n) {
    static const char* kCategories[] = {"new-cars", "used-cars", "vans", "service",
                                        "tyres", "body-shop", "leasing", "accessories"};
    static const char* kTypes[] = {"web_form", "inbound_call", "visit", "literature_request",
                                   "outbound_call", "inbound_email", "test_drive"};
    fc::Rng rng(99);
    std::vector<fc::Command> out;
    for (int i = 0; i < n; ++i) {
        double u = rng.unit();
        auto account = std::uint32_t(double(s.accounts.size()) * u * u) % s.accounts.size();
        double v = rng.unit();
        const fc::Id& acc = s.accounts.rows[account].id;
        fc::json payload = {{"id", "BENCH-" + std::to_string(i)},
                            {"account_id", acc},
                            {"contact_id", acc + "-C1"},
                            {"type", kTypes[rng.below(7)]},
                            {"at", kNow - fc::Time(rng.below(3600))},
                            {"product_category", kCategories[std::uint32_t(8 * v * v) % 8]}};
        out.push_back(fc::Command{"cmd-" + std::to_string(i), "bench", std::uint64_t(i + 1),
                                  "activity.log", kNow, "D1-R1", std::move(payload)});
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

FC_BENCH("leads") {
    const std::string p = ctx.wasm ? "wasm" : "native";
    double t0 = fc::bench::now_ms();
    fc::Store s = fc::generate_demo(fc::demo_size_network(), 1, kNow);
    ctx.report("demo_network_generate_" + p + "_ms", fc::bench::now_ms() - t0);
    ctx.report("leads_1m_count", double(s.leads.size()));
    ctx.report(ctx.wasm ? "core_heap_mb_1m" : "core_heap_native_mb_1m", heap_in_use_mb());

    // A rule change re-scores everything: alternate two half-lives so no run is a no-op. The
    // three measurements are interleaved so a busy machine skews them alike.
    fc::ScoringRules a = s.lead_book.rules, b = a;
    b.half_life_days = a.half_life_days * 2;
    std::vector<double> rescore, clock, preview;
    for (int run = 0; run < 9; ++run) {
        double t = fc::bench::now_ms();
        fc::set_scoring_rules(s, run % 2 ? a : b);
        rescore.push_back(fc::bench::now_ms() - t);
        t = fc::bench::now_ms();
        fc::rescore_all(s, kNow + 60 * (run + 1));
        clock.push_back(fc::bench::now_ms() - t);
        t = fc::bench::now_ms();
        fc::preview_rules(s, run % 2 ? b : a);
        preview.push_back(fc::bench::now_ms() - t);
    }
    ctx.report("rescore_1m_" + p + "_ms", median(rescore));
    ctx.report("rescore_clock_1m_" + p + "_ms", median(clock));
    ctx.report("preview_rules_1m_" + p + "_ms", median(preview));

    std::vector<fc::Command> cmds = new_activities(s, 400);
    std::vector<double> us;
    for (const fc::Command& c : cmds) {
        double start = fc::bench::now_ms();
        auto e = fc::apply_command(s, c);
        us.push_back((fc::bench::now_ms() - start) * 1000.0);
        if (e) std::fprintf(stderr, "bench: %s: %s\n", c.id.c_str(), e->message.c_str());
    }
    std::sort(us.begin(), us.end());
    ctx.report(ctx.wasm ? "incremental_activity_us" : "incremental_activity_native_us",
               us[us.size() / 2]);
    ctx.report(ctx.wasm ? "incremental_activity_p99_us" : "incremental_activity_native_p99_us",
               us[us.size() * 99 / 100]);
}
