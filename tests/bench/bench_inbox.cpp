// The inbox at network scale: building the derived index once per data load, a header click
// (sort 100k+ leads by a precomputed key) and one search keystroke (filter them). The budget
// for the last two is one frame, 16 ms, in the browser.
#include <algorithm>
#include <cstdio>
#include <vector>
#include "app_index.h"
#include "bench.h"
#include "demo_data.h"
#include "inbox_filter.h"

FC_BENCH("inbox") {
    using namespace fc;
    Store s = generate_demo(demo_size_network(), 7, 1790000000);
    std::string p = ctx.wasm ? "_wasm" : "_native";
    ctx.report("inbox_leads", double(s.leads.size()));
    ui::AppIndex ix;
    ctx.report("inbox_index_build" + p + "_ms",
               bench::median_ms(3, [&] { ui::rebuild_index(s, ix); }));
    ui::InboxState in;
    for (auto [column, name] : {std::pair{ui::kColAccount, "account"}, {ui::kColScore, "score"},
                                {ui::kColOwner, "owner"}}) {
        in.sort_column = column;
        ctx.report(std::string("inbox_sort_") + name + p + "_ms",
                   bench::median_ms(5, [&] { ui::sort_inbox(s, ix, in); }));
    }
    // Typing "mül" one letter at a time: each keystroke filters again (narrowing the accounts
    // that matched the shorter text). Reported: the slowest keystroke.
    // Median over runs per keystroke; reported: the slowest keystroke's median.
    const char* typed[] = {"m", "mü", "mül"};
    std::vector<double> times[3];
    for (int run = 0; run < 5; ++run) {
        in.filter.search.clear();
        ui::filter_inbox(s, ix, in);
        for (int k = 0; k < 3; ++k) {
            in.filter.search = typed[k];
            double t0 = bench::now_ms();
            ui::filter_inbox(s, ix, in);
            times[k].push_back(bench::now_ms() - t0);
        }
    }
    double worst = 0;
    for (int k = 0; k < 3; ++k) {
        std::sort(times[k].begin(), times[k].end());
        ctx.report("inbox_search_key" + std::to_string(k + 1) + p + "_ms", times[k][2]);
        worst = std::max(worst, times[k][2]);
    }
    ctx.report("inbox_search_keystroke" + p + "_ms", worst);
    ctx.report("inbox_search_mul_matches", double(in.order.size()));
    in.filter = ui::InboxFilter{};
    in.filter.band = ui::Band::hot;
    ctx.report("inbox_filter_band" + p + "_ms",
               bench::median_ms(5, [&] { ui::filter_inbox(s, ix, in); }));
}
