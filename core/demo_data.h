// A deterministic generator of realistic dealer-network data: dealers and their reps, accounts
// with contacts (names in many scripts), campaigns, months of activities, the leads they made,
// and open follow-up tasks. The same seed and size give the same data on every platform.
#pragma once
#include <cstdint>
#include "store.h"

namespace fc {

struct DemoSize {
    int dealers;
    int reps_per_dealer;
    int accounts;
    int activities;
    int campaigns;
};

DemoSize demo_size_dealer();   // a dealer group: ~5k leads
DemoSize demo_size_network();  // a manufacturer's network: 100k accounts, 1M activities
DemoSize demo_size_tiny();     // for tests: a few hundred records

// `now` is the end of the generated history; activities span the 180 days before it.
Store generate_demo(const DemoSize& size, std::uint64_t seed, Time now);

}  // namespace fc
