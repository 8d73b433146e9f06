// Data for the UI tests: the tiny demo network, and a synthetic store of any number of leads
// with unique, predictable account names (for scrolling to the very last row).
#pragma once
#include <doctest/doctest.h>
#include <cstdio>
#include "app.h"
#include "demo_data.h"
#include "snapshot.h"

namespace fc::test {

constexpr Time kNow = 1790000000;

inline ui::AppState loaded_demo_app(std::uint64_t seed = 3) {
    ui::AppState app;
    app.now = kNow;
    Store s = generate_demo(demo_size_tiny(), seed, kNow);
    REQUIRE_FALSE(ui::load_app_data(app, snapshot_to_json(s).dump()).has_value());
    return app;
}

// `n` accounts "Account 000000".., one lead each with scores spread over 0..99.
inline Store synthetic_leads(int n) {
    Store s;
    s.dealers.put(Dealer{"D1", "Autohaus Test", "Europe/Berlin"});
    s.users.put(User{"U1", "D1", "Rita Rep", "rep"});
    s.categories.put(ProductCategory{"vans", "Vans"});
    s.accounts.reserve(size_t(n));
    s.leads.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "Account %06d", i);
        Account a;
        a.id = "A" + std::to_string(i);
        a.dealer_id = "D1";
        a.name = name;
        s.accounts.put(a);
        Lead l;
        l.id = "L" + std::to_string(i);
        l.account_id = a.id;
        l.product_category = "vans";
        l.dealer_id = "D1";
        l.owner = "U1";
        l.created_at = kNow - i;
        l.score = double((i * 37) % 100);
        s.leads.put(l);
    }
    return s;
}

}  // namespace fc::test
