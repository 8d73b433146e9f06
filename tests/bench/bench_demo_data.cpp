#include "bench.h"
#include "demo_data.h"

FC_BENCH("demo_data") {
    double ms = fc::bench::median_ms(3, [] {
        fc::generate_demo(fc::demo_size_dealer(), 1, 1790000000);
    });
    ctx.report(ctx.wasm ? "demo_dealer_generate_wasm_ms" : "demo_dealer_generate_native_ms", ms);
}
