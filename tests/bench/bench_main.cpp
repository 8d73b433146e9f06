// Runs the registered core benchmarks and prints their metrics as one JSON object on stdout.
// Usage: fc_core_bench [name-filter]   (WASM: node --no-experimental-fetch fc_core_bench.js)
#include <cstdio>
#include <nlohmann/json.hpp>
#include "bench.h"

namespace fc::bench {
std::vector<std::pair<std::string, BenchFn>>& registry() {
    static std::vector<std::pair<std::string, BenchFn>> r;
    return r;
}
}  // namespace fc::bench

int main(int argc, char** argv) {
    fc::bench::Metrics metrics;
#ifdef __EMSCRIPTEN__
    bool wasm = true;
#else
    bool wasm = false;
#endif
    fc::bench::Context ctx{wasm, argc > 1 ? argv[1] : "", &metrics};
    for (auto& [name, fn] : fc::bench::registry()) {
        if (!ctx.only.empty() && name.find(ctx.only) == std::string::npos) continue;
        std::fprintf(stderr, "bench: %s\n", name.c_str());
        fn(ctx);
    }
    std::printf("%s\n", nlohmann::json(metrics).dump(1).c_str());
    return 0;
}
