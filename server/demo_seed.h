// Demo tenants for `--demo`: "network-a" at the chosen size and "network-b" (tiny, another
// seed, the same record ids) so tenant isolation can be seen and tested. Every demo user signs
// in with kDemoPassword; capture keys "demo-a-d1" and "demo-b-d1" post leads to dealer D1.
#pragma once
#include "demo_data.h"
#include "storage.h"

namespace fc::server {

constexpr const char* kDemoPassword = "forecourt-demo";
constexpr const char* kDemoTenant = "network-a";
constexpr const char* kDemoTenantB = "network-b";

// Does nothing when the demo tenants exist already.
MaybeError seed_demo(Conn& c, const DemoSize& size, std::uint64_t seed, Time now);

}  // namespace fc::server
