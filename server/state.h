// Everything a request handler needs, built once in main and shared by all handler threads.
#pragma once
#include <functional>
#include <memory>
#include "rate_limit.h"
#include "config.h"
#include "pokes.h"
#include "storage.h"
#include "tenants.h"

namespace fc::server {

struct ServerState {
    Config config;
    std::unique_ptr<Database> db;
    Tenants tenants;
    std::function<Time()> now;   // server wall clock, seconds
    RateLimiter capture_limit;
    RateLimiter login_account_limit;  // failed sign-ins per tenant + user
    RateLimiter login_address_limit;  // failed sign-ins per client address
    PokeHub pokes;          // open /api/v1/events streams
    std::string origin;     // this process, in change notices (random at start)
    // Asks the rules scheduler for a pass now (a captured lead is routed at once); set by
    // main, empty when scheduled rules are off.
    std::function<void()> run_rules_soon;
};

}  // namespace fc::server
