// A first load at network scale: the inbox part (accounts, leads, reference tables) and the
// detail part (contacts, activities, tasks) read from JSON text and from the binary form
// (core/snapshot_binary.h), and the derived inbox index built after the inbox part.
#include <string>
#include "app_index.h"
#include "bench.h"
#include "demo_data.h"
#include "snapshot.h"
#include "snapshot_binary.h"

FC_BENCH("snapshot") {
    using namespace fc;
    const std::string p = ctx.wasm ? "_wasm" : "_native";
    Store s = generate_demo(demo_size_network(), 7, 1790000000);
    auto inbox_json = [&] {
        return snapshot_tables_to_json(s, {"dealers", "users", "categories", "campaigns",
                                           "accounts", "leads", "scoring_rules"}).dump();
    };
    auto inbox_binary = [&] {
        return snapshot_tables_to_binary(s, {"dealers", "users", "categories", "campaigns",
                                             "accounts", "leads", "scoring_rules"});
    };
    std::string ij = inbox_json(), ib = inbox_binary();
    ctx.report("snapshot_inbox_json_bytes", double(ij.size()));
    ctx.report("snapshot_inbox_binary_bytes", double(ib.size()));
    ctx.report("snapshot_inbox_binary_encode" + p + "_ms", bench::median_ms(3, [&] { inbox_binary(); }));

    Store loaded;
    ctx.report("snapshot_inbox_json_load" + p + "_ms", bench::median_ms(3, [&] {
        Store st;
        load_snapshot(json::parse(ij), st);
    }));
    ctx.report("snapshot_inbox_binary_load" + p + "_ms", bench::median_ms(3, [&] {
        Store st;
        load_snapshot_binary(ib, st);
        loaded = std::move(st);
    }));
    ui::AppIndex ix;
    ctx.report("snapshot_inbox_index" + p + "_ms", bench::median_ms(3, [&] { ui::rebuild_index(loaded, ix); }));

    std::string db = snapshot_tables_to_binary(s, {"contacts", "activities", "tasks", "deals"});
    ctx.report("snapshot_detail_binary_bytes", double(db.size()));
    Store target = loaded;
    double t0 = bench::now_ms();
    add_snapshot_tables_binary(db, target);
    ctx.report("snapshot_detail_binary_load" + p + "_ms", bench::now_ms() - t0);
    if (!ctx.wasm) {  // the JSON text of a million activities is too big for the WASM bench's heap
        std::string dj = snapshot_tables_to_json(s, {"contacts", "activities", "tasks", "deals"}).dump();
        ctx.report("snapshot_detail_json_bytes", double(dj.size()));
        Store t2 = loaded;
        t0 = bench::now_ms();
        add_snapshot_tables(json::parse(dj), t2);
        ctx.report("snapshot_detail_json_load" + p + "_ms", bench::now_ms() - t0);
    }
}
