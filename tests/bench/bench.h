// A tiny benchmark registry shared by the native and the WASM core benchmark binaries.
// Each bench file registers functions with FC_BENCH; a function measures and reports named
// metrics (the names scripts/bench.sh writes to build/bench.json).
#pragma once
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace fc::bench {

using Metrics = std::map<std::string, double>;

struct Context {
    bool wasm;             // true in the WASM build: metrics get the platform suffix they need
    std::string only;      // run only benches whose name contains this (empty: all)
    Metrics* out;
    void report(const std::string& metric, double value) { (*out)[metric] = value; }
};

using BenchFn = std::function<void(Context&)>;
std::vector<std::pair<std::string, BenchFn>>& registry();

struct Register {
    Register(const char* name, BenchFn fn) { registry().emplace_back(name, std::move(fn)); }
};

inline double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Median of `runs` timings of fn, in milliseconds.
template <class Fn>
double median_ms(int runs, Fn&& fn) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        double t0 = now_ms();
        fn();
        t.push_back(now_ms() - t0);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace fc::bench

#define FC_BENCH_CAT2(a, b) a##b
#define FC_BENCH_CAT(a, b) FC_BENCH_CAT2(a, b)
#define FC_BENCH(name)                                                              \
    static void FC_BENCH_CAT(fc_bench_fn_, __LINE__)(fc::bench::Context & ctx);     \
    static fc::bench::Register FC_BENCH_CAT(fc_bench_reg_, __LINE__)(              \
        name, FC_BENCH_CAT(fc_bench_fn_, __LINE__));                               \
    static void FC_BENCH_CAT(fc_bench_fn_, __LINE__)(fc::bench::Context & ctx)
